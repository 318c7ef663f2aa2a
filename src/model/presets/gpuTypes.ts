import type { PresetSource } from './source.ts';

/** Precisions the presets carry dense tensor (or, for fp32, vector) peaks for. */
export const peakPrecisions = ['fp4', 'fp8', 'bf16', 'fp32'] as const;
export type PeakPrecision = (typeof peakPrecisions)[number];

export interface GpuPreset {
  readonly id: string;
  readonly displayName: string;
  /** Per GPU, decimal bytes as the datasheet states them (GB = 1e9, spec §1). */
  readonly memoryBytes: number;
  readonly bandwidthBytesPerSecond: number;
  /**
   * DENSE peak FLOP/s per precision, never the 2:4-sparse marketing figure (those are halved). A missing
   * key means the GPU has no such tensor path (H100 has no FP4): nothing is invented for it.
   */
  readonly peakFlops: Readonly<Partial<Record<PeakPrecision, number>>>;
  /** GPUs in the default node: 8 for data-center baseboards, 1 for a desktop card or a Mac. */
  readonly defaultGpusPerNode: number;
  readonly sources: readonly PresetSource[];
}
