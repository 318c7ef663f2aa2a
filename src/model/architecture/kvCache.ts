import type { ModelArchitecture } from './types.ts';

/** KV-cache value widths: BF16 = 2 B, FP8 = 1 B (scales of FP8 caches are ignored, as in spec F23). */
export const kvBytesPerValue = { bf16: 2, fp8: 1 } as const;
export type KvDtype = keyof typeof kvBytesPerValue;

/**
 * Values cached per token per layer.
 * - MHA/GQA: a key and a value of headDim for each KV head: 2 × numKvHeads × headDim.
 * - MLA: the compressed latent plus the shared RoPE key: kvLoraRank + qkRopeHeadDim (spec F23; this is
 *   what DeepSeek-V3/Kimi K2 serving stacks cache, not the up-projected per-head keys and values).
 */
export function kvValuesPerTokenPerLayer(arch: ModelArchitecture): number {
  const a = arch.attention;
  return a.kind === 'mla' ? a.kvLoraRank + a.qkRopeHeadDim : 2 * a.numKvHeads * a.headDim;
}

/**
 * KV bytes one token adds across all layers, while it is inside every layer's window. Published checks
 * in BF16: DeepSeek-V3 / Kimi K2 61 × 576 × 2 = 70,272; Llama-3.1-70B 80 × 2 × 8 × 128 × 2 = 327,680.
 */
export function kvBytesPerToken(arch: ModelArchitecture, bytesPerValue: number): number {
  return arch.numLayers * kvValuesPerTokenPerLayer(arch) * bytesPerValue;
}

/**
 * KV bytes one sequence holds at `contextTokens`: sliding-window layers keep at most their window
 * (gpt-oss: 18 of 36 layers keep 128 tokens), the others keep the whole context.
 */
export function kvBytesForContext(
  arch: ModelArchitecture,
  bytesPerValue: number,
  contextTokens: number,
): number {
  const perLayerPerToken = kvValuesPerTokenPerLayer(arch) * bytesPerValue;
  const window = arch.slidingWindow;
  if (window === null) return arch.numLayers * perLayerPerToken * contextTokens;
  const fullLayers = arch.numLayers - window.layers;
  const windowedTokens = Math.min(contextTokens, window.tokens);
  return perLayerPerToken * (fullLayers * contextTokens + window.layers * windowedTokens);
}

/** Average KV bytes per token of context at `contextTokens` (equals kvBytesPerToken without windows). */
export function kvBytesPerTokenAtContext(
  arch: ModelArchitecture,
  bytesPerValue: number,
  contextTokens: number,
): number {
  return kvBytesForContext(arch, bytesPerValue, contextTokens) / contextTokens;
}
