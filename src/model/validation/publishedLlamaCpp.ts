// Published llama.cpp measurements: a community llama-bench sweep over datacenter, gaming and Apple GPUs
// (one sequence, 512 generated tokens from an empty context, and a 512-token prompt), and the CUDA-graphs
// pull request and issue, which measured the same build with graphs off and on. Q4_K_M and Q4_0 are
// taken as 4.5 bits per weight ('int4': 4-bit values and a 16-bit scale per 32; the Q4_K_M files of
// Llama 3 8B and 70B are 4.58 and 39.59 GB, within 2 % of it). Values as published.
import type { ScenarioChoice, WeightPrecision } from '../presets/choice.ts';
import type { EngineId } from '../presets/engines.ts';
import type { MeasurementSource, PublishedMeasurement } from './measurementTypes.ts';

const xiongjieDai: MeasurementSource = {
  series: 'llamacpp',
  publisher: 'XiongjieDai/GPU-Benchmarks-on-LLM-Inference (community, RunPod and own Macs)',
  title:
    'LLaMA 3 tables: llama-bench build 4426e298 (2824), flash_attn 0, n_ubatch 512, tg 512 and pp 512 columns',
  url: 'https://github.com/XiongjieDai/GPU-Benchmarks-on-LLM-Inference/blob/aa72e0e/README.md',
  date: '2024-05',
};

const graphsPr: MeasurementSource = {
  series: 'llamacpp',
  publisher: 'ggml-org/llama.cpp',
  title:
    'PR #6766 “Introduction of CUDA Graphs to LLama.cpp”: results for LLaMA 2 7B q4_0, ./main tg, master vs PR',
  url: 'https://github.com/ggml-org/llama.cpp/pull/6766',
  date: '2024-04-19',
};

const graphsIssue: MeasurementSource = {
  series: 'llamacpp',
  publisher: 'ggml-org/llama.cpp',
  title:
    'Issue #6763 “New optimization from NVIDIA to use CUDA Graphs in llama.cpp”: llama-2-7b.Q4_K_M on H100 PCIe, -n 128',
  url: 'https://github.com/ggml-org/llama.cpp/issues/6763',
  date: '2024-04-19',
};

const METAL =
  'Apple GPUs run llama.cpp’s Metal backend, priced with the CUDA-graphs profile (no Metal-specific profile is published)';
const GRAPHS_ASSUMED =
  'CUDA graphs (PR #6766, merged April 2024) taken as on in build 2824 for single-GPU decode; the build predates today’s graph reuse';

interface Bench {
  readonly id: string;
  readonly value: number;
  readonly gpuId: string;
  readonly modelId: string;
  readonly weights: WeightPrecision;
  readonly label: string;
  readonly gpus?: number;
  readonly fit?: boolean;
  readonly assumed?: string;
}

/** A tg 512 row: one sequence generating 512 tokens from an empty cache (mean context 256). */
function tg512(row: Bench): PublishedMeasurement {
  const gpus = row.gpus ?? 1;
  const choice: ScenarioChoice = {
    modelId: row.modelId,
    gpuId: row.gpuId,
    gpusPerNode: gpus,
    weights: row.weights,
    kv: 'bf16',
    tp: 1,
    ...(gpus > 1 ? { pp: gpus } : {}),
    dp: 1,
    batch: 1,
    context: 256,
    engine: 'llamacpp',
  };
  return {
    id: row.id,
    metric: 'perStreamTps',
    value: row.value,
    scenario: `${row.label}, llama.cpp (llama-bench tg 512), one sequence: tok/s`,
    choice,
    source: xiongjieDai,
    ...(row.fit ? { calibration: true } : {}),
    assumed: row.assumed ?? GRAPHS_ASSUMED,
  };
}

function graphsRow(
  id: string,
  value: number,
  engine: EngineId,
  gpuId: string,
  weights: WeightPrecision,
  label: string,
  source: MeasurementSource,
  fit: boolean,
): PublishedMeasurement {
  return {
    id,
    metric: 'perStreamTps',
    value,
    scenario: `${label}, llama.cpp CUDA, CUDA graphs ${engine === 'llamacpp' ? 'on' : 'off'}, one sequence: tok/s`,
    choice: {
      modelId: 'llama-2-7b',
      gpuId,
      gpusPerNode: 1,
      weights,
      kv: 'bf16',
      batch: 1,
      context: 128,
      engine,
    },
    source,
    ...(fit ? { calibration: true } : {}),
    assumed: 'prompt and generated lengths not stated (short): 128 tokens of context taken',
  };
}

