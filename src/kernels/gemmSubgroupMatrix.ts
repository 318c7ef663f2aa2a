// Experimental: the f16 GEMM through Chromium's subgroup matrices (shaders/gemm-subgroup-matrix.wgsl), the
// "matrix f16" compute roof where the adapter exposes the feature. Planned from the adapter's own
// configurations; verified against the CPU reference on the device like every kernel (a wrong result fails,
// it is never plotted). No adapter this project's tests run on has the feature, so the planning and the WGSL
// are unit-tested and compiled on Dawn's validating null device, never run.
import type { SubgroupMatrixConfig } from './deviceProfiles.ts';
import { maxBindingBytes, requireDtype, requireFeatures, roundUp } from './elements.ts';
import { filledInput } from './fill.ts';
import { gemmOperands } from './gemm.ts';
import { deviceTraits, dimension, type KernelOptions, resolveLimits } from './options.ts';
import type { KernelPlan } from './types.ts';
import { withVariants } from './variants.ts';
import { dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { type MatrixShape, shaderFile, specialiseSubgroupMatrix } from './wgsl.ts';
import { computeWorkingSet } from './workingSet.ts';

/** The feature the kernel needs (Chromium's name), beside shader-f16 and subgroups. */
export const SUBGROUP_MATRIX_FEATURE = 'chromium-experimental-subgroup-matrix' as GPUFeatureName;
export const SUBGROUP_MATRIX_FEATURES: GPUFeatureName[] = [
  'shader-f16',
  'subgroups',
  SUBGROUP_MATRIX_FEATURE,
];

/** Result matrices per subgroup (TILES_M × TILES_N), the variants; the shader holds at most 4 × 4. */
const TILES: readonly (readonly [number, number])[] = [
  [1, 1],
  [2, 2],
  [4, 4],
];

/**
 * The configuration to use: f16 inputs, an f32 result preferred (products of f16 are exact in f32, so the
 * sum stays accurate), else f16; among those the largest matrices (fewest loads per FLOP). Null when the
 * adapter has no f16 configuration.
 */
export function chooseMatrixConfig(configs: readonly SubgroupMatrixConfig[]): MatrixShape | null {
  const f16 = configs.filter(
    (c) => c.componentType === 'f16' && (c.resultComponentType === 'f32' || c.resultComponentType === 'f16'),
  );
  const ranked = [...f16].sort(
    (a, b) =>
      Number(b.resultComponentType === 'f32') - Number(a.resultComponentType === 'f32') ||
      b.M * b.N * b.K - a.M * a.N * a.K,
  );
  const best = ranked[0];
  return best
    ? { M: best.M, N: best.N, K: best.K, result: best.resultComponentType === 'f32' ? 'f32' : 'f16' }
    : null;
}

export function planGemmSubgroupMatrix(options: KernelOptions): KernelPlan {
  requireDtype('gemm-subgroup-matrix', options.dtype, ['f16']);
  requireFeatures('gemm-subgroup-matrix f16', SUBGROUP_MATRIX_FEATURES, options.features);
  const configs = options.subgroupMatrixConfigs ?? [];
  const shape = chooseMatrixConfig(configs);
  if (shape === null) {
    const offered = configs.map((c) => `${c.componentType}→${c.resultComponentType} ${c.M}x${c.N}x${c.K}`);
    throw new Error(
      `gemm-subgroup-matrix: the adapter offers no f16 subgroup-matrix configuration (offered: ${offered.join(', ') || 'none'})`,
    );
  }
  const subgroupSize = options.subgroupMaxSize;
  if (subgroupSize === undefined) {
    throw new Error('gemm-subgroup-matrix: the adapter reports no subgroupMaxSize (its workgroup size)');
  }
  const limits = resolveLimits(options.limits);
  const M = dimension(options.shape, 'M', 'gemm-subgroup-matrix');
  const N = dimension(options.shape, 'N', 'gemm-subgroup-matrix');
  const K = dimension(options.shape, 'K', 'gemm-subgroup-matrix');
  const largest = TILES[TILES.length - 1]!;
  const [Mp, Np, Kp] = [
    roundUp(M, largest[0] * shape.M),
    roundUp(N, largest[1] * shape.N),
    roundUp(K, shape.K),
  ];
  const resultBytes = shape.result === 'f32' ? 4 : 2;
  if (Math.max(Mp * Kp * 2, Kp * Np * 2, Mp * Np * resultBytes) > maxBindingBytes(limits)) {
    throw new Error(
      `gemm-subgroup-matrix: a ${M}x${N}x${K} operand exceeds this device's storage binding limit`,
    );
  }
  const label =
    `gemm-subgroup-matrix f16 ${M}x${N}x${K} (experimental: ${shape.M}x${shape.N}x${shape.K} ` +
    `subgroup matrices, ${shape.result} result)`;
  // f16's bound whatever the result type: how matrix units accumulate is not specified (ULPs are undefined
  // for these operations), and a wrong result is off by far more.
  const { a, b, verify } = gemmOperands(options, { M, N, K, Mp, Np, Kp }, 'f16', {
    label,
    output: shape.result,
    rtol: dotTolerance(K, UNIT_ROUNDOFF.f16),
  });
  const shaderSource = specialiseSubgroupMatrix(
    shaderFile(options.shaderSources, 'gemm-subgroup-matrix.wgsl'),
    shape,
  );
  const bytes = (Mp * Kp + Kp * Np) * 2 + Mp * Np * resultBytes;

  return withVariants(
    {
      kernel: 'gemm-subgroup-matrix',
      dtype: 'f16',
      shape: { M, N, K },
      label,
      buffers: [
        filledInput('a', Mp * Kp * 2, a),
        filledInput('b', Kp * Np * 2, b),
        { name: 'c', role: 'storage', byteLength: Mp * Np * resultBytes },
      ],
      ...computeWorkingSet(bytes),
      llcBytes: deviceTraits(options).llcBytes,
      outputBuffer: 2,
      requiredFeatures: SUBGROUP_MATRIX_FEATURES,
      bytesPerDispatch: bytes,
      flopsPerDispatch: 2 * M * N * K,
    },
    TILES.map(([tilesM, tilesN]) => ({
      name: `${tilesM}x${tilesN} matrices a subgroup`,
      shaderSource,
      entryPoint: 'main',
      constants: { SUBGROUP_SIZE: subgroupSize, TILES_M: tilesM, TILES_N: tilesN, K_DIM: Kp, N_DIM: Np },
      workgroups: [Np / (tilesN * shape.N), Mp / (tilesM * shape.M), 1],
      verify,
    })),
  );
}
