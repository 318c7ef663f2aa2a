// Shared sizing for the two streaming kernels: N_VEC4 vec4<f32> elements, rotated through enough sets to
// outgrow the last-level cache (workingSet.ts).
import { maxBindingBytes } from './elements.ts';
import { type FillSpec, f32Value, fillSpec } from './fill.ts';
import { deviceTraits, dimension, type KernelLimits, type KernelOptions, resolveLimits } from './options.ts';
import { deriveSeed } from './rng.ts';
import { workgroupSizeChoices } from './variants.ts';

/**
 * vec4 loads per invocation of 128: 16 keeps ≥ 8192 workgroups at 256 MB, enough to fill any current GPU
 * (an H100 holds 132 SMs × 2048 resident invocations = 270k), while amortising the per-workgroup reduction.
 */
const VEC4_PER_INVOCATION = 16;

export interface StreamLayout {
  readonly n: number;
  readonly nVec4: number;
  /** Workgroup sizes of the variants (128, and 256 where the device allows it). */
  readonly workgroupSizes: readonly number[];
  /** Workgroups of the 128-invocation layout (stream-read's blocks; stream-copy scales it per variant). */
  readonly workgroups: number;
  readonly limits: KernelLimits;
  readonly llcBytes: number;
}

export function streamLayout(kernel: string, options: KernelOptions): StreamLayout {
  const limits = resolveLimits(options.limits);
  const n = dimension(options.shape, 'n', kernel);
  const nVec4 = Math.ceil(n / 4);
  if (nVec4 * 16 > maxBindingBytes(limits)) {
    throw new Error(`${kernel}: ${nVec4 * 16} bytes exceed this device's storage binding limit`);
  }
  const workgroupSizes = workgroupSizeChoices(limits);
  const workgroups = Math.max(
    1,
    Math.min(
      Math.ceil(nVec4 / (workgroupSizes[0]! * VEC4_PER_INVOCATION)),
      limits.maxComputeWorkgroupsPerDimension,
    ),
  );
  return { n, nVec4, workgroupSizes, workgroups, limits, llcBytes: deviceTraits(options).llcBytes };
}

/** The stream's input, made on the device: n seeded f32 values, zero up to whole vec4s (adds nothing to sums). */
export function streamFill(options: KernelOptions, n: number, nVec4: number): FillSpec {
  return fillSpec(options.shaderSources, 'f32', deriveSeed(options.seed, 0), {
    rows: 1,
    cols: n,
    paddedCols: nVec4 * 4,
  });
}

/** Element i of the stream's input (0 past n), as the device filled it. */
export function streamValue(fill: FillSpec, i: number): number {
  return i < fill.cols ? f32Value(fill.seed, i) : 0;
}
