// The runner proper, on any GpuSession and Clock, so tests drive it with a fake device and a fake clock.
// For each case: prepare, verify every variant against the CPU reference and time each briefly (tune.ts;
// a case none of whose variants verifies is recorded with its error and never timed), then calibrate the
// fastest (doubles as warm-up) and take timed passes until the stop policy says so.
// Device loss and out-of-memory end the run and keep what was measured; so does cancellation. After each
// finished case `onPartial` gets the document so far (status 'failed'), which is what the page keeps when
// the worker running this dies before it can return.
import {
  type CaseRun,
  DeviceLostError,
  type GpuSession,
  OutOfMemoryError,
  passSeconds,
} from '../gpu/gpuSession.ts';
import { arithmeticDtype } from '../kernels/arithmetic.ts';
import { DEFAULT_LLC_BYTES } from '../kernels/deviceProfiles.ts';
import type { KernelPlan } from '../kernels/types.ts';
import { isIdentifier, LIMITS } from '../measure/bounds.ts';
import type { Measurement, MeasurementDocument, RunStatus, SuiteProfile } from '../measure/document.ts';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, measuredRoofs } from '../measure/document.ts';
import { PROFILES } from '../measure/profile.ts';
import { failedMeasurement, measurementFromSamples } from '../measure/record.ts';
import { sampleCase } from '../measure/sampler.ts';
import type { Clock } from '../measure/time.ts';
import { plainText } from '../model/text/plainText.ts';
import { tuneVariants } from './tune.ts';

export interface SuiteProgress {
  readonly done: number;
  readonly total: number;
  /** Label of the case running now ('' when finished). */
  readonly current: string;
  /** 0..1 over the whole suite. */
  readonly fraction: number;
  readonly secondsLeft: number;
}

/** Where the run stands after a case. */
export interface CaseProgress {
  /** Cases finished, this one included. */
  readonly done: number;
  readonly total: number;
}

export interface RunPlansOptions {
  readonly profile: SuiteProfile;
  /** Target wall time, seconds (default: the profile's, 20 s full, 10 s quick). */
  readonly budgetSeconds?: number;
  readonly onProgress?: (progress: SuiteProgress) => void;
  readonly signal?: AbortSignal;
  /** Where it runs, recorded in the document (user agent, or Node and Dawn versions). */
  readonly runtime?: string;
  /** Cases the device cannot run (missing features), recorded in the document. */
  readonly skipped?: readonly string[];
  /** The last-level cache the plans were sized against (default: the first plan's), recorded in the document. */
  readonly llcBytes?: number;
  /**
   * Verify and time every variant of a case and measure the fastest (tune.ts); false measures each case's
   * first variant. Default true; runSuite turns it off on a CPU adapter, whose best variant describes a CPU
   * and whose pipelines take seconds each to compile.
   */
  readonly tune?: boolean;
  /**
   * After each finished case (measured or failed): the document so far, status 'failed' with the reason
   * SNAPSHOT_REASON, built like the final one. Called once per case, so its cost (a few KB to ~100 KB of
   * JSON through postMessage in the worker) stays small next to the case itself.
   */
  readonly onPartial?: (document: MeasurementDocument) => void;
  /**
   * After each finished case (measured or failed): its measurement and how many cases are done, so a page
   * can draw the point at once (the talk profile's points land one by one). A callback that throws is
   * ignored: the run goes on.
   */
  readonly onMeasurement?: (measurement: Measurement, progress: CaseProgress) => void;
  /**
   * The same case at about `factor` (0 < factor < 1) of its work, or null when it cannot get smaller. When
   * given, a case whose single dispatch takes over half the batch policy's ceiling (50 ms: watchdog and
   * page-freeze risk) is re-planned smaller before it is verified, and measured at the new shape with a
   * warning that says so. runSuite passes the kernel registry's; without it such a case is only warned about.
   */
  readonly shrink?: (plan: KernelPlan, factor: number) => KernelPlan | null;
}

