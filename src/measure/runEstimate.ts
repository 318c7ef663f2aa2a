// How long a run takes, estimated from its plan before it runs (`bench --plan` prints it; the talk profile
// must fit ~30 s on a laptop GPU and ~60 s on a CPU adapter). A model with named assumptions, not a
// measurement, and never a test's clock: each case's set-up (pipelines, making and uploading its inputs,
// filling its rotated sets on the device, verification), the tuning of its variants (tuningEstimate.ts),
// and the sampling the profile's time budget allows (the runner shares it among the cases and a case that
// converges early ends early, so the budget is an upper bound on sampling).
import { type PlannedCase, TUNING_ASSUMPTIONS } from './tuningEstimate.ts';

export interface RunAssumptions {
  /** Compiling one compute pipeline, seconds. */
  readonly pipelineSeconds: number;
  /** One verification (a dispatch, a read-back, the CPU reference on sampled outputs), seconds. */
  readonly verifySeconds: number;
  /** One variant's brief timing, seconds. */
  readonly timingSeconds: number;
  /** A tuned case's re-timing of its top two, seconds. */
  readonly retimeSeconds: number;
  /** Making the seeded inputs and uploading them, bytes per second. */
  readonly inputBytesPerSecond: number;
  /** Filling the other rotated sets from the first on the device (a copy: read and write), bytes per second. */
  readonly copyBytesPerSecond: number;
}

/** A GPU: the tuning estimate's figures; copies at a laptop's ~100 GB/s (half its ~200 GB/s, read + write). */
export const GPU_RUN_ASSUMPTIONS: RunAssumptions = { ...TUNING_ASSUMPTIONS, copyBytesPerSecond: 1e11 };

/**
 * A CPU adapter (SwiftShader on this project's two shared cores): a talk run of four cases took 8.7 s end to
 * end here with a 10 s budget, and SwiftShader compiles a pipeline in 0.1–3 s (tuningEstimate.ts). These are
 * the high ends: 1 s a pipeline, 0.2 s a verification, inputs made at 0.3 GB/s in JavaScript, copies at 1 GB/s.
 */
export const CPU_ADAPTER_RUN_ASSUMPTIONS: RunAssumptions = {
  pipelineSeconds: 1,
  verifySeconds: 0.2,
  timingSeconds: 0.1,
  retimeSeconds: 0.2,
  inputBytesPerSecond: 3e8,
  copyBytesPerSecond: 1e9,
};

export interface RunEstimate {
  /** Set-up of every case: pipelines, inputs, rotated sets, verification. */
  readonly setupSeconds: number;
  /** The extra variants' pipelines and verifications and every variant's brief timing (0 untuned). */
  readonly tuningSeconds: number;
  /** At most the profile's budget. */
  readonly samplingSeconds: number;
  readonly totalSeconds: number;
}

export function estimateRun(
  cases: readonly PlannedCase[],
  budgetSeconds: number,
  assumptions: RunAssumptions,
  tuned: boolean,
): RunEstimate {
  const a = assumptions;
  let setupSeconds = 0;
  let tuningSeconds = 0;
  for (const c of cases) {
    const copiedBytes = Math.max(0, (c.workingSetBytes ?? c.inputBytes) - c.inputBytes);
    setupSeconds +=
      a.pipelineSeconds +
      a.verifySeconds +
      c.inputBytes / a.inputBytesPerSecond +
      copiedBytes / a.copyBytesPerSecond;
    if (tuned && c.variants > 1) {
      tuningSeconds +=
        (c.variants - 1) * (a.pipelineSeconds + a.verifySeconds) +
        c.variants * a.timingSeconds +
        a.retimeSeconds;
    }
  }
  return {
    setupSeconds,
    tuningSeconds,
    samplingSeconds: budgetSeconds,
    totalSeconds: setupSeconds + tuningSeconds + budgetSeconds,
  };
}
