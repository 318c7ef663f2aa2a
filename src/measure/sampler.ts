// The measurement loop of one kernel case, pure: calibrate (doubles as warm-up), untimed warm-up passes
// until minWarmupSeconds of GPU time, then timed passes until the stop policy says so. The GPU is behind
// `timePass`, time behind `clock`, so tests drive it with synthetic samples.
import { type BatchPolicy, calibrateBatch, MIN_TICKS_PER_PASS, policyForResolution } from './plan.ts';
import { type StopPolicy, type StopReason, stopReason } from './stop.ts';
import { type Clock, secondsFromNanoseconds } from './time.ts';

/**
 * Times one pass of `dispatches` dispatches: integer nanoseconds (0n: below the timer's resolution), or null
 * for a broken interval.
 */
export type NanosecondPassTimer = (dispatches: number) => Promise<bigint | null>;

export interface SampleOptions {
  readonly batch: BatchPolicy;
  readonly stop: StopPolicy;
  /** This case's share of the time budget, seconds. */
  readonly timeoutSeconds: number;
  /** Checked between passes; when it returns true the loop ends with what it has. */
  readonly shouldAbort?: () => boolean;
  /** Called after each timed pass with the fraction of this case done (0..1). */
  readonly onSample?: (fraction: number) => void;
  /** The timer's resolution (GpuSession.timerResolutionSeconds): each timed pass spans ≥ 100 ticks of it. */
  readonly timerResolutionSeconds?: number | null;
}

export interface CaseSamples {
  readonly dispatchesPerPass: number;
  /** Raw timed-pass intervals, nanoseconds (a pass holds `dispatchesPerPass` dispatches). */
  readonly samplesNs: readonly bigint[];
  /** The same, in seconds (the one conversion). */
  readonly samplesSeconds: readonly number[];
  readonly invalidSamples: number;
  /** Timed passes that read 0 (below the timer's resolution): dropped, never a sample of 0 s. */
  readonly belowResolutionSamples: number;
  readonly stopReason: StopReason | 'aborted';
  readonly warnings: readonly string[];
}

/** Give up after this many invalid intervals (negative or zero deltas) in one case. */
const MAX_INVALID = 5;

export async function sampleCase(
  timePass: NanosecondPassTimer,
  clock: Clock,
  options: SampleOptions,
): Promise<CaseSamples> {
  const start = clock.now();
  let invalidSamples = 0;
  let belowResolutionSamples = 0;
  const timeSeconds = async (dispatches: number): Promise<number | null> => {
    const ns = await timePass(dispatches);
    if (ns === null || ns < 0n) {
      invalidSamples++;
      return null;
    }
    return secondsFromNanoseconds(ns);
  };
  const batch = policyForResolution(options.batch, options.timerResolutionSeconds);
  const plan = await calibrateBatch(timeSeconds, batch);
  const dispatches = plan.dispatchesPerPass;
  // Warm-up: calibration counts; top it up to minWarmupSeconds of GPU time with untimed passes.
  let warmedSeconds = plan.calibrationSeconds;
  while (warmedSeconds < options.batch.minWarmupSeconds && !options.shouldAbort?.()) {
    warmedSeconds += (await timeSeconds(dispatches)) ?? plan.passSeconds;
  }
  const samplesNs: bigint[] = [];
  const samplesSeconds: number[] = [];
  let reason: StopReason | 'aborted' | null = null;
  while (reason === null) {
    if (options.shouldAbort?.()) {
      reason = 'aborted';
      break;
    }
    const ns = await timePass(dispatches);
    if (ns === null || ns < 0n) {
      invalidSamples++;
      if (invalidSamples > MAX_INVALID) throw new Error(`timer returned ${invalidSamples} invalid intervals`);
    } else if (ns === 0n) {
      belowResolutionSamples++;
      if (belowResolutionSamples > MAX_INVALID)
        throw new Error(`${belowResolutionSamples} timed passes were below the timer's resolution`);
    } else {
      samplesNs.push(ns);
      samplesSeconds.push(secondsFromNanoseconds(ns));
    }
    const elapsed = clock.now() - start;
    reason = stopReason(samplesSeconds, elapsed, options.timeoutSeconds, options.stop);
    options.onSample?.(
      reason === null
        ? Math.min(
            0.99,
            Math.max(samplesSeconds.length / options.stop.maxSamples, elapsed / options.timeoutSeconds),
          )
        : 1,
    );
  }
  const warnings = [...plan.warnings];
  const resolution = options.timerResolutionSeconds ?? null;
  if (belowResolutionSamples > 0)
    warnings.push(
      `${belowResolutionSamples} timed passes read 0 (below the timer's resolution) and were dropped`,
    );
  const shortest = samplesSeconds.length > 0 ? Math.min(...samplesSeconds) : null;
  if (resolution !== null && shortest !== null && shortest < MIN_TICKS_PER_PASS * resolution) {
    warnings.push(
      `a timed pass of ${(shortest * 1e6).toPrecision(3)} µs spans fewer than ${MIN_TICKS_PER_PASS} ticks of the ` +
        `timer's ${(resolution * 1e6).toPrecision(3)} µs resolution`,
    );
  }
  return {
    dispatchesPerPass: dispatches,
    samplesNs,
    samplesSeconds,
    invalidSamples,
    belowResolutionSamples,
    stopReason: reason,
    warnings,
  };
}
