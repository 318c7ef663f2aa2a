import type { ModelArchitecture } from './types.ts';

/**
 * FLOP of the score (QKᵀ) and value (AV) products for one query token attending to `attendedKeys` keys,
 * summed over layers: 2 · heads · keys · (dQK + dV) per layer, the multiply-add counted as 2 FLOP.
 * Sliding-window layers attend to at most their window. GQA shares K/V between heads but every query
 * head still does its own products, so numHeads (not numKvHeads) multiplies.
 * MLA has two equivalent forms: `absorbed` (decode kernels such as FlashMLA fold the up-projections into
 * the query and output, attending in the latent: dQK = kvLoraRank + qkRopeHeadDim, dV = kvLoraRank) and
 * the expanded form used for prefill (dQK = qkNope + qkRope, dV = vHeadDim).
 */
export function attentionFlopsPerToken(
  arch: ModelArchitecture,
  attendedKeys: number,
  absorbed: boolean,
): number {
  const a = arch.attention;
  let dimsPerHead: number;
  if (a.kind === 'mla') {
    dimsPerHead = absorbed
      ? a.kvLoraRank + a.qkRopeHeadDim + a.kvLoraRank
      : a.qkNopeHeadDim + a.qkRopeHeadDim + a.vHeadDim;
  } else {
    dimsPerHead = 2 * a.headDim;
  }
  const perLayerPerKey = 2 * a.numHeads * dimsPerHead;
  const window = arch.slidingWindow;
  if (window === null) return arch.numLayers * perLayerPerKey * attendedKeys;
  const fullLayers = arch.numLayers - window.layers;
  return perLayerPerKey * (fullLayers * attendedKeys + window.layers * Math.min(attendedKeys, window.tokens));
}
