// A Hugging Face config.json → the architecture: each fixture (tests/fixtures/hf-configs, sources in its
// README) against the parameter counts its publisher prints, within the precision printed (one unit of the
// last digit: "30.5B" is checked to ±0.1B, "8,324,201,984" exactly), and its KV bytes per token pinned to
// the config's own arithmetic (GQA: layers × 2 × KV heads × head_dim; MLA: layers × (kv_lora_rank +
// qk_rope_head_dim)), which no card prints.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HF_CONFIG_MAX_BYTES, readHfConfigText } from '../../../src/model/architecture/hfConfig.ts';
import {
  activeParams,
  kvBytesPerToken,
  moeLayerCount,
  paramsByGroup,
  totalParams,
} from '../../../src/model/architecture/index.ts';
import type { ModelArchitecture } from '../../../src/model/architecture/types.ts';
import {
  deepseekV3Architecture,
  gptOss120bArchitecture,
  kimiK2Architecture,
  llama31_8bArchitecture,
  llama31_70bArchitecture,
  llama31_405bArchitecture,
  mixtral8x7bArchitecture,
  qwen3_235bArchitecture,
} from '../../../src/model/presets/modelArchitectures.ts';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/hf-configs');
const read = (file: string) => readHfConfigText(readFileSync(resolve(fixtures, file), 'utf8'));

/** What the model's publisher prints, and how precisely: ± one unit of the last printed digit. */
interface Published {
  readonly value: number;
  readonly unit: number;
  /**
   * Which count: `total`; `nonEmbedding` (total − input embedding − untied LM head, Qwen's and Gemma's
   * convention); `active` (ridgeline's: without the input embedding, gpt-oss's convention);
   * `activeWithEmbedding` (Qwen's, DeepSeek's and Mistral's: the input embedding counted).
   */
  readonly count: 'total' | 'nonEmbedding' | 'active' | 'activeWithEmbedding';
}

interface Case {
  readonly file: string;
  readonly modelType: string;
  readonly published: readonly Published[];
  /** exact counts from the config (a regression pin) */
  readonly total: number;
  readonly active: number;
  readonly kvBytesPerTokenBf16: number;
  readonly moeLayers: number;
  readonly sliding: { readonly tokens: number; readonly layers: number } | null;
}

