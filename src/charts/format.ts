// Display formatting for the measurement page (rounding happens only here; the data keeps full precision).
// SI decimal prefixes throughout (GB = 1e9 B), as the rest of ridgeline.

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

/** 1.234e12, "B/s" → "1.23 TB/s"; never "NaN" (non-finite → "—"). */
export function si(value: number | null | undefined, unit: string, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  for (const [step, prefix] of prefixes) {
    if (magnitude >= step) return `${significant(value / step, digits)} ${prefix}${unit}`;
  }
  return `${significant(value, digits)} ${unit}`.trimEnd();
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
  const text =
    Math.abs(flopsPerByte) >= 1000
      ? Math.round(flopsPerByte).toLocaleString('en-US')
      : significant(flopsPerByte, 3);
  return `${text} FLOP/B`;
}
