import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../src/cli/printers/projectFormat.ts';
import {
  count,
  formatFigureValue,
  formatWithUnit,
  intensity,
  percent,
  powerOfTenLabel,
  readable,
  seconds,
  si,
  times,
} from '../../../src/model/units/format.ts';

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
    expect(formatWithUnit(35_040, 'USD/month')).toBe('$35,040/month');
    expect(formatWithUnit(0.424892, 'USD/Mtok')).toBe('$0.425/Mtok');
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

describe('one formatter for the CLI, the page and the charts (issue 17)', () => {
  it('units read the same everywhere: kB not KB, prefixes not exponents, sub-ms times in µs and ns', () => {
    expect(si(35_136, 'B')).toBe('35.1 kB');
    expect(si(6.71e7, 'FLOP')).toBe('67.1 MFLOP');
    expect(formatWithUnit(8.966e-8, 's')).toBe('89.66 ns');
    expect(formatWithUnit(2.5e-5, 's')).toBe('25 µs');
    expect(seconds(0)).toBe('0 s');
    expect(seconds(1234)).toBe('1,230 s');
  });

  it('past every prefix, a magnitude is written in exponent form, never as 22 digits or Infinity', () => {
    expect(si(1.7e308, 'B')).toBe('1.7E290 EB');
    expect(readable(1e25)).toBe('1E25');
  });

  it("the CLI's printers print a figure exactly as the page does", () => {
    for (const [value, unit, id] of [
      [0.42489219, 'USD/Mtok', 'cost.tp8_per_m'],
      [35_040, 'USD/month', 'cost.node_per_month'],
      [0.1076554, '', 'decode.mbu_measured_reproduced'],
      [0.5, '', 'pass.overlap'],
      [2.6041666, 'GPUs', 'mem.gpus_to_load_raw'],
      [35_136, 'B', 'kv.bytes_per_token'],
      [0.0368, 's', 'pass.time_measured'],
      [583.416e9, 'tokens', 'fleet.monthly_tokens'],
    ] as const) {
      expect(formatValue(value, unit, id)).toBe(formatWithUnit(value, unit, id));
    }
    // without a figure id, '' is a share
    expect(formatValue(0.4567, '')).toBe('45.7 %');
  });
});