const B = 1e9;
const CASES: readonly Case[] = [
  {
    file: 'meta-llama--Meta-Llama-3.1-8B.json',
    modelType: 'llama',
    published: [{ count: 'total', value: 8.03 * B, unit: 0.01 * B }],
    total: 8_030_261_248,
    active: 7_504_924_672,
    kvBytesPerTokenBf16: 32 * 2 * 8 * 128 * 2,
    moeLayers: 0,
    sliding: null,
  },
  {
    file: 'meta-llama--Meta-Llama-3.1-70B.json',
    modelType: 'llama',
    published: [{ count: 'total', value: 70.6 * B, unit: 0.1 * B }],
    total: 70_553_706_496,
    active: 69_503_033_344,
    kvBytesPerTokenBf16: 327_680,
    moeLayers: 0,
    sliding: null,
  },
  {
    file: 'meta-llama--Meta-Llama-3.1-405B.json',
    modelType: 'llama',
    published: [{ count: 'total', value: 406 * B, unit: 1 * B }],
    total: 405_853_388_800,
    active: 403_752_042_496,
    kvBytesPerTokenBf16: 126 * 2 * 8 * 128 * 2,
    moeLayers: 0,
    sliding: null,
  },
  {
    file: 'Qwen--Qwen2-72B-Instruct.json',
    modelType: 'qwen2',
    published: [{ count: 'total', value: 72.7 * B, unit: 0.1 * B }],
    total: 72_706_203_648,
    active: 71_460_495_360,
    kvBytesPerTokenBf16: 80 * 2 * 8 * 128 * 2,
    moeLayers: 0,
    sliding: null,
  },
  {
    // Qwen2's q/k/v biases (modeling_qwen2, not in the config) are part of the 7.61B
    file: 'ksh1119--qwen2.5_7b_kor_cp_it.json',
    modelType: 'qwen2',
    published: [
      { count: 'total', value: 7.61 * B, unit: 0.01 * B },
      { count: 'nonEmbedding', value: 6.53 * B, unit: 0.01 * B },
    ],
    total: 7_615_616_512,
    active: 7_070_619_136,
    kvBytesPerTokenBf16: 28 * 2 * 4 * 128 * 2,
    moeLayers: 0,
    sliding: null,
  },
  {
    file: 'Qwen--Qwen3-8B.json',
    modelType: 'qwen3',
    published: [
      { count: 'total', value: 8.2 * B, unit: 0.1 * B },
      { count: 'nonEmbedding', value: 6.95 * B, unit: 0.01 * B },
    ],
    total: 8_190_735_360,
    active: 7_568_405_504,
    kvBytesPerTokenBf16: 36 * 2 * 8 * 128 * 2,
    moeLayers: 0,
    sliding: null,
  },
  {
    // head_dim 128 although hidden / heads = 64
    file: 'Qwen--Qwen3-30B-A3B.json',
    modelType: 'qwen3_moe',
    published: [
      { count: 'total', value: 30.5 * B, unit: 0.1 * B },
      { count: 'activeWithEmbedding', value: 3.3 * B, unit: 0.1 * B },
    ],
    total: 30_532_122_624,
    active: 3_041_867_776,
    kvBytesPerTokenBf16: 48 * 2 * 4 * 128 * 2,
    moeLayers: 48,
    sliding: null,
  },
  {
    file: 'Qwen--Qwen3-235B-A22B.json',
    modelType: 'qwen3_moe',
    published: [
      { count: 'total', value: 235 * B, unit: 1 * B },
      { count: 'activeWithEmbedding', value: 22 * B, unit: 1 * B },
    ],
    total: 235_093_634_560,
    active: 21_568_433_664,
    kvBytesPerTokenBf16: 94 * 2 * 4 * 128 * 2,
    moeLayers: 94,
    sliding: null,
  },
  {
    file: 'mistralai--Mixtral-8x7B-v0.1.json',
    modelType: 'mixtral',
    published: [
      { count: 'total', value: 46.7 * B, unit: 0.1 * B },
      { count: 'activeWithEmbedding', value: 12.9 * B, unit: 0.1 * B },
    ],
    total: 46_702_792_704,
    active: 12_748_853_248,
    kvBytesPerTokenBf16: 32 * 2 * 8 * 128 * 2,
    moeLayers: 32,
    sliding: null,
  },
  {
    // 3 dense + 58 MoE layers; the router's e_score_correction_bias (noaux_tc) counted; MTP left out
    file: 'deepseek-ai--DeepSeek-V3.json',
    modelType: 'deepseek_v3',
    published: [
      { count: 'total', value: 671 * B, unit: 1 * B },
      { count: 'activeWithEmbedding', value: 37 * B, unit: 1 * B },
    ],
    total: 671_026_419_200,
    active: 36_625_618_432,
    kvBytesPerTokenBf16: 61 * (512 + 64) * 2,
    moeLayers: 58,
    sliding: null,
  },
  {
    file: 'moonshotai--Kimi-K2-Instruct.json',
    modelType: 'kimi_k2',
    published: [
      { count: 'total', value: 1000 * B, unit: 100 * B },
      { count: 'activeWithEmbedding', value: 32 * B, unit: 1 * B },
    ],
    total: 1_026_408_232_448,
    active: 31_687_095_808,
    kvBytesPerTokenBf16: 70_272,
    moeLayers: 60,
    sliding: null,
  },
  {
    // the language model sits under text_config (model_type kimi_k25 outside, deepseek_v3 inside)
    file: 'nvidia--Kimi-K2.6-NVFP4.json',
    modelType: 'deepseek_v3',
    published: [
      { count: 'total', value: 1000 * B, unit: 100 * B },
      { count: 'activeWithEmbedding', value: 32 * B, unit: 1 * B },
    ],
    total: 1_026_408_232_448,
    active: 31_687_095_808,
    kvBytesPerTokenBf16: 70_272,
    moeLayers: 60,
    sliding: null,
  },
  {
    // head_dim 64 although hidden / heads = 45; biased projections and experts; 18 of 36 layers slide
    file: 'openai--gpt-oss-120b.json',
    modelType: 'gpt_oss',
    published: [
      { count: 'total', value: 116.83 * B, unit: 0.01 * B },
      { count: 'active', value: 5.13 * B, unit: 0.01 * B },
    ],
    total: 116_829_156_672,
    active: 5_132_849_472,
    kvBytesPerTokenBf16: 36 * 2 * 8 * 64 * 2,
    moeLayers: 36,
    sliding: { tokens: 128, layers: 18 },
  },
  {
    // exact: tied head, 4 norms per layer and head_dim 256 (not 3584 / 16) all show in the last digits
    file: 'hfhugs--gemma-2-9b-it.json',
    modelType: 'gemma2',
    published: [{ count: 'nonEmbedding', value: 8_324_201_984, unit: 1 }],
    total: 9_241_705_984,
    active: 9_241_705_984,
    kvBytesPerTokenBf16: 42 * 2 * 8 * 256 * 2,
    moeLayers: 0,
    sliding: { tokens: 4096, layers: 21 },
  },
  {
    file: 'google--gemma-3-1b-it.json',
    modelType: 'gemma3_text',
    published: [{ count: 'total', value: 999_885_952, unit: 1 }],
    total: 999_885_952,
    active: 999_885_952,
    kvBytesPerTokenBf16: 26 * 2 * 1 * 256 * 2,
    moeLayers: 0,
    sliding: { tokens: 512, layers: 22 },
  },
  {
    // keras-hub counts 262,144 embedding rows: its 11,765,788,416 less them is the non-embedding count
    file: 'google--gemma-3-12b-it.json',
    modelType: 'gemma3_text',
    published: [{ count: 'nonEmbedding', value: 11_765_788_416 - 262_144 * 3840, unit: 1 }],
    total: 11_766_034_176,
    active: 11_766_034_176,
    kvBytesPerTokenBf16: 48 * 2 * 8 * 256 * 2,
    moeLayers: 0,
    sliding: { tokens: 1024, layers: 40 },
  },
];

