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
  var acc = vec4<f32>(0.0);
  for (var i = wid.x * WG_SIZE + lid; i < N_VEC4; i += stride) {
    acc += src[i];
  }
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
