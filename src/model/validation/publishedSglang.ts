// Published SGLang measurements (and TensorRT-LLM's row of the same GPUStack comparison): the SGLang
// cookbook's speed benchmarks (sglang 0.5.6, random prompts, max-concurrency 1 / 16 / 100), LMSYS's
// gpt-oss batch-1 table, GPUStack's same-harness comparison, and the Qwen team's Qwen3 speed benchmark on
// H20. Values as published; what the page leaves unsaid is in each row's `assumed`.
import type { EngineId } from '../presets/engines.ts';
import type { MeasurementSource, PublishedMeasurement } from './measurementTypes.ts';
import { gpustack, SHAREGPT_GPUSTACK } from './publishedVllm.ts';

const cookbook = (model: string, url: string): MeasurementSource => ({
  series: 'sglang',
  publisher: 'SGLang cookbook',
  title: `${model} speed benchmark (sglang 0.5.6, python -m sglang.bench_serving --dataset-name random)`,
  url,
  date: 'undated page (sglang 0.5.6)',
});

const qwen3Cookbook = cookbook(
  'Qwen3',
  'https://github.com/sgl-project/sglang/blob/0278d9cb760aaee0bfbe8e185f24184f1960916d/docs_new/cookbook/autoregressive/Qwen/Qwen3.mdx',
);
const llamaCookbook = cookbook(
  'Llama-3.1',
  'https://github.com/sgl-project/sglang/blob/0fbab45d95dae9a425047dfb60d570fe2a1c08d8/docs_new/cookbook/autoregressive/Llama/Llama3.1.mdx',
);

const lmsysGptOss: MeasurementSource = {
  series: 'sglang',
  publisher: 'LMSYS / SGLang team',
  title:
    'SGLang for gpt-oss: From Day 0 Support to Enhanced Performance, “Low-Latency Performance (Batch Size = 1)”',
  url: 'https://lmsys.org/blog/2025-08-27-gpt-oss',
  date: '2025-08-27',
};

const qwen3Speed: MeasurementSource = {
  series: 'qwen',
  publisher: 'Qwen team',
  title:
    'Qwen3 Speed Benchmark (speed_benchmark.md), SGLang 0.4.6.post1 tables: batch 1, 1 input token, 2,048 generated',
  url: 'https://github.com/QwenLM/Qwen2.5/blob/c7f51a1a1ce3d4bb750bc545cd2673fff4c5a8f9/docs/source/getting_started/speed_benchmark.md',
  date: '2025-05-20',
};

const COOKBOOK_LENGTHS = 'mean lengths from the run’s total input and generated tokens';

interface Cookbook {
  readonly id: string;
  readonly value: number;
  readonly modelId: string;
  readonly gpuId: string;
  readonly tp: number;
  readonly concurrency: number;
  readonly io: readonly [number, number];
  readonly scenario: string;
  readonly source: MeasurementSource;
  readonly fit?: boolean;
}

/** A cookbook row: mean TPOT at max-concurrency c, BF16 weights and KV on tp GPUs. */
function tpot(row: Cookbook): PublishedMeasurement {
  const [input, output] = row.io;
  return {
    id: row.id,
    metric: 'stepSeconds',
    value: row.value,
    scenario: `${row.scenario}, SGLang 0.5.6, ${row.concurrency} concurrent, ${input} in / ${output} out (mean): mean TPOT`,
    choice: {
      modelId: row.modelId,
      gpuId: row.gpuId,
      gpusPerNode: row.tp,
      weights: 'bf16',
      kv: 'bf16',
      tp: row.tp,
      dp: 1,
      batch: row.concurrency,
      context: Math.round(input + output / 2),
      engine: 'sglang',
    },
    workload: { inputTokens: input, outputTokens: output },
    source: row.source,
    ...(row.fit ? { calibration: true } : {}),
    assumed: COOKBOOK_LENGTHS,
  };
}

/** A Qwen speed-benchmark row: batch 1 from one input token through 2,048 generated, tok/s. */
function qwenSpeed(
  id: string,
  value: number,
  modelId: string,
  weights: 'bf16' | 'fp8',
  gpus: number,
  scenario: string,
  fit = false,
): PublishedMeasurement {
  return {
    id,
    metric: 'perStreamTps',
    value,
    scenario: `${scenario}, SGLang 0.4.6.post1, batch 1, 2,048 generated tokens: tok/s`,
    choice: {
      modelId,
      gpuId: 'h20',
      gpusPerNode: Math.max(gpus, 1),
      weights,
      kv: 'bf16',
      tp: gpus,
      dp: 1,
      batch: 1,
      context: 1024,
      engine: 'sglang',
    },
    source: qwen3Speed,
    ...(fit ? { calibration: true } : {}),
    assumed:
      '(prompt + generated tokens) ÷ time with a 1-token prompt read as decode tok/s over a 0 → 2K context',
  };
}

function sharegpt(
  id: string,
  value: number,
  engine: EngineId,
  weights: 'bf16' | 'fp8',
  label: string,
  fit = false,
): PublishedMeasurement {
  return {
    id,
    metric: 'stepSeconds',
    value,
    scenario: `Qwen3-8B ${weights.toUpperCase()}, 1×H100, ${label}, ShareGPT at concurrency 4: mean TPOT`,
    choice: {
      modelId: 'qwen3-8b',
      gpuId: 'h100-sxm',
      gpusPerNode: 1,
      weights,
      kv: 'bf16',
      batch: 4,
      context: 344,
      engine,
    },
    workload: SHAREGPT_GPUSTACK,
    source: gpustack,
    ...(fit ? { calibration: true } : {}),
  };
}

