// y = W·x for W in f32 or f16 (Elem; src/kernels/wgsl.ts specialiseElement), accumulated in f32.
// K-parallel: one workgroup per row, its invocations stride over the row in vec4 loads, then workgroupSum
// (linked from reduce-subgroup.wgsl or reduce-workgroup.wgsl) adds the partial sums.
// Bytes = (M·K + K)·sizeof(Elem) + 4·M; FLOP = 2·M·K. Memory-bound: AI ≈ 0.5 (f32) or 1 (f16) FLOP/byte.

alias Elem = f32;

override WG_SIZE: u32 = 128;
override ROWS: u32 = 1;
// Padded K / 4 (the plan pads K with zeros to a multiple of 4).
override K_VEC4: u32 = 1;

@group(0) @binding(0) var<storage, read> weights: array<vec4<Elem>>;
@group(0) @binding(1) var<storage, read> x: array<vec4<Elem>>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG_SIZE)
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  // Rows beyond the 65535-per-dimension limit spill into y.
  let row = wid.x + wid.y * nwg.x;
  if (row >= ROWS) {
    return;
  }
  let base = row * K_VEC4;
  // Four independent row loads in flight per step, then the remainder.
  var k = lid;
  var acc0 = 0.0;
  var acc1 = 0.0;
  var acc2 = 0.0;
  var acc3 = 0.0;
  for (; k + 3u * WG_SIZE < K_VEC4; k += 4u * WG_SIZE) {
    acc0 += dot(vec4<f32>(weights[base + k]), vec4<f32>(x[k]));
    acc1 += dot(vec4<f32>(weights[base + k + WG_SIZE]), vec4<f32>(x[k + WG_SIZE]));
    acc2 += dot(vec4<f32>(weights[base + k + 2u * WG_SIZE]), vec4<f32>(x[k + 2u * WG_SIZE]));
    acc3 += dot(vec4<f32>(weights[base + k + 3u * WG_SIZE]), vec4<f32>(x[k + 3u * WG_SIZE]));
  }
  for (; k < K_VEC4; k += WG_SIZE) {
    acc0 += dot(vec4<f32>(weights[base + k]), vec4<f32>(x[k]));
  }
  let total = workgroupSum((acc0 + acc1) + (acc2 + acc3), lid);
  if (lid == 0u) {
    y[row] = total;
  }
}
