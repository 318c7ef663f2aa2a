// Published serving measurements that ridgeline's model is checked against (docs/validation.md), each with
// its source, the scenario it was measured in (as a `ridgeline project` choice, engine included) and what
// was measured. Values are copied as published, in SI units. About half of each engine's rows fit that
// engine's per-step costs (calibration.ts, `calibration: true`); the rest are held out, out-of-sample
// checks. The blog's, Lambda's, InferenceX's, NVIDIA's DeepSeek-R1 and NIM rows and llama.cpp's 32K-context
// row are here; the other publishers' rows are in published*.ts.
import type { ScenarioChoice } from '../presets/choice.ts';
import type { MeasurementSource, PublishedMeasurement } from './measurementTypes.ts';
import { LLAMACPP_MEASUREMENTS } from './publishedLlamaCpp.ts';
import { SGLANG_MEASUREMENTS } from './publishedSglang.ts';
import { TRTLLM_MEASUREMENTS } from './publishedTrtllm.ts';
import { VLLM_MEASUREMENTS } from './publishedVllm.ts';
import { inferenceXKimiK25, lambdaKimiK26 } from './reality.ts';

export type {
  LoadTest,
  MeasuredMetric,
  MeasurementSource,
  PublishedMeasurement,
} from './measurementTypes.ts';

const blog: MeasurementSource = {
  series: 'blog',
  publisher: 'Arafat Khan (blog post)',
  title: 'How to Save Millions by Self-Hosting LLMs',
  date: '2026-06-09',
};

const kimiBlog = (batch: number, tp = 8): ScenarioChoice => ({
  modelId: 'kimi-k2.6',
  gpuId: 'b200',
  tp,
  batch,
  context: 80_000,
  engine: 'vllm-blog',
});

const lambda: MeasurementSource = {
  series: 'lambda',
  publisher: 'Lambda',
  title: 'How to deploy Kimi K2.6 on Lambda: TL;DR token throughput (vllm bench serve, 512 prompts)',
  url: 'https://lambda.ai/inference-models/moonshotai/kimi-k2.6',
  date: '2026 (undated page; Kimi K2.6 was released in 2026)',
};

const inferenceX: MeasurementSource = {
  series: 'inferencex',
  publisher: 'SemiAnalysis InferenceX (table as quoted by kimi-capacity-report.pages.dev)',
  title: 'Kimi K2.5, ISL 8192 / OSL 1024, vLLM, INT4, TP8, no speculative decoding: per-user decode tok/s',
  url: 'https://kimi-capacity-report.pages.dev/',
  date: '2026 (undated page)',
};

const trtllm: MeasurementSource = {
  series: 'trtllm',
  publisher: 'NVIDIA TensorRT-LLM team',
  title:
    'Pushing Latency Boundaries: Optimizing DeepSeek-R1 Performance on NVIDIA B200 GPUs (tech blog 1, MTP ablation table)',
  url: 'https://nvidia.github.io/TensorRT-LLM/blogs/tech_blog/blog1_Pushing_Latency_Boundaries_Optimizing_DeepSeek-R1_Performance_on_NVIDIA_B200_GPUs.html',
  date: '2025 (undated page; numbers from before and after GTC, March 2025)',
};

const nim: MeasurementSource = {
  series: 'nim',
  publisher: 'NVIDIA NIM for LLMs benchmarking guide',
  title:
    'Performance: Llama-3.3-70b-instruct, NIM 1.8.0, 2 × H100 80G, fp8 TP2, 5000 input / 500 output tokens',
  url: 'https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance',
  date: 'undated page (guide version 1.0.0, container 1.8.0)',
};

const llamaCpp: MeasurementSource = {
  series: 'llamacpp',
  publisher: 'ggml-org/llama.cpp',
  title:
    'pull request #17505 "CUDA: generalized (mma) FA, add Volta support": master column, pp512@d32768, micro-batch 1',
  url: 'https://github.com/ggml-org/llama.cpp/pull/17505',
  date: '2025-11',
};

const lambdaPoint = lambdaKimiK26.points[0];

/** K2.5/K2.6 as Lambda and InferenceX serve them: the real config, INT4 routed experts, BF16 elsewhere. */
const kimiInt4 = (gpuId: string, batch: number, context: number): ScenarioChoice => ({
  modelId: 'kimi-k2.6-config',
  gpuId,
  weights: 'int4-experts',
  kv: 'bf16',
  tp: 8,
  batch,
  context,
  engine: 'vllm',
});

const inferenceXH200: readonly (readonly [number, number])[] = [
  [4, 91.2],
  [8, 70.3],
  [16, 46.6],
  [32, 28.9],
  [64, 16.7],
];

