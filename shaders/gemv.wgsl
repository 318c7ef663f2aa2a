// y = W·x for W in f32 or f16 (Elem; src/kernels/wgsl.ts specialiseElement), accumulated in f32, for one
// vector or a few (COLS ≤ 4: gemv-batched's small-batch path). K-parallel: a workgroup takes ROWS_PER_WG rows,
// its invocations stride over them in vec4 loads, each W vec4 read straight from memory once (no staging:
// every weight is used once per column) and each x vec4 loaded once for all the workgroup's rows; the
// ROWS_PER_WG × COLS partial sums (≤ 4) travel as one vec4 through one workgroupSum4 (linked from
// reduce-subgroup.wgsl or reduce-workgroup.wgsl). Four k steps per loop trip keep four rows' loads in flight.
// Bytes = (M·K + COLS·K)·sizeof(Elem) + 4·M·COLS; FLOP = 2·M·K·COLS. Memory-bound: AI ≈ 0.5·COLS (f32).

alias Elem = f32;

override WG_SIZE: u32 = 128;
// M, the rows of W.
override ROWS: u32 = 1;
// Padded K / 4 (the plan pads K with zeros to a multiple of 4).
override K_VEC4: u32 = 1;
// Vectors x (batch-major: column c is K_VEC4 contiguous vec4); ROWS_PER_WG · COLS ≤ 4.
override COLS: u32 = 1;
override ROWS_PER_WG: u32 = 1;
// y[c · Y_STRIDE + row].
override Y_STRIDE: u32 = 1;

@group(0) @binding(0) var<storage, read> weights: array<vec4<Elem>>;
@group(0) @binding(1) var<storage, read> x: array<vec4<Elem>>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

// Adds step k of every (row, column) pair to acc[r · COLS + c]; rows past the last repeat it (discarded).
fn accumulate(k: u32, row0: u32, acc: ptr<function, vec4<f32>>) {
  var xv: array<vec4<f32>, 4>;
  for (var c = 0u; c < COLS; c++) {
    xv[c] = vec4<f32>(x[c * K_VEC4 + k]);
  }
  for (var r = 0u; r < ROWS_PER_WG; r++) {
    let w = vec4<f32>(weights[min(row0 + r, ROWS - 1u) * K_VEC4 + k]);
    for (var c = 0u; c < COLS; c++) {
      (*acc)[r * COLS + c] += dot(w, xv[c]);
    }
  }
}

@compute @workgroup_size(WG_SIZE)
fn main(inv: Invocation, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  // Workgroups beyond the 65535-per-dimension limit spill into y.
  let row0 = (wid.x + wid.y * nwg.x) * ROWS_PER_WG;
  if (row0 >= ROWS) {
    return;
  }
  var acc = vec4<f32>(0.0);
  var k = inv.lid;
  for (; k + 3u * WG_SIZE < K_VEC4; k += 4u * WG_SIZE) {
    accumulate(k, row0, &acc);
    accumulate(k + WG_SIZE, row0, &acc);
    accumulate(k + 2u * WG_SIZE, row0, &acc);
    accumulate(k + 3u * WG_SIZE, row0, &acc);
  }
  for (; k < K_VEC4; k += WG_SIZE) {
    accumulate(k, row0, &acc);
  }
  let total = workgroupSum4(acc, inv, 0u);
  if (inv.lid == 0u) {
    for (var r = 0u; r < ROWS_PER_WG; r++) {
      if (row0 + r < ROWS) {
        for (var c = 0u; c < COLS; c++) {
          y[c * Y_STRIDE + row0 + r] = total[r * COLS + c];
        }
      }
    }
  }
}
