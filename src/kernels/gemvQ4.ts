// gemv with 4-bit weights and per-group scales, f32 or f16 (shaders/gemv-q4.wgsl; format in q4.ts).
import { dispatchGrid, maxBindingBytes, requireFeatures, roundUp } from './elements.ts';
import { elementAt, filledInput, fillSpec, q4Word } from './fill.ts';
import { deviceTraits, dimension, type KernelOptions, resolveLimits } from './options.ts';
import { Q4_PER_WORD } from './q4.ts';
import { chooseReduction, linkReduction, reductionFeatures } from './reduction.ts';
import { deriveSeed } from './rng.ts';
import type { KernelPlan } from './types.ts';
import { withVariants } from './variants.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile } from './wgsl.ts';
import { bandwidthWorkingSet } from './workingSet.ts';

const CHECKED_ROWS = 256;
/**
 * Rows a workgroup (a team of Q4_TEAM invocations) takes in the variants: 4 or 8, x loaded once per chunk
 * for all of them.
 */
const Q4_ROWS_PER_WORKGROUP = [4, 8] as const;
/**
 * Invocations a workgroup: 32, a subgroup on NVIDIA, Apple and AMD RDNA, so each takes ≥ 8 of K = 8192's
 * 256 chunks of 32 weights (a 128-wide workgroup gave each 2). A power of two, as both reductions need.
 */
export const Q4_TEAM = 32;

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

  // Made on the device (fill.ts): hashed weight words (padding nibbles 8), scales of 0.002–0.031 (the size
  // real INT4 checkpoints carry for weights of magnitude ~0.01–0.1), f32 activations.
  const groups = Kp / groupSize;
  const packedFill = fillSpec(options.shaderSources, 'q4', deriveSeed(options.seed, 0), {
    rows: M,
    cols: K,
    paddedCols: Kp,
  });
  const scaleFill = fillSpec(
    options.shaderSources,
    scaleBytes === 2 ? 'scale-f16' : 'scale-f32',
    deriveSeed(options.seed, 1),
    { rows: M, cols: groups, paddedCols: groups },
  );
  const xFill = fillSpec(options.shaderSources, 'f32', deriveSeed(options.seed, 2), {
    rows: 1,
    cols: K,
    paddedCols: Kp,
  });
  // 8 weights a u32 word; one scale a group.
  const packedBytes = M * (Kp / Q4_PER_WORD) * 4;
  const scaleBufferBytes = roundUp(M * groups * scaleBytes, 4);
  const scaleName = scaleBytes === 2 ? 'f16' : 'f32';
  const label = `gemv q4 ${M}x${K} group ${groupSize} ${scaleName} scales (${reduction} reduction)`;
  const verify = (output: ArrayBuffer) => {
    const y = new Float32Array(output, 0, M);
    const xs = Float64Array.from({ length: K }, (_, k) => elementAt(xFill, 0, k));
    const wordsPerRow = Kp / Q4_PER_WORD;
    /** Weight (row, k) as the device stored it: (nibble − 8) × the scale of its group. */
    const weight = (row: number, k: number) => {
      const word = q4Word(packedFill.seed, row * wordsPerRow + Math.floor(k / Q4_PER_WORD), K, Kp);
      const nibble = (word >>> (4 * (k % Q4_PER_WORD))) & 0xf;
      return (nibble - 8) * elementAt(scaleFill, row, Math.floor(k / groupSize));
    };
    return compare({
      label,
      count: M,
      maxChecked: CHECKED_ROWS,
      actual: (row) => y[row]!,
      expected: (row) => dotReference(K, (k) => weight(row, k) * xs[k]!),
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
        filledInput('packed', packedBytes, packedFill, { rotate: true }),
        filledInput('scales', scaleBufferBytes, scaleFill, { rotate: true }),
        filledInput('x', Kp * 4, xFill),
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
    },
    [Q4_TEAM].flatMap((size) =>
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
