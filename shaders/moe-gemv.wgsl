// MoE decode step: B tokens each routed to k of E experts; y[token, slot] = W[expert]·x[token] for every
// (token, slot). Workgroups run over (row, touched expert) only, so the weights of experts no token chose are
// never read: bytes ≈ U·M·K·4 for U unique experts touched (expected E·(1 − (1 − k/E)^B)).
// Each workgroup reads one row of one expert (K-parallel, vec4 loads) and applies it to every token routed
// to that expert (the row slice stays in cache), reducing each dot product with the linked workgroupSum.
// FLOP = 2·B·k·M·K.

override WG_SIZE: u32 = 128;
override ROWS: u32 = 1;
override K_VEC4: u32 = 1;
override TOUCHED: u32 = 1;

// weights[e · ROWS · K_VEC4 + row · K_VEC4 + k]: all E experts are resident, as in a serving engine.
@group(0) @binding(0) var<storage, read> weights: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> x: array<vec4<f32>>;
// One buffer (compatibility mode guarantees only 4 storage buffers per stage):
// routing[u] = expert id of touched expert u (u < TOUCHED); its assignments are
// routing[2·TOUCHED + 1 + i] for i in routing[TOUCHED + u] .. routing[TOUCHED + u + 1], each token · k + slot
// (also the output row of y).
@group(0) @binding(2) var<storage, read> routing: array<u32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

override TOP_K: u32 = 1;

@compute @workgroup_size(WG_SIZE)
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let flat = wid.x + wid.y * nwg.x;
  if (flat >= ROWS * TOUCHED) {
    return;
  }
  let row = flat % ROWS;
  let u = flat / ROWS;
  let base = (routing[u] * ROWS + row) * K_VEC4;
  for (var i = routing[TOUCHED + u]; i < routing[TOUCHED + u + 1u]; i++) {
    let assignment = routing[2u * TOUCHED + 1u + i];
    let token = assignment / TOP_K;
    var acc = 0.0;
    for (var k = lid; k < K_VEC4; k += WG_SIZE) {
      acc += dot(weights[base + k], x[token * K_VEC4 + k]);
    }
    let total = workgroupSum(acc, lid);
    if (lid == 0u) {
      y[assignment * ROWS + row] = total;
    }
  }
}
