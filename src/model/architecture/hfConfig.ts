// A Hugging Face config.json → ModelArchitecture, for the families ridgeline's presets come from and their
// close relatives. The rules per family are those of transformers' configuration_*.py / modeling_*.py
// (field names, defaults when a key is absent, which layers are MoE or slide), and they reproduce the
// published parameter counts (tests/unit/architecture/hfConfig.test.ts, fixtures in
// tests/fixtures/hf-configs with their sources):
// - Qwen2 biases q, k and v (hard-coded in modeling_qwen2, not in the config); Qwen3 and Gemma 3 norm q
//   and k per head; gpt-oss biases every projection and expert and learns one attention sink per head.
// - head_dim is its own field where given (Qwen3 30B-A3B: 128, not 2048 / 32; gpt-oss 64; Gemma 256).
// - Gemma ties the LM head to the embedding unless told otherwise and norms four times per layer (2, 3).
// - MoE placement: DeepSeek/Kimi `i >= first_k_dense_replace and i % moe_layer_freq == 0`; Qwen-MoE
//   `i not in mlp_only_layers and (i + 1) % decoder_sparse_step == 0`; Mixtral and gpt-oss every layer.
// - MLA caches kv_lora_rank + qk_rope_head_dim values per layer (576 for DeepSeek-V3 / Kimi K2).
// - Sliding layers: layer_types when given; else gpt-oss and Gemma 2 alternate (even layers slide),
//   Gemma 3 slides five of every six (sliding_window_pattern), Mistral/Mixtral slide every layer when
//   sliding_window is set, Qwen slides layers from max_window_layers on when use_sliding_window is true.
// - Multimodal wrappers (Kimi K2.5/K2.6 `kimi_k25`, Gemma 3 `gemma3`) keep the language model under
//   text_config: it is read from there, the vision tower is not counted.
// Anything else (an unknown model_type, a missing field, fields that contradict each other) is one
// HfConfigError naming the field.
import { plainText } from '../text/plainText.ts';
import { type Bound, RANGES } from '../units/ranges.ts';
import {
  ConfigFields,
  countText,
  HfConfigError,
  intEntry,
  isJsonObject,
  oneOfEntry,
} from './hfConfigFields.ts';
import type { AttentionSpec, MixtureOfExperts, ModelArchitecture, SlidingWindow } from './types.ts';
import { architectureProblems } from './validate.ts';

export { HfConfigError } from './hfConfigFields.ts';

/**
 * The largest config.json read: the largest seen is ~13.5 kB (NVIDIA's Kimi-K2.6-NVFP4, a 124-entry
 * quantization ignore list); 1 MiB leaves room for any ignore list and keeps a hostile file cheap.
 */
export const HF_CONFIG_MAX_BYTES = 1_048_576;

/** What a config.json gives: the architecture, the name it goes by and what was read how. */
export interface HfModel {
  readonly architecture: ModelArchitecture;
  /** the model_type the architecture was read as (text_config's for a wrapper) */
  readonly modelType: string;
  /** _name_or_path, else architectures[0], else model_type: one plain line, at most 80 characters */
  readonly name: string;
  /** max_position_embeddings */
  readonly contextWindowTokens: number;
  /** what was assumed or left out, one sentence each (nested config, MTP layers, sliding layers…) */
  readonly notes: readonly string[];
}

type MoeRule = 'none' | 'mixtral' | 'qwen' | 'deepseek' | 'gptOss';
type SlidingRule = 'none' | 'every' | 'qwen' | 'alternate' | 'fivePerSix';

