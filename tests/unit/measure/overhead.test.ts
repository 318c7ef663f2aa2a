// Raw and overhead-corrected rates (issue 22): the measured per-dispatch overhead is subtracted once per
// launch, and withheld where it would be most of the figure.
import { describe, expect, it } from 'vitest';
import type { Measurement } from '../../../src/measure/document.ts';
import {
  correctedRates,
  dispatchOverheadSeconds,
  MAX_CORRECTED_SHARE,
} from '../../../src/measure/overhead.ts';

const measurement = (over: Partial<Measurement>): Measurement =>
  ({
    kernel: 'gemv',
    dtype: 'f32',
    shape: {},
    label: 'gemv',
    bytesPerDispatch: 64e6,
    flopsPerDispatch: 32e6,
    dispatchesPerSample: 100,
    samplesSeconds: [0.01],
    secondsPerDispatch: { best: 1e-4, median: 1e-4 },
    cv: null,
    bytesPerSecond: 64e6 / 1e-4,
    flopsPerSecond: 32e6 / 1e-4,
    arithmeticIntensity: 0.5,
    verified: true,
    verifyMessage: 'ok',
    timingMethod: 'timestamp-query',
    quantised: false,
    timerTickSeconds: null,
    stopReason: 'converged',
    warnings: [],
    error: null,
    workingSetBytes: 1e9,
    cacheResident: false,
    variant: 'a',
    variantTrials: [],
    ...over,
  }) as Measurement;

describe('overhead correction', () => {
  const overheadCase = measurement({
    kernel: 'dispatch-overhead',
    bytesPerDispatch: 0,
    flopsPerDispatch: 0,
    secondsPerDispatch: { best: 2.5e-6, median: 4e-6 },
  });

  it('reads the overhead from the dispatch-overhead case (its median); none without the case', () => {
    expect(dispatchOverheadSeconds({ measurements: [overheadCase, measurement({})] })).toBe(4e-6);
    expect(dispatchOverheadSeconds({ measurements: [measurement({})] })).toBeNull();
    const failed = { ...overheadCase, verified: false };
    expect(dispatchOverheadSeconds({ measurements: [failed] })).toBeNull();
  });

  it('subtracts one overhead per launch: 100 µs less 4 µs, and 8 µs for a split-K case with its reduction', () => {
    const one = correctedRates(measurement({}), 4e-6)!;
    expect(one.secondsPerDispatch).toBeCloseTo(96e-6, 12);
    expect(one.bytesPerSecond).toBeCloseTo(64e6 / 96e-6, 0);
    expect(one.overheadShare).toBeCloseTo(0.04, 12);
    const two = correctedRates(measurement({ launchesPerDispatch: 2 }), 4e-6)!;
    expect(two.secondsPerDispatch).toBeCloseTo(92e-6, 12);
  });

  it(`withholds the correction past ${MAX_CORRECTED_SHARE * 100} % of the time, for failed cases and the overhead case`, () => {
    const short = measurement({ secondsPerDispatch: { best: 5e-6, median: 6e-6 } });
    expect(correctedRates(short, 4e-6)).toBeNull();
    expect(correctedRates(measurement({ verified: false }), 4e-6)).toBeNull();
    expect(correctedRates(overheadCase, 4e-6)).toBeNull();
    expect(correctedRates(measurement({}), null)).toBeNull();
  });
});
