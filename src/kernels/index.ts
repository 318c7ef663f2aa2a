// The kernel registry: what ridgeline can run, for which dtypes, what each needs from the device, and which
// shapes the 'quick' (CPU adapters, CI) and 'full' profiles use on a device with given limits.
import { maxBindingBytes } from './elements.ts';
import { type KernelLimits, type KernelOptions, resolveLimits } from './options.ts';
import { planStreamCopy } from './streamCopy.ts';
import { planStreamRead } from './streamRead.ts';
import type { KernelDtype, KernelName, KernelPlan } from './types.ts';

export type Profile = 'quick' | 'full';
export type Shape = Readonly<Record<string, number>>;

export interface KernelEntry {
  readonly name: KernelName;
  /** One line: what it measures. */
  readonly description: string;
  readonly dtypes: readonly KernelDtype[];
  /** Features the kernel cannot run without at this dtype ('subgroups' is optional everywhere). */
  requiredFeatures(dtype: KernelDtype): GPUFeatureName[];
  /** Shapes for a profile, fitted to the device's limits. */
  shapes(profile: Profile, limits?: Partial<KernelLimits>): Shape[];
  plan(options: KernelOptions): KernelPlan;
}

const MiB = 1 << 20;

/** Full-profile stream working set: 256 MiB, far beyond any last-level cache (H100 L2: 50 MB), within limits. */
function streamShapes(profile: Profile, limits: KernelLimits): Shape[] {
  if (profile === 'quick') return [{ n: 16_384 }];
  const bytes = Math.min(256 * MiB, Math.floor(maxBindingBytes(limits) / 16) * 16);
  return [{ n: bytes / 4 }];
}

const f16Needs = (dtype: KernelDtype): GPUFeatureName[] => (dtype === 'f16' ? ['shader-f16'] : []);

export const KERNELS: readonly KernelEntry[] = [
  {
    name: 'stream-read',
    description: 'memory roof: vec4 streaming reduction (bytes read)',
    dtypes: ['f32'],
    requiredFeatures: () => [],
    shapes: (profile, limits) => streamShapes(profile, resolveLimits(limits)),
    plan: planStreamRead,
  },
  {
    name: 'stream-copy',
    description: 'memory roof: vec4 copy (bytes read + written)',
    dtypes: ['f32'],
    requiredFeatures: () => [],
    shapes: (profile, limits) => streamShapes(profile, resolveLimits(limits)),
    plan: planStreamCopy,
  },
];

export function kernelEntry(name: KernelName): KernelEntry {
  const entry = KERNELS.find((k) => k.name === name);
  if (!entry) throw new Error(`unknown kernel ${name} (known: ${KERNELS.map((k) => k.name).join(', ')})`);
  return entry;
}

/** Why `dtype` of this kernel cannot run with these features, or undefined when it can. */
export function unsupportedReason(
  entry: KernelEntry,
  dtype: KernelDtype,
  features: Iterable<string>,
): string | undefined {
  if (!entry.dtypes.includes(dtype)) return `${entry.name} has no ${dtype} variant`;
  const have = new Set(features);
  const missing = entry.requiredFeatures(dtype).filter((f) => !have.has(f));
  return missing.length > 0 ? `${entry.name} ${dtype} needs ${missing.join(', ')}` : undefined;
}

export { f16Needs };
