// Y = W·X for a batch of B ≥ 5 vectors (the decode-batching sweep above the few columns gemv.wgsl takes),
// tiled like a GEMM so the sweep can climb from the memory roof to the compute roof. A workgroup of
// COL_THREADS × ROW_THREADS invocations computes a TILE_M × TILE_B block of Y (TILE_M = ROW_THREADS · RM,
// TILE_B = COL_THREADS · RB) over its share of K: with SPLIT_K > 1 (split-K, issue 22) the K range is cut
// into SPLIT_K slices, one per workgroup along z, so a batch whose tiles alone would leave most of a large
// GPU idle (64 workgroups at B = 8–16 for an H100's 132 SMs) still puts ≥ 2 workgroups on every SM; each
// slice writes its partial sums and the `reduce` entry point, dispatched right after, adds them into Y.
// Per step of 32 K (8 vec4) it stages a TILE_M × 32 slice of W and a TILE_B × 32 slice of X in workgroup
// memory, K-contiguous as they lie in memory; the next step's slices are loaded into registers before the
// current one is computed (prefetch), and the staging is double-buffered, so a step costs one barrier.
// Each invocation accumulates an RM × RB block of dot products in f32 (4 K per vec4 dot).
// Rows are padded to a stride of 9 vec4 (8 + 1): neighbouring rows start 144 bytes apart, so a phase of 8
// vec4 reads spreads over all workgroup-memory banks.
// Bytes = (M·K + B·K)·sizeof(Elem) + 4·M·B; FLOP = 2·M·K·B (the partial sums' traffic is the kernel's own
// cost, not counted; with split-K a dispatch launches twice, which the overhead correction counts).

alias Elem = f32;

override COL_THREADS: u32 = 8;
override ROW_THREADS: u32 = 16;
// Rows and batch columns per invocation (≤ 4 each).
override RM: u32 = 2;
override RB: u32 = 1;
// Padded K / 4 (a multiple of 8 · SPLIT_K), padded M (Y's column stride).
override K_VEC4: u32 = 8;
override M_PAD: u32 = 32;
// K slices (workgroups along z); 1: write Y directly.
override SPLIT_K: u32 = 1;
// Elements of Y (padded B × padded M): the stride between slices of `partials`.
override OUT_COUNT: u32 = 1;

const STEP_VEC4 = 8u;
const TILE_STRIDE = 9u;
const MAX_LOADS = 8u;

@group(0) @binding(0) var<storage, read> weights: array<vec4<Elem>>;
// Batch-major: column b (one token's activations) is K_VEC4 contiguous vec4.
@group(0) @binding(1) var<storage, read> xs: array<vec4<Elem>>;
@group(0) @binding(2) var<storage, read_write> ys: array<f32>;
// partials[z · OUT_COUNT + b · M_PAD + m]: slice z's sums (split-K only).
@group(0) @binding(3) var<storage, read_write> partials: array<f32>;

// Two stages of each slice (double buffering).
var<workgroup> wTile: array<vec4<Elem>, 2u * ROW_THREADS * RM * TILE_STRIDE>;
var<workgroup> xTile: array<vec4<Elem>, 2u * COL_THREADS * RB * TILE_STRIDE>;

// Derived from the overrides above (never set by the plan): rows and columns of the tile, vec4 per slice.
override TILE_M: u32 = ROW_THREADS * RM;
override TILE_B: u32 = COL_THREADS * RB;

alias Staged = array<vec4<Elem>, MAX_LOADS>;

// The step at vec4 column k of the tile at (row0, col0): its W and X slices into registers.
fn loadSlices(k: u32, lid: u32, row0: u32, col0: u32, wNext: ptr<function, Staged>, xNext: ptr<function, Staged>) {
  let invocations = COL_THREADS * ROW_THREADS;
  for (var j = 0u; j < MAX_LOADS; j++) {
    let i = lid + j * invocations;
    if (i < TILE_M * STEP_VEC4) {
      (*wNext)[j] = weights[(row0 + i / STEP_VEC4) * K_VEC4 + k + i % STEP_VEC4];
    }
    if (i < TILE_B * STEP_VEC4) {
      (*xNext)[j] = xs[(col0 + i / STEP_VEC4) * K_VEC4 + k + i % STEP_VEC4];
    }
  }
}

