// Published vLLM measurements beyond the Kimi series (measurements.ts): the vLLM team's FP8-KV blog (the
// inter-token latency at one request, extrapolated to an empty cache, and a 20K-token load test), a
// pull request's baseline on 4×B200, GPUStack's same-harness engine comparison, and the Qwen team's speed
// benchmark. Values as published; what the page leaves unsaid is in each row's `assumed`.
import type { MeasurementSource, PublishedMeasurement } from './measurementTypes.ts';

const fp8KvBlog: MeasurementSource = {
  series: 'vllm',
  publisher: 'vLLM team (blog.vllm.ai)',
  title:
    'FP8 KV cache post, “Performance Benchmarking”: single-request ITL fitted against input length (vLLM v0.19.1), and throughput under load',
  url: 'https://github.com/vllm-project/vllm-project.github.io/blob/c3a01c4a5807c8d900ae468897e45263373e534e/_posts/2026-04-22-fp8-kvcache.md',
  date: '2026-04-22',
};

const symmMemPr: MeasurementSource = {
  series: 'vllm',
  publisher: 'vllm-project/vllm',
  title: 'PR #20759 “PyTorch Symmetric Memory All-Reduce”, baseline table “On Blackwell, B200 / TP=4”',
  url: 'https://github.com/vllm-project/vllm/pull/20759',
  date: '2025-07-10',
};

export const gpustack: MeasurementSource = {
  series: 'gpustack',
  publisher: 'GPUStack performance lab',
  title:
    'Optimizing Qwen3-8B Latency on NVIDIA H100 GPUs: vLLM v0.11.0, SGLang v0.5.3.post3, TensorRT-LLM v1.2.0rc1 on the same ShareGPT workload at concurrency 4',
  url: 'https://github.com/gpustack/gpustack/blob/47277d79f4a5bae12a2d25e9ecbed2a2177a5f2d/docs/performance-lab/qwen3-8b/h100-latency.md',
  date: '2025-10',
};

const qwen25Speed: MeasurementSource = {
  series: 'qwen',
  publisher: 'Qwen team',
  title: 'Qwen2.5 Speed Benchmark (speed_benchmark.rst): vLLM 0.6.3, batch 1, 1 input token, 2,048 generated',
  url: 'https://github.com/QwenLM/Qwen2.5/blob/a912d239c2d0e2e5d10bb8d02e6f5685edb43e68/docs/source/benchmark/speed_benchmark.rst',
  date: '2024-11-06',
};

/** ShareGPT as GPUStack ran it: 23,260 input and 22,061 output tokens over 100 prompts. */
export const SHAREGPT_GPUSTACK = { inputTokens: 233, outputTokens: 221 } as const;

