import { paramsByGroup, sumGroups } from './params.ts';
import type { ModelArchitecture, PerTensorGroup, TensorGroup } from './types.ts';
import { tensorGroups } from './types.ts';
import { bytesPerParam, type WeightFormat, weightFormats } from './weightFormat.ts';

/** The storage format of every tensor group: mixed precision is the rule in real checkpoints. */
export type PrecisionPlan = Readonly<Record<TensorGroup, WeightFormat>>;

export function uniformPlan(format: WeightFormat): PrecisionPlan {
  return Object.fromEntries(tensorGroups.map((group) => [group, format])) as Record<
    TensorGroup,
    WeightFormat
  >;
}

/**
 * Routed experts in a low-bit format, everything else (attention, shared experts, dense FFN, embeddings,
 * norms) in `rest`, BF16 by default: the layout of Kimi K2-Thinking (INT4 experts) and gpt-oss (MXFP4
 * experts, BF16 elsewhere).
 */
export function expertQuantizedPlan(
  routed: WeightFormat,
  rest: WeightFormat = weightFormats.bf16,
): PrecisionPlan {
  return { ...uniformPlan(rest), routedExperts: routed };
}

export function weightBytesByGroup(arch: ModelArchitecture, plan: PrecisionPlan): PerTensorGroup {
  const params = paramsByGroup(arch);
  return Object.fromEntries(
    tensorGroups.map((group) => [group, params[group] * bytesPerParam(plan[group])]),
  ) as Record<TensorGroup, number>;
}

export function totalWeightBytes(arch: ModelArchitecture, plan: PrecisionPlan): number {
  return sumGroups(weightBytesByGroup(arch, plan));
}
