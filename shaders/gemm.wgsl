// C = A·B (row-major, M × K times K × N), Elem = f32 or f16 (src/kernels/wgsl.ts specialiseElement),
// accumulated in Elem so the f16 variant measures f16 arithmetic.
// A workgroup of COL_THREADS × ROW_THREADS invocations computes a TILE_M × TILE_N tile of C, each invocation
// a (4 · ROW_VEC4) × (4 · COL_VEC4) register block: 4 × 4 at 32 × 32 with 64 invocations (the small-device
// variant, the peers' shape: tfjs and ONNX Runtime Web use 32 × 32 tiles with 4 × 4 a thread), 8 × 4 at
// 64 × 64 with 128, 8 × 8 at 128 × 128 with 256 (after siboehm's SGEMM kernels 6–10). Per step of TILE_K it
// stages a TILE_K × TILE_N slice of B as it lies in memory (one 16-byte store per vec4, conflict-free) and a
// TILE_M × TILE_K slice of A transposed (aT[k][m], four scalar stores per loaded vec4, rows padded by one
// vec4 so the stores are at most 2-way conflicted), so the inner loop reads A as vec4 along M: per k one
// vec4 per 4 rows and one per 4 columns feed a 4 × 4 outer product. That keeps the 8 × 8 block's registers
// near 110 a thread (64 accumulators, 8 + 8 operands, 16 prefetched, addresses; the A-as-stored layout
// needed ~125–130, one workgroup per SM). The next step's slices are loaded into registers before the
// current one is computed (prefetch). The plan pads M and N to the largest tile and K to TILE_K with zeros.
// FLOP = 2·M·N·K; bytes = (M·K + K·N + M·N)·sizeof(Elem) (each matrix once; tiles are re-read from cache).

alias Elem = f32;

override COL_THREADS: u32 = 8;
override ROW_THREADS: u32 = 8;
// vec4 columns and vec4 rows (4 rows each) per invocation: 1 or 2 each.
override COL_VEC4: u32 = 1;
override ROW_VEC4: u32 = 1;
// K per staged step, a multiple of 4.
override TILE_K: u32 = 16;
// Padded K / 4 and N / 4.
override K_VEC4: u32 = 4;
override N_VEC4: u32 = 8;

// Staged vec4 per invocation and step, at most (the plan checks the loads fit).
const MAX_LOADS = 4u;

@group(0) @binding(0) var<storage, read> a: array<vec4<Elem>>;
@group(0) @binding(1) var<storage, read> b: array<vec4<Elem>>;
@group(0) @binding(2) var<storage, read_write> c: array<vec4<Elem>>;

// aT[k · A_STRIDE + m4] = A[row0 + 4·m4 .. +3][k0 + k] (A_STRIDE = TILE_M / 4 + 1: one vec4 of padding);
// bTile[k · TILE_N/4 + n4] = B[k0 + k][col0 + 4·n4 .. +3].
var<workgroup> aT: array<vec4<Elem>, TILE_K * (ROW_THREADS * ROW_VEC4 + 1u)>;
var<workgroup> bTile: array<vec4<Elem>, TILE_K * COL_THREADS * COL_VEC4>;

