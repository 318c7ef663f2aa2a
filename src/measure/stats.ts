// Summary statistics of timing samples. Pure; every function rejects an empty sample with a clear message
// rather than returning NaN, so a bad run can never leak NaN into a document.

function nonEmpty(samples: readonly number[], what: string): void {
  if (samples.length === 0) throw new RangeError(`${what} of an empty sample is undefined`);
}

export function minimum(samples: readonly number[]): number {
  nonEmpty(samples, 'minimum');
  return samples.reduce((a, b) => Math.min(a, b));
}

export function maximum(samples: readonly number[]): number {
  nonEmpty(samples, 'maximum');
  return samples.reduce((a, b) => Math.max(a, b));
}

export function mean(samples: readonly number[]): number {
  nonEmpty(samples, 'mean');
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** Quantile with linear interpolation between order statistics (Hyndman & Fan type 7, R's default). */
export function quantile(samples: readonly number[], q: number): number {
  nonEmpty(samples, 'quantile');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower]!;
  return low + (sorted[upper]! - low) * (position - lower);
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** Sample standard deviation (n − 1 denominator); 0 for a single sample. */
export function standardDeviation(samples: readonly number[]): number {
  const m = mean(samples);
  if (samples.length < 2) return 0;
  const squares = samples.reduce((sum, x) => sum + (x - m) ** 2, 0);
  return Math.sqrt(squares / (samples.length - 1));
}

/**
 * Coefficient of variation = standard deviation ÷ mean: the relative noise nvbench reports as "Noise"
 * (its stdrel criterion). Needs a positive mean.
 */
export function coefficientOfVariation(samples: readonly number[]): number {
  const m = mean(samples);
  if (!(m > 0)) throw new RangeError(`coefficient of variation needs a positive mean, got ${m}`);
  return standardDeviation(samples) / m;
}

export interface SampleSummary {
  readonly count: number;
  readonly min: number;
  readonly median: number;
  readonly mean: number;
  readonly max: number;
  readonly cv: number;
}

export function summarise(samples: readonly number[]): SampleSummary {
  return {
    count: samples.length,
    min: minimum(samples),
    median: median(samples),
    mean: mean(samples),
    max: maximum(samples),
    cv: coefficientOfVariation(samples),
  };
}