export const SGLANG_MEASUREMENTS: readonly PublishedMeasurement[] = [
  tpot({
    id: 'sglang-qwen3-235b-bf16-b200x8-c1',
    value: 0.01012,
    modelId: 'qwen3-235b-a22b',
    gpuId: 'b200-hgx',
    tp: 8,
    concurrency: 1,
    io: [610, 421],
    scenario: 'Qwen3-235B-A22B BF16, 8×B200 TP8',
    source: qwen3Cookbook,
    fit: true,
  }),
  tpot({
    id: 'sglang-qwen3-235b-bf16-b200x8-c16',
    value: 0.01636,
    modelId: 'qwen3-235b-a22b',
    gpuId: 'b200-hgx',
    tp: 8,
    concurrency: 16,
    io: [496, 509],
    scenario: 'Qwen3-235B-A22B BF16, 8×B200 TP8',
    source: qwen3Cookbook,
  }),
  tpot({
    id: 'sglang-qwen3-235b-bf16-b200x8-c100',
    value: 0.03294,
    modelId: 'qwen3-235b-a22b',
    gpuId: 'b200-hgx',
    tp: 8,
    concurrency: 100,
    io: [500, 504],
    scenario: 'Qwen3-235B-A22B BF16, 8×B200 TP8',
    source: qwen3Cookbook,
    fit: true,
  }),
  tpot({
    id: 'sglang-qwen3-235b-bf16-b200x8-c1-8k',
    value: 0.01031,
    modelId: 'qwen3-235b-a22b',
    gpuId: 'b200-hgx',
    tp: 8,
    concurrency: 1,
    io: [4194, 421],
    scenario: 'Qwen3-235B-A22B BF16, 8×B200 TP8 (long prompts)',
    source: qwen3Cookbook,
  }),
  tpot({
    id: 'sglang-llama31-70b-bf16-a100x8-c1',
    value: 0.01863,
    modelId: 'llama-3.1-70b',
    gpuId: 'a100-80gb',
    tp: 8,
    concurrency: 1,
    io: [610, 422],
    scenario: 'Llama 3.1 70B BF16, 8×A100 TP8',
    source: llamaCookbook,
    fit: true,
  }),
  tpot({
    id: 'sglang-llama31-70b-bf16-a100x8-c100',
    value: 0.04719,
    modelId: 'llama-3.1-70b',
    gpuId: 'a100-80gb',
    tp: 8,
    concurrency: 100,
    io: [500, 505],
    scenario: 'Llama 3.1 70B BF16, 8×A100 TP8',
    source: llamaCookbook,
  }),
  {
    id: 'sglang-gptoss120b-mxfp4-b200tp4-b1',
    metric: 'perStreamTps',
    value: 416.02,
    scenario: 'gpt-oss-120b (MXFP4 experts, BF16 rest), 4×B200 TP4, SGLang (Aug 2025), batch 1: decode tok/s',
    choice: {
      modelId: 'gpt-oss-120b',
      gpuId: 'b200-hgx',
      gpusPerNode: 4,
      weights: 'fp4-experts',
      kv: 'bf16',
      tp: 4,
      dp: 1,
      batch: 1,
      context: 1024,
      engine: 'sglang',
    },
    source: lmsysGptOss,
    calibration: true,
    assumed:
      'prompt and output lengths not stated: 1,024 tokens of context taken; KV width not stated (BF16)',
  },
  {
    id: 'sglang-gptoss120b-mxfp4-h100tp8-b1',
    metric: 'perStreamTps',
    value: 318.53,
    scenario:
      'gpt-oss-120b (MXFP4 experts, BF16 rest), 8×H100 TP8, SGLang (Aug 2025, Triton attention), batch 1: decode tok/s',
    choice: {
      modelId: 'gpt-oss-120b',
      gpuId: 'h100-sxm',
      gpusPerNode: 8,
      weights: 'fp4-experts',
      kv: 'bf16',
      tp: 8,
      dp: 1,
      batch: 1,
      context: 1024,
      engine: 'sglang',
    },
    source: lmsysGptOss,
    assumed: 'as the B200 row; Hopper has no FP4 path, so the experts compute on FP8',
  },
  sharegpt('sglang-qwen3-8b-h100-c4-sharegpt', 0.00719, 'sglang', 'bf16', 'SGLang v0.5.3.post3', true),
  sharegpt('sglang-qwen3-8b-fp8-h100-c4-sharegpt', 0.00565, 'sglang', 'fp8', 'SGLang v0.5.3.post3'),
  sharegpt(
    'trtllm-qwen3-8b-h100-c4-sharegpt',
    0.00767,
    'trtllm',
    'bf16',
    'TensorRT-LLM v1.2.0rc1 (trtllm-serve)',
  ),
  qwenSpeed('sglang-qwen3-8b-bf16-h20-b1', 81.73, 'qwen3-8b', 'bf16', 1, 'Qwen3-8B BF16, 1×H20', true),
  qwenSpeed(
    'sglang-qwen3-30b-a3b-bf16-h20-b1',
    137.18,
    'qwen3-30b-a3b',
    'bf16',
    1,
    'Qwen3-30B-A3B BF16, 1×H20',
  ),
  qwenSpeed(
    'sglang-qwen3-235b-bf16-h20x8-b1',
    74.5,
    'qwen3-235b-a22b',
    'bf16',
    8,
    'Qwen3-235B-A22B BF16, 8×H20 TP8',
  ),
  qwenSpeed(
    'sglang-qwen3-235b-fp8-h20x4-b1',
    71.65,
    'qwen3-235b-a22b',
    'fp8',
    4,
    'Qwen3-235B-A22B FP8, 4×H20 TP4',
  ),
];
