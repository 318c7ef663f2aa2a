// "Your GPU vs B200: bandwidth ×N, compute ×M": how many times the reference GPU's roofs exceed the
// measured ones. Compute compares like with like: the reference's FP32 (vector) peak against the measured
// f32 FMA roof, plus the reference's low-precision tensor roof for scale. Pure.

import type { GpuPreset, PeakPrecision } from '../../model/presets/gpuTypes.ts';
import { times } from '../../model/units/format.ts';
import type { MeasuredRoofs } from '../../model/units/roofline.ts';

export interface RoofComparison {
  /** reference bandwidth ÷ measured bandwidth; null when either is missing */
  readonly bandwidthRatio: number | null;
  /** reference FP32 peak ÷ measured f32 FMA peak */
  readonly fp32ComputeRatio: number | null;
  /** reference tensor peak at `tensorPrecision` ÷ measured f32 FMA peak */
  readonly tensorComputeRatio: number | null;
  readonly tensorPrecision: PeakPrecision | null;
}

const ratio = (reference: number | undefined, measured: number | undefined): number | null =>
  reference !== undefined && measured !== undefined && measured > 0 && Number.isFinite(measured)
    ? reference / measured
    : null;

export function compareRoofs(
  measured: MeasuredRoofs,
  reference: GpuPreset,
  tensorPrecisions: readonly PeakPrecision[],
): RoofComparison {
  const f32 = measured.compute['f32']?.value;
  const tensorPrecision =
    tensorPrecisions.find((p) => p !== 'fp32' && reference.peakFlops[p] !== undefined) ?? null;
  return {
    bandwidthRatio: ratio(reference.bandwidthBytesPerSecond, measured.memory?.value),
    fp32ComputeRatio: ratio(reference.peakFlops.fp32, f32),
    tensorComputeRatio: tensorPrecision === null ? null : ratio(reference.peakFlops[tensorPrecision], f32),
    tensorPrecision,
  };
}

/**
 * "The B200 moves ×12,100 this GPU's bytes per second and does ×26,400 its FP32 FLOP per second": which is
 * faster, by how much, like with like (and the other way round where the measured GPU is the faster).
 * Null when nothing was measured.
 */
export function comparisonSentence(who: string, reference: string, c: RoofComparison): string | null {
  const clauses: string[] = [];
  const clause = (ratio: number, what: string) =>
    ratio >= 1
      ? `the ${reference} ${what.replace('{x}', times(ratio)).replace('{of}', `${who}'s`)}`
      : `${who} ${what.replace('{x}', times(1 / ratio)).replace('{of}', `the ${reference}'s`)}`;
  if (c.bandwidthRatio !== null) clauses.push(clause(c.bandwidthRatio, 'moves {x} {of} bytes per second'));
  if (c.fp32ComputeRatio !== null) {
    const tensor =
      c.tensorComputeRatio !== null && c.tensorPrecision
        ? `; its ${c.tensorPrecision.toUpperCase()} tensor cores, ${times(c.tensorComputeRatio)}`
        : '';
    clauses.push(`${clause(c.fp32ComputeRatio, 'does {x} {of} FP32 FLOP per second')}${tensor}`);
  }
  if (clauses.length === 0) return null;
  const sentence = clauses.join(', and ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
