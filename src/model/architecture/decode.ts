import { attentionFlopsPerToken } from './attentionFlops.ts';
import { expectedUniqueExperts } from './experts.ts';
import { kvBytesForContext } from './kvCache.ts';
import { expertParams, moeLayerCount } from './layers.ts';
import { activeParams } from './params.ts';
import type { ModelArchitecture } from './types.ts';
import { bytesPerParam } from './weightFormat.ts';
import { type PrecisionPlan, weightBytesByGroup } from './weights.ts';

/** Bytes of one routed expert in the plan's routed-expert format (spec F27 with the real format). */
export function expertBytes(arch: ModelArchitecture, plan: PrecisionPlan): number {
  return expertParams(arch) * bytesPerParam(plan.routedExperts);
}

/**
 * Weight bytes every decode pass reads whatever the batch: attention, dense FFN layers, shared experts,
 * norms and routers, and the LM head (the tied embedding matrix when tied). The input-embedding table is
 * not here: a pass reads only B rows of it (embeddingRowBytes below).
 */
export function sharedWeightBytesPerPass(arch: ModelArchitecture, plan: PrecisionPlan): number {
  const g = weightBytesByGroup(arch, plan);
  const lmHead = arch.tiedEmbeddings ? g.embedding : g.lmHead;
  return g.attention + g.denseFfn + g.sharedExperts + g.normsRouter + lmHead;
}

export interface DecodePassBytes {
  readonly sharedWeightBytes: number;
  /** B rows of the input embedding (0 when tied: the LM head read already covers the matrix). */
  readonly embeddingRowBytes: number;
  /** Expected unique experts × MoE layers × expert bytes. */
  readonly routedExpertBytes: number;
  /** B sequences × KV bytes of `contextTokens` each. */
  readonly kvBytes: number;
  readonly total: number;
}

/** Bytes one decode pass (one new token for each of B sequences at `contextTokens`) reads from memory. */
export function decodeBytesPerPass(
  arch: ModelArchitecture,
  plan: PrecisionPlan,
  kvBytesPerValue: number,
  batch: number,
  contextTokens: number,
): DecodePassBytes {
  const sharedWeightBytes = sharedWeightBytesPerPass(arch, plan);
  const embeddingRowBytes = arch.tiedEmbeddings ? 0 : batch * arch.hiddenSize * bytesPerParam(plan.embedding);
  const unique = expectedUniqueExperts(arch.moe?.routedExperts ?? 0, arch.moe?.expertsPerToken ?? 0, batch);
  const routedExpertBytes = unique * moeLayerCount(arch) * expertBytes(arch, plan);
  const kvBytes = batch * kvBytesForContext(arch, kvBytesPerValue, contextTokens);
  const total = sharedWeightBytes + embeddingRowBytes + routedExpertBytes + kvBytes;
  return { sharedWeightBytes, embeddingRowBytes, routedExpertBytes, kvBytes, total };
}

/** Bytes read per generated token at batch B: a pass's bytes shared by its B tokens. */
export function decodeBytesPerToken(
  arch: ModelArchitecture,
  plan: PrecisionPlan,
  kvBytesPerValue: number,
  batch: number,
  contextTokens: number,
): number {
  return decodeBytesPerPass(arch, plan, kvBytesPerValue, batch, contextTokens).total / batch;
}

/**
 * FLOP of one decode pass: 2 · activeParams · B (one multiply-add per active weight per token, spec F17's
 * convention). With `includeAttention`, add each token's attention over its context in MLA's absorbed
 * form; at long contexts that term dominates for MLA (Kimi K2 at 80K: ≈0.68 TFLOP vs 63 GFLOP of weights).
 */
export function decodeFlopsPerPass(
  arch: ModelArchitecture,
  batch: number,
  contextTokens: number,
  includeAttention = false,
): number {
  const attention = includeAttention ? attentionFlopsPerToken(arch, contextTokens, true) : 0;
  return batch * (2 * activeParams(arch) + attention);
}

/** Decode arithmetic intensity at batch B (FLOP per byte), the x coordinate on the roofline. */
export function decodeArithmeticIntensity(
  arch: ModelArchitecture,
  plan: PrecisionPlan,
  kvBytesPerValue: number,
  batch: number,
  contextTokens: number,
  includeAttention = false,
): number {
  const bytes = decodeBytesPerPass(arch, plan, kvBytesPerValue, batch, contextTokens).total;
  return decodeFlopsPerPass(arch, batch, contextTokens, includeAttention) / bytes;
}
