// Autotuning (issues 12 and 22): every variant of a case is verified against the CPU reference and timed
// briefly on the case's own buffers (only its pipeline differs); the top two are timed again, alternately
// and with more passes, and the incumbent (the one declared first) is kept unless the challenger wins by more
// than 3 %. What each variant did goes into the document. A variant that fails to compile or to verify is
// recorded, never measured; the case fails only when none verifies.
//
// What a lavapipe run showed the old tuning doing wrong, and what this one does instead:
// - the probe (one dispatch) read set 0 right after verification had (cache-hot) and counted as a timing:
//   now probes only size the pass, and passes continue the rotation through the sets (gpu/prepare.ts), so
//   the first one after verification warms up on other sets;
// - one probe over the 50 ms ceiling (a one-off 98.5 ms stall against a 1.3 ms kernel) ended a variant: now
//   a slow probe is repeated and the faster one counts;
// - the winner flipped between identical runs: now the top two are re-timed side by side and a challenger
//   must win by more than CHALLENGER_MARGIN.
import { type CaseRun, passSeconds } from '../gpu/gpuSession.ts';
import type { KernelPlan, VerifyResult } from '../kernels/types.ts';
import { planVariant } from '../kernels/variants.ts';
import type { VariantTrial } from '../measure/document.ts';
import { MIN_TICKS_PER_PASS } from '../measure/plan.ts';
import { median } from '../measure/stats.ts';
import { bytesPerSecond, flopsPerSecond } from '../model/units/roofline.ts';

/**
 * A brief timing: passes of about 2 ms (and ≥ 100 ticks of the timer), the best of three, after probes that
 * only size the pass and one untimed warm-up pass. 2 ms keeps the wall-clock path's overhead (submit
 * latency, ~0.1 ms) near 5 %, ample to rank variants that differ by 10 % or more.
 */
export const TUNE_PASS_SECONDS = 0.002;
export const TUNE_PASSES = 3;
/** Passes each of the top two is timed again (alternating, so drift hits both alike). */
export const RETIME_PASSES = 5;
/** The challenger replaces the incumbent only when its median is more than 3 % faster. */
export const CHALLENGER_MARGIN = 0.03;
/** Dispatches in one tuning pass at most (the batch policy's cap). */
const MAX_TUNE_DISPATCHES = 4096;
/** Sizing probes at most (each grows the pass up to 16×: 1 → 4096 in three). */
const MAX_PROBES = 4;

export interface TuneContext {
  readonly guard: <T>(work: Promise<T>) => Promise<T>;
  readonly aborted: () => boolean;
  /** Device loss and allocation failure end the run: rethrown, never recorded as a variant's failure. */
  readonly isFatal: (error: unknown) => boolean;
  /** A dispatch slower than this (the watchdog ceiling) is not put in a longer pass. */
  readonly ceilingSeconds: number;
  /** false: verify and keep the plan's own variant only (a CPU adapter, whose best variant says nothing). */
  readonly tune: boolean;
  /** The timer's resolution: tuning passes span ≥ 100 ticks of it. */
  readonly timerResolutionSeconds?: number | null;
}

export type TuneOutcome =
  | {
      readonly ok: true;
      /** The kept variant's run (the case's own run, or one sharing its buffers) and plan. */
      readonly run: CaseRun;
      readonly plan: KernelPlan;
      readonly verification: VerifyResult;
      readonly trials: VariantTrial[];
    }
  | {
      readonly ok: false;
      readonly message: string;
      readonly verification?: VerifyResult;
      readonly trials: VariantTrial[];
    };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Timed {
  /** Best seconds per dispatch of the timed passes (the probe's only where the dispatch is over the ceiling). */
  readonly seconds: number;
  readonly dispatchesPerPass: number;
}

/** Seconds per dispatch of one pass of `dispatches`, or null when the timer gave nothing usable. */
async function pass(run: CaseRun, dispatches: number, context: TuneContext): Promise<number | null> {
  const seconds = passSeconds(await context.guard(run.timePass(dispatches)));
  return seconds === null ? null : seconds / dispatches;
}

/**
 * The brief timing of one variant: probes size a pass of ≥ TUNE_PASS_SECONDS and ≥ 100 timer ticks (a probe
 * below the resolution reads 0 and grows the pass 16×), one untimed pass warms up, TUNE_PASSES passes count.
 */
async function briefTiming(run: CaseRun, context: TuneContext): Promise<Timed | null> {
  const target = Math.max(TUNE_PASS_SECONDS, MIN_TICKS_PER_PASS * (context.timerResolutionSeconds ?? 0));
  let dispatches = 1;
  let probe = await pass(run, 1, context);
  if (probe === null) return null;
  if (probe > context.ceilingSeconds) {
    // a one-off stall is not the kernel: the faster of two probes decides
    const again = await pass(run, 1, context);
    if (again !== null) probe = Math.min(probe, again);
    if (probe > context.ceilingSeconds) return { seconds: probe, dispatchesPerPass: 1 };
  }
  for (let probes = 1; probe * dispatches < target / 2 && probes < MAX_PROBES; probes++) {
    if (dispatches >= MAX_TUNE_DISPATCHES) break;
    dispatches = Math.min(
      MAX_TUNE_DISPATCHES,
      probe > 0 ? Math.max(dispatches + 1, Math.ceil(target / probe)) : dispatches * 16,
    );
    const next = await pass(run, dispatches, context);
    if (next === null) return null;
    probe = next;
  }
  if (probe > 0) dispatches = Math.max(1, Math.min(MAX_TUNE_DISPATCHES, Math.ceil(target / probe)));
  await context.guard(run.timePass(dispatches)); // warm-up, untimed
  let best: number | null = null;
  for (let p = 0; p < TUNE_PASSES && !context.aborted(); p++) {
    const seconds = await pass(run, dispatches, context);
    if (seconds !== null && seconds > 0) best = best === null ? seconds : Math.min(best, seconds);
  }
  return best === null ? null : { seconds: best, dispatchesPerPass: dispatches };
}