/**
 * A case is re-planned when one dispatch takes over this fraction of the ceiling (25 ms of the 50): the issue
 * asks for dispatches well under it, and a probe near the line lands above it in the timed passes.
 */
const SHRINK_TRIGGER = 0.5;
/** A shrunk case aims one dispatch at this fraction of the ceiling: 10 ms of the 50, room for noise. */
const SHRINK_AIM = 0.2;
/** Re-plans per case at most (each one costs a pipeline and fresh data). */
const MAX_SHRINKS = 3;

/** statusReason of a snapshot: what it says if it is all that is left of the run. */
export const SNAPSHOT_REASON = 'the run did not finish';

/**
 * A lower bound on one dispatch of `plan` from the roofs measured so far in this run (no kernel beats its
 * roofs; a cache-resident stream's rate is higher still, so it bounds too); null until a stream or FMA case
 * has been measured. Judged by the arithmetic the case does (q4 and the f16 GEMVs compute in f32).
 */
function predictedDispatchSeconds(plan: KernelPlan, measured: readonly Measurement[]): number | null {
  const roofs = measuredRoofs(measured, { includeCacheResident: true });
  const memory = roofs.memory?.value;
  const compute = (roofs.compute[arithmeticDtype(plan.kernel, plan.dtype)] ?? roofs.compute['f32'])?.value;
  const bounds: number[] = [];
  if (memory && plan.bytesPerDispatch > 0) bounds.push(plan.bytesPerDispatch / memory);
  if (compute && plan.flopsPerDispatch > 0) bounds.push(plan.flopsPerDispatch / compute);
  return bounds.length > 0 ? Math.max(...bounds) : null;
}

const ms = (seconds: number) => `${(seconds * 1e3).toFixed(1)} ms`;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface DocumentParts {
  readonly options: RunPlansOptions;
  readonly session: GpuSession;
  readonly llcBytes: number;
  readonly budgetSeconds: number;
  readonly elapsedSeconds: number;
  readonly status: RunStatus;
  readonly statusReason: string | null;
  readonly measurements: readonly Measurement[];
}

/**
 * The one place a run's document is built: the final one and every snapshot. Its text is what the GPU and
 * the browser said (adapter names, error messages): kept to one line each and within measure/bounds.ts,
 * so the document passes the validator it will meet when imported or shared.
 */
function buildDocument(parts: DocumentParts): MeasurementDocument {
  const { options, session, measurements } = parts;
  const { adapter } = session;
  const label = (text: string) => plainText(text, LIMITS.label);
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    schemaVersion: DOCUMENT_VERSION,
    createdAt: new Date().toISOString(),
    runtime: plainText(options.runtime ?? 'unknown', LIMITS.runtime),
    profile: options.profile,
    budgetSeconds: parts.budgetSeconds,
    elapsedSeconds: parts.elapsedSeconds,
    status: parts.status,
    statusReason: parts.statusReason === null ? null : plainText(parts.statusReason, LIMITS.message),
    adapter: {
      ...adapter,
      vendor: label(adapter.vendor),
      architecture: label(adapter.architecture),
      device: label(adapter.device),
      description: label(adapter.description),
    },
    features: session.features.filter(isIdentifier).slice(0, LIMITS.features),
    limits: Object.fromEntries(
      Object.entries(session.limits)
        .filter(([name]) => isIdentifier(name))
        .slice(0, LIMITS.limitKeys),
    ),
    timerResolutionSeconds: session.timerResolutionSeconds,
    llcBytes: parts.llcBytes,
    tuned: options.tune ?? true,
    skipped: (options.skipped ?? []).slice(0, LIMITS.skipped).map((s) => plainText(s, LIMITS.message)),
    measurements: [...measurements],
    roofs: measuredRoofs(measurements),
  };
}

interface CeilingContext {
  readonly session: GpuSession;
  readonly shrink: (plan: KernelPlan, factor: number) => KernelPlan | null;
  /** This run's measurements so far (their roofs predict a case's dispatch time). */
  readonly measured: readonly Measurement[];
  /** Seconds one dispatch may take (the batch policy's maxDispatchSeconds). */
  readonly ceiling: number;
  readonly guard: <T>(work: Promise<T>) => Promise<T>;
  readonly aborted: () => boolean;
}

