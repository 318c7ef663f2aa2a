// Display formatting of engine figures, through the page's one formatter (charts/format.ts): SI prefixes
// for bytes and FLOP, k/M/B/T for counts, about 3 significant figures. data-value keeps the raw number. A
// value that is not finite is never printed: the caller shows why instead.
import { countText, nounFor, readable, si } from '../../charts/format.ts';

export interface DisplayValue {
  readonly text: string;
  readonly unit: string;
}

const fractionIds = /(mbu|mfu|share|pct|gap|discount|fraction|hit_rate|savings_range)/;

// One formatter, made once: toLocaleString builds a new Intl formatter per call (≈20 µs), which across
// ~150 figures per input event would eat a third of the 50 ms recompute budget.
const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 35136 → "35,136"; for counts and token numbers in labels. */
export function grouped(value: number): string {
  return Number.isFinite(value) ? integerFormat.format(value) : '—';
}

/** Units with an SI prefix on the unit itself ("956 GB", "50 TB/s"). */
const siUnits = new Set(['B', 'B/s', 'FLOP', 'FLOP/s']);

/** "1.536 TB" → { text: "1.536", unit: "TB" }. */
function splitSi(value: number, unit: string): DisplayValue {
  const text = si(value, unit);
  const space = text.indexOf(' ');
  return space < 0 ? { text, unit: '' } : { text: text.slice(0, space), unit: text.slice(space + 1) };
}

/** "113 M" + "tokens/h" → { text: "113", unit: "M tokens/h" }; "1" + "GPUs" → "1 GPU". */
function counted(value: number, plural: string): DisplayValue {
  const text = countText(value);
  const space = text.indexOf(' ');
  const noun = nounFor(value, plural);
  if (space < 0) return { text, unit: noun };
  return { text: text.slice(0, space), unit: `${text.slice(space + 1)}${noun ? ` ${noun}` : ''}` };
}

function money(value: number, rest: string): DisplayValue {
  // dollars whole above $10 ($35,040 /month, as the blog prints them), cents below ($0.425 /Mtok)
  const text = Math.abs(value) < 10 ? readable(value) : integerFormat.format(Math.round(value));
  return { text: `$${text}`, unit: rest };
}

export function formatFigureValue(value: number, unit: string, id = ''): DisplayValue | null {
  if (!Number.isFinite(value)) return null;
  if (siUnits.has(unit)) return splitSi(value, unit);
  if (unit === 's') {
    if (Math.abs(value) < 1 && value !== 0) return { text: readable(value * 1e3), unit: 'ms' };
    return { text: readable(value), unit: 's' };
  }
  if (unit.startsWith('USD')) return money(value, unit.slice(3));
  if (unit === '' && fractionIds.test(id) && Math.abs(value) <= 2)
    return { text: readable(value * 100), unit: '%' };
  if (unit === '×' || unit === 'FLOP/B' || unit === '') return { text: countText(value), unit };
  // counts and count rates: tok/s, tokens, params, users, GPUs, replicas, nodes, experts, req/s, tokens/h
  return counted(value, unit);
}

/** One string for a value and its unit, e.g. "956 GB"; "—" when not finite. */
export function formatWithUnit(value: number, unit: string, id = ''): string {
  const display = formatFigureValue(value, unit, id);
  if (!display) return '—';
  return display.unit ? `${display.text} ${display.unit}` : display.text;
}
