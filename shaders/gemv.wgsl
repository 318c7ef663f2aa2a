// y = W·x for W in f32 or f16 (Elem; src/kernels/wgsl.ts specialiseElement), accumulated in f32, for one
// vector or a few (COLS ≤ 4: gemv-batched's small-batch path). K-parallel: a workgroup takes ROWS_PER_WG rows,
// its invocations stride over them in vec4 loads, each W vec4 read straight from memory once (no staging:
// every weight is used once per column) and each x vec4 loaded once for all the workgroup's rows; the
// ROWS_PER_WG × COLS partial sums (≤ 4) travel as one vec4 through one workgroupSum4 (linked from
// reduce-subgroup.wgsl or reduce-workgroup.wgsl). Four k steps per loop trip keep their loads in flight.
// Bytes = (M·K + COLS·K)·sizeof(Elem) + 4·M·COLS; FLOP = 2·M·K·COLS. Memory-bound: AI ≈ 0.5·COLS (f32).

alias Elem = f32;

override WG_SIZE: u32 = 128;
// M, the rows of W.
override ROWS: u32 = 1;
// Padded K / 4 (the plan pads K with zeros to a multiple of 4).
override K_VEC4: u32 = 1;
// Vectors x (batch-major: column c is K_VEC4 contiguous vec4) and rows a workgroup: 1 × 1–4, 2 × 2 or
// 4 × 1 (ROWS_PER_WG × COLS ≤ 4, src/kernels/gemv.ts rowsPerWorkgroupChoices).
override COLS: u32 = 1;
override ROWS_PER_WG: u32 = 1;
// y[c · Y_STRIDE + row].
override Y_STRIDE: u32 = 1;

@group(0) @binding(0) var<storage, read> weights: array<vec4<Elem>>;
@group(0) @binding(1) var<storage, read> x: array<vec4<Elem>>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

// The partial sums of k step `k` as one vec4, component r · COLS + c for row row0 + r and vector c (zero
// where there is none). The three shapes the plan uses (4 rows × 1 vector, 2 × 2, 1 row × up to 4) are
// written out: the branches test overrides, so the driver keeps one, and no vector is indexed dynamically.
// A row past the last repeats it (its sums are discarded).
fn step(k: u32, row0: u32) -> vec4<f32> {
  let w0 = vec4<f32>(weights[row0 * K_VEC4 + k]);
  let x0 = vec4<f32>(x[k]);
  if (ROWS_PER_WG == 4u) {
    let w1 = vec4<f32>(weights[min(row0 + 1u, ROWS - 1u) * K_VEC4 + k]);
    let w2 = vec4<f32>(weights[min(row0 + 2u, ROWS - 1u) * K_VEC4 + k]);
    let w3 = vec4<f32>(weights[min(row0 + 3u, ROWS - 1u) * K_VEC4 + k]);
    return vec4<f32>(dot(w0, x0), dot(w1, x0), dot(w2, x0), dot(w3, x0));
  }
  if (ROWS_PER_WG == 2u) {
    let w1 = vec4<f32>(weights[min(row0 + 1u, ROWS - 1u) * K_VEC4 + k]);
    let x1 = vec4<f32>(x[K_VEC4 + k]);
    return vec4<f32>(dot(w0, x0), dot(w0, x1), dot(w1, x0), dot(w1, x1));
  }
  var sums = vec4<f32>(dot(w0, x0), 0.0, 0.0, 0.0);
  if (COLS > 1u) {
    sums.y = dot(w0, vec4<f32>(x[K_VEC4 + k]));
  }
  if (COLS > 2u) {
    sums.z = dot(w0, vec4<f32>(x[2u * K_VEC4 + k]));
  }
  if (COLS > 3u) {
    sums.w = dot(w0, vec4<f32>(x[3u * K_VEC4 + k]));
  }
  return sums;
}

@compute @workgroup_size(WG_SIZE)
fn main(inv: Invocation, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  // Workgroups beyond the 65535-per-dimension limit spill into y.
  let row0 = (wid.x + wid.y * nwg.x) * ROWS_PER_WG;
  if (row0 >= ROWS) {
    return;
  }
  // Four k steps per trip, four independent sums: four steps' loads in flight.
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  var k = inv.lid;
  for (; k + 3u * WG_SIZE < K_VEC4; k += 4u * WG_SIZE) {
    acc0 += step(k, row0);
    acc1 += step(k + WG_SIZE, row0);
    acc2 += step(k + 2u * WG_SIZE, row0);
    acc3 += step(k + 3u * WG_SIZE, row0);
  }
  for (; k < K_VEC4; k += WG_SIZE) {
    acc0 += step(k, row0);
  }
  let total = workgroupSum4((acc0 + acc1) + (acc2 + acc3), inv, 0u);
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
