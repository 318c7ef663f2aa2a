import { describe, expect, it } from 'vitest';
import type { Measurement, MeasurementDocument } from '../../../src/measure/document.ts';
import { kernelRatios } from '../../../src/measure/ratios.ts';

function m(
  kernel: Measurement['kernel'],
  dtype: Measurement['dtype'],
  shape: Record<string, number>,
  bytesPerSecond: number,
  flopsPerSecond: number,
  verified = true,
): Measurement {
  return {
    kernel,
    dtype,
    shape,
    label: `${kernel} ${dtype} ${JSON.stringify(shape)}`,
    bytesPerDispatch: 1,
    flopsPerDispatch: 1,
    dispatchesPerSample: 1,
    samplesSeconds: [1],
    secondsPerDispatch: { best: 1, median: 1 },
    cv: 0.01,
    bytesPerSecond,
    flopsPerSecond,
    arithmeticIntensity: 1,
    verified,
    verifyMessage: '',
    timingMethod: 'timestamp-query',
    quantised: false,
    timerTickSeconds: null,
    stopReason: 'converged',
    warnings: [],
    error: verified ? null : 'verification failed',
    workingSetBytes: 1 << 30,
    cacheResident: false,
    variant: 'wg128',
    variantTrials: [],
  };
}

function doc(measurements: Measurement[]): MeasurementDocument {
  return { measurements } as unknown as MeasurementDocument;
}

describe('kernelRatios (npm run bench:kernels)', () => {
  it('GEMV ÷ stream-read uses the best verified GEMV with K ≥ 4096, GEMM ÷ FMA peak per dtype', () => {
    const ratios = kernelRatios(
      doc([
        m('stream-read', 'f32', { n: 1 }, 100e9, 0),
        m('stream-read', 'f32', { n: 2 }, 500e9, 0, false),
        m('gemv', 'f32', { M: 4096, K: 1024 }, 99e9, 1),
        m('gemv', 'f32', { M: 4096, K: 4096 }, 92e9, 1),
        m('gemv', 'q4', { M: 4096, K: 4096 }, 81e9, 1),
        m('gemm', 'f32', { M: 1024, N: 1024, K: 1024 }, 1, 6e12),
        m('fma-peak', 'f32', { workgroups: 1, iterations: 1 }, 0, 10e12),
      ]),
    );
    expect(ratios.map((r) => [r.name, r.ratio])).toEqual([
      ['f32 GEMV ÷ stream-read (bandwidth)', 0.92],
      ['q4 GEMV ÷ stream-read (bandwidth)', 0.81],
      ['f32 GEMM ÷ FMA peak (compute)', 0.6],
    ]);
    expect(ratios[0]!.note).toBeNull();
  });

  it('falls back to a smaller K with a note, and gives null when a side is missing', () => {
    const ratios = kernelRatios(
      doc([m('stream-read', 'f32', { n: 1 }, 100e9, 0), m('gemv', 'f32', { M: 64, K: 256 }, 50e9, 1)]),
    );
    expect(ratios[0]!.ratio).toBe(0.5);
    expect(ratios[0]!.note).toBe('largest GEMV measured has K = 256 < 4096');
    expect(ratios[1]!.ratio).toBeNull();
    expect(ratios[2]!.ratio).toBeNull();
    expect(ratios).toHaveLength(3);
  });

  it('prefers DRAM figures to faster cache-resident ones, and says so when only cache was measured', () => {
    const cached = (measurement: Measurement): Measurement => ({ ...measurement, cacheResident: true });
    const ratios = kernelRatios(
      doc([
        cached(m('stream-read', 'f32', { n: 1 }, 900e9, 0)),
        m('stream-read', 'f32', { n: 2 }, 100e9, 0),
        m('gemv', 'f32', { M: 4096, K: 4096 }, 90e9, 1),
        cached(m('gemv', 'f32', { M: 64, K: 4096 }, 300e9, 1)),
      ]),
    );
    expect(ratios[0]!.ratio).toBeCloseTo(0.9, 12);
    expect(ratios[0]!.note).toBeNull();
    const onlyCache = kernelRatios(
      doc([
        cached(m('stream-read', 'f32', { n: 1 }, 900e9, 0)),
        m('gemv', 'f32', { M: 4096, K: 4096 }, 90e9, 1),
      ]),
    );
    expect(onlyCache[0]!.note).toMatch(/^cache-resident: a working set below 4 × the last-level cache/);
  });
});
