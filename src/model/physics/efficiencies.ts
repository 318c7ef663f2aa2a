// The named efficiencies of the per-operator model, each with where it comes from. Two kinds, kept apart
// on purpose (the issue: "a single end-to-end MBU fitted to Kimi and applied to every model is not
// acceptable"):
//
// 1. What kernels reach on a GPU, from published kernel benchmarks and never fitted to serving
//    measurements: the share of HBM bandwidth a long streaming call reaches, the fill-and-drain time each
//    call pays (so short calls stream at less: kernelEfficiency.ts), the share of the dense peak a tuned
//    matmul reaches on this GPU (the GPU preset's, before the shape's tile, wave and depth fills), the share
//    prefill attention reaches, the share of a link's line rate a collective reaches.
// 2. What the serving engine adds per step (presets/engines.ts: one profile per engine, each fitted to that
//    engine's published measurements by validation/calibration.ts): the gap per kernel launched, the
//    routing work per MoE layer, the fixed cost of each expert problem a grouped GEMM runs, the host's
//    scheduling and output processing per step and per sequence and how much of it hides behind the GPU,
//    and the engine's own small-message all-reduce.
//
// DEFAULT_EFFICIENCIES are the kernel defaults with no engine costs at all (what the roofs and kernels
// alone allow); a scenario takes its GPU's matmul share and its engine profile's costs
// (presets/efficiencyPlan.ts).

import { type Bound, RANGES } from '../units/ranges.ts';
import { KERNEL_RAMP_SECONDS } from './kernelEfficiency.ts';

/** What kernels reach on the GPU: published kernel benchmarks, never fitted to serving measurements. */
export interface KernelEfficiencies {
  /** share of HBM bandwidth a long weight-streaming call (GEMV, decode GEMM) reaches */
  gemvBandwidthShare: number;
  /** share of HBM bandwidth the decode-attention kernel streams the KV cache at */
  attentionBandwidthShare: number;
  /** share of the dense tensor peak a tuned matmul reaches on this GPU, before the shape's fills */
  gemmPeakShare: number;
  /** share of the BF16 tensor peak prefill attention (FlashAttention, FlashMLA) reaches */
  attentionPeakShare: number;
  /** share of a link's line rate a collective reaches */
  linkBandwidthShare: number;
  /** fill-and-drain time of one memory-bound kernel call, s (why short calls stream at less) */
  kernelRampSeconds: number;
}

/** What the serving engine adds per step: one profile per engine (presets/engines.ts). */
export interface EngineCosts {
  /** gap per kernel launched (launch or graph node, dependency wait), s */
  kernelLaunchSeconds: number;
  /** routing per MoE layer beyond its matmuls (top-k, token permutation, the small kernels around them), s */
  moeRoutingSecondsPerLayer: number;
  /** fixed time of each expert problem a grouped GEMM runs (tile setup, scale loads, per-expert tails), s */
  smallExpertSeconds: number;
  /** the host's time per step (scheduling, input preparation, sampling, output processing), s */
  schedulerSecondsPerStep: number;
  /** the host's time per running sequence per step, s */
  schedulerSecondsPerSequence: number;
  /** share of the host's time that hides behind the GPU's step (1: an overlapping scheduler) */
  hostOverlap: number;
  /** the engine's small-message all-reduce on the scale-up link, fixed time per call, s (0: NCCL's ring) */
  allReduceCallSeconds: number;
  /** the same, per peer GPU of the group, s */
  allReducePeerSeconds: number;
  /**
   * The most one streaming multiprocessor streams in the engine's weight GEMVs, B/s (0: no limit): a
   * kernel that keeps few loads in flight per SM reaches SMs × this, whatever the HBM allows.
   */
  streamBytesPerSecondPerUnit: number;
  /**
   * The engine's decode-attention kernel's streaming share relative to the published kernel's (1: as the
   * kernel defaults say; below 1: the engine's attention over the cache streams the KV at less)
   */
  attentionKernelScale: number;
}

export type Efficiencies = KernelEfficiencies & EngineCosts;

export interface EfficiencySource {
  readonly value: number;
  /** where the number comes from: a publication (with address and date) or the calibration */
  readonly source: string;
}

/** Physical range of each efficiency (shares are fractions, times are seconds), from units/ranges.ts. */
export const EFFICIENCY_RANGES: Readonly<Record<keyof Efficiencies, Bound>> = {
  gemvBandwidthShare: RANGES.kernelShare,
  attentionBandwidthShare: RANGES.kernelShare,
  gemmPeakShare: RANGES.kernelShare,
  attentionPeakShare: RANGES.kernelShare,
  linkBandwidthShare: RANGES.kernelShare,
  kernelRampSeconds: RANGES.perKernelSeconds,
  kernelLaunchSeconds: RANGES.perKernelSeconds,
  moeRoutingSecondsPerLayer: RANGES.perLayerSeconds,
  smallExpertSeconds: RANGES.perKernelSeconds,
  schedulerSecondsPerStep: RANGES.perStepSeconds,
  schedulerSecondsPerSequence: RANGES.perKernelSeconds,
  hostOverlap: RANGES.overlapShare,
  allReduceCallSeconds: RANGES.perKernelSeconds,
  allReducePeerSeconds: RANGES.perKernelSeconds,
  streamBytesPerSecondPerUnit: RANGES.perUnitBandwidth,
  attentionKernelScale: RANGES.kernelShare,
};

