// Batch calibration: how many dispatches go into one timed pass. Pure: the pass timer is passed in.
//
// Why these numbers:
// - ≥ 20 ms per timed pass: browsers quantise timestamp queries to 100 µs (Chrome, "WebGPU developer
//   features", developer.chrome.com/docs/web-platform/webgpu/developer-features), and the wall-clock path
//   adds submit/onSubmittedWorkDone latency of the order of 0.1–1 ms; at 20 ms both stay ≤ 0.5–5 %.
// - each single dispatch ≪ 50 ms: there is no way to pre-empt a running dispatch from WebGPU. Windows
//   resets a GPU that does not respond within 2 s (TDR, TdrDelay default), and a dispatch that long
//   also freezes the page's compositor; 50 ms is the RAIL "respond within 50 ms" input budget
//   (web.dev/articles/rail), 40× under the TDR limit. Calibration cannot shrink a plan, so here a slower
//   dispatch is a warning; the runner (runPlans' shrink) re-plans such a case smaller before it gets here.
// - ≥ 100 × the timer's resolution per timed pass (issue 22): one tick is then ≤ 1 % of a pass. The 20 ms
//   target meets it for every resolution up to 200 µs; policyForResolution raises it beyond.
// - ≤ 250 ms per pass and ≤ 4096 dispatches: bounds one submit so cancellation answers within a quarter
//   second and encoding stays cheap (Dawn encodes a dispatch in about a microsecond of CPU).

export interface BatchPolicy {
  readonly targetPassSeconds: number;
  readonly maxPassSeconds: number;
  readonly maxDispatchSeconds: number;
  readonly maxDispatchesPerPass: number;
  /** Calibration passes before giving up growing the batch. */
  readonly maxRounds: number;
  /**
   * GPU time spent running the kernel (calibration included) before timed passes count. Not measured: a
   * guess of a few power-management sampling periods, so clocks have ramped; the verification run before
   * calibration already took the first-touch cost BabelStream drops its first timing for.
   */
  readonly minWarmupSeconds: number;
}

export const DEFAULT_BATCH_POLICY: BatchPolicy = {
  targetPassSeconds: 0.02,
  maxPassSeconds: 0.25,
  maxDispatchSeconds: 0.05,
  maxDispatchesPerPass: 4096,
  maxRounds: 5,
  minWarmupSeconds: 0.1,
};

export interface BatchPlan {
  readonly dispatchesPerPass: number;
  /** Seconds per dispatch seen by the first (one-dispatch) probe pass. */
  readonly probeDispatchSeconds: number;
  /** Seconds of the last calibration pass, at `dispatchesPerPass`. */
  readonly passSeconds: number;
  /** Passes spent calibrating (they double as warm-up). */
  readonly rounds: number;
  /** GPU seconds of all calibration passes together. */
  readonly calibrationSeconds: number;
  readonly warnings: readonly string[];
}

/** A timed pass spans at least this many ticks of the timer's resolution. */
export const MIN_TICKS_PER_PASS = 100;

/** `policy` with its pass target raised to MIN_TICKS_PER_PASS ticks of a timer of `resolutionSeconds`. */
export function policyForResolution(
  policy: BatchPolicy,
  resolutionSeconds: number | null | undefined,
): BatchPolicy {
  const floor = (resolutionSeconds ?? 0) * MIN_TICKS_PER_PASS;
  if (!(floor > policy.targetPassSeconds)) return policy;
  return { ...policy, targetPassSeconds: floor, maxPassSeconds: Math.max(policy.maxPassSeconds, 2 * floor) };
}

/** Aim 20 % above the target so pass-to-pass noise does not drop a timed pass below it. */
const HEADROOM = 1.2;

/** The next batch size after a pass of `dispatches` took `passSeconds`. */
export function nextDispatchCount(dispatches: number, passSeconds: number, policy: BatchPolicy): number {
  const perDispatch = passSeconds / dispatches;
  const wanted =
    perDispatch > 0 ? Math.ceil((policy.targetPassSeconds * HEADROOM) / perDispatch) : dispatches * 100;
  const byPassCap = perDispatch > 0 ? Math.floor(policy.maxPassSeconds / perDispatch) : wanted;
  const grown = Math.min(wanted, dispatches * 100, byPassCap, policy.maxDispatchesPerPass);
  return Math.max(dispatches, grown, 1);
}

/**
 * A pass timer: seconds for a pass of `dispatches` dispatches; 0 when the pass was below the timer's
 * resolution (calibration then grows the batch), null when the timestamps were broken.
 */
export type PassTimer = (dispatches: number) => Promise<number | null>;

const MAX_INVALID_IN_A_ROW = 3;

async function validPass(timePass: PassTimer, dispatches: number): Promise<number> {
  for (let attempt = 0; attempt < MAX_INVALID_IN_A_ROW; attempt++) {
    const seconds = await timePass(dispatches);
    if (seconds !== null && seconds >= 0) return seconds;
  }
  throw new Error(`timer returned ${MAX_INVALID_IN_A_ROW} invalid intervals in a row while calibrating`);
}

export async function calibrateBatch(timePass: PassTimer, policy: BatchPolicy): Promise<BatchPlan> {
  let dispatches = 1;
  let passSeconds = await validPass(timePass, dispatches);
  const probeDispatchSeconds = passSeconds;
  let calibrationSeconds = passSeconds;
  let rounds = 1;
  while (passSeconds < policy.targetPassSeconds && rounds < policy.maxRounds) {
    const next = nextDispatchCount(dispatches, passSeconds, policy);
    if (next === dispatches) break;
    dispatches = next;
    passSeconds = await validPass(timePass, dispatches);
    calibrationSeconds += passSeconds;
    rounds++;
  }
  const warnings: string[] = [];
  const perDispatch = passSeconds / dispatches;
  if (passSeconds === 0) {
    warnings.push(
      `a pass of ${dispatches} dispatches was still below the timer's resolution after ${rounds} calibration passes`,
    );
  }
  if (perDispatch > policy.maxDispatchSeconds) {
    warnings.push(
      `one dispatch takes ${(perDispatch * 1e3).toFixed(1)} ms (> ${policy.maxDispatchSeconds * 1e3} ms): ` +
        'the shape is too large for this GPU (watchdog risk)',
    );
  }
  if (passSeconds < policy.targetPassSeconds) {
    warnings.push(
      `timed pass ${(passSeconds * 1e3).toFixed(2)} ms < ${policy.targetPassSeconds * 1e3} ms target ` +
        `at ${dispatches} dispatches per pass`,
    );
  }
  return {
    dispatchesPerPass: dispatches,
    probeDispatchSeconds,
    passSeconds,
    rounds,
    calibrationSeconds,
    warnings,
  };
}
