// Mixture-of-experts family: the router, the routed experts and the shared experts, per GPU over `layers`
// MoE layers. A decode step reads every expert any of its tokens picked, once: with B tokens choosing k
// of E experts each, E(1 − (1 − k/E)^B) distinct experts per layer (architecture/experts.ts, spec F26).
import { expectedUniqueExperts } from '../architecture/experts.ts';
import { expertParams, moeLayerCount } from '../architecture/layers.ts';
import { bytesPerParam } from '../architecture/weightFormat.ts';
import { expertShards, tokensSeenByExperts } from './layout.ts';
import { linearCost } from './matmul.ts';
import type { OpCost, ServedModel, StepShape } from './types.ts';

const NONE: OpCost = { bytes: 0, flops: 0 };

/** The gate: E × hidden weights, replicated on every rank (vLLM's ReplicatedLinear), one GEMV per token. */
export function router(model: ServedModel, shape: StepShape, layers: number): OpCost {
  const moe = model.arch.moe;
  if (moe === null) return NONE;
  const bytesPerWeight = bytesPerParam(model.plan.normsRouter);
  const { hiddenSize } = model.arch;
  return linearCost(
    shape.tokens,
    hiddenSize,
    moe.routedExperts,
    bytesPerWeight,
    1,
    model.activationBytes,
    layers,
  );
}

/** Expected distinct routed experts per layer that this step's tokens (as the EP group sees them) touch. */
export function uniqueExpertsTouched(model: ServedModel, tokens: number): number {
  const moe = model.arch.moe;
  if (moe === null) return 0;
  return expectedUniqueExperts(
    moe.routedExperts,
    moe.expertsPerToken,
    tokensSeenByExperts(tokens, model.layout),
  );
}

/**
 * Routed experts one GPU runs per step over all MoE layers (of its stage): the touched experts it holds,
 * E(unique) ÷ EP when EP places whole experts, every touched one (sliced) under TP alone.
 */
export function touchedExpertsPerGpu(model: ServedModel, tokens: number): number {
  const { arch, layout } = model;
  if (arch.moe === null) return 0;
  const moeLayers = moeLayerCount(arch) / layout.pp;
  return (
    (moeLayers * uniqueExpertsTouched(model, tokens)) / Math.max(1, Math.min(layout.ep, expertShards(layout)))
  );
}

/**
 * Routed experts: the touched experts' weights (spread over max(EP, TP) GPUs: EP places whole experts,
 * TP slices the rest) and each token's k expert FFNs; activations move in and out of the grouped GEMM.
 */
export function routedExperts(model: ServedModel, shape: StepShape, layers: number): OpCost {
  const { arch, layout } = model;
  const moe = arch.moe;
  if (moe === null) return NONE;
  const shards = expertShards(layout);
  const seen = tokensSeenByExperts(shape.tokens, layout);
  const params = expertParams(arch);
  const weightBytes =
    (uniqueExpertsTouched(model, shape.tokens) * params * bytesPerParam(model.plan.routedExperts)) / shards;
  const routedTokens = seen * moe.expertsPerToken;
  const activationValues = routedTokens * (2 * arch.hiddenSize + arch.ffnMatrices * moe.moeIntermediateSize);
  return {
    bytes: layers * (weightBytes + (activationValues * model.activationBytes) / shards),
    flops: (layers * 2 * routedTokens * params) / shards,
  };
}

/** Shared experts: every token through each of them, split over TP like a dense FFN. */
export function sharedExperts(model: ServedModel, shape: StepShape, layers: number): OpCost {
  const { arch, layout } = model;
  const moe = arch.moe;
  if (moe === null || moe.sharedExperts === 0) return NONE;
  const params = moe.sharedExperts * expertParams(arch);
  const bytesPerWeight = bytesPerParam(model.plan.sharedExperts);
  const activations =
    shape.tokens *
    (2 * arch.hiddenSize + (arch.ffnMatrices * moe.moeIntermediateSize * moe.sharedExperts) / layout.tp);
  return {
    bytes: layers * ((params * bytesPerWeight) / layout.tp + activations * model.activationBytes),
    flops: (layers * 2 * shape.tokens * params) / layout.tp,
  };
}
