import { describe, expect, it } from 'vitest';
import {
  coefficientOfVariation,
  maximum,
  mean,
  median,
  minimum,
  quantile,
  standardDeviation,
  summarise,
} from '../../../src/measure/stats.ts';

describe('stats', () => {
  const samples = [4, 1, 3, 2, 5];

  it('minimum, maximum, mean and median of an unsorted sample', () => {
    expect(minimum(samples)).toBe(1);
    expect(maximum(samples)).toBe(5);
    expect(mean(samples)).toBe(3);
    expect(median(samples)).toBe(3);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('quantile(xs, q) interpolates linearly between order statistics (type 7)', () => {
    expect(quantile(samples, 0)).toBe(1);
    expect(quantile(samples, 1)).toBe(5);
    expect(quantile(samples, 0.25)).toBe(2);
    expect(quantile([10, 20], 0.75)).toBe(17.5);
  });

  it('standardDeviation uses the n − 1 denominator; one sample has none', () => {
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.13809, 5);
    expect(standardDeviation([7])).toBe(0);
  });

  it('coefficientOfVariation = sd / mean', () => {
    expect(coefficientOfVariation([9, 10, 11])).toBeCloseTo(0.1, 12);
    expect(coefficientOfVariation([5, 5, 5])).toBe(0);
  });

  it('summarise returns every figure at once', () => {
    expect(summarise([1, 2, 3])).toEqual({ count: 3, min: 1, median: 2, mean: 2, max: 3, cv: 0.5 });
  });

  it('rejects an empty sample and a bad q with a message, never NaN', () => {
    expect(() => median([])).toThrow(/empty sample/);
    expect(() => mean([])).toThrow(/empty sample/);
    expect(() => quantile([1], 1.5)).toThrow(/q must be in \[0, 1\]/);
    expect(() => coefficientOfVariation([0, 0])).toThrow(/positive mean/);
  });
});