/** The kernel efficiencies' defaults and sources (a GPU preset may give its own gemmPeakShare). */
export const KERNEL_EFFICIENCY_SOURCES: Readonly<Record<keyof KernelEfficiencies, EfficiencySource>> = {
  gemvBandwidthShare: {
    value: 0.9,
    source:
      'FlashMLA README (https://github.com/deepseek-ai/FlashMLA, 2025-04-22): the dense MLA decoding kernel streams up to 3,000 GB/s on an H800 SXM5 (3.35 TB/s), 0.90; vLLM blog on FP8 KV cache (https://blog.vllm.ai, 2026-04-22): the ITL slope over context implies 3.0 TB/s on H100 (0.90) and 7.3 TB/s on B200 (0.91); ninfer-3090 PR #50 (2026-09-09): a 4 GiB read probe reaches 854 of 936 GB/s on an RTX 3090 (0.91)',
  },
  attentionBandwidthShare: {
    value: 0.9,
    source:
      'FlashMLA README (https://github.com/deepseek-ai/FlashMLA, 2025-04-22): 3,000 of 3,350 GB/s on H800 SXM5; the vLLM FP8-KV blog’s ITL slopes (2026-04-22): 0.90 of H100, 0.91 of B200',
  },
  gemmPeakShare: {
    value: 0.76,
    source:
      'Maximum Achievable Matmul FLOPS table (stas00/ml-engineering compute/accelerator/README.md, 2026-08-10): NVIDIA entries 0.71–0.87 of the dense peak at their best shape; DeepGEMM’s FP8 table on H800 (https://github.com/deepseek-ai/DeepGEMM, 2025-03-25) fits 0.70 before fills. A GPU preset with its own MAMF entry uses that entry',
  },
  attentionPeakShare: {
    value: 0.7,
    source:
      'FlashAttention-3 (arXiv:2407.08608, 2024-07): FP16 forward up to 740 TFLOPS on H100, 0.75 of 989; FlashMLA README (2026-04-29): dense MHA prefill on SM100 1,460 TFLOPS, 0.65 of B200’s 2,250 BF16',
  },
  linkBandwidthShare: {
    value: 0.82,
    source:
      'NCCL maintainer in NVIDIA/nccl-tests#212 (https://github.com/NVIDIA/nccl-tests/issues/212, 2024-05-06): 370 GB/s effective of NVLink 4’s 450 GB/s line rate (~20 % protocol overhead); NVIDIA/nccl#1455 (2024-09-19) measures 365–370 GB/s ring bus bandwidth on 8×H100',
  },
  kernelRampSeconds: {
    value: KERNEL_RAMP_SECONDS,
    source:
      'DeepGEMM README (https://github.com/deepseek-ai/DeepGEMM, 2025-03-25): FP8 GEMMs at M = 64–128 on H800 (15–117 MB per call) take 1–5 µs more than their bytes at 0.9 of 3.35 TB/s; onnxruntime issue #32382 (https://github.com/microsoft/onnxruntime/issues/32382, 2026-09-02): M = 1 int4 GEMVs on H100 PCIe of 1.8–14 MB take 6.3–14 µs, 3–5 µs over their bytes',
  },
};

/** No engine at all: the roofs and the kernels alone (the cross-checks, and operator unit tests). */
export const NO_ENGINE_COSTS: Readonly<EngineCosts> = {
  kernelLaunchSeconds: 0,
  moeRoutingSecondsPerLayer: 0,
  smallExpertSeconds: 0,
  schedulerSecondsPerStep: 0,
  schedulerSecondsPerSequence: 0,
  hostOverlap: 0,
  allReduceCallSeconds: 0,
  allReducePeerSeconds: 0,
  streamBytesPerSecondPerUnit: 0,
  attentionKernelScale: 1,
};

/** Every efficiency a scenario carries, in the order the tables print them. */
export const EFFICIENCY_KEYS: readonly (keyof Efficiencies)[] = [
  ...(Object.keys(KERNEL_EFFICIENCY_SOURCES) as (keyof KernelEfficiencies)[]),
  ...(Object.keys(NO_ENGINE_COSTS) as (keyof EngineCosts)[]),
];

export const DEFAULT_KERNEL_EFFICIENCIES: Readonly<KernelEfficiencies> = Object.fromEntries(
  Object.entries(KERNEL_EFFICIENCY_SOURCES).map(([key, entry]) => [key, entry.value]),
) as unknown as KernelEfficiencies;

/** The kernel defaults with no engine costs. */
export const DEFAULT_EFFICIENCIES: Readonly<Efficiencies> = {
  ...DEFAULT_KERNEL_EFFICIENCIES,
  ...NO_ENGINE_COSTS,
};
