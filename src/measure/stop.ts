// When to stop sampling one kernel case: nvbench's stdrel criterion reduced to its parts
// (nvbench docs/cli_help.md: --min-samples 10, --min-time 0.5 s, --max-noise 0.5 %, --timeout 15 s).
// Our defaults are smaller because the whole suite must fit ~20 s (issue 3); each sample is a ≥ 20 ms pass.
import { coefficientOfVariation } from './stats.ts';

export interface StopPolicy {
  readonly minSamples: number;
  readonly maxSamples: number;
  /** Stop once the coefficient of variation of the samples is at or below this (0.005 = 0.5 %). */
  readonly maxNoise: number;
  /** Accumulated sample time required before convergence counts. */
  readonly minSampleSeconds: number;
}

export const FULL_STOP_POLICY: StopPolicy = {
  minSamples: 10,
  maxSamples: 100,
  maxNoise: 0.005,
  minSampleSeconds: 0.2,
};

/**
 * The talk profile (a live demo): enough samples for a median and a spread a projector can show (5 to 25
 * passes of ~24 ms, converged at 1 % noise), so four points land within seconds on a GPU.
 */
export const TALK_STOP_POLICY: StopPolicy = {
  minSamples: 5,
  maxSamples: 25,
  maxNoise: 0.01,
  minSampleSeconds: 0.1,
};

/** CPU adapters and CI: a few samples are enough to check the figures are well formed. */
export const QUICK_STOP_POLICY: StopPolicy = {
  minSamples: 3,
  maxSamples: 10,
  maxNoise: 0.02,
  minSampleSeconds: 0,
};

export type StopReason = 'converged' | 'max-samples' | 'timeout';

/**
 * Returns why sampling should stop now, or null to take another sample. `elapsedSeconds` is the wall time
 * spent on this case, `timeoutSeconds` its share of the budget; the timeout still waits for minSamples
 * unless the time spent is twice the share (a case must not eat the rest of the budget).
 */
export function stopReason(
  samplesSeconds: readonly number[],
  elapsedSeconds: number,
  timeoutSeconds: number,
  policy: StopPolicy,
): StopReason | null {
  const count = samplesSeconds.length;
  if (count >= policy.maxSamples) return 'max-samples';
  if (elapsedSeconds >= 2 * timeoutSeconds && count >= 1) return 'timeout';
  if (count < policy.minSamples) return null;
  const sampleSeconds = samplesSeconds.reduce((a, b) => a + b, 0);
  if (sampleSeconds >= policy.minSampleSeconds && coefficientOfVariation(samplesSeconds) <= policy.maxNoise) {
    return 'converged';
  }
  if (elapsedSeconds >= timeoutSeconds) return 'timeout';
  return null;
}
