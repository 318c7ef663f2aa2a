// Comparison of a kernel's output with its CPU reference. Floating-point sums on the GPU run in another order
// (and with fused multiply-adds), so the bound scales with the sum of magnitudes of the terms:
// |got − want| ≤ atol + rtol × scale, where scale = Σ|terms| (the condition of a dot product).
import type { VerifyResult } from './types.ts';

export interface Expected {
  readonly value: number;
  /** Σ|terms| of the reference value (1 for exact copies). */
  readonly scale: number;
}

export interface CompareOptions {
  readonly label: string;
  /** Elements in the output (the unpadded region). */
  readonly count: number;
  /** Check every element up to this many, evenly spaced samples beyond it. */
  readonly maxChecked: number;
  readonly actual: (index: number) => number;
  readonly expected: (index: number) => Expected;
  readonly rtol: number;
  readonly atol: number;
}

/** The CPU reference of one output of a dot-product kernel: Σ term(k) for k < K, with its Σ|terms|. */
export function dotReference(K: number, term: (k: number) => number): Expected {
  let value = 0;
  let scale = 0;
  for (let k = 0; k < K; k++) {
    const t = term(k);
    value += t;
    scale += Math.abs(t);
  }
  return { value, scale };
}

/** Unit roundoff: half the distance from 1 to the next representable number. */
export const UNIT_ROUNDOFF = { f32: 2 ** -24, f16: 2 ** -11 } as const;

/**
 * Relative tolerance (times Σ|terms|) for a length-`terms` dot product accumulated with unit roundoff `u`.
 * Higham ("Accuracy and Stability of Numerical Algorithms", §3.1 and §4.2) bounds the error by about
 * u·Σ|partial sums|, ≤ √n·u·Σ|terms| in the probabilistic worst case; with random-signed terms the partial
 * sums stay ~√n·σ while Σ|terms| grows like n·σ, so the expected ratio stays near u. Hence 8√n·u, capped at
 * 64u (64× the expected error, still 2% for f16), plus 4u for the f32 conversions and the output rounding.
 */
export function dotTolerance(terms: number, u: number): number {
  return Math.min(8 * Math.sqrt(Math.max(terms, 1)), 64) * u + 4 * u;
}

/** Indices to check: all of them when few, else `maxChecked` evenly spaced ones including first and last. */
export function sampleIndices(count: number, maxChecked: number): number[] {
  if (count <= maxChecked) return Array.from({ length: count }, (_, i) => i);
  const step = (count - 1) / (maxChecked - 1);
  return Array.from({ length: maxChecked }, (_, j) => Math.round(j * step));
}

export function compare(options: CompareOptions): VerifyResult {
  let maxError = 0;
  const indices = sampleIndices(options.count, options.maxChecked);
  for (const index of indices) {
    const got = options.actual(index);
    const want = options.expected(index);
    const error = Math.abs(got - want.value);
    const bound = options.atol + options.rtol * want.scale;
    // `!(error <= bound)` also rejects NaN.
    if (!(error <= bound)) {
      return {
        ok: false,
        maxError: Number.isFinite(error) ? error : Number.POSITIVE_INFINITY,
        checked: indices.length,
        message: `${options.label}: element ${index} is ${got}, expected ${want.value} (|error| ${error.toPrecision(3)} > bound ${bound.toPrecision(3)})`,
      };
    }
    maxError = Math.max(maxError, want.scale > 0 ? error / want.scale : error);
  }
  return {
    ok: true,
    maxError,
    checked: indices.length,
    message: `${options.label}: ${indices.length} of ${options.count} elements match the CPU reference (max error/scale ${maxError.toPrecision(3)})`,
  };
}
