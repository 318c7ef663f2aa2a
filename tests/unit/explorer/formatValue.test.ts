import { describe, expect, it } from 'vitest';
import { formatFigureValue, formatWithUnit } from '../../../src/ui/explorer/formatValue.ts';

describe('formatFigureValue(value, unit, id)', () => {
  it('shows SI bytes, rates, seconds and money as the blog does', () => {
    expect(formatWithUnit(956e9, 'B')).toBe('956 GB');
    expect(formatWithUnit(35_136, 'B')).toBe('35.1 kB');
    expect(formatWithUnit(1.536e12, 'B')).toBe('1.536 TB');
    expect(formatWithUnit(50e12, 'B/s')).toBe('50 TB/s');
    expect(formatWithUnit(0.0368, 's')).toBe('36.8 ms');
    expect(formatWithUnit(43.3676, 's')).toBe('43.4 s');
    expect(formatWithUnit(312.5, 'tok/s')).toBe('312.5 tok/s');
    expect(formatWithUnit(3125, 'tok/s')).toBe('3,125 tok/s');
    expect(formatWithUnit(1.25e6, 'tok/s')).toBe('1.25 M tok/s');
    expect(formatWithUnit(31_380.5, 'tok/s')).toBe('31.4 k tok/s');
    expect(formatWithUnit(35_040, 'USD/month')).toBe('$35,040 /month');
    expect(formatWithUnit(0.424892, 'USD/Mtok')).toBe('$0.425 /Mtok');
  });

  it('shows fractions as percent by figure id, and plain ratios as numbers', () => {
    expect(formatWithUnit(0.10766, '', 'decode.mbu_measured_reproduced')).toBe('10.8 %');
    expect(formatWithUnit(0.0624, '', 'prefill.mfu_stated')).toBe('6.24 %');
    expect(formatWithUnit(1.6953, '×', 'tp4.uplift_ratio')).toBe('1.7 ×');
    expect(formatWithUnit(340, 'users')).toBe('340 users');
  });

  it('counts with k/M/B/T suffixes and the singular for one (issue 13)', () => {
    expect(formatWithUnit(1e12, 'params')).toBe('1 T params');
    expect(formatWithUnit(1.0266e12, 'params')).toBe('1.03 T params');
    expect(formatWithUnit(32e9, 'params')).toBe('32 B params');
    expect(formatWithUnit(112_969_832.7, 'tokens/h')).toBe('113 M tokens/h');
    expect(formatWithUnit(583.416e9, 'tokens')).toBe('583 B tokens');
    expect(formatWithUnit(1, 'GPUs')).toBe('1 GPU');
    expect(formatWithUnit(3, 'GPUs')).toBe('3 GPUs');
    expect(formatWithUnit(1, 'users')).toBe('1 user');
    expect(formatWithUnit(2.6041666, 'GPUs')).toBe('2.6 GPUs');
    expect(formatWithUnit(85_056, 'tokens')).toBe('85.1 k tokens');
  });

  it('never prints NaN or Infinity', () => {
    expect(formatFigureValue(Number.NaN, 'B')).toBeNull();
    expect(formatFigureValue(Number.POSITIVE_INFINITY, 'tok/s')).toBeNull();
    expect(formatWithUnit(Number.NaN, 's')).toBe('—');
  });
});
