// A scenario's efficiencies: the kernel efficiencies of its GPU (the published kernel defaults, with the
// GPU's own achievable-matmul share where one is published) and the costs of its serving engine.
import {
  DEFAULT_KERNEL_EFFICIENCIES,
  type Efficiencies,
  type KernelEfficiencies,
} from '../physics/efficiencies.ts';
import { COMPUTE_PRECISIONS, type ComputePrecision } from '../physics/kernelEfficiency.ts';
import { computePrecisionForChoice, type WeightPrecision } from './choice.ts';
import { type EngineProfile, engineCosts } from './engines.ts';
import type { AchievableMatmul, GpuPreset } from './gpuTypes.ts';
import { peakFor } from './peak.ts';

/** The tensor path a weight choice's matmuls run on (what hardware.gpuPeakFlops is the peak of). */
export function kernelPathOf(weights: WeightPrecision): ComputePrecision {
  const path = computePrecisionForChoice[weights];
  return path === 'fp32' ? 'bf16' : path;
}

/**
 * Each tensor path's dense peak on this GPU ÷ the peak of `path` (a path the GPU lacks takes the next
 * wider one's: peak.ts), so the scenario keeps one editable peak and every operator its own precision.
 */
export function tensorPeakRatiosFor(
  gpu: GpuPreset,
  path: ComputePrecision,
): Record<ComputePrecision, number> {
  const reference = peakFor(gpu, path).flopsPerSecond;
  return Object.fromEntries(
    COMPUTE_PRECISIONS.map((p) => [p, peakFor(gpu, p).flopsPerSecond / reference]),
  ) as Record<ComputePrecision, number>;
}

/** The published achievable-matmul entry for a tensor path: its own, else the nearest one the GPU has. */
export function achievableMatmulFor(gpu: GpuPreset, precision: ComputePrecision): AchievableMatmul | null {
  const entries = gpu.achievableMatmul ?? [];
  const wanted =
    precision === 'bf16' ? ['bf16', 'fp8'] : precision === 'fp8' ? ['fp8', 'bf16'] : ['fp4', 'fp8', 'bf16'];
  for (const p of wanted) {
    const entry = entries.find((e) => e.precision === p);
    if (entry !== undefined) return entry;
  }
  return null;
}

/**
 * The GPU's matmul share on a tensor path: the published best (a tuned library at its best shape), which
 * the shape's fills then lower (physics/kernelEfficiency.ts); the kernel default where nothing is
 * published.
 */
export function gemmPeakShareFor(gpu: GpuPreset, precision: ComputePrecision): number {
  return achievableMatmulFor(gpu, precision)?.share ?? DEFAULT_KERNEL_EFFICIENCIES.gemmPeakShare;
}

export function kernelEfficienciesFor(gpu: GpuPreset, precision: ComputePrecision): KernelEfficiencies {
  return { ...DEFAULT_KERNEL_EFFICIENCIES, gemmPeakShare: gemmPeakShareFor(gpu, precision) };
}

/** Everything a scenario on this GPU served by this engine runs at. */
export function efficienciesFor(
  gpu: GpuPreset,
  engine: EngineProfile,
  precision: ComputePrecision,
): Efficiencies {
  return { ...kernelEfficienciesFor(gpu, precision), ...engineCosts(engine) };
}
