import { describe, expect, it } from 'vitest';
import {
  count,
  intensity,
  percent,
  powerOfTenLabel,
  readable,
  seconds,
  si,
  times,
} from '../../../src/charts/format.ts';

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

  it('readable keeps a 4th significant figure only when it is exact', () => {
    expect(readable(3125)).toBe('3,125');
    expect(readable(312.5)).toBe('312.5');
    expect(readable(2.6041666)).toBe('2.6');
    expect(readable(35.136)).toBe('35.1');
    expect(readable(1.536)).toBe('1.536');
    expect(readable(0.0368)).toBe('0.0368');
    expect(readable(Number.NaN)).toBe('—');
  });

  it('count(value, plural) suffixes k/M/B/T and says "1 GPU"', () => {
    expect(count(1, 'GPUs')).toBe('1 GPU');
    expect(count(8, 'GPUs')).toBe('8 GPUs');
    expect(count(1.03e12, 'params')).toBe('1.03 T params');
    expect(count(112_969_832.7, 'tokens/h')).toBe('113 M tokens/h');
    expect(count(17_299.2)).toBe('17.3 k');
    expect(count(Number.POSITIVE_INFINITY, 'users')).toBe('—');
  });

  it('powerOfTenLabel labels log ticks compactly', () => {
    expect(powerOfTenLabel(0.01)).toBe('0.01');
    expect(powerOfTenLabel(1)).toBe('1');
    expect(powerOfTenLabel(1000)).toBe('1k');
    expect(powerOfTenLabel(1e13, 'FLOP/s')).toBe('10 TFLOP/s');
  });
});
