import {
  deepseekV3Architecture,
  gptOss20bArchitecture,
  gptOss120bArchitecture,
  kimiBlogArchitecture,
  kimiK2Architecture,
  llama2_7bArchitecture,
  llama31_8bArchitecture,
  llama31_70bArchitecture,
  llama31_405bArchitecture,
  mixtral8x7bArchitecture,
  qwen3_8bArchitecture,
  qwen3_30bA3bArchitecture,
  qwen3_235bArchitecture,
  qwen25_7bArchitecture,
  qwen25_72bArchitecture,
} from './modelArchitectures.ts';
import type { ModelPreset } from './modelTypes.ts';
import { blogSource, type PresetSource } from './source.ts';

const kimiK2Config: PresetSource = {
  title: 'moonshotai/Kimi-K2-Instruct config.json',
  url: 'https://huggingface.co/moonshotai/Kimi-K2-Instruct/blob/main/config.json',
  date: '2025-07-11',
  note: 'K2.6 keeps the K2 text architecture (the blog: "DeepSeek V3-inspired", same hidden/experts/k)',
};

const llamaSource = (size: string): PresetSource => ({
  title: `meta-llama/Llama-3.1-${size} config.json; The Llama 3 Herd of Models (arXiv:2407.21783) Table 3`,
  url: `https://huggingface.co/meta-llama/Llama-3.1-${size}/blob/main/config.json`,
  date: '2024-07-23',
});

