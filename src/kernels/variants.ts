// Variants: each kernel family declares a few ways to run the same case (workgroup size, rows per
// workgroup, tile sizes…) within the device's real limits; the harness (bench/tune.ts) verifies and times
// each and keeps the fastest verified one. A manifest builds the parts every variant shares once and lists
// the variants; these helpers make the plan of one of them.
import type { KernelLimits } from './options.ts';
import type { KernelPlan, KernelVariant } from './types.ts';

/** What a manifest builds once for all its variants. */
export type CasePlan = Omit<KernelPlan, keyof KernelVariant | 'variant' | 'variants'>;

/** The plan whose pipeline fields are the first variant's, listing them all. */
export function withVariants(common: CasePlan, variants: readonly KernelVariant[]): KernelPlan {
  const first = variants[0];
  if (!first) throw new Error(`${common.label}: no variant fits this device`);
  const names = new Set(variants.map((v) => v.name));
  if (names.size !== variants.length) throw new Error(`${common.label}: variant names must be unique`);
  return { ...common, ...variantFields(first), variant: first.name, variants };
}

function variantFields(v: KernelVariant): KernelVariant {
  return {
    name: v.name,
    shaderSource: v.shaderSource,
    entryPoint: v.entryPoint,
    constants: v.constants,
    workgroups: v.workgroups,
    ...(v.reduce ? { reduce: v.reduce } : {}),
    verify: (output) => v.verify(output),
  };
}

/** The same case run by the variant called `name`. */
export function planVariant(plan: KernelPlan, name: string): KernelPlan {
  const v = plan.variants.find((candidate) => candidate.name === name);
  if (!v) {
    throw new Error(
      `${plan.label}: no variant '${name}' (variants: ${plan.variants.map((c) => c.name).join(', ')})`,
    );
  }
  const { name: _name, ...fields } = variantFields(v);
  const { reduce: _reduce, ...base } = plan;
  return { ...base, ...fields, variant: v.name };
}

/** Workgroup sizes to try: 128 (compatibility), and 256 where the device allows it. */
export function workgroupSizeChoices(limits: KernelLimits): number[] {
  const sizes = [128, 256].filter((size) => size <= limits.maxComputeInvocationsPerWorkgroup);
  return sizes.length > 0 ? sizes : [largestPowerOfTwoAtMost(limits.maxComputeInvocationsPerWorkgroup)];
}

function largestPowerOfTwoAtMost(value: number): number {
  let size = 1;
  while (size * 2 <= value) size *= 2;
  return size;
}
