// gemv with 4-bit weights and per-group f32 scales (shaders/gemv-q4.wgsl; format in q4.ts).
import { dispatchGrid, maxBindingBytes, padMatrix, requireFeatures, roundUp } from './elements.ts';
import { lazyInputBuffer, lazyInputs } from './lazyInputs.ts';
import { dimension, type KernelOptions, resolveLimits } from './options.ts';
import { Q4_PER_WORD, type Q4Matrix, q4WeightAt, randomPackedRows } from './q4.ts';
import { chooseReduction, linkReduction, reductionFeatures, reductionWorkgroupSize } from './reduction.ts';
import { createRng, deriveSeed, randomFloats } from './rng.ts';
import type { KernelPlan } from './types.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile } from './wgsl.ts';

const CHECKED_ROWS = 256;

export function planGemvQ4(options: KernelOptions): KernelPlan {
  const limits = resolveLimits(options.limits);
  const reduction = chooseReduction('gemv', options);
  const requiredFeatures = reductionFeatures(reduction);
  requireFeatures('gemv q4', requiredFeatures, options.features);
  const M = dimension(options.shape, 'M', 'gemv');
  const K = dimension(options.shape, 'K', 'gemv');
  const groupSize = options.shape['groupSize'] ?? 32;
  if (groupSize !== 32 && groupSize !== 64)
    throw new Error(`gemv q4: groupSize must be 32 or 64 (got ${groupSize})`);
  const Kp = roundUp(K, groupSize);
  if (M * Kp * 0.5 > maxBindingBytes(limits)) {
    throw new Error(`gemv q4: W (${M * Kp * 0.5} bytes) exceeds this device's storage binding limit`);
  }

  // Scales of the size real INT4 checkpoints carry for weights of magnitude ~0.01–0.1.
  const groups = Kp / groupSize;
  const inputs = lazyInputs(() => {
    const matrix: Q4Matrix = {
      rows: M,
      cols: Kp,
      groupSize,
      packed: randomPackedRows(M, K, Kp, createRng(deriveSeed(options.seed, 0))),
      scales: randomFloats(M * groups, deriveSeed(options.seed, 1), 0.001, 0.02),
    };
    return { matrix, x: padMatrix(randomFloats(K, deriveSeed(options.seed, 2)), 1, K, 1, Kp) };
  });
  // 8 weights a u32 word; one f32 scale a group.
  const packedBytes = M * (Kp / Q4_PER_WORD) * 4;
  const scaleBytes = M * groups * 4;
  const workgroupSize = reductionWorkgroupSize(limits);
  const label = `gemv q4 ${M}x${K} group ${groupSize} (${reduction} reduction)`;

  return {
    kernel: 'gemv',
    dtype: 'q4',
    shape: { M, K, groupSize },
    label,
    shaderSource: linkReduction(
      options.shaderSources,
      shaderFile(options.shaderSources, 'gemv-q4.wgsl'),
      reduction,
    ),
    entryPoint: 'main',
    constants: { WG_SIZE: workgroupSize, ROWS: M, K_CHUNKS: Kp / 32, GROUP_CHUNKS: groupSize / 32 },
    buffers: [
      lazyInputBuffer('packed', packedBytes, () => inputs().matrix.packed),
      lazyInputBuffer('scales', scaleBytes, () => inputs().matrix.scales),
      lazyInputBuffer('x', Kp * 4, () => inputs().x),
      { name: 'y', role: 'storage', byteLength: M * 4 },
    ],
    workgroups: dispatchGrid(M, limits.maxComputeWorkgroupsPerDimension),
    rotateSets: 1,
    outputBuffer: 3,
    requiredFeatures,
    bytesPerDispatch: packedBytes + scaleBytes + Kp * 4 + M * 4,
    flopsPerDispatch: 2 * M * K,
    releaseInputs: inputs.release,
    verify(output) {
      const y = new Float32Array(output, 0, M);
      const { matrix, x } = inputs();
      return compare({
        label,
        count: M,
        maxChecked: CHECKED_ROWS,
        actual: (row) => y[row]!,
        expected: (row) => {
          return dotReference(K, (k) => q4WeightAt(matrix, row, k) * x[k]!);
        },
        rtol: dotTolerance(K, UNIT_ROUNDOFF.f32),
        atol: 0,
      });
    },
  };
}
