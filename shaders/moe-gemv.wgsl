// MoE decode step: B tokens each routed to k of E experts; y[token, slot] = W[expert]·x[token] for every
// (token, slot). Workgroups run over (row, touched expert) only, so the weights of experts no token chose are
// never read: bytes ≈ U·M·K·4 for U unique experts touched (expected E·(1 − (1 − k/E)^B)).
// Each workgroup loads its row of its expert from memory once, into registers (K_VEC4 / WG_SIZE vec4 per
// invocation, at most 8: the plan checks K), and applies it to every token routed to that expert, four at a
// time: four dot products travel as one vec4 through one workgroupSum4 (the linked reduction library), so a
// row costs one read and one reduction per four tokens (it was a re-read and two barriers per token).
// FLOP = 2·B·k·M·K.

override WG_SIZE: u32 = 128;
override ROWS: u32 = 1;
override K_VEC4: u32 = 1;
override TOUCHED: u32 = 1;
override TOP_K: u32 = 1;

const MAX_ROW_VEC4 = 8u;

// weights[e · ROWS · K_VEC4 + row · K_VEC4 + k]: all E experts are resident, as in a serving engine.
@group(0) @binding(0) var<storage, read> weights: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> x: array<vec4<f32>>;
// One buffer (compatibility mode guarantees only 4 storage buffers per stage):
// routing[u] = expert id of touched expert u (u < TOUCHED); its assignments are
// routing[2·TOUCHED + 1 + i] for i in routing[TOUCHED + u] .. routing[TOUCHED + u + 1], each token · k + slot
// (also the output row of y).
@group(0) @binding(2) var<storage, read> routing: array<u32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG_SIZE)
fn main(inv: Invocation, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let flat = wid.x + wid.y * nwg.x;
  if (flat >= ROWS * TOUCHED) {
    return;
  }
  let row = flat % ROWS;
  let u = flat / ROWS;
  let base = (routing[u] * ROWS + row) * K_VEC4;
  let perInvocation = (K_VEC4 + WG_SIZE - 1u) / WG_SIZE;
  var w: array<vec4<f32>, MAX_ROW_VEC4>;
  for (var j = 0u; j < perInvocation; j++) {
    let k = inv.lid + j * WG_SIZE;
    w[j] = select(vec4<f32>(0.0), weights[base + min(k, K_VEC4 - 1u)], k < K_VEC4);
  }
  let first = routing[TOUCHED + u];
  let last = routing[TOUCHED + u + 1u];
  var parity = 0u;
  for (var i = first; i < last; i += 4u) {
    var acc = vec4<f32>(0.0);
    for (var t = 0u; t < 4u; t++) {
      // Past the last assignment: repeat it (its sum is discarded).
      let token = routing[2u * TOUCHED + 1u + min(i + t, last - 1u)] / TOP_K;
      var sum = 0.0;
      for (var j = 0u; j < perInvocation; j++) {
        let k = inv.lid + j * WG_SIZE;
        sum += dot(w[j], x[token * K_VEC4 + min(k, K_VEC4 - 1u)]);
      }
      acc[t] = sum;
    }
    let total = workgroupSum4(acc, inv, parity);
    parity ^= 1u;
    if (inv.lid == 0u) {
      for (var t = 0u; t < 4u; t++) {
        if (i + t < last) {
          y[routing[2u * TOUCHED + 1u + i + t] * ROWS + row] = total[t];
        }
      }
    }
  }
}