export const LLAMACPP_MEASUREMENTS: readonly PublishedMeasurement[] = [
  tg512({
    id: 'llamacpp-xd-4090-llama3-8b-q4km-tg512',
    value: 130.58,
    gpuId: 'rtx-4090',
    modelId: 'llama-3.1-8b',
    weights: 'int4',
    label: 'Llama 3 8B Q4_K_M, 1×RTX 4090',
    fit: true,
  }),
  tg512({
    id: 'llamacpp-xd-4090-llama3-8b-f16-tg512',
    value: 54.84,
    gpuId: 'rtx-4090',
    modelId: 'llama-3.1-8b',
    weights: 'bf16',
    label: 'Llama 3 8B F16, 1×RTX 4090',
  }),
  tg512({
    id: 'llamacpp-xd-3090-llama3-8b-q4km-tg512',
    value: 115.42,
    gpuId: 'rtx-3090',
    modelId: 'llama-3.1-8b',
    weights: 'int4',
    label: 'Llama 3 8B Q4_K_M, 1×RTX 3090',
  }),
  tg512({
    id: 'llamacpp-xd-4090x2-llama3-70b-q4km-tg512',
    value: 19.22,
    gpuId: 'rtx-4090',
    modelId: 'llama-3.1-70b',
    weights: 'int4',
    label: 'Llama 3 70B Q4_K_M, 2×RTX 4090 (layers split over the two, run one after the other)',
    gpus: 2,
    fit: true,
    assumed:
      'llama.cpp’s layer split modelled as 2 pipeline stages over PCIe; CUDA graphs do not apply to multi-GPU decode in that build, the graphs profile is used',
  }),
  tg512({
    id: 'llamacpp-xd-a100-llama3-8b-f16-tg512',
    value: 53.49,
    gpuId: 'a100-80gb',
    modelId: 'llama-3.1-8b',
    weights: 'bf16',
    label: 'Llama 3 8B F16, 1×A100 SXM',
    fit: true,
  }),
  tg512({
    id: 'llamacpp-xd-a100-llama3-8b-q4km-tg512',
    value: 135.04,
    gpuId: 'a100-80gb',
    modelId: 'llama-3.1-8b',
    weights: 'int4',
    label: 'Llama 3 8B Q4_K_M, 1×A100 SXM',
  }),
  tg512({
    id: 'llamacpp-xd-a100-llama3-70b-q4km-tg512',
    value: 24.61,
    gpuId: 'a100-80gb',
    modelId: 'llama-3.1-70b',
    weights: 'int4',
    label: 'Llama 3 70B Q4_K_M, 1×A100 SXM',
  }),
  tg512({
    id: 'llamacpp-xd-h100pcie-llama3-8b-f16-tg512',
    value: 68.03,
    gpuId: 'h100-pcie',
    modelId: 'llama-3.1-8b',
    weights: 'bf16',
    label: 'Llama 3 8B F16, 1×H100 PCIe',
  }),
  tg512({
    id: 'llamacpp-xd-h100pcie-llama3-70b-q4km-tg512',
    value: 25.03,
    gpuId: 'h100-pcie',
    modelId: 'llama-3.1-70b',
    weights: 'int4',
    label: 'Llama 3 70B Q4_K_M, 1×H100 PCIe',
    fit: true,
  }),
  tg512({
    id: 'llamacpp-xd-l40s-llama3-8b-f16-tg512',
    value: 43.69,
    gpuId: 'l40s',
    modelId: 'llama-3.1-8b',
    weights: 'bf16',
    label: 'Llama 3 8B F16, 1×L40S',
  }),
  tg512({
    id: 'llamacpp-xd-m3max-llama3-8b-q4km-tg512',
    value: 48.97,
    gpuId: 'm3-max',
    modelId: 'llama-3.1-8b',
    weights: 'int4',
    label: 'Llama 3 8B Q4_K_M, Apple M3 Max (40-core GPU)',
    assumed: METAL,
  }),
  tg512({
    id: 'llamacpp-xd-m3max-llama3-8b-f16-tg512',
    value: 22.04,
    gpuId: 'm3-max',
    modelId: 'llama-3.1-8b',
    weights: 'bf16',
    label: 'Llama 3 8B F16, Apple M3 Max (40-core GPU)',
    fit: true,
    assumed: METAL,
  }),
  tg512({
    id: 'llamacpp-xd-m3max-llama3-70b-q4km-tg512',
    value: 7.65,
    gpuId: 'm3-max',
    modelId: 'llama-3.1-70b',
    weights: 'int4',
    label: 'Llama 3 70B Q4_K_M, Apple M3 Max (40-core GPU)',
    assumed: METAL,
  }),
  {
    id: 'llamacpp-xd-4090-llama3-8b-f16-pp512',
    metric: 'prefillTps',
    value: 9382,
    scenario: 'Llama 3 8B F16, 1×RTX 4090, llama.cpp (llama-bench pp 512): prompt tok/s',
    choice: {
      modelId: 'llama-3.1-8b',
      gpuId: 'rtx-4090',
      gpusPerNode: 1,
      weights: 'bf16',
      kv: 'bf16',
      batch: 1,
      context: 512,
      engine: 'llamacpp',
    },
    prompt: { freshTokens: 512, cachedTokens: 0 },
    source: xiongjieDai,
  },
  graphsRow(
    'llamacpp-pr6766-4090-llama2-7b-q4_0-no-graphs',
    138.31,
    'llamacpp-no-graphs',
    'rtx-4090',
    'int4',
    'Llama 2 7B Q4_0, 1×RTX 4090',
    graphsPr,
    false,
  ),
  graphsRow(
    'llamacpp-pr6766-4090-llama2-7b-q4_0-graphs',
    146.81,
    'llamacpp',
    'rtx-4090',
    'int4',
    'Llama 2 7B Q4_0, 1×RTX 4090',
    graphsPr,
    true,
  ),
  graphsRow(
    'llamacpp-6763-h100pcie-llama2-7b-q4km-no-graphs',
    143.35,
    'llamacpp-no-graphs',
    'h100-pcie',
    'int4',
    'Llama 2 7B Q4_K_M, 1×H100 PCIe',
    graphsIssue,
    false,
  ),
  graphsRow(
    'llamacpp-6763-h100pcie-llama2-7b-q4km-graphs',
    163.83,
    'llamacpp',
    'h100-pcie',
    'int4',
    'Llama 2 7B Q4_K_M, 1×H100 PCIe',
    graphsIssue,
    true,
  ),
];