function failedTrial(name: string, error: string): VariantTrial {
  return {
    name,
    verified: false,
    secondsPerDispatch: null,
    bytesPerSecond: null,
    flopsPerSecond: null,
    error,
    dispatchesPerPass: null,
    retimedSecondsPerDispatch: null,
  };
}

interface Candidate {
  readonly index: number;
  readonly run: CaseRun;
  readonly plan: KernelPlan;
  readonly verification: VerifyResult;
  readonly timed: Timed | null;
  readonly trial: number;
}

/**
 * The top two re-timed side by side: RETIME_PASSES passes each, alternating; the incumbent (declared first)
 * is kept unless the challenger's median is more than CHALLENGER_MARGIN faster. Returns the kept one and
 * both medians (null where the timer gave nothing).
 */
async function retimeTopTwo(
  incumbent: Candidate,
  challenger: Candidate,
  context: TuneContext,
): Promise<{ kept: Candidate; medians: [number | null, number | null] }> {
  const times: [number[], number[]] = [[], []];
  const pair = [incumbent, challenger] as const;
  for (let p = 0; p < RETIME_PASSES && !context.aborted(); p++) {
    for (const [i, c] of pair.entries()) {
      const seconds = await pass(c.run, c.timed?.dispatchesPerPass ?? 1, context);
      if (seconds !== null && seconds > 0) times[i]!.push(seconds);
    }
  }
  const medians: [number | null, number | null] = [
    times[0].length > 0 ? median(times[0]) : null,
    times[1].length > 0 ? median(times[1]) : null,
  ];
  const [mine, theirs] = medians;
  const challengerWins = theirs !== null && (mine === null || theirs < mine * (1 - CHALLENGER_MARGIN));
  return { kept: challengerWins ? challenger : incumbent, medians };
}

/**
 * Verifies and times every variant of `plan` on `run`'s buffers and returns the one to measure. With a
 * single variant (or tuning off) nothing is timed and no trials are recorded.
 */
export async function tuneVariants(
  run: CaseRun,
  plan: KernelPlan,
  context: TuneContext,
): Promise<TuneOutcome> {
  const trials: VariantTrial[] = [];
  const candidates: Candidate[] = [];
  let firstFailure: { message: string; verification?: VerifyResult } | null = null;
  const single = plan.variants.length === 1 || !context.tune;
  const variants = context.tune ? plan.variants : plan.variants.filter((v) => v.name === plan.variant);
  for (const [index, variant] of variants.entries()) {
    if (context.aborted()) break;
    const own = variant.name === plan.variant;
    const variantPlan = own ? plan : planVariant(plan, variant.name);
    try {
      const variantRun = own ? run : await context.guard(run.withVariant(variantPlan));
      const verification = variantPlan.verify(await context.guard(variantRun.runForVerification()));
      if (!verification.ok) {
        const message = `verification failed: ${verification.message}`;
        firstFailure ??= { message, verification };
        trials.push(failedTrial(variant.name, message));
        continue;
      }
      if (single) return { ok: true, run: variantRun, plan: variantPlan, verification, trials };
      const timed = await briefTiming(variantRun, context);
      const seconds = timed?.seconds ?? null;
      candidates.push({
        index,
        run: variantRun,
        plan: variantPlan,
        verification,
        timed,
        trial: trials.length,
      });
      trials.push({
        name: variant.name,
        verified: true,
        secondsPerDispatch: seconds,
        bytesPerSecond: seconds === null ? null : bytesPerSecond(plan.bytesPerDispatch, seconds),
        flopsPerSecond: seconds === null ? null : flopsPerSecond(plan.flopsPerDispatch, seconds),
        error: null,
        dispatchesPerPass: timed?.dispatchesPerPass ?? null,
        retimedSecondsPerDispatch: null,
      });
    } catch (error) {
      if (context.isFatal(error)) throw error;
      const message = errorText(error);
      firstFailure ??= { message };
      trials.push(failedTrial(variant.name, message));
    }
  }
  const ranked = [...candidates].sort(
    (a, b) =>
      (a.timed?.seconds ?? Number.POSITIVE_INFINITY) - (b.timed?.seconds ?? Number.POSITIVE_INFINITY) ||
      a.index - b.index,
  );
  let kept = ranked[0];
  const second = ranked[1];
  if (kept && second && kept.timed && second.timed && !context.aborted()) {
    const [incumbent, challenger] = kept.index < second.index ? [kept, second] : [second, kept];
    const retimed = await retimeTopTwo(incumbent, challenger, context);
    kept = retimed.kept;
    for (const [i, c] of [incumbent, challenger].entries()) {
      trials[c.trial] = { ...trials[c.trial]!, retimedSecondsPerDispatch: retimed.medians[i] ?? null };
    }
  }
  if (kept) return { ok: true, run: kept.run, plan: kept.plan, verification: kept.verification, trials };
  return {
    ok: false,
    message: firstFailure?.message ?? 'cancelled before a variant was verified',
    ...(firstFailure?.verification ? { verification: firstFailure.verification } : {}),
    trials: single ? [] : trials,
  };
}
