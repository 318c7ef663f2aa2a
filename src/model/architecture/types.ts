/**
 * A model's architecture as plain data: the fields of a Hugging Face `config.json` that decide parameter
 * counts, weight bytes and KV-cache bytes. Everything downstream (params.ts, weights.ts, kvCache.ts,
 * decode.ts, prefill.ts) is a pure function of this record.
 */

/** Multi-head (MHA) or grouped-query (GQA) attention: MHA is GQA with numKvHeads === numHeads. */
export interface GroupedQueryAttention {
  readonly kind: 'mha' | 'gqa';
  readonly numHeads: number;
  readonly numKvHeads: number;
  readonly headDim: number;
  /** Bias on the q, k and v projections (Qwen2, gpt-oss). */
  readonly qkvBias: boolean;
  /** Bias on the output projection (gpt-oss). */
  readonly outputBias: boolean;
  /** Per-head RMSNorm on q and k (Qwen3): 2 × headDim weights per layer. */
  readonly qkNorm: boolean;
  /** Learned attention-sink logits, one per head per layer (gpt-oss). */
  readonly attentionSinks: boolean;
}

/**
 * Multi-head latent attention (DeepSeek-V2/V3, Kimi K2): the cache holds one compressed latent of
 * kvLoraRank values plus one shared RoPE key of qkRopeHeadDim values per token per layer.
 */
export interface MultiHeadLatentAttention {
  readonly kind: 'mla';
  readonly numHeads: number;
  /** null when queries are not low-rank compressed (DeepSeek-V2-Lite). */
  readonly qLoraRank: number | null;
  readonly kvLoraRank: number;
  readonly qkNopeHeadDim: number;
  readonly qkRopeHeadDim: number;
  readonly vHeadDim: number;
}

export type AttentionSpec = GroupedQueryAttention | MultiHeadLatentAttention;

export interface MixtureOfExperts {
  /** E: routed experts per MoE layer. */
  readonly routedExperts: number;
  readonly sharedExperts: number;
  /** k: routed experts each token selects per MoE layer. */
  readonly expertsPerToken: number;
  readonly moeIntermediateSize: number;
  /** Biases on the expert projections (gpt-oss): (ffnMatrices − 1) × intermediate + hidden per expert. */
  readonly expertBias: boolean;
  /** A per-expert router bias (DeepSeek-V3 e_score_correction_bias, gpt-oss router bias). */
  readonly routerBias: boolean;
}

/** Layers whose attention only sees the last `tokens` positions (gpt-oss alternates full and 128-token). */
export interface SlidingWindow {
  readonly tokens: number;
  readonly layers: number;
}

export interface ModelArchitecture {
  readonly hiddenSize: number;
  readonly numLayers: number;
  /**
   * Layers with a dense FFN instead of MoE (ignored when moe is null): first_k_dense_replace, or those
   * mlp_only_layers / decoder_sparse_step / moe_layer_freq leave dense. Only their count matters: every
   * operator is priced per layer and pipeline stages split the layers evenly.
   */
  readonly firstKDenseLayers: number;
  /** FFN width of the dense layers (intermediate_size). */
  readonly denseIntermediateSize: number;
  /** Weight matrices per FFN/expert: 3 for SwiGLU (gate, up, down). */
  readonly ffnMatrices: number;
  readonly vocabSize: number;
  /** The LM head reuses the input-embedding matrix (tie_word_embeddings). */
  readonly tiedEmbeddings: boolean;
  /**
   * RMSNorm weight vectors of hiddenSize in each layer: 2 (before attention, before the FFN) unless
   * given; Gemma 2 and 3 norm after each block too (4), which their published non-embedding count pins.
   */
  readonly normsPerLayer?: number;
  readonly attention: AttentionSpec;
  /** null for a dense model: every layer has a dense FFN. */
  readonly moe: MixtureOfExperts | null;
  readonly slidingWindow: SlidingWindow | null;
}

/** The tensor groups that parameter counts and weight bytes are reported in. */
export const tensorGroups = [
  'embedding',
  'lmHead',
  'attention',
  'denseFfn',
  'sharedExperts',
  'routedExperts',
  'normsRouter',
] as const;
export type TensorGroup = (typeof tensorGroups)[number];
export type PerTensorGroup = Readonly<Record<TensorGroup, number>>;
