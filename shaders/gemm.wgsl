// C = A·B (row-major, M × K times K × N), Elem = f32 or f16 (src/kernels/wgsl.ts specialiseElement),
// accumulated in Elem so the f16 variant measures f16 arithmetic.
// A workgroup of COL_THREADS × ROW_THREADS invocations computes a TILE_M × TILE_N tile of C, each invocation
// a (4 · ROW_VEC4) × (4 · COL_VEC4) register block: 4 × 4 at 32 × 32 with 64 invocations (the small-device
// variant, the peers' shape: tfjs and ONNX Runtime Web use 32 × 32 tiles with 4 × 4 a thread), 8 × 4 at
// 64 × 64 with 128, 8 × 8 at 128 × 128 with 256 (after siboehm's SGEMM kernels 6–10). Per step of TILE_K it
// stages a TILE_K × TILE_N slice of B as it lies in memory (one 16-byte store per vec4, conflict-free) and a
// TILE_M × TILE_K slice of A transposed (aT[k][m]): an invocation loads a 4 × 4 block of A (four rows' vec4
// at one K offset; four neighbouring invocations read 64 contiguous bytes of each row), transposes it in
// registers and stores four vec4 (rows of aT padded by one vec4, so the stores are at most 2-way
// conflicted; whole vec4 stores, not scalar stores into vec4 components). The inner loop reads A as vec4
// along M: per k one vec4 per 4 rows and one per 4 columns feed a 4 × 4 outer product. That keeps the
// 8 × 8 block's registers near 114 a thread (64 accumulators, 8 + 8 operands, 24 prefetched, addresses;
// estimated: the A-as-stored layout needed ~125–130, one workgroup per SM). The next step's slices are
// loaded into registers before the current one is computed (prefetch). The plan pads M and N to the largest
// tile and K to TILE_K with zeros.
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

// Staged vec4 of B per invocation and step, at most (the plan checks the loads fit); A is one 4 × 4 block.
const MAX_LOADS = 4u;

@group(0) @binding(0) var<storage, read> a: array<vec4<Elem>>;
@group(0) @binding(1) var<storage, read> b: array<vec4<Elem>>;
@group(0) @binding(2) var<storage, read_write> c: array<vec4<Elem>>;

// aT[k · A_STRIDE + m4] = A[row0 + 4·m4 .. +3][k0 + k] (A_STRIDE = TILE_M / 4 + 1: one vec4 of padding);
// bTile[k · TILE_N/4 + n4] = B[k0 + k][col0 + 4·n4 .. +3].
var<workgroup> aT: array<vec4<Elem>, TILE_K * (ROW_THREADS * ROW_VEC4 + 1u)>;
var<workgroup> bTile: array<vec4<Elem>, TILE_K * COL_THREADS * COL_VEC4>;

// Derived from the overrides above (never set by the plan): vec4 of K a step, of M and N a tile, aT's row.
override TILE_K4: u32 = TILE_K / 4u;
override TILE_M4: u32 = ROW_THREADS * ROW_VEC4;
override TILE_N4: u32 = COL_THREADS * COL_VEC4;
override A_STRIDE: u32 = TILE_M4 + 1u;

alias Staged = array<vec4<Elem>, MAX_LOADS>;

// The K step starting at vec4 column k4 of the tile at (row0, col4): its A block (invocation lid's 4 × 4:
// rows 4·(lid / TILE_K4) …, vec4 column lid mod TILE_K4) and its B vec4 into registers.
fn loadSlices(k4: u32, lid: u32, row0: u32, col4: u32, aNext: ptr<function, Staged>, bNext: ptr<function, Staged>) {
  let invocations = COL_THREADS * ROW_THREADS;
  if (lid < TILE_M4 * TILE_K4) {
    let row = row0 + 4u * (lid / TILE_K4);
    let column = k4 + lid % TILE_K4;
    for (var r = 0u; r < 4u; r++) {
      (*aNext)[r] = a[(row + r) * K_VEC4 + column];
    }
  }
  for (var j = 0u; j < MAX_LOADS; j++) {
    let i = lid + j * invocations;
    if (i < TILE_K * TILE_N4) {
      (*bNext)[j] = b[(k4 * 4u + i / TILE_N4) * N_VEC4 + col4 + i % TILE_N4];
    }
  }
}

// The registers into workgroup memory: B as it lies, the A block transposed (four vec4 down four k rows).
fn storeSlices(lid: u32, aNext: ptr<function, Staged>, bNext: ptr<function, Staged>) {
  let invocations = COL_THREADS * ROW_THREADS;
  if (lid < TILE_M4 * TILE_K4) {
    let m4 = lid / TILE_K4;
    let k = 4u * (lid % TILE_K4);
    let r0 = (*aNext)[0];
    let r1 = (*aNext)[1];
    let r2 = (*aNext)[2];
    let r3 = (*aNext)[3];
    aT[k * A_STRIDE + m4] = vec4<Elem>(r0.x, r1.x, r2.x, r3.x);
    aT[(k + 1u) * A_STRIDE + m4] = vec4<Elem>(r0.y, r1.y, r2.y, r3.y);
    aT[(k + 2u) * A_STRIDE + m4] = vec4<Elem>(r0.z, r1.z, r2.z, r3.z);
    aT[(k + 3u) * A_STRIDE + m4] = vec4<Elem>(r0.w, r1.w, r2.w, r3.w);
  }
  for (var j = 0u; j < MAX_LOADS; j++) {
    let i = lid + j * invocations;
    if (i < TILE_K * TILE_N4) {
      bTile[i] = (*bNext)[j];
    }
  }
}

@compute @workgroup_size(COL_THREADS, ROW_THREADS)
fn main(
  @builtin(local_invocation_id) local: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
) {
  let row0 = wid.y * TILE_M4 * 4u;
  let col4 = wid.x * TILE_N4;
  var aNext: Staged;
  var bNext: Staged;
  // acc[(r · 4 + i) · 2 + j]: row 4·(local.y + r·ROW_THREADS) + i, vec4 column local.x + j·COL_THREADS.
  var acc: array<vec4<Elem>, 16>;

  // Step 0's slices, through registers into workgroup memory.
  loadSlices(0u, lid, row0, col4, &aNext, &bNext);
  storeSlices(lid, &aNext, &bNext);
  workgroupBarrier();

  for (var k4 = 0u; k4 < K_VEC4; k4 += TILE_K4) {
    let more = k4 + TILE_K4 < K_VEC4;
    if (more) {
      loadSlices(k4 + TILE_K4, lid, row0, col4, &aNext, &bNext);
    }
    for (var k = 0u; k < TILE_K; k++) {
      var av: array<vec4<Elem>, 2>;
      var bv: array<vec4<Elem>, 2>;
      for (var r = 0u; r < ROW_VEC4; r++) {
        av[r] = aT[k * A_STRIDE + local.y + r * ROW_THREADS];
      }
      for (var j = 0u; j < COL_VEC4; j++) {
        bv[j] = bTile[k * TILE_N4 + local.x + j * COL_THREADS];
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
      storeSlices(lid, &aNext, &bNext);
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