@compute @workgroup_size(COL_THREADS, ROW_THREADS)
fn main(
  @builtin(local_invocation_id) local: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
) {
  let invocations = COL_THREADS * ROW_THREADS;
  let tileK4 = TILE_K / 4u;
  let tileM4 = ROW_THREADS * ROW_VEC4;
  let tileN4 = COL_THREADS * COL_VEC4;
  let aStride = tileM4 + 1u;
  let aCount = tileM4 * 4u * tileK4;
  let bCount = TILE_K * tileN4;
  let row0 = wid.y * tileM4 * 4u;
  let col4 = wid.x * tileN4;

  var aNext: array<vec4<Elem>, MAX_LOADS>;
  var bNext: array<vec4<Elem>, MAX_LOADS>;
  // acc[(r · 4 + i) · 2 + j]: row 4·(local.y + r·ROW_THREADS) + i, vec4 column local.x + j·COL_THREADS.
  var acc: array<vec4<Elem>, 16>;

  // Step 0's slices, through registers into workgroup memory.
  for (var j = 0u; j < MAX_LOADS; j++) {
    let i = lid + j * invocations;
    if (i < aCount) {
      aNext[j] = a[(row0 + i / tileK4) * K_VEC4 + i % tileK4];
    }
    if (i < bCount) {
      bNext[j] = b[(i / tileN4) * N_VEC4 + col4 + i % tileN4];
    }
  }
  for (var j = 0u; j < MAX_LOADS; j++) {
    let i = lid + j * invocations;
    if (i < aCount) {
      // row m = i / tileK4 holds K 4·(i % tileK4) .. +3: one scalar into each of four k rows of aT
      let m = i / tileK4;
      let k = 4u * (i % tileK4);
      let v = aNext[j];
      aT[k * aStride + m / 4u][m % 4u] = v.x;
      aT[(k + 1u) * aStride + m / 4u][m % 4u] = v.y;
      aT[(k + 2u) * aStride + m / 4u][m % 4u] = v.z;
      aT[(k + 3u) * aStride + m / 4u][m % 4u] = v.w;
    }
    if (i < bCount) {
      bTile[i] = bNext[j];
    }
  }
  workgroupBarrier();

  for (var k4 = 0u; k4 < K_VEC4; k4 += tileK4) {
    let more = k4 + tileK4 < K_VEC4;
    if (more) {
      for (var j = 0u; j < MAX_LOADS; j++) {
        let i = lid + j * invocations;
        if (i < aCount) {
          aNext[j] = a[(row0 + i / tileK4) * K_VEC4 + k4 + tileK4 + i % tileK4];
        }
        if (i < bCount) {
          bNext[j] = b[((k4 + tileK4) * 4u + i / tileN4) * N_VEC4 + col4 + i % tileN4];
        }
      }
    }
    for (var k = 0u; k < TILE_K; k++) {
      var av: array<vec4<Elem>, 2>;
      var bv: array<vec4<Elem>, 2>;
      for (var r = 0u; r < ROW_VEC4; r++) {
        av[r] = aT[k * aStride + local.y + r * ROW_THREADS];
      }
      for (var j = 0u; j < COL_VEC4; j++) {
        bv[j] = bTile[k * tileN4 + local.x + j * COL_THREADS];
      }
      for (var r = 0u; r < ROW_VEC4; r++) {
        for (var j = 0u; j < COL_VEC4; j++) {
          acc[(r * 4u) * 2u + j] = fma(vec4<Elem>(av[r].x), bv[j], acc[(r * 4u) * 2u + j]);
          acc[(r * 4u + 1u) * 2u + j] = fma(vec4<Elem>(av[r].y), bv[j], acc[(r * 4u + 1u) * 2u + j]);
          acc[(r * 4u + 2u) * 2u + j] = fma(vec4<Elem>(av[r].z), bv[j], acc[(r * 4u + 2u) * 2u + j]);
          acc[(r * 4u + 3u) * 2u + j] = fma(vec4<Elem>(av[r].w), bv[j], acc[(r * 4u + 3u) * 2u + j]);
        }
      }
    }
    workgroupBarrier();
    if (more) {
      for (var j = 0u; j < MAX_LOADS; j++) {
        let i = lid + j * invocations;
        if (i < aCount) {
          let m = i / tileK4;
          let k = 4u * (i % tileK4);
          let v = aNext[j];
          aT[k * aStride + m / 4u][m % 4u] = v.x;
          aT[(k + 1u) * aStride + m / 4u][m % 4u] = v.y;
          aT[(k + 2u) * aStride + m / 4u][m % 4u] = v.z;
          aT[(k + 3u) * aStride + m / 4u][m % 4u] = v.w;
        }
        if (i < bCount) {
          bTile[i] = bNext[j];
        }
      }
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < ROW_VEC4; r++) {
    for (var i = 0u; i < 4u; i++) {
      let row = row0 + 4u * (local.y + r * ROW_THREADS) + i;
      for (var j = 0u; j < COL_VEC4; j++) {
        c[row * N_VEC4 + col4 + local.x + j * COL_THREADS] = acc[(r * 4u + i) * 2u + j];
      }
    }
  }
}
