// Raw and overhead-corrected rates (issue 22). Each dispatch writes a read_write buffer, so the device puts
// a barrier before the next one; with the launch itself that costs a few µs a dispatch (2–5 µs on desktop
// GPUs by the review), 3–5 % of a 90 µs case and 20–40 % of an 11 µs one. The run measures it on
// the device (the dispatch-overhead case: a one-invocation dispatch timed in passes of thousands) and the
// report gives every case's rate both ways: raw (time per dispatch as measured) and corrected (that time
// less the overhead of its launches). Raw is what the roofs use; corrected says how much of a short
// dispatch was the launch. Pure.
import type { Measurement, MeasurementDocument } from './document.ts';
import { isValidMeasurement } from './document.ts';

export const OVERHEAD_KERNEL = 'dispatch-overhead';

/**
 * Past this share of a dispatch's time the overhead is the figure, not the kernel: the corrected rate is
 * withheld (a subtraction of two nearly equal times says little).
 */
export const MAX_CORRECTED_SHARE = 0.5;

/** The measured overhead of one dispatch (the overhead case's median), seconds; null when not measured. */
export function dispatchOverheadSeconds(doc: Pick<MeasurementDocument, 'measurements'>): number | null {
  const m = doc.measurements.find((x) => x.kernel === OVERHEAD_KERNEL && isValidMeasurement(x));
  return m?.secondsPerDispatch?.median ?? null;
}

export interface CorrectedRates {
  /** Median seconds per dispatch less the overhead of its launches. */
  readonly secondsPerDispatch: number;
  readonly bytesPerSecond: number;
  readonly flopsPerSecond: number;
  /** The overhead's share of the raw time per dispatch (0..MAX_CORRECTED_SHARE). */
  readonly overheadShare: number;
}

/**
 * `m`'s rates with `overheadSeconds` subtracted once per launch (a split-K variant launches twice a
 * dispatch: measurement.launchesPerDispatch); null for an invalid measurement, the overhead case itself, or
 * where the overhead is more than MAX_CORRECTED_SHARE of the time.
 */
export function correctedRates(m: Measurement, overheadSeconds: number | null): CorrectedRates | null {
  if (overheadSeconds === null || !(overheadSeconds > 0)) return null;
  if (m.kernel === OVERHEAD_KERNEL || !isValidMeasurement(m) || m.secondsPerDispatch === null) return null;
  const raw = m.secondsPerDispatch.median;
  const overhead = overheadSeconds * (m.launchesPerDispatch ?? 1);
  const share = overhead / raw;
  if (!(share <= MAX_CORRECTED_SHARE)) return null;
  const seconds = raw - overhead;
  return {
    secondsPerDispatch: seconds,
    bytesPerSecond: m.bytesPerDispatch / seconds,
    flopsPerSecond: m.flopsPerDispatch / seconds,
    overheadShare: share,
  };
}