interface FamilyRules {
  readonly mla: boolean;
  readonly moe: MoeRule;
  /** 'qkv': q, k, v biased whatever the config says (Qwen2); else attention_bias biases q, k, v and o */
  readonly bias: 'qkv' | { readonly attentionBiasDefault: boolean };
  readonly qkNorm: boolean;
  readonly sinks: boolean;
  readonly tiedDefault: boolean;
  readonly normsPerLayer: number;
  /** head_dim when the config has none: hidden / heads, or the family's fixed default (Gemma: 256) */
  readonly headDimDefault: 'hiddenOverHeads' | number;
  readonly sliding: SlidingRule;
  /** DeepSeek family: the router's topk_method when absent (noaux_tc carries a per-expert bias) */
  readonly topkMethodDefault?: string;
  /**
   * Fields the family's released configs leave out because transformers' config class fills them in
   * (Gemma 3's text_config gives only what differs from Gemma3TextConfig); any other field is required.
   */
  readonly defaults?: Readonly<Record<string, number>>;
  /** the transformers class those defaults are from, for the note that says one was used */
  readonly configClass?: string;
}

const plain = (overrides: Partial<FamilyRules>): FamilyRules => ({
  mla: false,
  moe: 'none',
  bias: { attentionBiasDefault: false },
  qkNorm: false,
  sinks: false,
  tiedDefault: false,
  normsPerLayer: 2,
  headDimDefault: 'hiddenOverHeads',
  sliding: 'none',
  ...overrides,
});

const deepseek = (topkMethodDefault: string): FamilyRules =>
  plain({ mla: true, moe: 'deepseek', topkMethodDefault });

/** Every model_type read, with its rules (transformers' defaults where a key may be absent). */
const FAMILIES: Readonly<Record<string, FamilyRules>> = {
  llama: plain({}),
  mistral: plain({ sliding: 'every' }),
  qwen2: plain({ bias: 'qkv', sliding: 'qwen' }),
  qwen3: plain({ qkNorm: true, sliding: 'qwen' }),
  qwen3_moe: plain({ qkNorm: true, moe: 'qwen', sliding: 'qwen' }),
  mixtral: plain({ moe: 'mixtral', sliding: 'every' }),
  deepseek_v2: deepseek('greedy'),
  deepseek_v3: deepseek('noaux_tc'),
  kimi_k2: deepseek('noaux_tc'),
  gpt_oss: plain({
    moe: 'gptOss',
    bias: { attentionBiasDefault: true },
    sinks: true,
    sliding: 'alternate',
  }),
  gemma: plain({ tiedDefault: true, headDimDefault: 256 }),
  gemma2: plain({
    tiedDefault: true,
    headDimDefault: 256,
    normsPerLayer: 4,
    sliding: 'alternate',
    defaults: { sliding_window: 4096 },
    configClass: 'Gemma2Config',
  }),
  gemma3_text: plain({
    tiedDefault: true,
    headDimDefault: 256,
    normsPerLayer: 4,
    qkNorm: true,
    sliding: 'fivePerSix',
    // transformers' Gemma3TextConfig; google/gemma-3-4b-it and -12b-it give neither vocab nor heads
    defaults: {
      vocab_size: 262_208,
      num_attention_heads: 8,
      num_key_value_heads: 4,
      max_position_embeddings: 131_072,
      sliding_window: 4096,
    },
    configClass: 'Gemma3TextConfig',
  }),
};

/** Wrappers whose language model sits under text_config, and the model_type it has when unstated. */
const WRAPPERS: Readonly<Record<string, string>> = { kimi_k25: 'deepseek_v3', gemma3: 'gemma3_text' };

export const HF_MODEL_TYPES: readonly string[] = [...Object.keys(FAMILIES), ...Object.keys(WRAPPERS)];

const positive = (range: Bound): Bound => ({ min: Math.max(1, range.min), max: range.max });
const WIDTH = positive(RANGES.modelWidth);
const LATENT = positive(RANGES.latentWidth);
const EXPERTS = positive(RANGES.routedExperts);
const PER_TOKEN = positive(RANGES.expertsPerToken);