/**
 * Prepares `plan`, or a smaller one when one dispatch of it would take longer than the ceiling on this
 * device: first by what the roofs measured so far predict (the big shape never runs), then by timed
 * dispatches. Returns the prepared run, the plan it holds, and one note per re-plan.
 */
async function prepareWithinCeiling(
  plan: KernelPlan,
  context: CeilingContext,
): Promise<{ run: CaseRun; plan: KernelPlan; notes: string[] }> {
  const { session, shrink, ceiling, guard } = context;
  const notes: string[] = [];
  const trigger = ceiling * SHRINK_TRIGGER;
  const limit = `(> ${trigger * 1e3} ms, half the ${ceiling * 1e3} ms watchdog ceiling)`;
  let current = plan;
  const predicted = predictedDispatchSeconds(current, context.measured);
  if (predicted !== null && predicted > trigger) {
    const smaller = shrink(current, (ceiling * SHRINK_AIM) / predicted);
    if (smaller !== null) {
      notes.push(
        `shrunk from ${current.label}: this run's roofs put one dispatch at ≥ ${ms(predicted)} ${limit}`,
      );
      current = smaller;
    }
  }
  let run = await guard(session.prepare(current));
  try {
    // Timed before verifying, so a shape too big for this device is never verified (a 2048³ GEMM on a CPU
    // adapter takes seconds a dispatch). The first dispatch after prepare can carry one-off costs (lavapipe
    // compiles the shader then: 75 ms became 250 ms), so a slow one is timed again and the faster counts.
    // Every kernel overwrites its output, so the verification run after these reads a clean one.
    while (notes.length < MAX_SHRINKS && !context.aborted()) {
      let seconds = passSeconds(await guard(run.timePass(1)));
      if (seconds !== null && seconds > trigger) {
        const again = passSeconds(await guard(run.timePass(1)));
        if (again !== null) seconds = Math.min(seconds, again);
      }
      if (seconds === null || seconds <= trigger) break;
      const smaller = shrink(current, (ceiling * SHRINK_AIM) / seconds);
      if (smaller === null) break;
      notes.push(`shrunk from ${current.label}: one dispatch took ${ms(seconds)} ${limit}`);
      run.destroy();
      current = smaller;
      run = await guard(session.prepare(current));
    }
  } catch (error) {
    run.destroy();
    throw error;
  }
  return { run, plan: current, notes };
}

