// C = A·B (row-major, M × K times K × N), Elem = f32 or f16 (src/kernels/wgsl.ts specialiseElement),
// accumulated in Elem so the f16 variant measures f16 arithmetic.
// A workgroup of 16 × 8 invocations computes a 64 × 64 tile of C: per step it stages a 64 × 16 slice of A
// (transposed, so rows are vec4-contiguous) and a 16 × 64 slice of B in workgroup memory (8 KB for f32, within
// the 16 KB compatibility limit), then each invocation updates its 8 × 4 register micro-tile with 8 vec4 FMAs
// per k from 3 vec4 reads. The plan pads M and N to multiples of 64 and K to a multiple of 16 with zeros.
// FLOP = 2·M·N·K; bytes = (M·K + K·N + M·N)·sizeof(Elem) (each matrix once; tiles are re-read from cache).

alias Elem = f32;

// Padded K / 4 and N / 4.
override K_VEC4: u32 = 4;
override N_VEC4: u32 = 16;

const TILE = 64u;
const TILE_K = 16u;
const TILE_VEC4 = 16u;

@group(0) @binding(0) var<storage, read> a: array<vec4<Elem>>;
@group(0) @binding(1) var<storage, read> b: array<vec4<Elem>>;
@group(0) @binding(2) var<storage, read_write> c: array<vec4<Elem>>;

// aTile[k · 16 + m / 4][m % 4] = A[tileRow + m][k0 + k]; bTile[k · 16 + n / 4] = B[k0 + k][tileCol + n ..].
var<workgroup> aTile: array<vec4<Elem>, 256>;
var<workgroup> bTile: array<vec4<Elem>, 256>;

@compute @workgroup_size(16, 8)
fn main(@builtin(local_invocation_id) local: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let lid = local.y * 16u + local.x;
  let tileRow = wid.y * TILE;
  let tileCol4 = wid.x * TILE_VEC4;
  var acc0 = vec4<Elem>(0.0);
  var acc1 = vec4<Elem>(0.0);
  var acc2 = vec4<Elem>(0.0);
  var acc3 = vec4<Elem>(0.0);
  var acc4 = vec4<Elem>(0.0);
  var acc5 = vec4<Elem>(0.0);
  var acc6 = vec4<Elem>(0.0);
  var acc7 = vec4<Elem>(0.0);
  for (var k4 = 0u; k4 < K_VEC4; k4 += TILE_K / 4u) {
    for (var i = lid; i < 256u; i += 128u) {
      let m = i / 4u;
      let kq = i % 4u;
      let av = a[(tileRow + m) * K_VEC4 + k4 + kq];
      let slot = (kq * 4u) * TILE_VEC4 + m / 4u;
      aTile[slot][m % 4u] = av.x;
      aTile[slot + TILE_VEC4][m % 4u] = av.y;
      aTile[slot + 2u * TILE_VEC4][m % 4u] = av.z;
      aTile[slot + 3u * TILE_VEC4][m % 4u] = av.w;
      let kr = i / TILE_VEC4;
      bTile[i] = b[(k4 * 4u + kr) * N_VEC4 + tileCol4 + i % TILE_VEC4];
    }
    workgroupBarrier();
    for (var k = 0u; k < TILE_K; k++) {
      let a0 = aTile[k * TILE_VEC4 + local.y * 2u];
      let a1 = aTile[k * TILE_VEC4 + local.y * 2u + 1u];
      let bv = bTile[k * TILE_VEC4 + local.x];
      acc0 = fma(vec4<Elem>(a0.x), bv, acc0);
      acc1 = fma(vec4<Elem>(a0.y), bv, acc1);
      acc2 = fma(vec4<Elem>(a0.z), bv, acc2);
      acc3 = fma(vec4<Elem>(a0.w), bv, acc3);
      acc4 = fma(vec4<Elem>(a1.x), bv, acc4);
      acc5 = fma(vec4<Elem>(a1.y), bv, acc5);
      acc6 = fma(vec4<Elem>(a1.z), bv, acc6);
      acc7 = fma(vec4<Elem>(a1.w), bv, acc7);
    }
    workgroupBarrier();
  }
  let out = (tileRow + local.y * 8u) * N_VEC4 + tileCol4 + local.x;
  c[out] = acc0;
  c[out + N_VEC4] = acc1;
  c[out + 2u * N_VEC4] = acc2;
  c[out + 3u * N_VEC4] = acc3;
  c[out + 4u * N_VEC4] = acc4;
  c[out + 5u * N_VEC4] = acc5;
  c[out + 6u * N_VEC4] = acc6;
  c[out + 7u * N_VEC4] = acc7;
}
