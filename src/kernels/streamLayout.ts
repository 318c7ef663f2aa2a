// Shared sizing for the two streaming kernels: grid-stride loops over N_VEC4 vec4<f32> elements.
import { dimension, type KernelLimits, type KernelOptions, resolveLimits } from './options.ts';

/**
 * vec4 loads per invocation when the grid is not capped: 16 keeps ≥ 8192 workgroups of 128 at 256 MB, enough
 * to fill any current GPU (an H100 holds 132 SMs × 2048 resident invocations = 270k), while amortising
 * the per-workgroup reduction.
 */
const VEC4_PER_INVOCATION = 16;

/** Rotated copies of the input: consecutive dispatches read different memory (the "several sets"). */
export const STREAM_ROTATE_SETS = 3;

export interface StreamLayout {
  readonly n: number;
  readonly nVec4: number;
  readonly workgroupSize: number;
  readonly workgroups: number;
  readonly limits: KernelLimits;
}

export function streamLayout(kernel: string, options: KernelOptions): StreamLayout {
  const limits = resolveLimits(options.limits);
  const n = dimension(options.shape, 'n', kernel);
  const nVec4 = Math.ceil(n / 4);
  if (nVec4 * 16 > Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize)) {
    throw new Error(`${kernel}: ${nVec4 * 16} bytes exceed this device's storage binding limit`);
  }
  const workgroupSize = Math.min(128, limits.maxComputeInvocationsPerWorkgroup);
  const workgroups = Math.max(
    1,
    Math.min(
      Math.ceil(nVec4 / (workgroupSize * VEC4_PER_INVOCATION)),
      limits.maxComputeWorkgroupsPerDimension,
    ),
  );
  return { n, nVec4, workgroupSize, workgroups, limits };
}

/** Seeded stream input padded to whole vec4s (the padding is zero and adds nothing to sums). */
export function streamInput(values: Float32Array, nVec4: number): Float32Array {
  if (values.length === nVec4 * 4) return values;
  const out = new Float32Array(nVec4 * 4);
  out.set(values);
  return out;
}
