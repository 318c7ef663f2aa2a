// Number formatting for chart ticks and labels, through the page's one formatter (charts/format.ts).
import { countText } from '../format.ts';

/** 1,250,000 → "1.25M"; 5,000 → "5k"; 0.0368 → "0.0368"; never "NaN". Ticks: no space before the suffix. */
export function compactNumber(value: number): string {
  return countText(value, 1e3).replace(' ', '');
}

export function usd(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return `$${compactNumber(value)}`;
}
