import type { GroupedQueryAttention, ModelArchitecture } from '../architecture/types.ts';

/** Architectures transcribed from each model's published config.json (sources in models.ts). */

const plainGqa = (numHeads: number, numKvHeads: number, headDim: number): GroupedQueryAttention => ({
  kind: numHeads === numKvHeads ? 'mha' : 'gqa',
  numHeads,
  numKvHeads,
  headDim,
  qkvBias: false,
  outputBias: false,
  qkNorm: false,
  attentionSinks: false,
});

/** moonshotai/Kimi-K2-Instruct config.json (DeepseekV3ForCausalLM). */
export const kimiK2Architecture: ModelArchitecture = {
  hiddenSize: 7168,
  numLayers: 61,
  firstKDenseLayers: 1,
  denseIntermediateSize: 18432,
  ffnMatrices: 3,
  vocabSize: 163840,
  tiedEmbeddings: false,
  attention: {
    kind: 'mla',
    numHeads: 64,
    qLoraRank: 1536,
    kvLoraRank: 512,
    qkNopeHeadDim: 128,
    qkRopeHeadDim: 64,
    vHeadDim: 128,
  },
  moe: {
    routedExperts: 384,
    sharedExperts: 1,
    expertsPerToken: 8,
    moeIntermediateSize: 2048,
    expertBias: false,
    routerBias: true, // e_score_correction_bias (topk_method noaux_tc)
  },
  slidingWindow: null,
};

/** The blog's reading of K2.6: "MoE layer frequency 1" makes all 61 layers MoE (spec I-5). */
export const kimiBlogArchitecture: ModelArchitecture = { ...kimiK2Architecture, firstKDenseLayers: 0 };

/** deepseek-ai/DeepSeek-V3 config.json; the MTP module (num_nextn_predict_layers 1) is not counted. */
export const deepseekV3Architecture: ModelArchitecture = {
  ...kimiK2Architecture,
  firstKDenseLayers: 3,
  vocabSize: 129280,
  attention: { ...kimiK2Architecture.attention, numHeads: 128 },
  moe: {
    routedExperts: 256,
    sharedExperts: 1,
    expertsPerToken: 8,
    moeIntermediateSize: 2048,
    expertBias: false,
    routerBias: true,
  },
};

const llama31 = (hidden: number, layers: number, heads: number, intermediate: number): ModelArchitecture => ({
  hiddenSize: hidden,
  numLayers: layers,
  firstKDenseLayers: 0,
  denseIntermediateSize: intermediate,
  ffnMatrices: 3,
  vocabSize: 128256,
  tiedEmbeddings: false,
  attention: plainGqa(heads, 8, 128),
  moe: null,
  slidingWindow: null,
});

/** meta-llama/Llama-3.1-{8B,70B,405B} config.json. */
export const llama31_8bArchitecture = llama31(4096, 32, 32, 14336);
export const llama31_70bArchitecture = llama31(8192, 80, 64, 28672);
export const llama31_405bArchitecture = llama31(16384, 126, 128, 53248);

/** Qwen/Qwen3-235B-A22B config.json: every layer MoE (decoder_sparse_step 1, mlp_only_layers []). */
export const qwen3_235bArchitecture: ModelArchitecture = {
  hiddenSize: 4096,
  numLayers: 94,
  firstKDenseLayers: 0,
  denseIntermediateSize: 12288,
  ffnMatrices: 3,
  vocabSize: 151936,
  tiedEmbeddings: false,
  attention: { ...plainGqa(64, 4, 128), qkNorm: true },
  moe: {
    routedExperts: 128,
    sharedExperts: 0,
    expertsPerToken: 8,
    moeIntermediateSize: 1536,
    expertBias: false,
    routerBias: false,
  },
  slidingWindow: null,
};

/** openai/gpt-oss-120b config.json: biased projections, attention sinks, 18 of 36 layers 128-token windows. */
export const gptOss120bArchitecture: ModelArchitecture = {
  hiddenSize: 2880,
  numLayers: 36,
  firstKDenseLayers: 0,
  denseIntermediateSize: 2880,
  ffnMatrices: 3,
  vocabSize: 201088,
  tiedEmbeddings: false,
  attention: { ...plainGqa(64, 8, 64), qkvBias: true, outputBias: true, attentionSinks: true },
  moe: {
    routedExperts: 128,
    sharedExperts: 0,
    expertsPerToken: 4,
    moeIntermediateSize: 2880,
    expertBias: true,
    routerBias: true,
  },
  slidingWindow: { tokens: 128, layers: 18 },
};

