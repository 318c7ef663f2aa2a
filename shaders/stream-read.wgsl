// Memory roof, read side: every invocation sums a grid-stride slice of a vec4<f32> array and the workgroup's
// total is stored, so the loads cannot be dead-code eliminated. Bytes = 16·N_VEC4 read (+4 per workgroup).

override WG_SIZE: u32 = 128;
// Number of vec4<f32> elements (the buffer may be padded beyond it).
override N_VEC4: u32 = 4096;

@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> partials: array<f32>;

var<workgroup> scratch: array<f32, WG_SIZE>;

@compute @workgroup_size(WG_SIZE)
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let stride = nwg.x * WG_SIZE;
  // Four independent loads in flight per invocation per step (not left to the driver's unroller), then the
  // remainder one at a time.
  var i = wid.x * WG_SIZE + lid;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (; i + 3u * stride < N_VEC4; i += 4u * stride) {
    acc0 += src[i];
    acc1 += src[i + stride];
    acc2 += src[i + 2u * stride];
    acc3 += src[i + 3u * stride];
  }
  for (; i < N_VEC4; i += stride) {
    acc0 += src[i];
  }
  let acc = (acc0 + acc1) + (acc2 + acc3);
  scratch[lid] = acc.x + acc.y + acc.z + acc.w;
  workgroupBarrier();
  for (var s = WG_SIZE / 2u; s > 0u; s >>= 1u) {
    if (lid < s) {
      scratch[lid] += scratch[lid + s];
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    partials[wid.x] = scratch[0];
  }
}
