// Turns the samples of one case into a Measurement record. Rates come from model/units/roofline (one place).
import { type KernelPlan, launchesOf, type VerifyResult } from '../kernels/types.ts';
import { cacheResidentNote } from '../kernels/workingSet.ts';
import { plainText } from '../model/text/plainText.ts';
import { arithmeticIntensity, bytesPerSecond, flopsPerSecond } from '../model/units/roofline.ts';
import { LIMITS } from './bounds.ts';
import type { Measurement, TimingMethod, VariantTrial } from './document.ts';
import { detectQuantisation } from './quantisation.ts';
import type { CaseSamples } from './sampler.ts';
import { coefficientOfVariation, median, minimum } from './stats.ts';

export type PlanSummary = Pick<
  KernelPlan,
  | 'kernel'
  | 'dtype'
  | 'shape'
  | 'label'
  | 'bytesPerDispatch'
  | 'flopsPerDispatch'
  | 'workingSetBytes'
  | 'cacheResident'
  | 'llcBytes'
  | 'variant'
  | 'reduce'
>;

/** Relative noise above which a measurement carries a "noisy" warning (3 %: issue 3's GPU target). */
export const NOISY_CV = 0.03;

/** A message as the document keeps it: one line, capped (GPU and shader errors can span many lines). */
const message = (text: string) => plainText(text, LIMITS.message);

function base(plan: PlanSummary, variantTrials: readonly VariantTrial[]) {
  return {
    kernel: plan.kernel,
    dtype: plan.dtype,
    shape: { ...plan.shape },
    label: plan.label,
    bytesPerDispatch: plan.bytesPerDispatch,
    flopsPerDispatch: plan.flopsPerDispatch,
    workingSetBytes: plan.workingSetBytes,
    cacheResident: plan.cacheResident,
    variantTrials: variantTrials.map((trial) => ({
      ...trial,
      error: trial.error === null ? null : message(trial.error),
    })),
  };
}

/**
 * A case that never produced timings: verification failed, or it threw. Its figures stay null, and so does
 * its variant (none was kept); `variantTrials` says what each variant did.
 */
export function failedMeasurement(
  plan: PlanSummary,
  timingMethod: TimingMethod,
  error: string,
  verification?: VerifyResult,
  variantTrials: readonly VariantTrial[] = [],
): Measurement {
  return {
    ...base(plan, variantTrials),
    variant: null,
    dispatchesPerSample: 0,
    samplesSeconds: [],
    secondsPerDispatch: null,
    cv: null,
    bytesPerSecond: null,
    flopsPerSecond: null,
    arithmeticIntensity: arithmeticIntensity(plan.flopsPerDispatch, plan.bytesPerDispatch),
    verified: false,
    verifyMessage: message(verification?.message ?? 'not verified'),
    timingMethod,
    quantised: false,
    timerTickSeconds: null,
    stopReason: null,
    warnings: [],
    error: message(error),
  };
}

/** Measures `plan` (its variant, the one the tuning kept) from its samples; `variantTrials` are the tuning's. */
export function measurementFromSamples(
  plan: PlanSummary,
  verification: VerifyResult,
  timingMethod: TimingMethod,
  samples: CaseSamples,
  variantTrials: readonly VariantTrial[] = [],
): Measurement {
  if (samples.samplesSeconds.length === 0) {
    return failedMeasurement(plan, timingMethod, 'no valid timing samples', verification, variantTrials);
  }
  const perDispatch = samples.samplesSeconds.map((s) => s / samples.dispatchesPerPass);
  const medianSeconds = median(perDispatch);
  // One sample has no spread to speak of: its CV is unknown (null), not 0.
  const cv = samples.samplesSeconds.length >= 2 ? coefficientOfVariation(samples.samplesSeconds) : null;
  const quantisation = detectQuantisation(samples.samplesNs);
  const warnings = [...samples.warnings];
  if (cv !== null && cv > NOISY_CV)
    warnings.push(`noisy: CV ${(cv * 100).toFixed(1)} % > ${NOISY_CV * 100} %`);
  if (quantisation.tooCoarse) {
    warnings.push(
      `timer quantised to ${(quantisation.tickSeconds! * 1e6).toFixed(0)} µs, ` +
        `${(quantisation.relativeResolution * 100).toFixed(1)} % of a pass`,
    );
  }
  if (samples.stopReason === 'timeout') warnings.push('stopped by the time budget before the noise target');
  if (plan.cacheResident) warnings.push(cacheResidentNote(plan.workingSetBytes, plan.llcBytes));
  return {
    ...base(plan, variantTrials),
    variant: plan.variant,
    dispatchesPerSample: samples.dispatchesPerPass,
    launchesPerDispatch: launchesOf(plan),
    samplesSeconds: [...samples.samplesSeconds],
    secondsPerDispatch: { best: minimum(perDispatch), median: medianSeconds },
    cv,
    bytesPerSecond: bytesPerSecond(plan.bytesPerDispatch, medianSeconds),
    flopsPerSecond: flopsPerSecond(plan.flopsPerDispatch, medianSeconds),
    arithmeticIntensity: arithmeticIntensity(plan.flopsPerDispatch, plan.bytesPerDispatch),
    verified: verification.ok,
    verifyMessage: message(verification.message),
    timingMethod,
    quantised: quantisation.quantised,
    timerTickSeconds: quantisation.tickSeconds,
    stopReason: samples.stopReason === 'aborted' ? null : samples.stopReason,
    warnings: warnings.slice(0, LIMITS.warningsPerCase).map(message),
    error: null,
  };
}