const modelPresetList = [
  {
    id: 'kimi-k2.6',
    displayName: 'Kimi K2.6 (blog: 1T / 32B active, FP4)',
    architecture: kimiBlogArchitecture,
    contextWindowTokens: 256_000,
    published: { totalParams: 1e12, activeParams: 32e9 },
    blogFaithful: true,
    sources: [
      {
        ...blogSource,
        note: '1T total / 32B active given as totals; hidden 7,168, 384 experts, k 8, 61 MoE layers',
      },
      kimiK2Config,
    ],
  },
  {
    id: 'kimi-k2.6-config',
    displayName: 'Kimi K2.6 (config-exact)',
    architecture: kimiK2Architecture,
    contextWindowTokens: 256_000,
    published: { totalParams: 1e12, activeParams: 32e9 },
    blogFaithful: false,
    sources: [kimiK2Config],
  },
  {
    id: 'deepseek-v3',
    displayName: 'DeepSeek-V3 (671B / 37B)',
    architecture: deepseekV3Architecture,
    contextWindowTokens: 131_072,
    published: { totalParams: 671e9, activeParams: 37e9 },
    blogFaithful: false,
    sources: [
      {
        title: 'deepseek-ai/DeepSeek-V3 config.json; DeepSeek-V3 Technical Report (arXiv:2412.19437)',
        url: 'https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json',
        date: '2024-12-26',
        note: '671B total, 37B activated; the 14B MTP module is excluded',
      },
    ],
  },
  {
    id: 'llama-3.1-8b',
    displayName: 'Llama 3.1 8B',
    architecture: llama31_8bArchitecture,
    contextWindowTokens: 131_072,
    published: { totalParams: 8.03e9, activeParams: 8.03e9 },
    blogFaithful: false,
    sources: [llamaSource('8B')],
  },
  {
    id: 'llama-3.1-70b',
    displayName: 'Llama 3.1 70B',
    architecture: llama31_70bArchitecture,
    contextWindowTokens: 131_072,
    published: { totalParams: 70.6e9, activeParams: 70.6e9 },
    blogFaithful: false,
    sources: [llamaSource('70B')],
  },
  {
    id: 'llama-3.1-405b',
    displayName: 'Llama 3.1 405B',
    architecture: llama31_405bArchitecture,
    contextWindowTokens: 131_072,
    published: { totalParams: 405.9e9, activeParams: 405.9e9 },
    blogFaithful: false,
    sources: [llamaSource('405B')],
  },
  {
    id: 'qwen3-235b-a22b',
    displayName: 'Qwen3-235B-A22B',
    architecture: qwen3_235bArchitecture,
    contextWindowTokens: 32_768,
    published: { totalParams: 235e9, activeParams: 22e9 },
    blogFaithful: false,
    sources: [
      {
        title: 'Qwen/Qwen3-235B-A22B config.json and model card',
        url: 'https://huggingface.co/Qwen/Qwen3-235B-A22B/blob/main/config.json',
        date: '2025-04-29',
        note: '235B total, 22B activated (the card counts the input embedding; without it 21.6B)',
      },
    ],
  },
  {
    id: 'gpt-oss-120b',
    displayName: 'gpt-oss-120b',
    architecture: gptOss120bArchitecture,
    contextWindowTokens: 131_072,
    published: { totalParams: 116.83e9, activeParams: 5.13e9 },
    blogFaithful: false,
    sources: [
      {
        title:
          'openai/gpt-oss-120b config.json; gpt-oss-120b & gpt-oss-20b Model Card (arXiv:2508.10925) Table 1',
        url: 'https://huggingface.co/openai/gpt-oss-120b/blob/main/config.json',
        date: '2025-08-05',
        note: '116.83B total, 5.13B active (unembedding counted, embedding not); experts ship in MXFP4',
      },
    ],
  },
  {
    id: 'mixtral-8x7b',
    displayName: 'Mixtral 8x7B',
    architecture: mixtral8x7bArchitecture,
    contextWindowTokens: 32_768,
    published: { totalParams: 46.7e9, activeParams: 12.9e9 },
    blogFaithful: false,
    sources: [
      {
        title: 'mistralai/Mixtral-8x7B-v0.1 config.json; Mistral AI, "Mixtral of experts" (blog)',
        url: 'https://huggingface.co/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json',
        date: '2023-12-11',
        note: '46.7B total, 12.9B used per token (Mistral counts both embedding tables; without the input one 12.75B)',
      },
    ],
  },
  {
    id: 'qwen3-8b',
    displayName: 'Qwen3-8B',
    architecture: qwen3_8bArchitecture,
    contextWindowTokens: 32_768,
    published: { totalParams: 8.2e9, activeParams: 8.2e9 },
    blogFaithful: false,
    sources: [
      {
        title: 'Qwen/Qwen3-8B config.json and model card',
        url: 'https://huggingface.co/Qwen/Qwen3-8B/blob/main/config.json',
        date: '2025-04-29',
        note: '8.2B parameters (6.95B without the embedding and LM head)',
      },
    ],
  },
  {
    id: 'qwen3-30b-a3b',
    displayName: 'Qwen3-30B-A3B',
    architecture: qwen3_30bA3bArchitecture,
    contextWindowTokens: 32_768,
    published: { totalParams: 30.5e9, activeParams: 3.3e9 },
    blogFaithful: false,
    sources: [
      {
        title: 'Qwen/Qwen3-30B-A3B config.json and model card',
        url: 'https://huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json',
        date: '2025-04-29',
        note: '30.5B total, 3.3B activated',
      },
    ],
  },
  {
    id: 'gpt-oss-20b',
    displayName: 'gpt-oss-20b',
    architecture: gptOss20bArchitecture,
    contextWindowTokens: 131_072,
    published: { totalParams: 20.91e9, activeParams: 3.61e9 },
    blogFaithful: false,
    sources: [
      {
        title:
          'openai/gpt-oss-20b config.json; gpt-oss-120b & gpt-oss-20b Model Card (arXiv:2508.10925) Table 1',
        url: 'https://huggingface.co/openai/gpt-oss-20b/blob/main/config.json',
        date: '2025-08-05',
        note: '20.91B total, 3.61B active ("21B parameters with 3.6B active"); 24 layers, 32 experts, 4 per token; experts ship in MXFP4',
      },
    ],
  },
  {
    id: 'qwen2.5-7b',
    displayName: 'Qwen2.5-7B',
    architecture: qwen25_7bArchitecture,
    contextWindowTokens: 131_072,
    published: { totalParams: 7.61e9, activeParams: 7.61e9 },
    blogFaithful: false,
    sources: [
      {
        title: 'Qwen/Qwen2.5-7B config.json and model card',
        url: 'https://huggingface.co/Qwen/Qwen2.5-7B/blob/main/config.json',
        date: '2024-09-19',
        note: '7.61B parameters (6.53B without embeddings); q/k/v biases (Qwen2 modeling code)',
      },
    ],
  },
  {
    id: 'qwen2.5-72b',
    displayName: 'Qwen2.5-72B',
    architecture: qwen25_72bArchitecture,
    contextWindowTokens: 131_072,
    published: { totalParams: 72.7e9, activeParams: 72.7e9 },
    blogFaithful: false,
    sources: [
      {
        title: 'Qwen/Qwen2.5-72B config.json and model card',
        url: 'https://huggingface.co/Qwen/Qwen2.5-72B/blob/main/config.json',
        date: '2024-09-19',
        note: '72.7B parameters; the Qwen2-72B shape (hidden 8,192, 80 layers, 64 heads, 8 KV heads, FFN 29,568)',
      },
    ],
  },
  {
    id: 'llama-2-7b',
    displayName: 'Llama 2 7B',
    architecture: llama2_7bArchitecture,
    contextWindowTokens: 4096,
    published: { totalParams: 6.74e9, activeParams: 6.74e9 },
    blogFaithful: false,
    sources: [
      {
        title: 'meta-llama/Llama-2-7b-hf config.json; Llama 2 (arXiv:2307.09288)',
        url: 'https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json',
        date: '2023-07-18',
        note: '6.74B parameters; multi-head attention, 4,096-token context',
      },
    ],
  },
] as const satisfies readonly ModelPreset[];

export type ModelId = (typeof modelPresetList)[number]['id'];
export const modelPresets: readonly (ModelPreset & { readonly id: ModelId })[] = modelPresetList;
