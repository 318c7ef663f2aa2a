// MoE decode step: B tokens each routed to k of E experts; y[token, slot] = W[expert]·x[token] for every
// (token, slot). Workgroups run over (row, touched expert) only, so the weights of experts no token chose are
// never read: bytes ≈ U·M·K·4 for U unique experts touched (expected E·(1 − (1 − k/E)^B)).
// Each workgroup takes ROWS_PER_WG = 4 rows of one touched expert, loads them from memory once, into
// registers (K_VEC4 / WG_SIZE vec4 a row per invocation, at most MAX_ROW_VEC4 for all four: the plan checks
// K), and applies them to every token routed to that expert: per token each invocation loads its share of
// x once and feeds all four rows with it (a workgroup of one row re-read x once per row: ~8× per weight
// byte at B = 128), and the four dot products travel as one vec4 through one workgroupSum4 (the linked
// reduction library). Rows past the expert's last repeat it (their sums are discarded).
// FLOP = 2·B·k·M·K.

override WG_SIZE: u32 = 128;
override ROWS: u32 = 1;
override K_VEC4: u32 = 1;
override TOUCHED: u32 = 1;
override TOP_K: u32 = 1;

const ROWS_PER_WG = 4u;
// vec4 of weights an invocation holds for its four rows at most.
const MAX_ROW_VEC4 = 16u;

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
  let rowBlocks = (ROWS + ROWS_PER_WG - 1u) / ROWS_PER_WG;
  let flat = wid.x + wid.y * nwg.x;
  if (flat >= rowBlocks * TOUCHED) {
    return;
  }
  let row0 = (flat % rowBlocks) * ROWS_PER_WG;
  let u = flat / rowBlocks;
  let perRow = (K_VEC4 + WG_SIZE - 1u) / WG_SIZE;
  // w[r · perRow + j]: row row0 + r, k = lid + j · WG_SIZE (zero past K).
  var w: array<vec4<f32>, MAX_ROW_VEC4>;
  for (var r = 0u; r < ROWS_PER_WG; r++) {
    let base = (routing[u] * ROWS + min(row0 + r, ROWS - 1u)) * K_VEC4;
    for (var j = 0u; j < perRow; j++) {
      let k = inv.lid + j * WG_SIZE;
      w[r * perRow + j] = select(vec4<f32>(0.0), weights[base + min(k, K_VEC4 - 1u)], k < K_VEC4);
    }
  }
  let first = routing[TOUCHED + u];
  let last = routing[TOUCHED + u + 1u];
  var parity = 0u;
  for (var i = first; i < last; i++) {
    let assignment = routing[2u * TOUCHED + 1u + i];
    let token = assignment / TOP_K;
    var acc = vec4<f32>(0.0);
    for (var j = 0u; j < perRow; j++) {
      let k = inv.lid + j * WG_SIZE;
      let xv = x[token * K_VEC4 + min(k, K_VEC4 - 1u)];
      acc += vec4<f32>(
        dot(w[j], xv),
        dot(w[perRow + j], xv),
        dot(w[2u * perRow + j], xv),
        dot(w[3u * perRow + j], xv),
      );
    }
    let total = workgroupSum4(acc, inv, parity);
    parity ^= 1u;
    if (inv.lid == 0u) {
      for (var r = 0u; r < ROWS_PER_WG; r++) {
        if (row0 + r < ROWS) {
          y[assignment * ROWS + row0 + r] = total[r];
        }
      }
    }
  }
}
