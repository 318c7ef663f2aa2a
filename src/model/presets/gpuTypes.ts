import type { InterconnectPreset } from './interconnects.ts';
import type { PresetSource } from './source.ts';

/** Precisions the presets carry dense tensor (or, for fp32, vector) peaks for. */
export const peakPrecisions = ['fp4', 'fp8', 'bf16', 'fp32'] as const;
export type PeakPrecision = (typeof peakPrecisions)[number];

export interface GpuPreset {
  readonly id: string;
  readonly displayName: string;
  /**
   * Per GPU, the bytes the device really has (what nvidia-smi / rocm-smi report), SI bytes. Vendors label
   * several of these in GiB and call it GB ("80 GB" H100 = 81,559 MiB = 85.5 GB); each preset's sources say
   * which. The blog's `b200` keeps its 192e9.
   */
  readonly memoryBytes: number;
  readonly bandwidthBytesPerSecond: number;
  /**
   * DENSE peak FLOP/s per precision, never the 2:4-sparse marketing figure (those are halved). A missing
   * key means the GPU has no such tensor path (H100 has no FP4): nothing is invented for it.
   */
  readonly peakFlops: Readonly<Partial<Record<PeakPrecision, number>>>;
  /** GPUs in the default node: 8 for data-center baseboards, 1 for a desktop card or a Mac. */
  readonly defaultGpusPerNode: number;
  /** links between GPUs inside a node and between nodes */
  readonly interconnect: InterconnectPreset;
  /**
   * Streaming multiprocessors (AMD compute units, Apple GPU cores): how many of a GEMM's tiles run at
   * once, so how its last wave fills (physics/kernelEfficiency.ts). Absent: unknown, no wave quantisation.
   */
  readonly computeUnits?: number;
  /**
   * The best share of the dense peak a tuned matmul reaches on this GPU, per tensor path (Maximum
   * Achievable Matmul FLOPS ÷ the spec peak), at the shape it was measured, with its source. Absent: the
   * kernel default.
   */
  readonly achievableMatmul?: readonly AchievableMatmul[];
  readonly sources: readonly PresetSource[];
}

/** One published achievable-matmul measurement: a share of the dense peak at a measured shape. */
export interface AchievableMatmul {
  readonly precision: 'bf16' | 'fp8' | 'fp4';
  /** measured FLOP/s ÷ the dense spec peak */
  readonly share: number;
  /** the M × N × K it was reached at */
  readonly shape: readonly [number, number, number];
  readonly source: string;
}
