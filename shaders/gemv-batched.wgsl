// Y = W·X for a batch of B vectors (the decode-batching experiment): W (M × K) is staged tile by tile in
// workgroup memory, read from global memory once, and used there for all B columns, so FLOP grow with B
// while W's bytes do not: arithmetic intensity ≈ B·2/sizeof(Elem) FLOP/byte until X and Y matter.
// Invocation = (kLane, rowLane, colLane): K_LANES split each K tile (parallelism at small B, summed at the
// end), ROW_LANES × ROWS_PER_INVOCATION rows and COL_LANES × COLS_PER_INVOCATION batch columns per
// workgroup, each invocation accumulating a ROWS × COLS register block in f32.
// Bytes = (M·K + B·K)·sizeof(Elem) + 4·M·B; FLOP = 2·M·K·B.

alias Elem = f32;

// WG_SIZE = K_LANES · ROW_LANES · COL_LANES.
override WG_SIZE: u32 = 128;
override K_LANES: u32 = 1;
override ROW_LANES: u32 = 4;
override COL_LANES: u32 = 32;
override ROWS_PER_INVOCATION: u32 = 1;
override COLS_PER_INVOCATION: u32 = 1;
// Padded K / 4, a multiple of 4·K_LANES (one tile = 16 K per k-lane).
override K_VEC4: u32 = 16;
// Padded M, a multiple of the tile's rows; Y stores M_PAD rows per batch column.
override M_PAD: u32 = 4;
override TILE_ROWS: u32 = 4;
// TILE_ROWS · K_LANES · TILE_STRIDE.
override TILE_VEC4: u32 = 20;
// WG_SIZE · ROWS_PER_INVOCATION · COLS_PER_INVOCATION when K_LANES > 1 (partial sums to add), else 1.
override PARTIALS: u32 = 1;

const MAX_ACC = 32u;
const MAX_COLS = 8u;
// 5 vec4 per (row, k-lane) slot instead of 4: neighbouring lanes then start 80 bytes apart, which spreads
// their vec4 reads over all workgroup-memory banks (a 64-byte stride maps four lanes to the same banks).
const TILE_STRIDE = 5u;

@group(0) @binding(0) var<storage, read> weights: array<vec4<Elem>>;
// Batch-major: column b (one token's activations) is K_VEC4 contiguous vec4.
@group(0) @binding(1) var<storage, read> xs: array<vec4<Elem>>;
@group(0) @binding(2) var<storage, read_write> ys: array<f32>;

var<workgroup> wTile: array<vec4<Elem>, TILE_VEC4>;
var<workgroup> lanePartials: array<f32, PARTIALS>;

@compute @workgroup_size(WG_SIZE)
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let colLane = lid % COL_LANES;
  let rowLane = (lid / COL_LANES) % ROW_LANES;
  let kLane = lid / (COL_LANES * ROW_LANES);
  let tileRow0 = (wid.x + wid.y * nwg.x) * TILE_ROWS;
  if (tileRow0 >= M_PAD) {
    return;
  }
  let tileK4 = 4u * K_LANES;
  var acc: array<f32, MAX_ACC>;
  var xv: array<vec4<f32>, MAX_COLS>;
  for (var k0 = 0u; k0 < K_VEC4; k0 += tileK4) {
    for (var i = lid; i < TILE_ROWS * tileK4; i += WG_SIZE) {
      let r = i / tileK4;
      let rest = i % tileK4;
      wTile[(r * K_LANES + rest / 4u) * TILE_STRIDE + rest % 4u] = weights[(tileRow0 + r) * K_VEC4 + k0 + rest];
    }
    workgroupBarrier();
    for (var q = 0u; q < 4u; q++) {
      let k = k0 + kLane * 4u + q;
      for (var j = 0u; j < COLS_PER_INVOCATION; j++) {
        xv[j] = vec4<f32>(xs[(colLane + j * COL_LANES) * K_VEC4 + k]);
      }
      for (var i = 0u; i < ROWS_PER_INVOCATION; i++) {
        let w = vec4<f32>(wTile[((rowLane + i * ROW_LANES) * K_LANES + kLane) * TILE_STRIDE + q]);
        for (var j = 0u; j < COLS_PER_INVOCATION; j++) {
          acc[i * COLS_PER_INVOCATION + j] += dot(w, xv[j]);
        }
      }
    }
    workgroupBarrier();
  }
  let accCount = ROWS_PER_INVOCATION * COLS_PER_INVOCATION;
  if (K_LANES > 1u) {
    // One exchange for all accumulators: a barrier inside a loop costs SwiftShader seconds of compile time.
    for (var a = 0u; a < accCount; a++) {
      lanePartials[a * WG_SIZE + lid] = acc[a];
    }
    workgroupBarrier();
    if (kLane == 0u) {
      for (var a = 0u; a < accCount; a++) {
        for (var lane = 1u; lane < K_LANES; lane++) {
          acc[a] += lanePartials[a * WG_SIZE + lid + lane * COL_LANES * ROW_LANES];
        }
      }
    }
  }
  if (kLane == 0u) {
    for (var a = 0u; a < accCount; a++) {
      let row = tileRow0 + rowLane + (a / COLS_PER_INVOCATION) * ROW_LANES;
      let col = colLane + (a % COLS_PER_INVOCATION) * COL_LANES;
      ys[col * M_PAD + row] = acc[a];
    }
  }
}
