// Mixture-of-experts family: the router, the routed experts and the shared experts, per GPU over `layers`
// MoE layers. A decode step reads every expert any of its tokens picked, once: with B tokens choosing k
// of E experts each, E(1 − (1 − k/E)^B) distinct experts per layer (architecture/experts.ts, spec F26).
import { expectedUniqueExperts } from '../architecture/experts.ts';
import { expertParams, moeLayerCount } from '../architecture/layers.ts';
import { bytesPerParam } from '../architecture/weightFormat.ts';
import { expertShards, tokensSeenByExperts } from './layout.ts';
import { ffnGemms, linearCost, NO_COST } from './matmul.ts';
import type { MatmulCost, ServedModel, StepShape } from './types.ts';

const NONE = NO_COST;

/** The gate: E × hidden weights, replicated on every rank (vLLM's ReplicatedLinear), one GEMV per token. */
export function router(model: ServedModel, shape: StepShape, layers: number): MatmulCost {
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
 * The grouped GEMMs run one problem per touched expert on this GPU, each with the tokens that expert
 * sees (routed tokens ÷ touched experts): that is what their tiles fill, so the experts' efficiency
 * follows the tokens per expert, not a flat charge per expert.
 */
export function routedExperts(model: ServedModel, shape: StepShape, layers: number): MatmulCost {
  const { arch, layout } = model;
  const moe = arch.moe;
  if (moe === null) return NONE;
  const shards = expertShards(layout);
  const seen = tokensSeenByExperts(shape.tokens, layout);
  const params = expertParams(arch);
  const unique = uniqueExpertsTouched(model, shape.tokens);
  const weightBytes = (unique * params * bytesPerParam(model.plan.routedExperts)) / shards;
  const routedTokens = seen * moe.expertsPerToken;
  const activationValues = routedTokens * (2 * arch.hiddenSize + arch.ffnMatrices * moe.moeIntermediateSize);
  const { rows: tokensPerExpert, groups: problems } = routedShapeAt(model, shape.tokens, unique);
  const slice = shards / Math.max(1, Math.min(layout.ep, shards));
  const width = moe.moeIntermediateSize / slice;
  return {
    bytes: layers * (weightBytes + (activationValues * model.activationBytes) / shards),
    flops: (layers * 2 * routedTokens * params) / shards,
    gemms:
      problems > 0
        ? [
            // gate and up (and any further input matrices), then down, over each touched expert
            {
              rows: tokensPerExpert,
              cols: (arch.ffnMatrices - 1) * width,
              depth: arch.hiddenSize,
              groups: problems,
              calls: layers,
            },
            { rows: tokensPerExpert, cols: arch.hiddenSize, depth: width, groups: problems, calls: layers },
          ]
        : [],
  };
}

/**
 * The routed experts' grouped GEMM at `tokens` tokens (one microbatch): the tokens each touched expert
 * sees (its rows) and the expert problems one GPU runs per MoE layer (the touched experts it holds, ÷ EP).
 */
export function routedShapeAt(
  model: ServedModel,
  tokens: number,
  unique = uniqueExpertsTouched(model, tokens),
): { rows: number; groups: number } {
  const moe = model.arch.moe;
  if (moe === null) return { rows: 0, groups: 0 };
  const { layout } = model;
  const routedTokens = tokensSeenByExperts(tokens, layout) * moe.expertsPerToken;
  return {
    rows: unique > 0 ? routedTokens / unique : 0,
    groups: unique / Math.max(1, Math.min(layout.ep, expertShards(layout))),
  };
}

/** Shared experts: every token through each of them, split over TP like a dense FFN. */
export function sharedExperts(model: ServedModel, shape: StepShape, layers: number): MatmulCost {
  const { arch, layout } = model;
  const moe = arch.moe;
  if (moe === null || moe.sharedExperts === 0) return NONE;
  const params = moe.sharedExperts * expertParams(arch);
  const bytesPerWeight = bytesPerParam(model.plan.sharedExperts);
  const width = (moe.moeIntermediateSize * moe.sharedExperts) / layout.tp;
  const activations = shape.tokens * (2 * arch.hiddenSize + arch.ffnMatrices * width);
  return {
    bytes: layers * ((params * bytesPerWeight) / layout.tp + activations * model.activationBytes),
    flops: (layers * 2 * shape.tokens * params) / layout.tp,
    gemms: ffnGemms(shape.tokens, arch.hiddenSize, width, arch.ffnMatrices, layers),
  };
}
