import type { AttentionSpec, ModelArchitecture } from './types.ts';

/** Layers whose FFN is a mixture of experts: all layers after the first_k_dense_replace dense ones. */
export function moeLayerCount(arch: ModelArchitecture): number {
  return arch.moe === null ? 0 : arch.numLayers - arch.firstKDenseLayers;
}

/** Layers with a dense FFN: every layer of a dense model, the first_k_dense ones of an MoE model. */
export function denseLayerCount(arch: ModelArchitecture): number {
  return arch.numLayers - moeLayerCount(arch);
}

/** Weights of one attention block, projections and their biases (norms are counted in normsRouter). */
export function attentionParamsPerLayer(attention: AttentionSpec, hiddenSize: number): number {
  const h = hiddenSize;
  if (attention.kind === 'mla') {
    const a = attention;
    const qHeadDim = a.qkNopeHeadDim + a.qkRopeHeadDim;
    const query =
      a.qLoraRank === null
        ? h * a.numHeads * qHeadDim
        : h * a.qLoraRank + a.qLoraRank * a.numHeads * qHeadDim;
    const kvDown = h * (a.kvLoraRank + a.qkRopeHeadDim); // kv_a_proj_with_mqa: latent + shared RoPE key
    const kvUp = a.kvLoraRank * a.numHeads * (a.qkNopeHeadDim + a.vHeadDim); // kv_b_proj
    const out = a.numHeads * a.vHeadDim * h;
    return query + kvDown + kvUp + out;
  }
  const qOut = attention.numHeads * attention.headDim;
  const kvOut = attention.numKvHeads * attention.headDim;
  const projections = h * qOut + 2 * h * kvOut + qOut * h;
  const qkvBias = attention.qkvBias ? qOut + 2 * kvOut : 0;
  const outBias = attention.outputBias ? h : 0;
  const sinks = attention.attentionSinks ? attention.numHeads : 0;
  return projections + qkvBias + outBias + sinks;
}

/** RMSNorm vectors of hiddenSize per layer: 2 unless the architecture says (Gemma 2/3: 4). */
export const DEFAULT_NORMS_PER_LAYER = 2;

/** RMSNorm weights of one layer: its hidden-size norms plus the attention block's own (MLA latents, q/k norms). */
export function normParamsPerLayer(arch: ModelArchitecture): number {
  const hiddenNorms = (arch.normsPerLayer ?? DEFAULT_NORMS_PER_LAYER) * arch.hiddenSize;
  return hiddenNorms + attentionNormParamsPerLayer(arch.attention);
}

/** RMSNorm weights inside one attention block beyond the per-layer norms (MLA latents, Qwen3 q/k norm). */
export function attentionNormParamsPerLayer(attention: AttentionSpec): number {
  if (attention.kind === 'mla') return (attention.qLoraRank ?? 0) + attention.kvLoraRank;
  return attention.qkNorm ? 2 * attention.headDim : 0;
}

/** One routed or shared expert (a SwiGLU FFN of moe_intermediate_size), with biases where present. */
export function expertParams(arch: ModelArchitecture): number {
  if (arch.moe === null) return 0;
  const inter = arch.moe.moeIntermediateSize;
  const bias = arch.moe.expertBias ? (arch.ffnMatrices - 1) * inter + arch.hiddenSize : 0;
  return arch.ffnMatrices * arch.hiddenSize * inter + bias;
}
