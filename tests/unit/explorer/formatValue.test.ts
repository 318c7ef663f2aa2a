import { describe, expect, it } from 'vitest';
import { formatFigureValue, formatWithUnit } from '../../../src/ui/explorer/formatValue.ts';

describe('formatFigureValue(value, unit, id)', () => {
  it('shows SI bytes, rates, seconds and money as the blog does', () => {
    expect(formatWithUnit(956e9, 'B')).toBe('956 GB');
    expect(formatWithUnit(35_136, 'B')).toBe('35.14 KB');
    expect(formatWithUnit(50e12, 'B/s')).toBe('50 TB/s');
    expect(formatWithUnit(0.0368, 's')).toBe('36.8 ms');
    expect(formatWithUnit(43.3676, 's')).toBe('43.37 s');
    expect(formatWithUnit(312.5, 'tok/s')).toBe('312.5 tok/s');
    expect(formatWithUnit(1.25e6, 'tok/s')).toBe('1.25 Mtok/s');
    expect(formatWithUnit(35_040, 'USD/month')).toBe('$35,040 /month');
    expect(formatWithUnit(0.424892, 'USD/Mtok')).toBe('$0.425 /Mtok');
  });

  it('shows fractions as percent by figure id, and plain ratios as numbers', () => {
    expect(formatWithUnit(0.10766, '', 'decode.mbu_measured_reproduced')).toBe('10.77 %');
    expect(formatWithUnit(1.6953, '×', 'tp4.uplift_ratio')).toBe('1.695 ×');
    expect(formatWithUnit(340, 'users')).toBe('340 users');
  });

  it('never prints NaN or Infinity', () => {
    expect(formatFigureValue(Number.NaN, 'B')).toBeNull();
    expect(formatFigureValue(Number.POSITIVE_INFINITY, 'tok/s')).toBeNull();
    expect(formatWithUnit(Number.NaN, 's')).toBe('—');
  });
});