/** 70B at FP8 on two H100s with TP2, 5,000-token prompts (KV width not stated: BF16 taken). */
const llama70Nim = (batch: number): ScenarioChoice => ({
  modelId: 'llama-3.1-70b',
  gpuId: 'h100-sxm',
  weights: 'fp8',
  kv: 'bf16',
  tp: 2,
  batch,
  context: 5000 + 250,
  engine: 'trtllm',
});

/** NVIDIA's DeepSeek-R1-FP4 (V3 architecture) on 8×B200 at TP8, one user, 1K in / 2K out. */
const deepseekR1OnB200: ScenarioChoice = {
  modelId: 'deepseek-v3',
  gpuId: 'b200-hgx',
  weights: 'fp4-experts',
  kv: 'bf16',
  tp: 8,
  batch: 1,
  context: 2048,
  engine: 'trtllm',
};

export const PUBLISHED_MEASUREMENTS: readonly PublishedMeasurement[] = [
  {
    id: 'blog-kimi-tp8-c16-pass',
    metric: 'stepSeconds',
    value: 0.0368,
    scenario: 'Kimi K2.6 FP4, 8×B200 TP8, 16 concurrent coding-agent streams (~80K context): per-pass time',
    choice: kimiBlog(16),
    source: blog,
    calibration: true,
  },
  {
    id: 'blog-kimi-tp8-c32-stream',
    metric: 'perStreamTps',
    value: 14,
    scenario: 'Kimi K2.6 FP4, 8×B200 TP8, 32 concurrent streams: per-stream decode',
    choice: kimiBlog(32),
    source: blog,
    calibration: true,
  },
  {
    id: 'blog-kimi-tp4-c8-stream',
    metric: 'perStreamTps',
    value: 46,
    scenario: 'Kimi K2.6 FP4, 8×B200 as two TP4 replicas, 8 concurrent streams each: per-stream decode',
    choice: kimiBlog(8, 4),
    source: blog,
  },
  {
    id: 'blog-kimi-tp8-c16-ttft',
    metric: 'ttftSeconds',
    value: 1.57,
    scenario: 'Kimi K2.6 FP4, 8×B200 TP8, c=16: p50 TTFT (median 9,400 fresh tokens after ~71K cached)',
    choice: kimiBlog(16),
    prompt: { freshTokens: 9400, cachedTokens: 71_000 },
    // the blog's steady load test on its own workload (warm-up excluded, as the scenario's sweep does)
    loadTest: { tokens: 'workload', requests: 320, warmupTurns: 2, statistic: 'p50' },
    source: blog,
  },
  {
    id: 'blog-kimi-tp8-prefill',
    metric: 'prefillTps',
    value: 78_000,
    scenario:
      'Kimi K2.6 FP4, 8×B200 TP8: node prefill rate (average 13,000 fresh tokens after 71,000 cached)',
    choice: kimiBlog(16),
    prompt: { freshTokens: 13_000, cachedTokens: 71_000 },
    source: blog,
  },
  {
    id: 'lambda-kimi-c32-stream',
    metric: 'perStreamTps',
    value: lambdaPoint?.perUserTps ?? Number.NaN,
    scenario:
      'Kimi K2.6 (INT4 experts, BF16 rest), HGX B200 ×8, vLLM, 32 concurrent, 8,192 in / 2,048 out: output tok/s ÷ 32',
    choice: kimiInt4('b200-hgx', 32, 8192 + 1024),
    workload: { inputTokens: 8192, outputTokens: 2048 },
    source: lambda,
    assumed:
      'the page’s 1,408 output tok/s over 32 streams (44 per stream); its mean ITL of 44.5 ms would give 32 streams only 720 tok/s, so an ITL there spans about two tokens (a streamed chunk), and the per-stream rate is taken instead',
  },
  {
    id: 'lambda-kimi-c32-ttft',
    metric: 'ttftSeconds',
    value: lambdaPoint?.meanTtftS ?? Number.NaN,
    scenario: 'the same run: mean TTFT of an 8,192-token prompt',
    choice: kimiInt4('b200-hgx', 32, 8192 + 1024),
    prompt: { freshTokens: 8192, cachedTokens: 0 },
    // vllm bench serve --max-concurrency 32 --num-prompts 512 (random prompts, no prefix reuse): its mean
    // counts every request, the 32 that start at once included
    loadTest: {
      tokens: { cached: 0, fresh: 8192, output: 2048 },
      requests: 512,
      warmupTurns: 0,
      statistic: 'mean',
    },
    source: lambda,
  },
  ...inferenceXKimiK25.points.map(
    (point): PublishedMeasurement => ({
      id: `inferencex-kimi-b200-c${point.concurrency}`,
      metric: 'perStreamTps',
      value: point.perUserTps ?? Number.NaN,
      scenario: `Kimi K2.5 INT4, 8×B200 TP8, vLLM, ${point.concurrency} concurrent, 8K in / 1K out: per-user decode`,
      choice: kimiInt4('b200-hgx', point.concurrency, 8192 + 512),
      workload: { inputTokens: 8192, outputTokens: 1024 },
      source: inferenceX,
      ...(point.concurrency === 8 || point.concurrency === 32 ? { calibration: true } : {}),
    }),
  ),
  ...inferenceXH200.map(
    ([concurrency, perUserTps]): PublishedMeasurement => ({
      id: `inferencex-kimi-h200-c${concurrency}`,
      metric: 'perStreamTps',
      value: perUserTps,
      scenario: `Kimi K2.5 INT4, 8×H200 TP8, vLLM, ${concurrency} concurrent, 8K in / 1K out: per-user decode`,
      choice: kimiInt4('h200', concurrency, 8192 + 512),
      workload: { inputTokens: 8192, outputTokens: 1024 },
      source: inferenceX,
      ...(concurrency === 4 || concurrency === 16 || concurrency === 64 ? { calibration: true } : {}),
    }),
  ),
  {
    id: 'trtllm-dsr1-b200-c1',
    metric: 'perStreamTps',
    value: 111,
    scenario:
      'DeepSeek-R1 (V3 architecture), NVFP4 FFNs + BF16 attention, 8×B200, TensorRT-LLM, 1 user, 1K in / 2K out, without MTP',
    choice: deepseekR1OnB200,
    source: trtllm,
    calibration: true,
  },
  {
    id: 'trtllm-dsr1-b200-c1-mtp3',
    metric: 'perStreamTps',
    value: 253,
    scenario: 'the same with 3 MTP draft tokens per step, 2.82 accepted on average',
    choice: deepseekR1OnB200,
    speculative: { draftTokens: 3, acceptedTokensPerStep: 2.82 },
    source: trtllm,
  },
  {
    id: 'nim-llama70-h100-tp2-c1-itl',
    metric: 'stepSeconds',
    value: 0.01858,
    scenario:
      'Llama-3.3-70B (Llama-3.1-70B architecture) FP8, 2×H100 TP2, NIM (TensorRT-LLM), 1 user, 5K in: ITL',
    choice: llama70Nim(1),
    source: nim,
    calibration: true,
  },
  {
    id: 'nim-llama70-h100-tp2-c1-ttft',
    metric: 'ttftSeconds',
    value: 0.40677,
    scenario: 'the same: TTFT of a 5,000-token prompt',
    choice: llama70Nim(1),
    prompt: { freshTokens: 5000, cachedTokens: 0 },
    // one user sending 5,000-token prompts for 500 output tokens, one after another
    loadTest: {
      tokens: { cached: 0, fresh: 5000, output: 500 },
      requests: 8,
      warmupTurns: 0,
      statistic: 'mean',
    },
    source: nim,
  },
  {
    id: 'nim-llama70-h100-tp2-c25-itl',
    metric: 'stepSeconds',
    value: 0.03875,
    scenario: 'the same at 25 concurrent requests: ITL',
    choice: llama70Nim(25),
    workload: { inputTokens: 5000, outputTokens: 500 },
    source: nim,
  },
  {
    id: 'nim-llama70-h100-tp2-c50-itl',
    metric: 'stepSeconds',
    value: 0.05973,
    scenario: 'the same at 50 concurrent requests: ITL',
    choice: llama70Nim(50),
    workload: { inputTokens: 5000, outputTokens: 500 },
    source: nim,
    calibration: true,
  },
  {
    id: 'llamacpp-4090-llama8b-d32k',
    metric: 'perStreamTps',
    value: 98.14,
    scenario: 'Llama 8B Q4_0 (4.5 bits), one RTX 4090, llama.cpp CUDA, batch 1 at 32,768 tokens of context',
    choice: {
      modelId: 'llama-3.1-8b',
      gpuId: 'rtx-4090',
      weights: 'int4',
      kv: 'bf16',
      batch: 1,
      context: 32_768 + 256,
      engine: 'llamacpp',
    },
    source: llamaCpp,
  },
  ...VLLM_MEASUREMENTS,
  ...SGLANG_MEASUREMENTS,
  ...TRTLLM_MEASUREMENTS,
  ...LLAMACPP_MEASUREMENTS,
];
