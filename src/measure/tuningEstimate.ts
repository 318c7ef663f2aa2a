// What autotuning adds to a run, estimated from the plan before it runs (issue 12: at most 30 % of a full
// run on a GPU). A model with named assumptions, not a measurement: on a GPU a variant's extra cost is its
// pipeline, one verification (a dispatch, a read-back, the CPU reference on ≤ 1024 sampled outputs) and a
// brief timing (sizing probes, a warm-up and three passes of about 2 ms, bench/tune.ts), and each tuned
// case re-times its top two (five ~2 ms passes each); the run it is compared
// with is the profile's time budget plus each case's own set-up (pipeline, inputs made and uploaded once,
// verification).

/** What the estimate reads of a planned case. */
export interface PlannedCase {
  /** How many variants the case has (1: nothing to tune). */
  readonly variants: number;
  /** Bytes of seeded input the case makes and uploads once (rotated copies are filled on the GPU). */
  readonly inputBytes: number;
  /** Distinct bytes across the rotated sets (the copies beyond the inputs are filled on the device). */
  readonly workingSetBytes?: number;
}

export const TUNING_ASSUMPTIONS = {
  /**
   * Compiling one compute pipeline (WGSL → Tint → the driver's compiler): tens of milliseconds for kernels
   * this size on desktop drivers; 0.1 s is a deliberately high guess (SwiftShader on a CPU takes 0.1–3 s).
   */
  pipelineSeconds: 0.1,
  /** One verification: a dispatch, reading the output back, the CPU reference (~2–4 M multiply-adds). */
  verifySeconds: 0.02,
  /** One variant's brief timing: probes, a warm-up and three ~2 ms passes (~8 ms of GPU), with their submits. */
  timingSeconds: 0.01,
  /** A tuned case's re-timing of its top two: five ~2 ms passes each, with their submits and read-backs. */
  retimeSeconds: 0.022,
  /**
   * Making the seeded inputs, bytes per second, where nothing better is known: on the device since issue 22
   * (kernels/fill.ts: a write-only kernel at the memory's bandwidth); 4 GB/s is the old JavaScript path's
   * memcpy-then-PCIe guess, kept as a floor. `bench --plan` measures the adapter's own speed, or assumes half
   * a published device's spec bandwidth.
   */
  inputBytesPerSecond: 4e9,
} as const;

export interface TuningEstimate {
  /** Seconds the tuning adds: the extra variants' pipelines and verifications, every variant's timing. */
  readonly tuningSeconds: number;
  /** Seconds of the run without tuning: the budget plus each case's set-up. */
  readonly runSeconds: number;
  /** tuningSeconds ÷ runSeconds. */
  readonly fraction: number;
}

export function estimateTuning(
  cases: readonly PlannedCase[],
  budgetSeconds: number,
  /** The device's own input speed where it was measured (or assumed from its spec), bytes/s. */
  measured: { readonly inputBytesPerSecond?: number } = {},
): TuningEstimate {
  const a = { ...TUNING_ASSUMPTIONS, ...measured };
  let tuningSeconds = 0;
  let setupSeconds = 0;
  for (const c of cases) {
    setupSeconds += a.pipelineSeconds + a.verifySeconds + c.inputBytes / a.inputBytesPerSecond;
    if (c.variants > 1) {
      tuningSeconds +=
        (c.variants - 1) * (a.pipelineSeconds + a.verifySeconds) +
        c.variants * a.timingSeconds +
        a.retimeSeconds;
    }
  }
  const runSeconds = budgetSeconds + setupSeconds;
  return { tuningSeconds, runSeconds, fraction: runSeconds > 0 ? tuningSeconds / runSeconds : 0 };
}

/** The share of a full run tuning may take at most (issue 12). */
export const MAX_TUNING_FRACTION = 0.3;
