import { describe, expect, it } from 'vitest';
import { intensity, percent, powerOfTenLabel, seconds, si, times } from '../../../src/charts/format.ts';

describe('format', () => {
  it('si(value, unit) uses decimal prefixes and 3 significant digits', () => {
    expect(si(8e12, 'B/s')).toBe('8 TB/s');
    expect(si(1.2345e10, 'FLOP/s')).toBe('12.3 GFLOP/s');
    expect(si(999, 'B')).toBe('999 B');
    expect(si(0.5, 'B')).toBe('0.5 B');
  });

  it('never prints NaN or Infinity', () => {
    expect(si(Number.NaN, 'B')).toBe('—');
    expect(si(Number.POSITIVE_INFINITY, 'B')).toBe('—');
    expect(si(null, 'B')).toBe('—');
    expect(seconds(Number.NaN)).toBe('—');
    expect(percent(undefined)).toBe('—');
    expect(times(0)).toBe('—');
    expect(intensity(null)).toBe('—');
  });

  it('seconds(value) picks ms, µs or ns below one second', () => {
    expect(seconds(2.5)).toBe('2.5 s');
    expect(seconds(0.00123)).toBe('1.23 ms');
    expect(seconds(4.2e-6)).toBe('4.2 µs');
    expect(seconds(3e-8)).toBe('30 ns');
  });

  it('percent, times and intensity', () => {
    expect(percent(0.4567)).toBe('45.7 %');
    expect(times(1250.4)).toBe('×1,250');
    expect(times(3_400_042)).toBe('×3,400,000');
    expect(times(0.00312)).toBe('×0.00312');
    expect(intensity(1250)).toBe('1,250 FLOP/B');
    expect(intensity(0.25)).toBe('0.25 FLOP/B');
  });

  it('powerOfTenLabel labels log ticks compactly', () => {
    expect(powerOfTenLabel(0.01)).toBe('0.01');
    expect(powerOfTenLabel(1)).toBe('1');
    expect(powerOfTenLabel(1000)).toBe('1k');
    expect(powerOfTenLabel(1e13, 'FLOP/s')).toBe('10 TFLOP/s');
  });
});
