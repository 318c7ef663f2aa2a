import { describe, expect, it } from 'vitest';
import { gpuPreset } from '../../src/model/presets/index.ts';
import { B200_REFERENCE } from '../../src/model/presets/reference.ts';
import {
  arithmeticIntensity,
  attainableFlopsPerSecond,
  bytesPerSecond,
  flopsPerSecond,
  fractionOfRoof,
  type RoofCandidate,
  ridgeFlopsPerByte,
  roofsFromMeasurements,
} from '../../src/model/units/roofline.ts';

describe('model/units/roofline', () => {
  it('bytesPerSecond(bytes, s) and flopsPerSecond(flop, s)', () => {
    expect(bytesPerSecond(8e9, 2)).toBe(4e9);
    expect(flopsPerSecond(6e12, 0.5)).toBe(12e12);
    expect(flopsPerSecond(0, 1)).toBe(0);
  });

  it('arithmeticIntensity(flop, bytes) in FLOP/byte; null when no bytes move', () => {
    // f32 GEMV: 2·M·K FLOP over 4·M·K bytes of weights.
    expect(arithmeticIntensity(2 * 4096 * 4096, 4 * 4096 * 4096)).toBe(0.5);
    expect(arithmeticIntensity(1e9, 0)).toBeNull();
  });

  it('ridge = peak / bandwidth: the blog B200 ridge is 1,250 FLOP/byte', () => {
    expect(
      ridgeFlopsPerByte(B200_REFERENCE.fp4DenseFlopsPerSecond, B200_REFERENCE.bandwidthBytesPerSecond),
    ).toBe(1250);
  });

  it('B200_REFERENCE is the b200 preset itself (one source: Measure, explorer and CLI agree)', () => {
    const b200 = gpuPreset('b200');
    expect(B200_REFERENCE.bandwidthBytesPerSecond).toBe(b200.bandwidthBytesPerSecond);
    expect(B200_REFERENCE.fp4DenseFlopsPerSecond).toBe(b200.peakFlops.fp4);
    expect(B200_REFERENCE.fp32FlopsPerSecond).toBe(b200.peakFlops.fp32);
    expect(B200_REFERENCE.fp32FlopsPerSecond).toBe(90e12);
  });

  it('attainable(I) = min(peak, bandwidth · I)', () => {
    expect(attainableFlopsPerSecond(0.5, 10e12, 1e12)).toBe(0.5e12);
    expect(attainableFlopsPerSecond(100, 10e12, 1e12)).toBe(10e12);
    expect(attainableFlopsPerSecond(10, 10e12, 1e12)).toBe(10e12);
  });

  it('fractionOfRoof equals achieved ÷ attainable in both regimes, and works for streams (no FLOP)', () => {
    const peak = 10e12;
    const bw = 1e12;
    // Memory-bound GEMV at I = 0.5 achieving 0.4 TFLOP/s (0.8 TB/s): attainable 0.5 TFLOP/s → 80 %.
    expect(fractionOfRoof(0.8e12, 0.4e12, peak, bw)).toBeCloseTo(
      0.4e12 / attainableFlopsPerSecond(0.5, peak, bw),
      12,
    );
    // Compute-bound GEMM at I = 100 achieving 6 TFLOP/s → 60 %.
    expect(fractionOfRoof(0.06e12, 6e12, peak, bw)!).toBeCloseTo(0.6, 12);
    expect(fractionOfRoof(0.9e12, 0, peak, bw)!).toBeCloseTo(0.9, 12);
    // A roof not measured drops its term.
    expect(fractionOfRoof(0.9e12, 0, null, bw)!).toBeCloseTo(0.9, 12);
    expect(fractionOfRoof(0.9e12, 5e12, peak, null)).toBe(0.5);
    expect(fractionOfRoof(1, 1, null, null)).toBeNull();
  });

  it('rejects non-positive time, roofs and negative work with a message', () => {
    expect(() => bytesPerSecond(1, 0)).toThrow('seconds must be a positive number, got 0');
    expect(() => flopsPerSecond(-1, 1)).toThrow('FLOP must be ≥ 0, got -1');
    expect(() => ridgeFlopsPerByte(1, Number.NaN)).toThrow(/bandwidth must be a positive number/);
  });

  it('roofsFromMeasurements takes the best valid stream and FMA rates, per dtype, ignoring failures', () => {
    const m = (
      kernel: string,
      dtype: string,
      label: string,
      valid: boolean,
      b: number | null,
      f: number | null,
    ) => ({ kernel, dtype, label, valid, bytesPerSecond: b, flopsPerSecond: f }) satisfies RoofCandidate;
    const roofs = roofsFromMeasurements([
      m('stream-read', 'f32', 'read', true, 100e9, 25e9),
      m('stream-copy', 'f32', 'copy', true, 120e9, 0),
      m('stream-copy', 'f32', 'copy-failed', false, 900e9, 0),
      m('gemv', 'f32', 'gemv', true, 200e9, 100e9),
      m('fma-peak', 'f32', 'fma32', true, 0, 5e12),
      m('fma-peak', 'f16', 'fma16', true, 0, 9e12),
      m('fma-peak', 'f16', 'fma16-broken', false, 0, 90e12),
    ]);
    expect(roofs.memory).toEqual({ value: 120e9, label: 'copy' });
    expect(roofs.compute).toEqual({
      f32: { value: 5e12, label: 'fma32' },
      f16: { value: 9e12, label: 'fma16' },
    });
    expect(roofsFromMeasurements([])).toEqual({ memory: null, compute: {} });
  });
});
