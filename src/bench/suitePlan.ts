// `ridgeline bench --plan`: the suite a run would measure, without running it, for the adapter in hand or a
// published device (kernels/deviceProfiles.ts). Pure: the caller gives the device's limits and features.
import type { DeviceProfile } from '../kernels/deviceProfiles.ts';
import type { KernelDtype, KernelName, KernelPlan } from '../kernels/types.ts';
import type { PlannedCase } from '../measure/tuningEstimate.ts';

/** The device a plan is for, as `--plan --json` prints it. */
export interface PlanDevice {
  readonly name: string;
  readonly llcBytes: number;
  readonly limits: Readonly<Record<string, number>>;
  readonly features: readonly string[];
}

/** One case of the plan, as `--plan --json` prints it (exactly these fields). */
export interface PlanCase {
  readonly kernel: KernelName;
  readonly dtype: KernelDtype;
  readonly label: string;
  readonly shape: Readonly<Record<string, number>>;
  /** The variants' names, the first measured when tuning is off. */
  readonly variants: readonly string[];
  /** Distinct bytes the case touches across its rotated buffer sets. */
  readonly workingSetBytes: number;
  /** Copies of its rotated buffers (1: none). */
  readonly rotateSets: number;
  /** A bandwidth case whose working set stays below the cache policy's multiple: a cache figure. */
  readonly cacheResident: boolean;
  /**
   * Workgroups one dispatch runs (x · y · z of its first stage): the default variant's (the one measured
   * untuned), and each variant's by name.
   */
  readonly workgroups: { readonly default: number; readonly variants: Readonly<Record<string, number>> };
  readonly bytesPerDispatch: number;
  readonly flopsPerDispatch: number;
}

const count = ([x, y, z]: readonly [number, number, number]) => x * y * z;

export interface SuitePlanDocument {
  readonly device: PlanDevice;
  readonly cases: readonly PlanCase[];
}

export function planDeviceOf(profile: DeviceProfile): PlanDevice {
  return {
    name: profile.name,
    llcBytes: profile.llcBytes,
    limits: profile.limits,
    features: profile.features,
  };
}

export function describeSuitePlan(device: PlanDevice, plans: readonly KernelPlan[]): SuitePlanDocument {
  return {
    device: {
      name: device.name,
      llcBytes: device.llcBytes,
      limits: { ...device.limits },
      features: [...device.features],
    },
    cases: plans.map((p) => ({
      kernel: p.kernel,
      dtype: p.dtype,
      label: p.label,
      shape: { ...p.shape },
      variants: p.variants.map((v) => v.name),
      workingSetBytes: p.workingSetBytes,
      rotateSets: p.rotateSets,
      cacheResident: p.cacheResident,
      workgroups: {
        default: count(p.workgroups),
        variants: Object.fromEntries(p.variants.map((v) => [v.name, count(v.workgroups)])),
      },
      bytesPerDispatch: p.bytesPerDispatch,
      flopsPerDispatch: p.flopsPerDispatch,
    })),
  };
}

/** What the tuning estimate reads of each plan: its variants, and its inputs' bytes (read-only buffers). */
export function plannedCases(plans: readonly KernelPlan[]): PlannedCase[] {
  return plans.map((p) => ({
    variants: p.variants.length,
    workingSetBytes: p.workingSetBytes,
    // The byte counts only: reading `data` would make the seeded inputs.
    inputBytes: p.buffers
      .filter((b) => b.role === 'read-only-storage')
      .reduce((sum, b) => sum + b.byteLength, 0),
  }));
}