export const VLLM_MEASUREMENTS: readonly PublishedMeasurement[] = [
  {
    id: 'vllm-fp8kv-llama31-8b-h100-c1-itl',
    metric: 'stepSeconds',
    value: 0.00644,
    scenario: 'Llama 3.1 8B BF16, 1×H100, vLLM v0.19.1, one request: ITL at an empty cache (fit intercept)',
    choice: {
      modelId: 'llama-3.1-8b',
      gpuId: 'h100-sxm',
      gpusPerNode: 1,
      weights: 'bf16',
      kv: 'bf16',
      batch: 1,
      context: 1,
      engine: 'vllm',
    },
    source: fp8KvBlog,
    calibration: true,
  },
  {
    id: 'vllm-fp8kv-llama31-8b-b200-c1-itl',
    metric: 'stepSeconds',
    value: 0.00393,
    scenario: 'Llama 3.1 8B BF16, 1×B200, vLLM v0.19.1, one request: ITL at an empty cache (fit intercept)',
    choice: {
      modelId: 'llama-3.1-8b',
      gpuId: 'b200-hgx',
      gpusPerNode: 1,
      weights: 'bf16',
      kv: 'bf16',
      batch: 1,
      context: 1,
      engine: 'vllm',
    },
    source: fp8KvBlog,
  },
  {
    id: 'vllm-fp8kv-gptoss20b-h100-c1-itl',
    metric: 'stepSeconds',
    value: 0.00403,
    scenario:
      'gpt-oss-20b (MXFP4 experts, BF16 rest), 1×H100, vLLM v0.19.1, one request: ITL at an empty cache',
    choice: {
      modelId: 'gpt-oss-20b',
      gpuId: 'h100-sxm',
      gpusPerNode: 1,
      weights: 'fp4-experts',
      kv: 'bf16',
      batch: 1,
      context: 1,
      engine: 'vllm',
    },
    source: fp8KvBlog,
    assumed: 'the post gives 4.03–4.07 ms over three KV variants; 4.03 taken for BF16',
  },
  {
    id: 'vllm-fp8kv-gptoss20b-b200-c1-itl',
    metric: 'stepSeconds',
    value: 0.00315,
    scenario:
      'gpt-oss-20b (MXFP4 experts, BF16 rest), 1×B200, vLLM v0.19.1, one request: ITL at an empty cache',
    choice: {
      modelId: 'gpt-oss-20b',
      gpuId: 'b200-hgx',
      gpusPerNode: 1,
      weights: 'fp4-experts',
      kv: 'bf16',
      batch: 1,
      context: 1,
      engine: 'vllm',
    },
    source: fp8KvBlog,
    calibration: true,
  },
  {
    id: 'vllm-fp8kv-llama31-8b-h100-c8-20k',
    metric: 'stepSeconds',
    value: 0.01518,
    scenario: 'Llama 3.1 8B BF16, 1×H100, vLLM v0.19.1, 8 concurrent, ~20,000 in / ~2,000 out: median ITL',
    choice: {
      modelId: 'llama-3.1-8b',
      gpuId: 'h100-sxm',
      gpusPerNode: 1,
      weights: 'bf16',
      kv: 'bf16',
      batch: 8,
      context: 21_000,
      engine: 'vllm',
    },
    workload: { inputTokens: 20_000, outputTokens: 2000 },
    source: fp8KvBlog,
    assumed: 'lengths “~20k / ~2k (±15 %)”; the median ITL read as the mean step with the prefills’ share',
  },
  {
    id: 'vllm-fp8kv-gptoss20b-h100-c8-20k',
    metric: 'stepSeconds',
    value: 0.00809,
    scenario:
      'gpt-oss-20b (MXFP4 experts), 1×H100, vLLM v0.19.1, 8 concurrent, ~20,000 in / ~2,000 out: median ITL',
    choice: {
      modelId: 'gpt-oss-20b',
      gpuId: 'h100-sxm',
      gpusPerNode: 1,
      weights: 'fp4-experts',
      kv: 'bf16',
      batch: 8,
      context: 21_000,
      engine: 'vllm',
    },
    workload: { inputTokens: 20_000, outputTokens: 2000 },
    source: fp8KvBlog,
    calibration: true,
    assumed: 'as the Llama row',
  },
  {
    id: 'vllm-pr20759-llama31-70b-b200tp4-qps1',
    metric: 'stepSeconds',
    value: 0.01288,
    scenario: 'Llama 3.1 70B BF16, 4×B200 TP4, vLLM V1, sonnet dataset at 1 QPS (≈2 in flight): mean TPOT',
    choice: {
      modelId: 'llama-3.1-70b',
      gpuId: 'b200-hgx',
      gpusPerNode: 4,
      weights: 'bf16',
      kv: 'bf16',
      tp: 4,
      dp: 1,
      batch: 2,
      context: 625,
      engine: 'vllm',
    },
    workload: { inputTokens: 550, outputTokens: 150 },
    source: symmMemPr,
    assumed:
      'sonnet defaults (550 in, 150 out) — the PR does not print them; in flight by Little’s law: 1 QPS × (45 ms + 149 × 12.9 ms) ≈ 2',
  },
  {
    id: 'vllm-qwen3-8b-h100-c4-sharegpt',
    metric: 'stepSeconds',
    value: 0.00738,
    scenario: 'Qwen3-8B BF16, 1×H100, vLLM v0.11.0, ShareGPT at concurrency 4: mean TPOT',
    choice: {
      modelId: 'qwen3-8b',
      gpuId: 'h100-sxm',
      gpusPerNode: 1,
      weights: 'bf16',
      kv: 'bf16',
      batch: 4,
      context: 344,
      engine: 'vllm',
    },
    workload: SHAREGPT_GPUSTACK,
    source: gpustack,
  },
  {
    id: 'vllm-qwen25-7b-a100-b1',
    metric: 'perStreamTps',
    value: 84.28,
    scenario: 'Qwen2.5-7B BF16, 1×A100, vLLM 0.6.3, batch 1, 2,048 generated tokens: tok/s',
    choice: {
      modelId: 'qwen2.5-7b',
      gpuId: 'a100-80gb',
      gpusPerNode: 1,
      weights: 'bf16',
      kv: 'bf16',
      batch: 1,
      context: 1024,
      engine: 'vllm',
    },
    source: qwen25Speed,
    assumed:
      'vLLM 0.6.3 is the older V0 engine, priced with today’s vLLM profile; tokens/s read as generated tokens ÷ time',
    calibration: true,
  },
  {
    id: 'vllm-qwen25-72b-a100x4-b1',
    metric: 'perStreamTps',
    value: 31.37,
    scenario: 'Qwen2.5-72B BF16, 4×A100 TP4, vLLM 0.6.3, batch 1, 2,048 generated tokens: tok/s',
    choice: {
      modelId: 'qwen2.5-72b',
      gpuId: 'a100-80gb',
      gpusPerNode: 4,
      weights: 'bf16',
      kv: 'bf16',
      tp: 4,
      dp: 1,
      batch: 1,
      context: 1024,
      engine: 'vllm',
    },
    source: qwen25Speed,
    assumed: 'TP 4 from “GPU Num 4”; the older V0 engine, priced with today’s vLLM profile',
  },
];
