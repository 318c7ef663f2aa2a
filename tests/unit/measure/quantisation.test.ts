import { describe, expect, it } from 'vitest';
import { detectQuantisation } from '../../../src/measure/quantisation.ts';

describe('timestamp quantisation', () => {
  it('nanosecond-resolution intervals are not quantised', () => {
    const report = detectQuantisation([20_001_337n, 20_004_211n, 19_998_763n, 20_000_119n]);
    expect(report).toEqual({ quantised: false, tickSeconds: null, relativeResolution: 0, tooCoarse: false });
  });

  it('Chrome-style 100 µs quantisation is found, and is fine relative to a 20 ms pass', () => {
    const report = detectQuantisation([20_000_000n, 20_100_000n, 19_900_000n, 20_000_000n]);
    expect(report.quantised).toBe(true);
    expect(report.tickSeconds).toBe(1e-4);
    expect(report.relativeResolution).toBeCloseTo(0.005, 6);
    expect(report.tooCoarse).toBe(false);
  });

  it('a tick above 1 % of the pass is too coarse', () => {
    const report = detectQuantisation([1_000_000n, 2_000_000n, 1_000_000n]);
    expect(report.tickSeconds).toBe(1e-3);
    expect(report.tooCoarse).toBe(true);
  });

  it('needs three positive intervals before judging, and ignores invalid ones', () => {
    expect(detectQuantisation([100_000n, 200_000n]).quantised).toBe(false);
    expect(detectQuantisation([-100_000n, 0n, 100_000n, 200_000n]).quantised).toBe(false);
  });
});
