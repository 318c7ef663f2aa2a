// What a manifest needs to build a plan. Pure data: the GPU side passes the device's features and limits in.
import { type DeviceTraits, type SubgroupMatrixConfig, UNKNOWN_DEVICE } from './deviceProfiles.ts';
import type { KernelDtype } from './types.ts';
import type { ShaderSources } from './wgsl.ts';

/** The device limits that decide shapes and workgroup sizes (a subset of GPUSupportedLimits). */
export interface KernelLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxComputeWorkgroupStorageSize: number;
  readonly maxComputeInvocationsPerWorkgroup: number;
  readonly maxComputeWorkgroupsPerDimension: number;
}

/** WebGPU compatibility-mode defaults (the smallest any adapter offers), used when no limits are given. */
export const COMPAT_LIMITS: KernelLimits = {
  maxStorageBufferBindingSize: 134_217_728,
  maxBufferSize: 268_435_456,
  maxComputeWorkgroupStorageSize: 16_384,
  maxComputeInvocationsPerWorkgroup: 128,
  maxComputeWorkgroupsPerDimension: 65_535,
};

export interface KernelOptions {
  readonly dtype: KernelDtype;
  readonly shape: Readonly<Record<string, number>>;
  readonly seed: number;
  readonly shaderSources: ShaderSources;
  /** Device features: `device.features` itself or a list (re-iterable: read more than once). */
  readonly features: ReadonlySet<string> | readonly string[];
  readonly limits?: Partial<KernelLimits>;
  /** Which cross-invocation reduction the GEMV kernels use; default: subgroups when the device has them. */
  readonly reduction?: 'subgroup' | 'workgroup';
  /** What planning knows about the device (its last-level cache, compute units); default: unknown. */
  readonly device?: DeviceTraits;
  /** The adapter's subgroup-matrix configurations (Chromium's experimental feature); default: none. */
  readonly subgroupMatrixConfigs?: readonly SubgroupMatrixConfig[];
  /** The adapter's largest subgroup size (GPUAdapterInfo.subgroupMaxSize); unknown when absent. */
  readonly subgroupMaxSize?: number;
}

/** The device traits a plan uses: the caller's, or the unknown device's (256 MB cache, no CU count). */
export function deviceTraits(options: KernelOptions): DeviceTraits {
  return options.device ?? UNKNOWN_DEVICE;
}

/**
 * The limits a plan uses: each one read by name from `limits` (a GPUSupportedLimits exposes its values as
 * prototype getters, so `{ ...device.limits }` is empty), the compatibility default where absent.
 */
export function resolveLimits(limits: Partial<KernelLimits> | undefined): KernelLimits {
  const resolved: Record<string, number> = { ...COMPAT_LIMITS };
  for (const key of Object.keys(COMPAT_LIMITS) as (keyof KernelLimits)[]) {
    const value = limits?.[key];
    if (typeof value === 'number' && value > 0) resolved[key] = value;
  }
  return resolved as unknown as KernelLimits;
}

/** Reads a positive integer dimension from a shape, or throws a one-line message. */
export function dimension(shape: Readonly<Record<string, number>>, key: string, kernel: string): number {
  const value = shape[key];
  if (value === undefined || !Number.isInteger(value) || value < 1) {
    throw new Error(`${kernel}: shape.${key} must be a positive integer (got ${String(value)})`);
  }
  return value;
}
