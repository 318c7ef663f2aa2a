// Memory roof, read + write: a grid-stride vec4<f32> copy. Bytes = 32·N_VEC4 (16 read + 16 written).

override WG_SIZE: u32 = 128;
override N_VEC4: u32 = 4096;

@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<f32>>;

@compute @workgroup_size(WG_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let stride = nwg.x * WG_SIZE;
  for (var i = gid.x; i < N_VEC4; i += stride) {
    dst[i] = src[i];
  }
}
