// Number formatting for chart ticks and labels (display only: the engine keeps full precision).

const siSteps: readonly (readonly [number, string])[] = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** 1,250,000 → "1.25M"; 0.0368 → "0.0368"; never "NaN". */
export function compactNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  for (const [step, suffix] of siSteps) {
    if (magnitude >= step) return `${trimmed(value / step)}${suffix}`;
  }
  return trimmed(value);
}

function trimmed(value: number): string {
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return Number(value.toFixed(digits)).toString();
}

export function usd(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return `$${compactNumber(value)}`;
}