// The registers into stage `stage` of the workgroup slices.
fn storeSlices(stage: u32, lid: u32, wNext: ptr<function, Staged>, xNext: ptr<function, Staged>) {
  let invocations = COL_THREADS * ROW_THREADS;
  for (var j = 0u; j < MAX_LOADS; j++) {
    let i = lid + j * invocations;
    if (i < TILE_M * STEP_VEC4) {
      wTile[stage * TILE_M * TILE_STRIDE + (i / STEP_VEC4) * TILE_STRIDE + i % STEP_VEC4] = (*wNext)[j];
    }
    if (i < TILE_B * STEP_VEC4) {
      xTile[stage * TILE_B * TILE_STRIDE + (i / STEP_VEC4) * TILE_STRIDE + i % STEP_VEC4] = (*xNext)[j];
    }
  }
}

@compute @workgroup_size(COL_THREADS, ROW_THREADS)
fn main(
  @builtin(local_invocation_id) local: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
) {
  let row0 = wid.y * TILE_M;
  let col0 = wid.x * TILE_B;
  let sliceVec4 = K_VEC4 / SPLIT_K;
  let kBegin = wid.z * sliceVec4;
  var wNext: Staged;
  var xNext: Staged;
  // Step 0's slices, through registers into stage 0.
  loadSlices(kBegin, lid, row0, col0, &wNext, &xNext);
  storeSlices(0u, lid, &wNext, &xNext);
  workgroupBarrier();

  // acc[r][c]: row local.y + r · ROW_THREADS, column local.x + c · COL_THREADS.
  var acc: array<vec4<f32>, 4>;
  var stage = 0u;
  for (var k4 = 0u; k4 < sliceVec4; k4 += STEP_VEC4) {
    let more = k4 + STEP_VEC4 < sliceVec4;
    if (more) {
      loadSlices(kBegin + k4 + STEP_VEC4, lid, row0, col0, &wNext, &xNext);
    }
    let wBase = stage * TILE_M * TILE_STRIDE;
    let xBase = stage * TILE_B * TILE_STRIDE;
    for (var q = 0u; q < STEP_VEC4; q++) {
      var xv: array<vec4<f32>, 4>;
      for (var c = 0u; c < RB; c++) {
        xv[c] = vec4<f32>(xTile[xBase + (local.x + c * COL_THREADS) * TILE_STRIDE + q]);
      }
      for (var r = 0u; r < RM; r++) {
        let w = vec4<f32>(wTile[wBase + (local.y + r * ROW_THREADS) * TILE_STRIDE + q]);
        for (var c = 0u; c < RB; c++) {
          acc[r][c] += dot(w, xv[c]);
        }
      }
    }
    if (more) {
      // The other stage: nobody reads it until the barrier below, and everybody finished reading it (the
      // step before) at the last barrier.
      stage = 1u - stage;
      storeSlices(stage, lid, &wNext, &xNext);
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < RM; r++) {
    for (var c = 0u; c < RB; c++) {
      let at = (col0 + local.x + c * COL_THREADS) * M_PAD + row0 + local.y + r * ROW_THREADS;
      if (SPLIT_K == 1u) {
        ys[at] = acc[r][c];
      } else {
        partials[wid.z * OUT_COUNT + at] = acc[r][c];
      }
    }
  }
}

// The split-K reduction: Y = Σ over the SPLIT_K slices of their partial sums, one output an invocation.
override REDUCE_SPLIT_K: u32 = 2;
override REDUCE_COUNT: u32 = 1;

@compute @workgroup_size(64)
fn reduce(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
          @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x + wid.y * nwg.x) * 64u + lid;
  if (i >= REDUCE_COUNT) {
    return;
  }
  var sum = 0.0;
  for (var z = 0u; z < REDUCE_SPLIT_K; z++) {
    sum += partials[z * REDUCE_COUNT + i];
  }
  ys[i] = sum;
}
