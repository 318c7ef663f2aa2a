// Memory roof, read + write: a grid-stride vec4<f32> copy. Bytes = 32·N_VEC4 (16 read + 16 written).

override WG_SIZE: u32 = 128;
override N_VEC4: u32 = 4096;

@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<f32>>;

@compute @workgroup_size(WG_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let stride = nwg.x * WG_SIZE;
  // Four loads issued before their stores, then the remainder one at a time.
  var i = gid.x;
  for (; i + 3u * stride < N_VEC4; i += 4u * stride) {
    let v0 = src[i];
    let v1 = src[i + stride];
    let v2 = src[i + 2u * stride];
    let v3 = src[i + 3u * stride];
    dst[i] = v0;
    dst[i + stride] = v1;
    dst[i + 2u * stride] = v2;
    dst[i + 3u * stride] = v3;
  }
  for (; i < N_VEC4; i += stride) {
    dst[i] = src[i];
  }
}
