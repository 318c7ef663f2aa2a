// The page's one number formatter (rounding happens only here; the data keeps full precision). SI decimal
// prefixes for physical units (GB = 1e9 B, TFLOP/s); k/M/B/T suffixes for counts (params, tokens, users),
// as the blog writes them ("583B tokens", "~32K proc tok/s"). About 3 significant figures: a number that
// is exact with 4 (3,125 tok/s, 1.536 TB, 312.5 tok/s) keeps its 4th, anything longer is rounded to 3
// (35,136 B → 35.1 kB, 112,969,833 → 113 M), so the page never shows false precision nor hides a round
// number the blog prints.

const prefixes: readonly (readonly [number, string])[] = [
  [1e18, 'E'],
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

function significant(value: number, digits: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(digits));
  // rounding up near Number.MAX_VALUE overflows (1.8e308 is Infinity): say it in exponent form instead
  if (!Number.isFinite(rounded)) return value.toExponential(digits - 1);
  const text = rounded.toString();
  return text.includes('e') ? value.toFixed(0) : text;
}

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

/** 3 significant figures, or 4 where 4 are exact: 3125 → "3,125", 312.5 → "312.5", 2.604 → "2.6". */
export function readable(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const four = Number(value.toPrecision(4));
  const shown = four === value ? four : Number(value.toPrecision(3));
  // above 4 digits the rounded integer is shown whole (12,345,678 never reaches here: callers suffix it)
  return grouping.format(Math.abs(shown) >= 1e4 ? Math.round(shown) : shown);
}

const countSuffixes: readonly (readonly [number, string])[] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * Counts: plain below 10,000 ("3,125", "340"), else k/M/B/T ("31.4 k", "113 M", "1.03 T"). `from`: the
 * first value to suffix (chart ticks use 1,000, so "5k" sits beside "10k").
 */
export function countText(value: number, from = 1e4): string {
  if (!Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude >= from) {
    for (const [step, suffix] of countSuffixes) {
      if (magnitude >= step) return `${readable(value / step)} ${suffix}`;
    }
  }
  return readable(value);
}

/** Nouns whose singular is not the plural minus an s, or that have none ("tok/s"). */
const singulars: Readonly<Record<string, string>> = { GPUs: 'GPU', params: 'param' };

/** The unit's singular when the value is exactly ±1: "1 GPU", "1 user", "3 GPUs". */
export function nounFor(value: number, plural: string): string {
  if (Math.abs(value) !== 1) return plural;
  if (singulars[plural]) return singulars[plural];
  return /^[a-z]+s$/i.test(plural) ? plural.slice(0, -1) : plural;
}

/** "1 GPU", "3 GPUs", "1.03 T params", "113 M tokens/h", "85.4 k tokens"; "—" when not finite. */
export function count(value: number | null | undefined, plural = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const noun = plural ? nounFor(value, plural) : '';
  return noun ? `${countText(value)} ${noun}` : countText(value);
}

/** 1.234e12, "B/s" → "1.23 TB/s"; never "NaN" (non-finite → "—"). */
export function si(value: number | null | undefined, unit: string, digits?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  const text = (v: number) => (digits === undefined ? readable(v) : significant(v, digits));
  for (const [step, prefix] of prefixes) {
    if (magnitude >= step) return `${text(value / step)} ${prefix}${unit}`;
  }
  return `${text(value)} ${unit}`.trimEnd();
}

/** Seconds with a sub-second prefix: 0.00123 → "1.23 ms". */
export function seconds(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude === 0 || magnitude >= 1) return `${significant(value, digits)} s`;
  if (magnitude >= 1e-3) return `${significant(value * 1e3, digits)} ms`;
  if (magnitude >= 1e-6) return `${significant(value * 1e6, digits)} µs`;
  return `${significant(value * 1e9, digits)} ns`;
}

/** 0.4567 → "45.7 %". */
export function percent(fraction: number | null | undefined, digits = 3): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${significant(fraction * 100, digits)} %`;
}

/** A ratio like "×12.5" or "×0.0031". */
export function times(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio) || ratio <= 0) return '—';
  // Three significant digits at any size: ×3,400,042 reads as false precision, ×3,400,000 does not.
  return `×${ratio >= 100 ? Number(ratio.toPrecision(3)).toLocaleString('en-US') : significant(ratio, 3)}`;
}

/** Tick label for a power of ten: 0.01, 0.1, 1, 10, 100, 1k, 10k, 1M… (optionally with a unit). */
export function powerOfTenLabel(value: number, unit = ''): string {
  if (value < 1) return `${Number(value.toPrecision(1))}${unit ? ` ${unit}` : ''}`;
  const text = si(value, unit, 1);
  return unit ? text : text.replace(' ', '');
}

/** Arithmetic intensity: 1250 → "1,250 FLOP/B", 0.25 → "0.25 FLOP/B". */
export function intensity(flopsPerByte: number | null | undefined): string {
  if (flopsPerByte === null || flopsPerByte === undefined || !Number.isFinite(flopsPerByte)) return '—';
  return `${readable(flopsPerByte)} FLOP/B`;
}
