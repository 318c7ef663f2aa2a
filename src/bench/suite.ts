// Which kernel cases a run measures: the registry's kernels × the dtypes this device supports × the
// profile's shapes fitted to the device limits. Pure (no GPU): the runner passes features and limits in.
import type { DeviceTraits, SubgroupMatrixConfig } from '../kernels/deviceProfiles.ts';
import { KERNELS, kernelEntry, profileDtypes, type Shape, unsupportedReason } from '../kernels/index.ts';
import type { KernelLimits, KernelOptions } from '../kernels/options.ts';
import type { KernelDtype, KernelPlan } from '../kernels/types.ts';
import type { ShaderSources } from '../kernels/wgsl.ts';
import type { SuiteProfile } from '../measure/document.ts';

/** Fixed so every run measures the same (non-zero, incompressible) data. */
export const SUITE_SEED = 20_260_101;

export interface SuiteRequest {
  readonly profile: SuiteProfile;
  /** Kernel names to run; undefined = all. */
  readonly kernels?: readonly string[] | undefined;
  readonly shaderSources: ShaderSources;
  readonly features: readonly string[];
  readonly limits: Readonly<Record<string, number>>;
  /** What is known of the device beyond its limits (its cache, compute units); default: unknown. */
  readonly device?: DeviceTraits | undefined;
  /** The adapter's subgroup-matrix configurations (empty or absent: none). */
  readonly subgroupMatrixConfigs?: readonly SubgroupMatrixConfig[] | undefined;
  /** The adapter's largest subgroup size, where known. */
  readonly subgroupMaxSize?: number | null | undefined;
}

export interface SuitePlan {
  readonly plans: readonly KernelPlan[];
  /** Cases this device cannot run or that could not be planned, one line each ("gemm f16 needs shader-f16"). */
  readonly skipped: readonly string[];
}

export function knownKernelNames(): string[] {
  return KERNELS.map((k) => k.name);
}

/** Throws a one-line message naming the known kernels when a requested name is not one of them. */
export function checkKernelNames(kernels: readonly string[] | undefined): void {
  const known = knownKernelNames();
  const unknown = (kernels ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown kernel ${unknown.join(', ')} (known: ${known.join(', ')})`);
  }
}

/** The options every suite plan is built with, but the case's own dtype and shape. */
function planOptions(request: SuiteRequest, dtype: KernelDtype, shape: Shape): KernelOptions {
  return {
    dtype,
    shape,
    seed: SUITE_SEED,
    shaderSources: request.shaderSources,
    features: request.features,
    limits: request.limits as Partial<KernelLimits>,
    ...(request.device ? { device: request.device } : {}),
    ...(request.subgroupMatrixConfigs ? { subgroupMatrixConfigs: request.subgroupMatrixConfigs } : {}),
    ...(request.subgroupMaxSize ? { subgroupMaxSize: request.subgroupMaxSize } : {}),
  };
}

/**
 * The same case at about `factor` of its work (see KernelEntry.shrink), planned like planSuite plans it; null
 * when the shape cannot get smaller. The runner calls it for a device too slow for the profile's shape.
 */
export function shrinkPlan(request: SuiteRequest, plan: KernelPlan, factor: number): KernelPlan | null {
  const entry = kernelEntry(plan.kernel);
  const shape = entry.shrink(plan.shape, factor);
  return shape === null ? null : entry.plan(planOptions(request, plan.dtype, shape));
}

export function planSuite(request: SuiteRequest): SuitePlan {
  checkKernelNames(request.kernels);
  const limits = request.limits as Partial<KernelLimits>;
  const plans: KernelPlan[] = [];
  const skipped: string[] = [];
  for (const entry of KERNELS) {
    if (request.kernels && !request.kernels.includes(entry.name)) continue;
    for (const dtype of profileDtypes(request.profile, entry)) {
      const reason = unsupportedReason(entry, dtype, request.features);
      if (reason) {
        skipped.push(reason);
        continue;
      }
      for (const shape of entry.shapes(request.profile, limits, dtype, request.device)) {
        // A manifest that cannot build a plan (e.g. a shape beyond this device's limits) is reported, not fatal.
        try {
          plans.push(entry.plan(planOptions(request, dtype, shape)));
        } catch (error) {
          skipped.push(`${entry.name} ${dtype}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }
  return { plans, skipped };
}
