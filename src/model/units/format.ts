// ridgeline's one number formatter: the CLI, the page and the charts print every number through it, so a
// unit reads the same everywhere ("35.1 kB", never "35.1 KB" in one place and "35136 B" in another).
// Rounding happens only here; the data keeps full precision. Built on Intl.NumberFormat (en-US grouping).
//
// - SI decimal prefixes for physical units (GB = 1e9 B, TFLOP/s); sub-second times in ms, µs, ns.
// - k/M/B/T suffixes for counts (params, tokens, users), as the blog writes them ("583B tokens").
// - About 3 significant figures: a number exact with 4 (3,125 tok/s, 1.536 TB, 312.5 tok/s) keeps its 4th,
//   anything longer is rounded to 3 (35,136 B → 35.1 kB), so no false precision and no hidden round number.
// - Never NaN or Infinity: a value that is not finite prints as "—" (the CLI refuses it before printing).

/** What a number that cannot be shown prints as. */
export const NOT_SHOWN = '—';

// One Intl formatter per kind and digit count, made once: building one costs ~20 µs, and a recompute of the
// explorer prints hundreds of numbers.
const wholeNumbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const bySignificantDigits: Intl.NumberFormat[] = [];
const scientificByDigits: Intl.NumberFormat[] = [];

function formatter(cache: Intl.NumberFormat[], digits: number, scientific: boolean): Intl.NumberFormat {
  const cached = cache[digits];
  if (cached !== undefined) return cached;
  const made = new Intl.NumberFormat('en-US', {
    maximumSignificantDigits: digits,
    ...(scientific ? { notation: 'scientific' } : {}),
  });
  cache[digits] = made;
  return made;
}

const finite = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value);

/** `digits` significant figures, grouped: 1234.5 → "1,230" (3), 0.000123456 → "0.000123". */
export function significant(value: number, digits: number): string {
  if (!Number.isFinite(value)) return NOT_SHOWN;
  // past 1e21 no prefix is left to carry the magnitude: say it in exponent form rather than 22+ digits
  if (Math.abs(value) >= 1e21) return formatter(scientificByDigits, digits, true).format(value);
  return formatter(bySignificantDigits, digits, false).format(value);
}

/** 3 significant figures, or 4 where 4 are exact: 3125 → "3,125", 312.5 → "312.5", 2.604 → "2.6". */
export function readable(value: number): string {
  if (!Number.isFinite(value)) return NOT_SHOWN;
  return significant(value, Number(value.toPrecision(4)) === value ? 4 : 3);
}

/** A whole number with grouping: 35136 → "35,136"; for counts and token numbers in labels. */
export function grouped(value: number): string {
  return Number.isFinite(value) ? wholeNumbers.format(value) : NOT_SHOWN;
}

