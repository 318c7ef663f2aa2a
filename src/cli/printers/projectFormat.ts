// Display formatting of SI values (rounding happens here and only here).
import { nounFor } from '../../model/units/format.ts';
import { finiteOrRefuse } from './finiteGuard.ts';

const SCALES: Record<string, readonly (readonly [number, string])[]> = {
  B: [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'KB'],
  ],
  'B/s': [
    [1e12, 'TB/s'],
    [1e9, 'GB/s'],
  ],
  'FLOP/s': [
    [1e15, 'PFLOP/s'],
    [1e12, 'TFLOP/s'],
    [1e9, 'GFLOP/s'],
  ],
  FLOP: [
    [1e12, 'TFLOP'],
    [1e9, 'GFLOP'],
  ],
  tokens: [
    [1e9, 'B tokens'],
    [1e6, 'M tokens'],
  ],
  'tokens/h': [
    [1e9, 'B tokens/h'],
    [1e6, 'M tokens/h'],
  ],
  params: [
    [1e12, 'T params'],
    [1e9, 'B params'],
    [1e6, 'M params'],
  ],
};

function grouped(value: number, digits: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function significant(value: number): string {
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 1000) return grouped(value, abs >= 1e5 ? 0 : 1);
  return Number(value.toPrecision(4)).toString();
}

/** A value with its unit; a non-finite value is refused (finiteGuard.ts), never printed as NaN. */
export function formatValue(value: number, unit: string): string {
  finiteOrRefuse(value, unit ? `a value in ${unit}` : 'a share');
  const scales = SCALES[unit];
  if (scales) {
    for (const [factor, label] of scales) {
      if (Math.abs(value) >= factor) return `${significant(value / factor)} ${label}`;
    }
    return `${significant(value)} ${unit}`;
  }
  if (unit === '') return `${Number((value * 100).toPrecision(4))}%`;
  if (unit === 's')
    return Math.abs(value) < 1 ? `${Number((value * 1e3).toPrecision(4))} ms` : `${significant(value)} s`;
  if (unit.startsWith('USD')) {
    const rest = unit.slice(3);
    const digits = Math.abs(value) < 10 ? 4 : Math.abs(value) < 1000 ? 2 : 0;
    return `${value < 0 ? '-' : ''}$${grouped(Math.abs(value), digits)}${rest}`;
  }
  // a count's noun agrees with it, as on the page: "1 GPU", "3 GPUs", "1 replica"
  return `${significant(value)} ${nounFor(value, unit)}`;
}
