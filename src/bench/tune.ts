// Autotuning (issue 12): every variant of a case is verified against the CPU reference and timed briefly on
// the case's own buffers (only its pipeline differs); the fastest verified one is measured, and what each
// variant did goes into the document. A variant that fails to compile or to verify is recorded, never
// measured; the case fails only when none verifies.
import { type CaseRun, passSeconds } from '../gpu/gpuSession.ts';
import type { KernelPlan, VerifyResult } from '../kernels/types.ts';
import { planVariant } from '../kernels/variants.ts';
import type { VariantTrial } from '../measure/document.ts';
import { bytesPerSecond, flopsPerSecond } from '../model/roofline.ts';

/**
 * A brief timing: passes of about 2 ms (at least one dispatch each), the best of three after a one-dispatch
 * probe. 2 ms keeps the timer's overhead (submit latency on the wall-clock path, ~0.1 ms) near 5 %, ample to
 * rank variants that differ by 10 % or more, and costs ~10 ms of GPU time a variant (tuningEstimate.ts).
 */
export const TUNE_PASS_SECONDS = 0.002;
export const TUNE_PASSES = 3;
/** Dispatches in one tuning pass at most (a kernel of a few µs would otherwise encode thousands). */
const MAX_TUNE_DISPATCHES = 256;

export interface TuneContext {
  readonly guard: <T>(work: Promise<T>) => Promise<T>;
  readonly aborted: () => boolean;
  /** Device loss and allocation failure end the run: rethrown, never recorded as a variant's failure. */
  readonly isFatal: (error: unknown) => boolean;
  /** A probe slower than this (the watchdog ceiling) is not timed again. */
  readonly ceilingSeconds: number;
  /** false: verify and keep the plan's own variant only (a CPU adapter, whose best variant says nothing). */
  readonly tune: boolean;
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

/** Best seconds per dispatch of a brief timing, or null when the timer gave nothing valid. */
async function briefSeconds(run: CaseRun, context: TuneContext): Promise<number | null> {
  const probe = passSeconds(await context.guard(run.timePass(1)));
  if (probe === null || probe > context.ceilingSeconds) return probe;
  const dispatches = Math.max(1, Math.min(MAX_TUNE_DISPATCHES, Math.round(TUNE_PASS_SECONDS / probe)));
  let best = probe;
  for (let pass = 0; pass < TUNE_PASSES && !context.aborted(); pass++) {
    const seconds = passSeconds(await context.guard(run.timePass(dispatches)));
    if (seconds !== null) best = Math.min(best, seconds / dispatches);
  }
  return best;
}

function failedTrial(name: string, error: string): VariantTrial {
  return {
    name,
    verified: false,
    secondsPerDispatch: null,
    bytesPerSecond: null,
    flopsPerSecond: null,
    error,
  };
}

/**
 * Verifies and times every variant of `plan` on `run`'s buffers and returns the fastest verified one. With
 * a single variant (or tuning off) nothing is timed and no trials are recorded.
 */
export async function tuneVariants(
  run: CaseRun,
  plan: KernelPlan,
  context: TuneContext,
): Promise<TuneOutcome> {
  const trials: VariantTrial[] = [];
  let best: { run: CaseRun; plan: KernelPlan; verification: VerifyResult; seconds: number } | null = null;
  let firstFailure: { message: string; verification?: VerifyResult } | null = null;
  const single = plan.variants.length === 1 || !context.tune;
  const variants = context.tune ? plan.variants : plan.variants.filter((v) => v.name === plan.variant);
  for (const variant of variants) {
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
      const seconds = await briefSeconds(variantRun, context);
      trials.push({
        name: variant.name,
        verified: true,
        secondsPerDispatch: seconds,
        bytesPerSecond: seconds === null ? null : bytesPerSecond(plan.bytesPerDispatch, seconds),
        flopsPerSecond: seconds === null ? null : flopsPerSecond(plan.flopsPerDispatch, seconds),
        error: null,
      });
      if (seconds !== null && (best === null || seconds < best.seconds)) {
        best = { run: variantRun, plan: variantPlan, verification, seconds };
      } else if (best === null && seconds === null) {
        // untimed but verified: kept only if nothing timed does better
        best = { run: variantRun, plan: variantPlan, verification, seconds: Number.POSITIVE_INFINITY };
      }
    } catch (error) {
      if (context.isFatal(error)) throw error;
      const message = errorText(error);
      firstFailure ??= { message };
      trials.push(failedTrial(variant.name, message));
    }
  }
  if (best) return { ok: true, run: best.run, plan: best.plan, verification: best.verification, trials };
  return {
    ok: false,
    message: firstFailure?.message ?? 'cancelled before a variant was verified',
    ...(firstFailure?.verification ? { verification: firstFailure.verification } : {}),
    trials: single ? [] : trials,
  };
}