const siPrefixes: readonly (readonly [number, string])[] = [
  [1e18, 'E'],
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

const countSuffixes: readonly (readonly [number, string])[] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** A value with an SI prefix on its unit: 1.234e12, "B/s" → "1.23 TB/s"; 35136, "B" → "35.1 kB". */
export function si(value: number | null | undefined, unit: string, digits?: number): string {
  if (!finite(value)) return NOT_SHOWN;
  const magnitude = Math.abs(value);
  const text = (v: number) => (digits === undefined ? readable(v) : significant(v, digits));
  for (const [step, prefix] of siPrefixes) {
    if (magnitude >= step) return `${text(value / step)} ${prefix}${unit}`;
  }
  return `${text(value)} ${unit}`.trimEnd();
}

/**
 * Counts: plain below 10,000 ("3,125", "340"), else k/M/B/T ("31.4 k", "113 M", "1.03 T"). `from`: the
 * first value to suffix (chart ticks use 1,000, so "5k" sits beside "10k").
 */
export function countText(value: number, from = 1e4): string {
  if (!Number.isFinite(value)) return NOT_SHOWN;
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
  if (!finite(value)) return NOT_SHOWN;
  const noun = plural ? nounFor(value, plural) : '';
  return noun ? `${countText(value)} ${noun}` : countText(value);
}

/** Seconds, with ms, µs or ns below one second: 0.00123 → "1.23 ms", 8.966e-8 → "89.7 ns". */
export function seconds(value: number | null | undefined, digits = 3): string {
  if (!finite(value)) return NOT_SHOWN;
  const [scaled, unit] = secondsParts(value);
  return `${significant(scaled, digits)} ${unit}`;
}

function secondsParts(value: number): readonly [number, string] {
  const magnitude = Math.abs(value);
  if (magnitude === 0 || magnitude >= 1) return [value, 's'];
  if (magnitude >= 1e-3) return [value * 1e3, 'ms'];
  if (magnitude >= 1e-6) return [value * 1e6, 'µs'];
  return [value * 1e9, 'ns'];
}

/** A fraction as a percentage: 0.4567 → "45.7 %". */
export function percent(fraction: number | null | undefined, digits = 3): string {
  if (!finite(fraction)) return NOT_SHOWN;
  return `${significant(fraction * 100, digits)} %`;
}

/** A ratio like "×12.5" or "×0.0031"; "—" unless positive. */
export function times(ratio: number | null | undefined): string {
  if (!finite(ratio) || ratio <= 0) return NOT_SHOWN;
  // three significant digits at any size: ×3,400,042 reads as false precision, ×3,400,000 does not
  return `×${significant(ratio, 3)}`;
}

/** Tick label for a power of ten: 0.01, 0.1, 1, 10, 100, 1k, 10k, 1M… (optionally with a unit). */
export function powerOfTenLabel(value: number, unit = ''): string {
  if (value < 1) return `${significant(value, 1)}${unit ? ` ${unit}` : ''}`;
  const text = si(value, unit, 1);
  return unit ? text : text.replace(' ', '');
}

/** Arithmetic intensity: 1250 → "1,250 FLOP/B", 0.25 → "0.25 FLOP/B". */
export function intensity(flopsPerByte: number | null | undefined): string {
  if (!finite(flopsPerByte)) return NOT_SHOWN;
  return `${readable(flopsPerByte)} FLOP/B`;
}

/** Chart ticks: 1,250,000 → "1.25M"; 5,000 → "5k"; 0.0368 → "0.0368" (no space before the suffix). */
export function compactNumber(value: number): string {
  return countText(value, 1e3).replace(' ', '');
}

/** Dollars on a chart tick: "$35k". */
export function usd(value: number): string {
  if (!Number.isFinite(value)) return NOT_SHOWN;
  return `$${compactNumber(value)}`;
}

/** A number and its unit, apart: the page sets them in two elements. */
export interface DisplayValue {
  readonly text: string;
  readonly unit: string;
}

/** Figures without a unit that are fractions (shown as %), by figure id. */
const fractionIds = /(mbu|mfu|share|pct|gap|discount|fraction|hit_rate|savings_range)/;

/** Units that take an SI prefix on the unit itself ("956 GB", "50 TB/s"). */
const siUnits = new Set(['B', 'B/s', 'FLOP', 'FLOP/s']);

function split(text: string): DisplayValue {
  const space = text.indexOf(' ');
  return space < 0 ? { text, unit: '' } : { text: text.slice(0, space), unit: text.slice(space + 1) };
}

/** "113 M" + "tokens/h" → { text: "113", unit: "M tokens/h" }; "1" + "GPUs" → "1 GPU". */
function counted(value: number, plural: string): DisplayValue {
  const { text, unit } = split(countText(value));
  const noun = nounFor(value, plural);
  return { text, unit: [unit, noun].filter(Boolean).join(' ') };
}

function money(value: number, rest: string): DisplayValue {
  // dollars whole above $10 ($35,040 /month, as the blog prints them), cents below ($0.425 /Mtok)
  const text = Math.abs(value) < 10 ? readable(value) : grouped(Math.round(value));
  return { text: `$${text}`, unit: rest };
}

/**
 * A value in one of ridgeline's units (a figure's `unit`: B, B/s, FLOP, FLOP/s, s, USD…, tok/s, tokens,
 * GPUs…, '' for a ratio or, by figure id, a fraction), split into number and unit; null when not finite.
 */
export function formatFigureValue(value: number, unit: string, id = ''): DisplayValue | null {
  if (!Number.isFinite(value)) return null;
  if (siUnits.has(unit)) return split(si(value, unit));
  if (unit === 's') return split(seconds(value, Number(value.toPrecision(4)) === value ? 4 : 3));
  if (unit.startsWith('USD')) return money(value, unit.slice(3));
  if (unit === '' && fractionIds.test(id) && Math.abs(value) <= 2)
    return { text: readable(value * 100), unit: '%' };
  if (unit === '×' || unit === 'FLOP/B' || unit === '') return { text: countText(value), unit };
  // counts and count rates: tok/s, tokens, params, users, GPUs, replicas, nodes, experts, req/s, tokens/h
  return counted(value, unit);
}

/**
 * One string for a value and its unit, e.g. "956 GB", "36.8 ms", "$0.425/Mtok"; "—" when not finite. A
 * per-unit rate ("/Mtok", "/month") joins its number with no space, so a line break never splits it.
 */
export function formatWithUnit(value: number, unit: string, id = ''): string {
  const display = formatFigureValue(value, unit, id);
  if (!display) return NOT_SHOWN;
  if (!display.unit) return display.text;
  return display.unit.startsWith('/') ? `${display.text}${display.unit}` : `${display.text} ${display.unit}`;
}