/** The runner proper, on any GpuSession and Clock (tests pass fakes). */
export async function runPlans(
  session: GpuSession,
  plans: readonly KernelPlan[],
  options: RunPlansOptions,
  clock: Clock,
): Promise<MeasurementDocument> {
  const policy = PROFILES[options.profile];
  const budgetSeconds = options.budgetSeconds ?? policy.budgetSeconds;
  const start = clock.now();
  let lostReason: string | null = null;
  const lostRejection = session.lost.then((reason) => {
    lostReason = reason;
    throw new DeviceLostError(reason);
  });
  lostRejection.catch(() => {});
  const guard = <T>(work: Promise<T>): Promise<T> => Promise.race([work, lostRejection]);
  const measurements: Measurement[] = [];
  let status: RunStatus = 'complete';
  let statusReason: string | null = null;
  const aborted = () => options.signal?.aborted === true;
  const llcBytes = options.llcBytes ?? plans[0]?.llcBytes ?? DEFAULT_LLC_BYTES;
  const parts = () => ({
    options,
    session,
    llcBytes,
    budgetSeconds,
    elapsedSeconds: clock.now() - start,
    measurements,
  });

  const report = (done: number, current: string, caseFraction: number) => {
    const fraction = plans.length === 0 ? 1 : Math.min(1, (done + caseFraction) / plans.length);
    const elapsed = clock.now() - start;
    const secondsLeft = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : budgetSeconds;
    options.onProgress?.({ done, total: plans.length, current, fraction, secondsLeft });
  };

  let processed = 0;
  for (const [index, plan] of plans.entries()) {
    processed = index;
    if (aborted()) {
      status = 'cancelled';
      break;
    }
    const caseStart = clock.now();
    // Each case gets an equal share of what is left; an overrun case leaves less for the rest, and a case
    // with no time left still takes one sample (stop.ts), so every kernel reports a figure.
    const shareSeconds = Math.max(0, budgetSeconds - (caseStart - start)) / (plans.length - index);
    report(index, plan.label, 0);
    let run: CaseRun | null = null;
    let casePlan = plan;
    const finishedBefore = measurements.length;
    let shrinkNotes: readonly string[] = [];
    try {
      if (options.shrink) {
        const fitted = await prepareWithinCeiling(plan, {
          session,
          shrink: options.shrink,
          measured: measurements,
          ceiling: policy.batch.maxDispatchSeconds,
          guard,
          aborted,
        });
        ({ run, plan: casePlan, notes: shrinkNotes } = fitted);
      } else run = await guard(session.prepare(casePlan));
      const tuned = await tuneVariants(run, casePlan, {
        guard,
        aborted,
        isFatal: (error) =>
          lostReason !== null || error instanceof DeviceLostError || error instanceof OutOfMemoryError,
        ceilingSeconds: policy.batch.maxDispatchSeconds,
        tune: options.tune ?? true,
        timerResolutionSeconds: session.timerResolutionSeconds,
      });
      if (tuned.ok) {
        const measuredRun = tuned.run;
        const samples = await sampleCase((dispatches) => guard(measuredRun.timePass(dispatches)), clock, {
          batch: policy.batch,
          stop: policy.stop,
          timeoutSeconds: Math.max(0, shareSeconds - (clock.now() - caseStart)),
          shouldAbort: aborted,
          timerResolutionSeconds: session.timerResolutionSeconds,
          onSample: (fraction) => report(index, plan.label, fraction),
        });
        if (samples.stopReason === 'aborted') {
          status = 'cancelled';
          break;
        }
        const noted = { ...samples, warnings: [...shrinkNotes, ...samples.warnings] };
        measurements.push(
          measurementFromSamples(
            tuned.plan,
            tuned.verification,
            measuredRun.timingMethod,
            noted,
            tuned.trials,
          ),
        );
      } else if (aborted()) {
        status = 'cancelled';
        break;
      } else {
        measurements.push(
          failedMeasurement(casePlan, run.timingMethod, tuned.message, tuned.verification, tuned.trials),
        );
      }
    } catch (error) {
      if (lostReason !== null || error instanceof DeviceLostError) {
        status = 'device-lost';
        statusReason = lostReason ?? errorMessage(error);
        break;
      }
      if (error instanceof OutOfMemoryError) {
        status = 'out-of-memory';
        statusReason = errorMessage(error);
        break;
      }
      measurements.push(
        failedMeasurement(casePlan, run?.timingMethod ?? session.timingMethod, errorMessage(error)),
      );
    } finally {
      run?.destroy();
    }
    // Outside the try, so a throwing callback cannot turn a finished case into a failed one; and a snapshot
    // is best effort, so it cannot end the run either.
    const finished = measurements.length > finishedBefore ? measurements.at(-1) : undefined;
    if (options.onMeasurement && finished) {
      try {
        options.onMeasurement(finished, { done: index + 1, total: plans.length });
      } catch {
        // the final document still carries the case
      }
    }
    if (options.onPartial && finished) {
      try {
        options.onPartial(buildDocument({ ...parts(), status: 'failed', statusReason: SNAPSHOT_REASON }));
      } catch {
        // the final document still carries every case
      }
    }
  }
  if (status === 'complete') processed = plans.length;
  if (status === 'cancelled') statusReason = 'cancelled before the suite finished';
  report(processed, '', 0);
  return buildDocument({ ...parts(), status, statusReason });
}
