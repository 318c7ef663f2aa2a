// Memory roof, read side: workgroup w sums the contiguous block of vec4<f32> [w·BLOCK_VEC4, (w+1)·BLOCK_VEC4)
// (its invocations stride through the block, so neighbours read neighbouring vec4s) and stores the block's
// total, so the loads cannot be dead-code eliminated. Contiguous blocks make each partial sum independent of
// the workgroup size: every variant is checked against the same CPU reference. The workgroup's sum comes
// from the linked reduction library (one barrier with subgroups). Bytes = 16·N_VEC4 read (+4 per workgroup).

override WG_SIZE: u32 = 128;
// Number of vec4<f32> elements (the buffer may be padded beyond it).
override N_VEC4: u32 = 4096;
override BLOCK_VEC4: u32 = 2048;

@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> partials: array<f32>;

@compute @workgroup_size(WG_SIZE)
fn main(inv: Invocation, @builtin(workgroup_id) wid: vec3<u32>) {
  let end = min((wid.x + 1u) * BLOCK_VEC4, N_VEC4);
  // Four independent loads in flight per invocation per step (not left to the driver's unroller), then the
  // remainder one at a time.
  var i = wid.x * BLOCK_VEC4 + inv.lid;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (; i + 3u * WG_SIZE < end; i += 4u * WG_SIZE) {
    acc0 += src[i];
    acc1 += src[i + WG_SIZE];
    acc2 += src[i + 2u * WG_SIZE];
    acc3 += src[i + 3u * WG_SIZE];
  }
  for (; i < end; i += WG_SIZE) {
    acc0 += src[i];
  }
  let total = workgroupSum4((acc0 + acc1) + (acc2 + acc3), inv, 0u);
  if (inv.lid == 0u) {
    partials[wid.x] = (total.x + total.y) + (total.z + total.w);
  }
}
