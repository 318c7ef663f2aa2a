// gemv with 4-bit weights and per-group scales, f32 or f16 (shaders/gemv-q4.wgsl; format in q4.ts).
import { dispatchGrid, maxBindingBytes, padMatrix, requireFeatures, roundUp } from './elements.ts';
import { toF16 } from './f16.ts';
import { lazyInputBuffer, lazyInputs } from './lazyInputs.ts';
import { deviceTraits, dimension, type KernelOptions, resolveLimits } from './options.ts';
import { Q4_PER_WORD, type Q4Matrix, q4WeightAt, randomPackedRows } from './q4.ts';
import { chooseReduction, linkReduction, reductionFeatures } from './reduction.ts';
import { createRng, deriveSeed, randomFloats } from './rng.ts';
import type { KernelPlan } from './types.ts';
import { withVariants, workgroupSizeChoices } from './variants.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile } from './wgsl.ts';
import { bandwidthWorkingSet } from './workingSet.ts';

const CHECKED_ROWS = 256;
/** Rows a workgroup takes in the variants: x is loaded once per chunk for all of them. */
const Q4_ROWS_PER_WORKGROUP = [1, 4] as const;

/** The scales buffer: f32 values, or f16 bit patterns two to a u32 (padded to whole words). */
function encodeScales(
  values: Float32Array,
  scaleBytes: 2 | 4,
): { data: ArrayBufferView; rounded: Float32Array } {
  if (scaleBytes === 4) return { data: values, rounded: values };
  const { bits, rounded } = toF16(values);
  const words = new Uint16Array(roundUp(bits.length, 2));
  words.set(bits);
  return { data: words, rounded };
}

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
  const scaleBytes = options.shape['scaleBytes'] ?? 4;
  if (scaleBytes !== 2 && scaleBytes !== 4)
    throw new Error(`gemv q4: scaleBytes must be 2 (f16) or 4 (f32) (got ${scaleBytes})`);
  const Kp = roundUp(K, groupSize);
  if (M * Kp * 0.5 > maxBindingBytes(limits)) {
    throw new Error(`gemv q4: W (${M * Kp * 0.5} bytes) exceeds this device's storage binding limit`);
  }

  // Scales of the size real INT4 checkpoints carry for weights of magnitude ~0.01–0.1.
  const groups = Kp / groupSize;
  const inputs = lazyInputs(() => {
    const scales = encodeScales(
      randomFloats(M * groups, deriveSeed(options.seed, 1), 0.001, 0.02),
      scaleBytes,
    );
    const matrix: Q4Matrix = {
      rows: M,
      cols: Kp,
      groupSize,
      packed: randomPackedRows(M, K, Kp, createRng(deriveSeed(options.seed, 0))),
      scales: scales.rounded,
    };
    return {
      matrix,
      scaleData: scales.data,
      x: padMatrix(randomFloats(K, deriveSeed(options.seed, 2)), 1, K, 1, Kp),
    };
  });
  // 8 weights a u32 word; one scale a group.
  const packedBytes = M * (Kp / Q4_PER_WORD) * 4;
  const scaleBufferBytes = roundUp(M * groups * scaleBytes, 4);
  const scaleName = scaleBytes === 2 ? 'f16' : 'f32';
  const label = `gemv q4 ${M}x${K} group ${groupSize} ${scaleName} scales (${reduction} reduction)`;
  const verify = (output: ArrayBuffer) => {
    const y = new Float32Array(output, 0, M);
    const { matrix, x } = inputs();
    return compare({
      label,
      count: M,
      maxChecked: CHECKED_ROWS,
      actual: (row) => y[row]!,
      expected: (row) => dotReference(K, (k) => q4WeightAt(matrix, row, k) * x[k]!),
      rtol: dotTolerance(K, UNIT_ROUNDOFF.f32),
      atol: 0,
    });
  };
  const shaderSource = linkReduction(
    options.shaderSources,
    shaderFile(options.shaderSources, 'gemv-q4.wgsl'),
    reduction,
  );
  const llcBytes = deviceTraits(options).llcBytes;

  return withVariants(
    {
      kernel: 'gemv',
      dtype: 'q4',
      shape: { M, K, groupSize, scaleBytes },
      label,
      buffers: [
        lazyInputBuffer('packed', packedBytes, () => inputs().matrix.packed, { rotate: true }),
        lazyInputBuffer('scales', scaleBufferBytes, () => inputs().scaleData, { rotate: true }),
        lazyInputBuffer('x', Kp * 4, () => inputs().x),
        { name: 'y', role: 'storage', byteLength: M * 4 },
      ],
      ...bandwidthWorkingSet({
        rotatedBytes: packedBytes + scaleBufferBytes,
        sharedBytes: Kp * 4 + M * 4,
        llcBytes,
      }),
      llcBytes,
      outputBuffer: 3,
      requiredFeatures,
      bytesPerDispatch: packedBytes + scaleBufferBytes + Kp * 4 + M * 4,
      flopsPerDispatch: 2 * M * K,
      releaseInputs: inputs.release,
    },
    workgroupSizeChoices(limits).flatMap((size) =>
      Q4_ROWS_PER_WORKGROUP.map((rowsPerWorkgroup) => ({
        name: `wg${size} rows${rowsPerWorkgroup}`,
        shaderSource,
        entryPoint: 'main',
        constants: {
          WG_SIZE: size,
          ROWS: M,
          K_CHUNKS: Kp / 32,
          GROUP_CHUNKS: groupSize / 32,
          ROWS_PER_WG: rowsPerWorkgroup,
          F16_SCALES: scaleBytes === 2 ? 1 : 0,
        },
        workgroups: dispatchGrid(Math.ceil(M / rowsPerWorkgroup), limits.maxComputeWorkgroupsPerDimension),
        verify,
      })),
    ),
  );
}
