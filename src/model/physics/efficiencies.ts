// The named efficiencies of the per-operator model, each with where it comes from. Two kinds, kept apart
// on purpose (the issue: "a single end-to-end MBU fitted to Kimi and applied to every model is not
// acceptable"):
//
// 1. What a well-tuned kernel reaches on a GPU class, taken from published kernel benchmarks and never
//    fitted: the share of HBM bandwidth a large GEMV or decode-attention kernel streams at, the share of
//    dense peak a large GEMM reaches, the share of link rate a collective reaches.
// 2. The per-step costs that drag end-to-end MBU down (the blog's ~11 %): a fixed launch-and-sync cost
//    per kernel, MoE routing per MoE layer, a fixed cost per routed expert a step touches (small experts
//    at one or two tokens each cannot stream like a large GEMV: tile setup, scale loads, tails), and the
//    engine's scheduler time per step. These are fitted by validation/calibration.ts to published
//    measurements (the blog's Kimi K2.6 / 8×B200 load test and a dense single-GPU decode);
//    DEFAULT_EFFICIENCIES are that fit's result, rounded, and tests/unit/model/calibration.test.ts re-runs it.

import { type Bound, RANGES } from '../units/ranges.ts';

export interface Efficiencies {
  /** share of HBM bandwidth a large weight GEMV (or GEMM with few rows) streams at */
  gemvBandwidthShare: number;
  /** share of HBM bandwidth the decode-attention kernel streams the KV cache at */
  attentionBandwidthShare: number;
  /** share of the dense tensor peak a large GEMM reaches */
  gemmPeakShare: number;
  /** share of a link's line rate a collective reaches */
  linkBandwidthShare: number;
  /** fixed time per kernel launched (launch, dependency wait, tail of a tiny kernel), s */
  kernelLaunchSeconds: number;
  /** routing per MoE layer beyond its kernels (top-k, token permutation, load imbalance), s */
  moeRoutingSecondsPerLayer: number;
  /** fixed time per routed expert a decode step touches on a GPU, per layer (the small-expert inefficiency), s */
  smallExpertSeconds: number;
  /** the engine's CPU time per step (scheduling, sampling, output processing) not hidden by the GPU, s */
  schedulerSecondsPerStep: number;
}

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
  linkBandwidthShare: RANGES.kernelShare,
  kernelLaunchSeconds: RANGES.perKernelSeconds,
  moeRoutingSecondsPerLayer: RANGES.perLayerSeconds,
  smallExpertSeconds: RANGES.perKernelSeconds,
  schedulerSecondsPerStep: RANGES.perStepSeconds,
};

export const EFFICIENCY_SOURCES: Readonly<Record<keyof Efficiencies, EfficiencySource>> = {
  gemvBandwidthShare: {
    value: 0.9,
    source:
      'FlashMLA README (https://github.com/deepseek-ai/FlashMLA, 2025-04-22): the dense MLA decoding kernel streams up to 3,000 GB/s on an H800 SXM5 (3.35 TB/s HBM3), 0.90 of the roof; a decode GEMV streams the same way',
  },
  attentionBandwidthShare: {
    value: 0.9,
    source:
      'FlashMLA README (https://github.com/deepseek-ai/FlashMLA, 2025-04-22): 3,000 of 3,350 GB/s on H800 SXM5',
  },
  gemmPeakShare: {
    value: 0.78,
    source:
      'DeepGEMM README (https://github.com/deepseek-ai/DeepGEMM, news 2025-04-18): up to 1,550 TFLOPS FP8 on H800, 0.78 of its 1,979 TFLOPS dense FP8 peak',
  },
  linkBandwidthShare: {
    value: 0.82,
    source:
      'NCCL maintainer in NVIDIA/nccl-tests#212 (https://github.com/NVIDIA/nccl-tests/issues/212, 2024-05-06): 370 GB/s effective of NVLink 4’s 450 GB/s line rate (~20 % protocol overhead); NVIDIA/nccl#1455 (2024-09-19) measures 365–370 GB/s ring bus bandwidth on 8×H100',
  },
  kernelLaunchSeconds: {
    value: 1.4e-6,
    source:
      'calibration.ts: fitted jointly to published dense single-GPU decode (llama.cpp, Llama 8B Q4_0 on an RTX 4090 at 32K context: 98.14 tok/s) and the blog’s load test (fit 1.41 µs per kernel)',
  },
  moeRoutingSecondsPerLayer: {
    value: 0,
    source:
      'calibration.ts: fitted to the blog’s load test (Kimi K2.6 on 8×B200: 36.8 ms at 16 streams, ~14 tok/s at 32); the fit puts it at 0, the small-expert cost takes what the MoE layers add',
  },
  smallExpertSeconds: {
    value: 4e-6,
    source:
      'calibration.ts: fitted to the blog’s load test (Kimi K2.6 on 8×B200: 36.8 ms at 16 streams, ~14 tok/s at 32; fit 4.03 µs per touched expert and layer)',
  },
  schedulerSecondsPerStep: {
    value: 0,
    source:
      'not fitted: with one step time per point it cannot be told apart from the launch cost, which carries it (set it for an engine whose CPU time per step is known)',
  },
};

export const DEFAULT_EFFICIENCIES: Readonly<Efficiencies> = Object.fromEntries(
  Object.entries(EFFICIENCY_SOURCES).map(([key, entry]) => [key, entry.value]),
) as unknown as Efficiencies;