/** UTF-8 bytes of the text: the size a file of it has. */
function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Parse config.json text (size-capped) and read it; throws HfConfigError naming what is wrong. */
export function readHfConfigText(text: string): HfModel {
  const bytes = utf8Bytes(text);
  if (bytes > HF_CONFIG_MAX_BYTES) {
    throw new HfConfigError(
      `${countText(bytes)} bytes: at most ${countText(HF_CONFIG_MAX_BYTES)} (a config.json is a few kB)`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new HfConfigError(`not valid JSON (${plainText(why, 80)})`);
  }
  return readHfConfig(json);
}

/** The architecture a parsed config.json describes; throws HfConfigError naming the field. */
export function readHfConfig(json: unknown): HfModel {
  if (!isJsonObject(json)) throw new HfConfigError('expected a JSON object { "model_type": …, … }');
  const top = new ConfigFields(json, '');
  const notes: string[] = [];
  const outerType = top.string('model_type');
  const nested = top.object('text_config');
  const fields = nested === null ? top : new ConfigFields(nested, 'text_config.');
  let modelType = fields.string('model_type');
  if (nested !== null) {
    modelType ??= outerType === null ? null : (WRAPPERS[outerType] ?? null);
    notes.push(
      `read the language model from text_config (model_type ${modelType ?? '?'} inside ${outerType ?? 'a wrapper'}); a vision tower is not counted`,
    );
  }
  if (modelType === null) throw fields.missing('model_type', 'it names the architecture family');
  const rules = FAMILIES[modelType];
  if (rules === undefined) {
    throw new HfConfigError(
      `${fields.name('model_type')} '${plainText(modelType, 40)}' is not supported: supported are ${HF_MODEL_TYPES.join(', ')}`,
    );
  }
  const architecture = readArchitecture(fields, rules, notes);
  const problems = architectureProblems(architecture);
  if (problems.length > 0) throw new HfConfigError(`the architecture read is not usable: ${problems[0]}`);
  const contextWindowTokens = familyInt(
    fields,
    rules,
    notes,
    'max_position_embeddings',
    RANGES.contextWindow,
    'the context window',
  );
  const quantization = describeQuantization(
    top.object('quantization_config') ?? fields.object('quantization_config'),
  );
  if (quantization !== null) notes.push(quantization);
  return { architecture, modelType, name: modelName(top, modelType), contextWindowTokens, notes };
}

/**
 * An integer field that may fall back to the family's transformers default (said in a note), then to
 * `fallback`, else is required.
 */
function familyInt(
  f: ConfigFields,
  rules: FamilyRules,
  notes: string[],
  key: string,
  bound: Bound,
  why = 'needed',
  fallback?: () => number,
): number {
  const familyDefault = rules.defaults?.[key];
  if (familyDefault !== undefined) {
    return f.int(key, bound, () => {
      notes.push(
        `${f.name(key)} is not given: ${countText(familyDefault)}, ${rules.configClass ?? 'the family'}'s default`,
      );
      return familyDefault;
    });
  }
  return f.int(key, bound, fallback, why);
}

function modelName(top: ConfigFields, modelType: string): string {
  const named = top.raw('_name_or_path');
  if (typeof named === 'string' && named.trim() !== '') return plainText(named.trim(), 80);
  const classes = top.raw('architectures');
  const first = Array.isArray(classes) ? classes[0] : undefined;
  if (typeof first === 'string' && first.trim() !== '') return plainText(first.trim(), 80);
  return modelType;
}

function readArchitecture(f: ConfigFields, rules: FamilyRules, notes: string[]): ModelArchitecture {
  const hiddenSize = f.int('hidden_size', WIDTH);
  const numLayers = f.int('num_hidden_layers', RANGES.layers);
  const vocabSize = familyInt(f, rules, notes, 'vocab_size', RANGES.vocabulary);
  const attention = rules.mla ? readLatentAttention(f) : readGroupedAttention(f, rules, hiddenSize, notes);
  const experts = readExperts(f, rules, numLayers, notes);
  const denseLayers = experts === null ? numLayers : experts.denseLayers;
  // an all-MoE model's intermediate_size is kept as given (the dense FFN it would have), unused
  const denseIntermediateSize =
    denseLayers > 0
      ? f.int('intermediate_size', WIDTH, undefined, `${denseLayers} layers are dense`)
      : (f.optionalInt('intermediate_size', RANGES.optionalWidth) ?? 0);
  if (f.bool('mlp_bias', false)) {
    notes.push('mlp_bias: the dense FFN biases (< 0.01% of the weights) are not counted');
  }
  const tied = f.bool('tie_word_embeddings', rules.tiedDefault);
  const slidingWindow = readSlidingWindow(f, rules, numLayers, notes);
  return {
    hiddenSize,
    numLayers,
    firstKDenseLayers: experts === null ? 0 : experts.denseLayers,
    denseIntermediateSize,
    ffnMatrices: 3, // every family read here has a gated FFN (SwiGLU, GeGLU): gate, up, down
    vocabSize,
    tiedEmbeddings: tied,
    ...(rules.normsPerLayer === 2 ? {} : { normsPerLayer: rules.normsPerLayer }),
    attention,
    moe: experts === null ? null : experts.moe,
    slidingWindow,
  };
}

function readGroupedAttention(
  f: ConfigFields,
  rules: FamilyRules,
  hiddenSize: number,
  notes: string[],
): AttentionSpec {
  const numHeads = familyInt(f, rules, notes, 'num_attention_heads', RANGES.heads);
  const numKvHeads = familyInt(f, rules, notes, 'num_key_value_heads', RANGES.heads, 'needed', () => {
    notes.push('num_key_value_heads is not given: every head keeps its own keys and values (MHA)');
    return numHeads;
  });
  if (numKvHeads > numHeads || numHeads % numKvHeads !== 0) {
    throw new HfConfigError(
      `${f.name('num_key_value_heads')} (${numKvHeads}) must divide ${f.name('num_attention_heads')} (${numHeads})`,
    );
  }
  const headDim = f.int('head_dim', WIDTH, () => {
    if (rules.headDimDefault !== 'hiddenOverHeads') {
      notes.push(`${f.name('head_dim')} is not given: ${rules.headDimDefault}, the family's default`);
      return rules.headDimDefault;
    }
    if (hiddenSize % numHeads !== 0) {
      throw new HfConfigError(
        `${f.name('head_dim')} is missing and ${f.name('hidden_size')} (${hiddenSize}) is not a multiple of ${f.name('num_attention_heads')} (${numHeads})`,
      );
    }
    return hiddenSize / numHeads;
  });
  const attentionBias =
    rules.bias === 'qkv' ? false : f.bool('attention_bias', rules.bias.attentionBiasDefault);
  return {
    kind: numKvHeads === numHeads ? 'mha' : 'gqa',
    numHeads,
    numKvHeads,
    headDim,
    qkvBias: rules.bias === 'qkv' || attentionBias,
    outputBias: attentionBias,
    qkNorm: rules.qkNorm,
    attentionSinks: rules.sinks,
  };
}

function readLatentAttention(f: ConfigFields): AttentionSpec {
  const numHeads = f.int('num_attention_heads', RANGES.heads);
  const qLoraRank = f.optionalInt('q_lora_rank', LATENT);
  const kvLoraRank = f.int('kv_lora_rank', LATENT, undefined, 'the cached latent of MLA');
  const qkNopeHeadDim = f.int('qk_nope_head_dim', LATENT);
  const qkRopeHeadDim = f.int('qk_rope_head_dim', LATENT);
  const vHeadDim = f.int('v_head_dim', LATENT);
  const qkHeadDim = f.optionalInt('qk_head_dim', LATENT);
  if (qkHeadDim !== null && qkHeadDim !== qkNopeHeadDim + qkRopeHeadDim) {
    throw new HfConfigError(
      `${f.name('qk_head_dim')} (${qkHeadDim}) must equal ${f.name('qk_nope_head_dim')} + ${f.name('qk_rope_head_dim')} (${qkNopeHeadDim + qkRopeHeadDim})`,
    );
  }
  return { kind: 'mla', numHeads, qLoraRank, kvLoraRank, qkNopeHeadDim, qkRopeHeadDim, vHeadDim };
}

/** Routed experts under either of two names that must agree when both are given. */
function eitherInt(f: ConfigFields, primary: string, alias: string, bound: Bound): number {
  const a = f.optionalInt(primary, bound);
  const b = f.optionalInt(alias, bound);
  if (a !== null && b !== null && a !== b) {
    throw new HfConfigError(`${f.name(primary)} (${a}) and ${f.name(alias)} (${b}) disagree`);
  }
  const value = a ?? b;
  if (value === null) throw f.missing(primary, 'a mixture-of-experts model');
  return value;
}

interface Experts {
  readonly moe: MixtureOfExperts;
  readonly denseLayers: number;
}

function readExperts(
  f: ConfigFields,
  rules: FamilyRules,
  numLayers: number,
  notes: string[],
): Experts | null {
  if (rules.moe === 'none') return null;
  const moeWhy = 'a mixture-of-experts model';
  let routedExperts: number;
  let moeIntermediateSize: number;
  let sharedExperts = 0;
  let moeLayers = numLayers;
  let expertBias = false;
  let routerBias = false;
  switch (rules.moe) {
    case 'mixtral':
      routedExperts = f.int('num_local_experts', EXPERTS, undefined, moeWhy);
      moeIntermediateSize = f.int('intermediate_size', WIDTH, undefined, 'the width of each expert');
      break;
    case 'gptOss':
      routedExperts = f.int('num_local_experts', EXPERTS, undefined, moeWhy);
      moeIntermediateSize = f.int('intermediate_size', WIDTH, undefined, 'the width of each expert');
      expertBias = true;
      routerBias = true;
      break;
    case 'qwen': {
      routedExperts = eitherInt(f, 'num_experts', 'num_local_experts', EXPERTS);
      moeIntermediateSize = f.int('moe_intermediate_size', WIDTH, undefined, 'the width of each expert');
      const step = f.int('decoder_sparse_step', RANGES.layers, 1);
      const only = new Set(
        f.list('mlp_only_layers', RANGES.layers.max, intEntry({ min: 0, max: numLayers - 1 })) ?? [],
      );
      moeLayers = 0;
      for (let i = 0; i < numLayers; i++) if (!only.has(i) && (i + 1) % step === 0) moeLayers++;
      break;
    }
    case 'deepseek': {
      routedExperts = f.int('n_routed_experts', EXPERTS, undefined, moeWhy);
      moeIntermediateSize = f.int('moe_intermediate_size', WIDTH, undefined, 'the width of each expert');
      sharedExperts = f.int('n_shared_experts', RANGES.sharedExperts, 0);
      const firstDense = f.int(
        'first_k_dense_replace',
        RANGES.optionalLayers,
        undefined,
        'how many leading layers are dense',
      );
      if (firstDense > numLayers) {
        throw new HfConfigError(
          `${f.name('first_k_dense_replace')} (${firstDense}) must be <= ${f.name('num_hidden_layers')} (${numLayers})`,
        );
      }
      const frequency = f.int('moe_layer_freq', RANGES.layers, 1);
      moeLayers = 0;
      for (let i = firstDense; i < numLayers; i++) if (i % frequency === 0) moeLayers++;
      routerBias = (f.string('topk_method') ?? rules.topkMethodDefault) === 'noaux_tc';
      const mtp = f.optionalInt('num_nextn_predict_layers', RANGES.optionalLayers) ?? 0;
      if (mtp > 0) {
        notes.push(
          `num_nextn_predict_layers ${mtp}: the multi-token-prediction layer is not counted (plain decoding does not run it; DeepSeek's 671B leaves it out)`,
        );
      }
      break;
    }
  }
  const expertsPerToken =
    rules.moe === 'gptOss'
      ? eitherInt(f, 'num_experts_per_tok', 'experts_per_token', PER_TOKEN)
      : f.int('num_experts_per_tok', PER_TOKEN, undefined, moeWhy);
  if (expertsPerToken > routedExperts) {
    throw new HfConfigError(
      `${f.name('num_experts_per_tok')} (${expertsPerToken}) must be <= the routed experts (${routedExperts})`,
    );
  }
  if (moeLayers === 0) {
    throw new HfConfigError(
      `no layer is a mixture of experts (${f.name(rules.moe === 'qwen' ? 'mlp_only_layers' : 'first_k_dense_replace')}): a dense model has model_type of its dense family`,
    );
  }
  const denseLayers = numLayers - moeLayers;
  const leading = rules.moe === 'deepseek' && f.int('moe_layer_freq', RANGES.layers, 1) === 1;
  if (denseLayers > 0 && !leading) {
    notes.push(
      `${denseLayers} of ${numLayers} layers have a dense FFN (placed by the config, counted by number)`,
    );
  }
  return {
    moe: { routedExperts, sharedExperts, expertsPerToken, moeIntermediateSize, expertBias, routerBias },
    denseLayers,
  };
}

const LAYER_TYPES = ['full_attention', 'sliding_attention'] as const;

function slidingLayerCount(f: ConfigFields, rules: FamilyRules, numLayers: number): number {
  const types = f.list('layer_types', RANGES.layers.max, oneOfEntry(LAYER_TYPES));
  if (types !== null) {
    if (types.length !== numLayers) {
      throw new HfConfigError(
        `${f.name('layer_types')} has ${types.length} entries: ${f.name('num_hidden_layers')} is ${numLayers}`,
      );
    }
    return types.filter((type) => type === 'sliding_attention').length;
  }
  switch (rules.sliding) {
    case 'none':
      return 0;
    case 'every':
      return f.has('sliding_window') ? numLayers : 0;
    case 'qwen': {
      if (!f.bool('use_sliding_window', false)) return 0;
      const fullLayers = f.int(
        'max_window_layers',
        RANGES.optionalLayers,
        undefined,
        'use_sliding_window is true',
      );
      return Math.max(0, numLayers - fullLayers);
    }
    case 'alternate':
      // transformers' default layer_types: "sliding_attention" if (i + 1) % 2 else "full_attention"
      return Math.ceil(numLayers / 2);
    case 'fivePerSix': {
      const pattern = f.int('sliding_window_pattern', RANGES.layers, 6);
      return numLayers - Math.floor(numLayers / pattern);
    }
  }
}

function readSlidingWindow(
  f: ConfigFields,
  rules: FamilyRules,
  numLayers: number,
  notes: string[],
): SlidingWindow | null {
  const layers = slidingLayerCount(f, rules, numLayers);
  if (layers === 0) return null;
  const tokens = familyInt(f, rules, notes, 'sliding_window', RANGES.contextWindow, `${layers} layers slide`);
  notes.push(
    `${layers} of ${numLayers} layers attend over a ${countText(tokens)}-token sliding window: their KV stops growing past it`,
  );
  return { tokens, layers };
}

/** One sentence on how the checkpoint stores its weights, or null when the config says nothing. */
function describeQuantization(config: Readonly<Record<string, unknown>> | null): string | null {
  if (config === null) return null;
  const words = ['quant_method', 'quant_algo', 'fmt']
    .map((key) => (Object.hasOwn(config, key) ? config[key] : undefined))
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    .map((value) => plainText(value, 24));
  if (words.length === 0) return null;
  return `the checkpoint's quantization_config says ${[...new Set(words)].join(' / ')}: the projection stores the weights in the weight format chosen for the scenario`;
}
