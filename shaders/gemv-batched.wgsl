// Y = W·X for a batch of B ≥ 5 vectors (the decode-batching sweep above the few columns gemv.wgsl takes),
// tiled like a GEMM so the sweep can climb from the memory roof to the compute roof. A workgroup of
// COL_THREADS × ROW_THREADS invocations computes a TILE_M × TILE_B block of Y (TILE_M = ROW_THREADS · RM,
// TILE_B = COL_THREADS · RB). Per step of 16 K it stages a TILE_M × 16 slice of W and a TILE_B × 16 slice of X
// in workgroup memory, both K-contiguous as they lie in memory (one 16-byte store per loaded vec4), so X is
// read from global memory once per workgroup per step instead of by every invocation inside the K loop;
// then each invocation accumulates an RM × RB block of dot products in f32 (4 K per vec4 dot).
// Rows are padded to a stride of 5 vec4: neighbouring rows then start 80 bytes apart, which spreads a
// phase of 8 vec4 reads over all workgroup-memory banks (a 64-byte stride maps four rows to the same banks).
// Bytes = (M·K + B·K)·sizeof(Elem) + 4·M·B; FLOP = 2·M·K·B.

alias Elem = f32;

override COL_THREADS: u32 = 16;
override ROW_THREADS: u32 = 8;
// Rows and batch columns per invocation (≤ 4 each).
override RM: u32 = 4;
override RB: u32 = 2;
// Padded K / 4 (a multiple of 4), padded M (Y's column stride).
override K_VEC4: u32 = 4;
override M_PAD: u32 = 32;

const TILE_STRIDE = 5u;

@group(0) @binding(0) var<storage, read> weights: array<vec4<Elem>>;
// Batch-major: column b (one token's activations) is K_VEC4 contiguous vec4.
@group(0) @binding(1) var<storage, read> xs: array<vec4<Elem>>;
@group(0) @binding(2) var<storage, read_write> ys: array<f32>;

var<workgroup> wTile: array<vec4<Elem>, ROW_THREADS * RM * TILE_STRIDE>;
var<workgroup> xTile: array<vec4<Elem>, COL_THREADS * RB * TILE_STRIDE>;

@compute @workgroup_size(COL_THREADS, ROW_THREADS)
fn main(
  @builtin(local_invocation_id) local: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
) {
  let invocations = COL_THREADS * ROW_THREADS;
  let tileM = ROW_THREADS * RM;
  let tileB = COL_THREADS * RB;
  let row0 = wid.y * tileM;
  let col0 = wid.x * tileB;
  // acc[r][c]: row local.y + r · ROW_THREADS, column local.x + c · COL_THREADS.
  var acc: array<vec4<f32>, 4>;
  for (var k4 = 0u; k4 < K_VEC4; k4 += 4u) {
    for (var i = lid; i < tileM * 4u; i += invocations) {
      wTile[(i / 4u) * TILE_STRIDE + i % 4u] = weights[(row0 + i / 4u) * K_VEC4 + k4 + i % 4u];
    }
    for (var i = lid; i < tileB * 4u; i += invocations) {
      xTile[(i / 4u) * TILE_STRIDE + i % 4u] = xs[(col0 + i / 4u) * K_VEC4 + k4 + i % 4u];
    }
    workgroupBarrier();
    for (var q = 0u; q < 4u; q++) {
      var xv: array<vec4<f32>, 4>;
      for (var c = 0u; c < RB; c++) {
        xv[c] = vec4<f32>(xTile[(local.x + c * COL_THREADS) * TILE_STRIDE + q]);
      }
      for (var r = 0u; r < RM; r++) {
        let w = vec4<f32>(wTile[(local.y + r * ROW_THREADS) * TILE_STRIDE + q]);
        for (var c = 0u; c < RB; c++) {
          acc[r][c] += dot(w, xv[c]);
        }
      }
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < RM; r++) {
    for (var c = 0u; c < RB; c++) {
      ys[(col0 + local.x + c * COL_THREADS) * M_PAD + row0 + local.y + r * ROW_THREADS] = acc[r][c];
    }
  }
}
