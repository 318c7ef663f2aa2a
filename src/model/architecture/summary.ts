import { kvBytesPerToken, kvValuesPerTokenPerLayer } from './kvCache.ts';
import { activeParams, paramsByGroup, totalParams } from './params.ts';
import type { ModelArchitecture, SlidingWindow } from './types.ts';

/**
 * The counts a user checks against a model card: parameters (total, and active per token in both
 * conventions cards use) and the KV cache a token adds. Cards differ on the input embedding: gpt-oss
 * leaves it out of "active", Qwen, DeepSeek and Mistral count it; both are given.
 */
export interface ArchitectureSummary {
  readonly totalParams: number;
  /** ridgeline's convention (params.ts): without the input-embedding table */
  readonly activeParams: number;
  /** with the input embedding (when it is not also the LM head) */
  readonly activeParamsWithEmbedding: number;
  /** KV bytes one token adds over all layers while inside every window, at `kvBytesPerValue` */
  readonly kvBytesPerToken: number;
  readonly slidingWindow: SlidingWindow | null;
  /** KV bytes a token adds once past the sliding windows (full-attention layers only); null without */
  readonly kvBytesPerTokenPastWindow: number | null;
}

export function architectureSummary(arch: ModelArchitecture, kvBytesPerValue: number): ArchitectureSummary {
  const groups = paramsByGroup(arch);
  const active = activeParams(arch);
  const window = arch.slidingWindow;
  const perLayer = kvValuesPerTokenPerLayer(arch) * kvBytesPerValue;
  return {
    totalParams: totalParams(arch),
    activeParams: active,
    activeParamsWithEmbedding: active + (arch.tiedEmbeddings ? 0 : groups.embedding),
    kvBytesPerToken: kvBytesPerToken(arch, kvBytesPerValue),
    slidingWindow: window,
    kvBytesPerTokenPastWindow: window === null ? null : (arch.numLayers - window.layers) * perLayer,
  };
}
