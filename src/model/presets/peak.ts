import type { GpuPreset, PeakPrecision } from './gpuTypes.ts';
import { peakPrecisions } from './gpuTypes.ts';

export interface ResolvedPeak {
  readonly flopsPerSecond: number;
  /** The precision whose peak was used: the requested one, or the next wider one the GPU has. */
  readonly precision: PeakPrecision;
  /** Set when it fell back, saying from what to what, for the output's notes. */
  readonly note: string | null;
}

/**
 * The dense peak for `wanted`, falling back to the next wider precision the GPU supports (an FP4 model on
 * an H100 runs its matmuls on the FP8 path at best). Order: fp4 → fp8 → bf16 → fp32.
 */
export function peakFor(gpu: GpuPreset, wanted: PeakPrecision): ResolvedPeak {
  const start = peakPrecisions.indexOf(wanted);
  for (const precision of peakPrecisions.slice(start)) {
    const flopsPerSecond = gpu.peakFlops[precision];
    if (flopsPerSecond === undefined) continue;
    const note =
      precision === wanted
        ? null
        : `${gpu.displayName} has no dense ${wanted.toUpperCase()} peak: using its ${precision.toUpperCase()} peak`;
    return { flopsPerSecond, precision, note };
  }
  throw new Error(`${gpu.displayName}: no dense peak at ${wanted} or any wider precision`);
}
