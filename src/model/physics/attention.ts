// Attention family: the projections into queries, keys and values (or MLA's latents), attention over
// the KV cache, and the output projection, per GPU of a TP group over `layers` layers.
//
// MLA runs in two forms (architecture/attentionFlops.ts): decode absorbs the latent up-projection into
// the query and output (FlashMLA: attend in the 576-wide latent), so kv_b's weights are read by the
// query and output ops; prefill expands the latent of every attended token through kv_b instead. vLLM's
// DeepseekV2MLAAttention keeps q_a_proj and kv_a_proj_with_mqa replicated on every TP rank (only the
// per-head projections split), and every rank keeps the whole latent cache (layout.kvShareOfRank).
import { attentionFlopsPerToken } from '../architecture/attentionFlops.ts';
import { kvBytesForContext, kvBytesPerToken } from '../architecture/kvCache.ts';
import { bytesPerParam } from '../architecture/weightFormat.ts';
import { kvShareOfRank } from './layout.ts';
import { addCosts, linearCost, NO_COST } from './matmul.ts';
import type { MatmulCost, OpCost, ServedModel, StepShape } from './types.ts';

function attentionWeightBytes(model: ServedModel): number {
  return bytesPerParam(model.plan.attention);
}

/** MHA/GQA: the fused q, k, v projection; MLA: the query path (q_a, q_b, and in decode W_UK absorbed). */
export function queryProjection(model: ServedModel, shape: StepShape, layers: number): MatmulCost {
  const { arch, layout, activationBytes } = model;
  const a = arch.attention;
  const h = arch.hiddenSize;
  const w = attentionWeightBytes(model);
  const tp = layout.tp;
  const t = shape.tokens;
  const act = activationBytes;
  if (a.kind !== 'mla') {
    const q = linearCost(t, h, a.numHeads * a.headDim, w, 1 / tp, act, layers);
    const kv = linearCost(t, h, 2 * a.numKvHeads * a.headDim, w, kvShareOfRank(arch, layout), act, layers);
    return addCosts(q, kv);
  }
  const qHead = a.qkNopeHeadDim + a.qkRopeHeadDim;
  const heads = a.numHeads / tp;
  const query =
    a.qLoraRank === null
      ? linearCost(t, h, a.numHeads * qHead, w, 1 / tp, act, layers)
      : addCosts(
          linearCost(t, h, a.qLoraRank, w, 1, act, layers),
          linearCost(t, a.qLoraRank, a.numHeads * qHead, w, 1 / tp, act, layers),
        );
  if (shape.decode === null) return query;
  // decode: W_UK (the key half of kv_b) folded into each decoding token's query: nope → latent
  const absorbK = linearCost(shape.decode.tokens, heads * a.qkNopeHeadDim, a.kvLoraRank, w, 1, act, layers);
  return addCosts(query, absorbK);
}

/**
 * MLA only: the latent down-projection kv_a (replicated), and in prefill kv_b expanding the latent of
 * every attended token (cached prefix and fresh chunk) into per-head keys and values. 0 for MHA/GQA,
 * whose keys and values come out of queryProjection.
 */
export function latentProjection(model: ServedModel, shape: StepShape, layers: number): MatmulCost {
  const { arch, layout, activationBytes } = model;
  const a = arch.attention;
  if (a.kind !== 'mla') return NO_COST;
  const w = attentionWeightBytes(model);
  const down = linearCost(
    shape.tokens,
    arch.hiddenSize,
    a.kvLoraRank + a.qkRopeHeadDim,
    w,
    1,
    activationBytes,
    layers,
  );
  const prefill = shape.prefill;
  if (prefill === null) return down;
  const expandedTokens = prefill.sequences * prefill.kvReadTokens + prefill.tokens;
  const width = a.numHeads * (a.qkNopeHeadDim + a.vHeadDim);
  const up = linearCost(expandedTokens, a.kvLoraRank, width, w, 1 / layout.tp, activationBytes, layers);
  return addCosts(down, up);
}

/**
 * Attention over the KV cache: each sequence's cached keys and values read once (the rank's share of
 * them), the step's new keys and values written, the score and value products for the rank's heads. In
 * a mixed step each part attends in its own form (MLA: decode in the latent, prefill expanded).
 */
export function attentionOverCache(model: ServedModel, shape: StepShape, layers: number): OpCost {
  const { arch, layout, kvBytesPerValue, activationBytes } = model;
  const share = kvShareOfRank(arch, layout);
  const layerShare = layers / arch.numLayers;
  const a = arch.attention;
  let read = 0;
  let products = 0;
  for (const part of [shape.decode, shape.prefill]) {
    if (part === null) continue;
    read += part.sequences * kvBytesForContext(arch, kvBytesPerValue, part.kvReadTokens);
    const absorbed = a.kind === 'mla' && part === shape.decode;
    products += part.tokens * attentionFlopsPerToken(arch, part.attendedKeys, absorbed);
  }
  const write = shape.tokens * kvBytesPerToken(arch, kvBytesPerValue);
  const headDims = a.kind === 'mla' ? a.kvLoraRank + a.qkRopeHeadDim + a.kvLoraRank : 2 * a.headDim;
  const queriesAndOutputs = (shape.tokens * a.numHeads * headDims * activationBytes * layers) / layout.tp;
  return {
    bytes: (read + write) * share * layerShare + queriesAndOutputs,
    flops: (products * layerShare) / layout.tp,
  };
}

/** The output projection (o_proj, row-parallel), with MLA's W_UV absorbed in decode. */
export function outputProjection(model: ServedModel, shape: StepShape, layers: number): MatmulCost {
  const { arch, layout, activationBytes } = model;
  const a = arch.attention;
  const w = attentionWeightBytes(model);
  const t = shape.tokens;
  const valueWidth = a.kind === 'mla' ? a.vHeadDim : a.headDim;
  const out = linearCost(
    t,
    (a.numHeads * valueWidth) / layout.tp,
    arch.hiddenSize,
    w,
    1,
    activationBytes,
    layers,
  );
  if (a.kind !== 'mla' || shape.decode === null) return out;
  const absorbV = linearCost(
    shape.decode.tokens,
    a.kvLoraRank,
    (a.numHeads / layout.tp) * a.vHeadDim,
    w,
    1,
    activationBytes,
    layers,
  );
  return addCosts(absorbV, out);
}
