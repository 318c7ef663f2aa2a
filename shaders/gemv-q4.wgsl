// y = W·x with 4-bit weights: 8 per u32 (weight k in nibble k%8, low first), value (nibble − 8) · scale of its
// group of GROUP_CHUNKS·32 weights (32 or 64). One workgroup per row; each step an invocation loads one
// vec4<u32> (32 weights) and 8 vec4<f32> of x, then workgroupSum (linked reduction library) adds the partials.
// Bytes = M·K/2 + 4·M·K/group + 4·K + 4·M; FLOP = 2·M·K (the dequantising ops are not counted).

override WG_SIZE: u32 = 128;
override ROWS: u32 = 1;
// Padded K / 32 (the plan pads K to a multiple of the group size with weight 0 = nibble 8).
override K_CHUNKS: u32 = 1;
// 32-weight chunks per scale group: 1 (group 32) or 2 (group 64).
override GROUP_CHUNKS: u32 = 1;

@group(0) @binding(0) var<storage, read> packed: array<vec4<u32>>;
@group(0) @binding(1) var<storage, read> scales: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

// Σ (nibble_j − 8)·x_j over the 8 weights of one word.
fn dotWord(word: u32, xLow: vec4<f32>, xHigh: vec4<f32>) -> f32 {
  let w = vec4<u32>(word);
  let low = vec4<f32>((w >> vec4<u32>(0u, 4u, 8u, 12u)) & vec4<u32>(0xfu)) - vec4<f32>(8.0);
  let high = vec4<f32>((w >> vec4<u32>(16u, 20u, 24u, 28u)) & vec4<u32>(0xfu)) - vec4<f32>(8.0);
  return dot(low, xLow) + dot(high, xHigh);
}

@compute @workgroup_size(WG_SIZE)
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= ROWS) {
    return;
  }
  let groupsPerRow = K_CHUNKS / GROUP_CHUNKS;
  var acc = 0.0;
  for (var c = lid; c < K_CHUNKS; c += WG_SIZE) {
    let words = packed[row * K_CHUNKS + c];
    let xi = c * 8u;
    let partial = (dotWord(words.x, x[xi], x[xi + 1u]) + dotWord(words.y, x[xi + 2u], x[xi + 3u])) +
      (dotWord(words.z, x[xi + 4u], x[xi + 5u]) + dotWord(words.w, x[xi + 6u], x[xi + 7u]));
    acc += partial * scales[row * groupsPerRow + c / GROUP_CHUNKS];
  }
  let total = workgroupSum(acc, lid);
  if (lid == 0u) {
    y[row] = total;
  }
}
