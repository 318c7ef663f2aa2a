// C = A·B (row-major, M × K times K × N), Elem = f32 or f16 (src/kernels/wgsl.ts specialiseElement),
// accumulated in Elem so the f16 variant measures f16 arithmetic.
// A workgroup of COL_THREADS × ROW_THREADS invocations computes a TILE_M × TILE_N tile of C, each invocation
// an 8 × (4 · COL_VEC4) register block (8 × 4 at 64 × 64 with 128 invocations, the compatibility variant;
// 8 × 8 at 128 × 128 with 256, after siboehm's SGEMM kernels 9–10). Per step of TILE_K it stages a
// TILE_M × TILE_K slice of A and a TILE_K × TILE_N slice of B in workgroup memory as they lie in memory
// (A K-contiguous, B N-contiguous): one 16-byte store per loaded vec4 at consecutive addresses, so staging
// has no bank conflicts (staging A transposed took four scalar stores per vec4, 4-way conflicted). The next
// step's slices are loaded into registers before the current one is computed (prefetch), hiding global
// latency behind the FMAs. The inner loop takes 4 K at a time: one vec4 of A per row, four of B per column
// block. The plan pads M and N to the largest tile and K to TILE_K with zeros.
// FLOP = 2·M·N·K; bytes = (M·K + K·N + M·N)·sizeof(Elem) (each matrix once; tiles are re-read from cache).

alias Elem = f32;

override COL_THREADS: u32 = 16;
override ROW_THREADS: u32 = 8;
// vec4 columns per invocation: 1 (8 × 4 block) or 2 (8 × 8).
override COL_VEC4: u32 = 1;
// K per staged step, a multiple of 4.
override TILE_K: u32 = 16;
// Padded K / 4 and N / 4.
override K_VEC4: u32 = 4;
override N_VEC4: u32 = 16;

const ROWS_PER_THREAD = 8u;
// Staged vec4 per invocation and step, at most (the plan checks A_LOADS and B_LOADS fit).
const MAX_LOADS = 4u;

@group(0) @binding(0) var<storage, read> a: array<vec4<Elem>>;
@group(0) @binding(1) var<storage, read> b: array<vec4<Elem>>;
@group(0) @binding(2) var<storage, read_write> c: array<vec4<Elem>>;

// aTile[m · TILE_K/4 + kq] = A[row0 + m][k0 + 4kq ..]; bTile[k · TILE_N/4 + n4] = B[k0 + k][col0 + 4n4 ..].
var<workgroup> aTile: array<vec4<Elem>, ROW_THREADS * ROWS_PER_THREAD * (TILE_K / 4u)>;
var<workgroup> bTile: array<vec4<Elem>, TILE_K * COL_THREADS * COL_VEC4>;

@compute @workgroup_size(COL_THREADS, ROW_THREADS)
fn main(
  @builtin(local_invocation_id) local: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
) {
  let invocations = COL_THREADS * ROW_THREADS;
  let tileK4 = TILE_K / 4u;
  let tileN4 = COL_THREADS * COL_VEC4;
  let aCount = ROW_THREADS * ROWS_PER_THREAD * tileK4;
  let bCount = TILE_K * tileN4;
  let aLoads = aCount / invocations;
  let bLoads = bCount / invocations;
  let row0 = wid.y * ROW_THREADS * ROWS_PER_THREAD;
  let col4 = wid.x * tileN4;

  var aNext: array<vec4<Elem>, MAX_LOADS>;
  var bNext: array<vec4<Elem>, MAX_LOADS>;
  // acc[r · 2 + j]: row local.y + r · ROW_THREADS, vec4 column local.x + j · COL_THREADS.
  var acc: array<vec4<Elem>, 16>;

  // Step 0's slices, straight through registers into workgroup memory.
  for (var j = 0u; j < aLoads; j++) {
    let i = lid + j * invocations;
    aNext[j] = a[(row0 + i / tileK4) * K_VEC4 + i % tileK4];
  }
  for (var j = 0u; j < bLoads; j++) {
    let i = lid + j * invocations;
    bNext[j] = b[(i / tileN4) * N_VEC4 + col4 + i % tileN4];
  }
  for (var j = 0u; j < aLoads; j++) {
    aTile[lid + j * invocations] = aNext[j];
  }
  for (var j = 0u; j < bLoads; j++) {
    bTile[lid + j * invocations] = bNext[j];
  }
  workgroupBarrier();

  for (var k4 = 0u; k4 < K_VEC4; k4 += tileK4) {
    let more = k4 + tileK4 < K_VEC4;
    if (more) {
      for (var j = 0u; j < aLoads; j++) {
        let i = lid + j * invocations;
        aNext[j] = a[(row0 + i / tileK4) * K_VEC4 + k4 + tileK4 + i % tileK4];
      }
      for (var j = 0u; j < bLoads; j++) {
        let i = lid + j * invocations;
        bNext[j] = b[((k4 + tileK4) * 4u + i / tileN4) * N_VEC4 + col4 + i % tileN4];
      }
    }
    for (var kq = 0u; kq < tileK4; kq++) {
      var bv: array<vec4<Elem>, 8>;
      for (var q = 0u; q < 4u; q++) {
        for (var j = 0u; j < COL_VEC4; j++) {
          bv[q * 2u + j] = bTile[(kq * 4u + q) * tileN4 + local.x + j * COL_THREADS];
        }
      }
      for (var r = 0u; r < ROWS_PER_THREAD; r++) {
        let av = aTile[(local.y + r * ROW_THREADS) * tileK4 + kq];
        for (var j = 0u; j < COL_VEC4; j++) {
          var sum = acc[r * 2u + j];
          sum = fma(vec4<Elem>(av.x), bv[j], sum);
          sum = fma(vec4<Elem>(av.y), bv[2u + j], sum);
          sum = fma(vec4<Elem>(av.z), bv[4u + j], sum);
          sum = fma(vec4<Elem>(av.w), bv[6u + j], sum);
          acc[r * 2u + j] = sum;
        }
      }
    }
    workgroupBarrier();
    if (more) {
      for (var j = 0u; j < aLoads; j++) {
        aTile[lid + j * invocations] = aNext[j];
      }
      for (var j = 0u; j < bLoads; j++) {
        bTile[lid + j * invocations] = bNext[j];
      }
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < ROWS_PER_THREAD; r++) {
    for (var j = 0u; j < COL_VEC4; j++) {
      c[(row0 + local.y + r * ROW_THREADS) * N_VEC4 + col4 + local.x + j * COL_THREADS] = acc[r * 2u + j];
    }
  }
}
