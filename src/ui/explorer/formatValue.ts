// Display formatting of engine figures (rounding happens here and only here; data-value keeps the raw
// number). A value that is not finite is never printed: the caller shows why instead.

export interface DisplayValue {
  readonly text: string;
  readonly unit: string;
}

const fractionIds = /(mbu|mfu|share|pct|gap|discount|fraction|hit_rate|savings_range)/;

// One formatter each, made once: toLocaleString builds a new Intl formatter per call (≈20 µs), which
// across ~150 figures per input event would eat a third of the 50 ms recompute budget.
const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** 35136 → "35,136"; for counts and token numbers in labels. */
export function grouped(value: number): string {
  return Number.isFinite(value) ? integerFormat.format(value) : '—';
}

function digits(value: number, significant = 4): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 10 ** significant) return integerFormat.format(Math.round(value));
  return decimalFormat.format(Number(value.toPrecision(significant)));
}

function scaled(value: number, steps: readonly (readonly [number, string])[], base: string): DisplayValue {
  const magnitude = Math.abs(value);
  for (const [step, prefix] of steps) {
    if (magnitude >= step) return { text: digits(value / step), unit: `${prefix}${base}` };
  }
  return { text: digits(value), unit: base };
}

const decimal: readonly (readonly [number, string])[] = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'K'],
];

export function formatFigureValue(value: number, unit: string, id = ''): DisplayValue | null {
  if (!Number.isFinite(value)) return null;
  switch (unit) {
    case 'B':
      return scaled(value, decimal, 'B');
    case 'B/s':
      return scaled(value, decimal, 'B/s');
    case 'FLOP':
      return scaled(value, decimal, 'FLOP');
    case 'FLOP/s':
      return scaled(value, decimal, 'FLOP/s');
    case 's':
      if (Math.abs(value) < 1 && value !== 0) return { text: digits(value * 1e3), unit: 'ms' };
      return { text: digits(value), unit: 's' };
    case 'tok/s':
    case 'tokens':
      return Math.abs(value) >= 1e6 ? scaled(value, decimal, unit) : { text: digits(value), unit };
    case '':
      if (fractionIds.test(id) && Math.abs(value) <= 2) return { text: digits(value * 100), unit: '%' };
      return Math.abs(value) >= 1e6 ? scaled(value, decimal, '') : { text: digits(value, 4), unit: '' };
    default:
      if (unit.startsWith('USD')) {
        const rest = unit.slice(3);
        const money = Math.abs(value) < 10 ? digits(value, 3) : integerFormat.format(Math.round(value));
        return { text: `$${money}`, unit: rest };
      }
      return { text: Math.abs(value) >= 1e6 ? scaled(value, decimal, '').text : digits(value, 4), unit };
  }
}

/** One string for a value and its unit, e.g. "956 GB"; "—" when not finite. */
export function formatWithUnit(value: number, unit: string, id = ''): string {
  const display = formatFigureValue(value, unit, id);
  if (!display) return '—';
  return display.unit ? `${display.text} ${display.unit}` : display.text;
}
