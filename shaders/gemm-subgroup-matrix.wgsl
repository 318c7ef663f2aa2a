// Experimental: C = A·B in f16 through Chromium's subgroup matrices (the `chromium-experimental-subgroup-
// matrix` feature: Apple simdgroup matrices and Intel XMX today), for a "matrix f16" compute roof beside the
// FMA one. The matrix dimensions and the result type must be one of the adapter's configurations
// (`adapter.info.subgroupMatrixConfigs`): src/kernels/wgsl.ts specialiseSubgroupMatrix replaces the four
// declarations marked below with the chosen one, since the matrix types take only const-expressions.
// One subgroup per workgroup (the workgroup's x size is the adapter's subgroupMaxSize, as the feature
// requires); it computes TILES_M × TILES_N result matrices, loading A and B straight from storage (row-major)
// SM_K columns at a time. A device whose subgroups are smaller runs the block once per subgroup: the same
// values, stored again, so the measured rate can only be under-reported.
// FLOP = 2·M·N·K; bytes = (M·K + K·N)·2 + M·N·sizeof(Result).

enable f16;
enable subgroups;
enable chromium_experimental_subgroup_matrix;

// subgroup-matrix configuration (specialiseSubgroupMatrix)
const SM_M = 8u;
const SM_N = 8u;
const SM_K = 8u;
alias Result = f32;

override SUBGROUP_SIZE: u32 = 32;
// Result matrices per subgroup along M and N (≤ 4 each).
override TILES_M: u32 = 2;
override TILES_N: u32 = 2;
// Padded K and N (row strides of A and of B and C).
override K_DIM: u32 = 64;
override N_DIM: u32 = 64;

@group(0) @binding(0) var<storage, read> a: array<f16>;
@group(0) @binding(1) var<storage, read> b: array<f16>;
@group(0) @binding(2) var<storage, read_write> c: array<Result>;

@compute @workgroup_size(SUBGROUP_SIZE)
fn main(@builtin(workgroup_id) wid: vec3<u32>) {
  let row0 = wid.y * TILES_M * SM_M;
  let col0 = wid.x * TILES_N * SM_N;
  // acc[i · 4 + j]: rows row0 + i·SM_M, columns col0 + j·SM_N.
  var acc: array<subgroup_matrix_result<Result, SM_N, SM_M>, 16>;
  var right: array<subgroup_matrix_right<f16, SM_N, SM_K>, 4>;
  for (var k = 0u; k < K_DIM; k += SM_K) {
    for (var j = 0u; j < TILES_N; j++) {
      right[j] = subgroupMatrixLoad<subgroup_matrix_right<f16, SM_N, SM_K>, row_major>(
        &b,
        k * N_DIM + col0 + j * SM_N,
        N_DIM,
      );
    }
    for (var i = 0u; i < TILES_M; i++) {
      let left = subgroupMatrixLoad<subgroup_matrix_left<f16, SM_K, SM_M>, row_major>(
        &a,
        (row0 + i * SM_M) * K_DIM + k,
        K_DIM,
      );
      for (var j = 0u; j < TILES_N; j++) {
        acc[i * 4u + j] = subgroupMatrixMultiplyAccumulate(left, right[j], acc[i * 4u + j]);
      }
    }
  }
  for (var i = 0u; i < TILES_M; i++) {
    for (var j = 0u; j < TILES_N; j++) {
      subgroupMatrixStore<row_major>(&c, (row0 + i * SM_M) * N_DIM + col0 + j * SM_N, acc[i * 4u + j], N_DIM);
    }
  }
}