/** mistralai/Mixtral-8x7B-v0.1 config.json (sliding_window null: full attention). */
export const mixtral8x7bArchitecture: ModelArchitecture = {
  hiddenSize: 4096,
  numLayers: 32,
  firstKDenseLayers: 0,
  denseIntermediateSize: 14336,
  ffnMatrices: 3,
  vocabSize: 32000,
  tiedEmbeddings: false,
  attention: plainGqa(32, 8, 128),
  moe: {
    routedExperts: 8,
    sharedExperts: 0,
    expertsPerToken: 2,
    moeIntermediateSize: 14336,
    expertBias: false,
    routerBias: false,
  },
  slidingWindow: null,
};

/** Qwen/Qwen3-8B config.json: dense, per-head q/k norms, head_dim 128. */
export const qwen3_8bArchitecture: ModelArchitecture = {
  hiddenSize: 4096,
  numLayers: 36,
  firstKDenseLayers: 0,
  denseIntermediateSize: 12288,
  ffnMatrices: 3,
  vocabSize: 151936,
  tiedEmbeddings: false,
  attention: { ...plainGqa(32, 8, 128), qkNorm: true },
  moe: null,
  slidingWindow: null,
};

/** Qwen/Qwen3-30B-A3B config.json: every layer MoE, 128 experts of width 768, 8 per token. */
export const qwen3_30bA3bArchitecture: ModelArchitecture = {
  hiddenSize: 2048,
  numLayers: 48,
  firstKDenseLayers: 0,
  denseIntermediateSize: 6144,
  ffnMatrices: 3,
  vocabSize: 151936,
  tiedEmbeddings: false,
  attention: { ...plainGqa(32, 4, 128), qkNorm: true },
  moe: {
    routedExperts: 128,
    sharedExperts: 0,
    expertsPerToken: 8,
    moeIntermediateSize: 768,
    expertBias: false,
    routerBias: false,
  },
  slidingWindow: null,
};

/** openai/gpt-oss-20b config.json: gpt-oss-120b's layer at 24 layers and 32 experts. */
export const gptOss20bArchitecture: ModelArchitecture = {
  ...gptOss120bArchitecture,
  numLayers: 24,
  moe: {
    routedExperts: 32,
    sharedExperts: 0,
    expertsPerToken: 4,
    moeIntermediateSize: 2880,
    expertBias: true,
    routerBias: true,
  },
  slidingWindow: { tokens: 128, layers: 12 },
};

/** Qwen2.5 (qwen2 model_type): q, k and v projections carry biases (hard-coded in modeling_qwen2). */
const qwen25 = (
  hidden: number,
  layers: number,
  heads: number,
  kvHeads: number,
  intermediate: number,
): ModelArchitecture => ({
  hiddenSize: hidden,
  numLayers: layers,
  firstKDenseLayers: 0,
  denseIntermediateSize: intermediate,
  ffnMatrices: 3,
  vocabSize: 152064,
  tiedEmbeddings: false,
  attention: { ...plainGqa(heads, kvHeads, 128), qkvBias: true },
  moe: null,
  slidingWindow: null,
});

/** Qwen/Qwen2.5-7B and Qwen2.5-72B config.json (use_sliding_window false). */
export const qwen25_7bArchitecture = qwen25(3584, 28, 28, 4, 18944);
export const qwen25_72bArchitecture = qwen25(8192, 80, 64, 8, 29568);

/** meta-llama/Llama-2-7b-hf config.json: multi-head attention (32 KV heads), 32,000-token vocabulary. */
export const llama2_7bArchitecture: ModelArchitecture = {
  hiddenSize: 4096,
  numLayers: 32,
  firstKDenseLayers: 0,
  denseIntermediateSize: 11008,
  ffnMatrices: 3,
  vocabSize: 32000,
  tiedEmbeddings: false,
  attention: plainGqa(32, 32, 128),
  moe: null,
  slidingWindow: null,
};