function countOf(arch: ModelArchitecture, count: Published['count']): number {
  const groups = paramsByGroup(arch);
  switch (count) {
    case 'total':
      return totalParams(arch);
    case 'nonEmbedding':
      return totalParams(arch) - groups.embedding - groups.lmHead;
    case 'active':
      return activeParams(arch);
    case 'activeWithEmbedding':
      return activeParams(arch) + (arch.tiedEmbeddings ? 0 : groups.embedding);
  }
}

describe('config.json fixtures against their published parameter counts', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.published.map((p) => `${p.count} ${p.value.toLocaleString('en-US')}`).join(', ')}`, () => {
      const model = read(c.file);
      const arch = model.architecture;
      expect(model.modelType).toBe(c.modelType);
      for (const published of c.published) {
        const computed = countOf(arch, published.count);
        expect(Math.abs(computed - published.value), published.count).toBeLessThan(published.unit);
      }
      expect(totalParams(arch)).toBe(c.total);
      expect(activeParams(arch)).toBe(c.active);
      expect(kvBytesPerToken(arch, 2)).toBe(c.kvBytesPerTokenBf16);
      expect(moeLayerCount(arch)).toBe(c.moeLayers);
      expect(arch.slidingWindow).toEqual(c.sliding);
    });
  }
});

describe('configs behind the presets give the presets’ architectures', () => {
  const pairs: readonly (readonly [string, ModelArchitecture])[] = [
    ['meta-llama--Meta-Llama-3.1-8B.json', llama31_8bArchitecture],
    ['meta-llama--Meta-Llama-3.1-70B.json', llama31_70bArchitecture],
    ['meta-llama--Meta-Llama-3.1-405B.json', llama31_405bArchitecture],
    ['Qwen--Qwen3-235B-A22B.json', qwen3_235bArchitecture],
    ['mistralai--Mixtral-8x7B-v0.1.json', mixtral8x7bArchitecture],
    ['deepseek-ai--DeepSeek-V3.json', deepseekV3Architecture],
    ['moonshotai--Kimi-K2-Instruct.json', kimiK2Architecture],
    ['nvidia--Kimi-K2.6-NVFP4.json', kimiK2Architecture],
    ['openai--gpt-oss-120b.json', gptOss120bArchitecture],
  ];
  for (const [file, preset] of pairs) {
    it(file, () => expect(read(file).architecture).toEqual(preset));
  }
});

describe('what is read besides the architecture', () => {
  it('the context window, a name, and notes on what was assumed', () => {
    const kimi = read('nvidia--Kimi-K2.6-NVFP4.json');
    expect(kimi.contextWindowTokens).toBe(262_144);
    expect(kimi.notes.join(' ')).toMatch(/text_config \(model_type deepseek_v3 inside kimi_k25\)/);
    expect(kimi.notes.join(' ')).toMatch(/NVFP4/);
    const gemma = read('google--gemma-3-12b-it.json');
    expect(gemma.contextWindowTokens).toBe(131_072);
    expect(gemma.notes.join(' ')).toMatch(/text_config\.vocab_size is not given: 262,208, Gemma3TextConfig/);
    const v3 = read('deepseek-ai--DeepSeek-V3.json');
    expect(v3.notes.join(' ')).toMatch(/num_nextn_predict_layers 1/);
    expect(v3.name).toBe('DeepseekV3ForCausalLM');
  });
});

/** A small valid llama config to break one field at a time. */
const LLAMA = {
  model_type: 'llama',
  hidden_size: 4096,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  intermediate_size: 14336,
  vocab_size: 128256,
  max_position_embeddings: 131072,
};
const text = (json: unknown) => JSON.stringify(json);
const error = (source: string): string => {
  try {
    readHfConfigText(source);
  } catch (failure) {
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    // one line, starting with the file it is about
    expect(message).not.toContain('\n');
    expect(message.startsWith('config.json: ')).toBe(true);
    return message;
  }
  throw new Error('no error for a bad config');
};

describe('bad config.json: one line naming the field', () => {
  const cases: readonly (readonly [string, string, RegExp])[] = [
    ['not JSON', '{"model_type": ', /^config\.json: not valid JSON/],
    ['not an object', '[1, 2]', /expected a JSON object/],
    ['no model_type', text({ ...LLAMA, model_type: undefined }), /model_type is missing/],
    [
      'unknown model_type',
      text({ ...LLAMA, model_type: 'rwkv' }),
      /model_type 'rwkv' is not supported: supported are llama, mistral/,
    ],
    [
      'missing hidden_size',
      text({ ...LLAMA, hidden_size: undefined }),
      /^config\.json: hidden_size is missing/,
    ],
    [
      'hidden_size as text',
      text({ ...LLAMA, hidden_size: '4096' }),
      /hidden_size = '4096': expected an integer/,
    ],
    [
      'negative layers',
      text({ ...LLAMA, num_hidden_layers: -2 }),
      /num_hidden_layers = -2: expected an integer from 1 to 4,096/,
    ],
    ['fractional heads', text({ ...LLAMA, num_attention_heads: 32.5 }), /num_attention_heads = 32\.5/],
    [
      'huge vocab',
      text({ ...LLAMA, vocab_size: 1e12 }),
      /vocab_size = 1000000000000: expected an integer from 1 to 16,777,216/,
    ],
    [
      'KV heads not dividing heads',
      text({ ...LLAMA, num_key_value_heads: 5 }),
      /num_key_value_heads \(5\) must divide num_attention_heads \(32\)/,
    ],
    [
      'no head_dim and hidden not a multiple of heads',
      text({ ...LLAMA, hidden_size: 4000, num_attention_heads: 48, num_key_value_heads: 8 }),
      /head_dim is missing and hidden_size \(4000\) is not a multiple of num_attention_heads \(48\)/,
    ],
    [
      'layer_types of the wrong length',
      text({
        ...LLAMA,
        model_type: 'gpt_oss',
        layer_types: ['full_attention'],
        num_local_experts: 8,
        num_experts_per_tok: 2,
      }),
      /layer_types has 1 entries: num_hidden_layers is 32/,
    ],
    [
      'an unknown layer type',
      text({ ...LLAMA, layer_types: Array(32).fill('linear_attention') }),
      /layer_types\[0\] = 'linear_attention': expected one of full_attention, sliding_attention/,
    ],
    [
      'more experts per token than experts',
      text({ ...LLAMA, model_type: 'mixtral', num_local_experts: 8, num_experts_per_tok: 10 }),
      /num_experts_per_tok \(10\) must be <= the routed experts \(8\)/,
    ],
    [
      'two names for the experts that disagree',
      text({
        ...LLAMA,
        model_type: 'qwen3_moe',
        num_experts: 128,
        num_local_experts: 64,
        num_experts_per_tok: 8,
        moe_intermediate_size: 768,
      }),
      /num_experts \(128\) and num_local_experts \(64\) disagree/,
    ],
    [
      'first_k_dense_replace past the layers',
      text({
        ...LLAMA,
        model_type: 'deepseek_v3',
        first_k_dense_replace: 40,
        n_routed_experts: 8,
        num_experts_per_tok: 2,
        moe_intermediate_size: 1024,
        kv_lora_rank: 512,
        qk_nope_head_dim: 128,
        qk_rope_head_dim: 64,
        v_head_dim: 128,
      }),
      /first_k_dense_replace \(40\) must be <= num_hidden_layers \(32\)/,
    ],
    [
      'MLA without its latent',
      text({
        ...LLAMA,
        model_type: 'deepseek_v3',
        first_k_dense_replace: 1,
        n_routed_experts: 8,
        num_experts_per_tok: 2,
        moe_intermediate_size: 1024,
      }),
      /kv_lora_rank is missing \(the cached latent of MLA\)/,
    ],
    [
      'a sliding layer with no window',
      text({ ...LLAMA, model_type: 'gpt_oss', num_local_experts: 8, num_experts_per_tok: 2 }),
      /^config\.json: sliding_window is missing \(16 layers slide\)/,
    ],
    [
      'a nested field, named with its prefix',
      text({ model_type: 'kimi_k25', text_config: { ...LLAMA, model_type: 'deepseek_v3', hidden_size: 0 } }),
      /^config\.json: text_config\.hidden_size = 0: expected an integer from 1/,
    ],
    [
      'a toy model below the parameter range',
      text({
        ...LLAMA,
        hidden_size: 64,
        num_hidden_layers: 2,
        num_attention_heads: 4,
        num_key_value_heads: 4,
        intermediate_size: 128,
        vocab_size: 128,
      }),
      /the fields give 9\.\d+e4 parameters: expected 1e6 to 1e14/,
    ],
    [
      'too large',
      `{"model_type": "llama", "pad": "${'x'.repeat(HF_CONFIG_MAX_BYTES)}"}`,
      /bytes: at most 1,048,576/,
    ],
  ];
  for (const [name, source, message] of cases) {
    it(name, () => expect(error(source)).toMatch(message));
  }

  it('a "__proto__" key is data, not the object’s prototype', () => {
    const model = readHfConfigText(`{"__proto__": {"hidden_size": 1}, ${text(LLAMA).slice(1)}`);
    expect(model.architecture.hiddenSize).toBe(4096);
  });

  it('a name with control characters or bidi overrides comes back as one plain line', () => {
    const model = readHfConfigText(text({ ...LLAMA, _name_or_path: 'evil\u202e\nname<script>' }));
    expect(model.name).toBe('evil  name<script>');
  });
});
