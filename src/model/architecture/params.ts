import {
  attentionParamsPerLayer,
  denseLayerCount,
  expertParams,
  moeLayerCount,
  normParamsPerLayer,
} from './layers.ts';
import type { ModelArchitecture, PerTensorGroup } from './types.ts';
import { tensorGroups } from './types.ts';

/**
 * Parameters per tensor group, counted from the config the way the checkpoint stores them.
 * Multi-token-prediction layers (DeepSeek-V3 num_nextn_predict_layers) are not counted: they are not
 * used in ordinary decoding, and DeepSeek's "671B" excludes them too.
 */
export function paramsByGroup(arch: ModelArchitecture): PerTensorGroup {
  const h = arch.hiddenSize;
  const moeLayers = moeLayerCount(arch);
  const expert = expertParams(arch);
  const routedExperts = arch.moe?.routedExperts ?? 0;
  const perLayerNorms = normParamsPerLayer(arch);
  const routerPerLayer =
    arch.moe === null ? 0 : routedExperts * h + (arch.moe.routerBias ? routedExperts : 0);
  return {
    embedding: arch.vocabSize * h,
    lmHead: arch.tiedEmbeddings ? 0 : arch.vocabSize * h,
    attention: arch.numLayers * attentionParamsPerLayer(arch.attention, h),
    denseFfn: denseLayerCount(arch) * arch.ffnMatrices * h * arch.denseIntermediateSize,
    sharedExperts: moeLayers * (arch.moe?.sharedExperts ?? 0) * expert,
    routedExperts: moeLayers * routedExperts * expert,
    normsRouter: arch.numLayers * perLayerNorms + h + moeLayers * routerPerLayer,
  };
}

export function sumGroups(groups: PerTensorGroup): number {
  return tensorGroups.reduce((sum, group) => sum + groups[group], 0);
}

export function totalParams(arch: ModelArchitecture): number {
  return sumGroups(paramsByGroup(arch));
}

/** Routed-expert parameters one token runs through: k experts in each MoE layer. */
export function activeRoutedParams(arch: ModelArchitecture): number {
  return moeLayerCount(arch) * (arch.moe?.expertsPerToken ?? 0) * expertParams(arch);
}

/**
 * Parameters one token is multiplied by. Convention: everything except the routed experts it did not
 * select and the input-embedding table. The embedding is a lookup of one row (hiddenSize values, no
 * FLOP), so counting the whole table would overstate both bytes read per token and FLOP per token; the
 * LM head is a full matmul and counts. With tied embeddings the shared matrix counts once, as LM head.
 * This is gpt-oss's published convention (5.13B active) and lands within 2% of DeepSeek-V3's 37B and
 * Mixtral's 12.9B; see tests/unit/architecture/params.test.ts.
 */
export function activeParams(arch: ModelArchitecture): number {
  const groups = paramsByGroup(arch);
  const inputEmbedding = arch.tiedEmbeddings ? 0 : groups.embedding;
  return sumGroups(groups) - groups.routedExperts + activeRoutedParams(arch) - inputEmbedding;
}
