// The last line of defence behind the input ranges (inputBounds.ts): every number an evaluation produces
// must be finite before anything prints or draws it. null is an absent value (no SLA batch, no measured
// point) and stays allowed; NaN and ±Infinity are not.
import type { ScenarioResult } from './evaluate.ts';

/** Where non-finite numbers sit in `value` ("figures.bill.savings = -Infinity"), at most `limit` of them. */
export function nonFiniteNumbers(value: unknown, path = '', limit = 5): string[] {
  const found: string[] = [];
  const visit = (node: unknown, at: string): void => {
    if (found.length >= limit) return;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) found.push(`${at} = ${node}`);
      return;
    }
    if (ArrayBuffer.isView(node) && !(node instanceof DataView)) {
      const array = node as unknown as ArrayLike<number>;
      for (let i = 0; i < array.length && found.length < limit; i++) visit(array[i], `${at}[${i}]`);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${at}[${i}]`);
      });
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) visit(item, at === '' ? key : `${at}.${key}`);
    }
  };
  visit(value, path);
  return found;
}

/** The non-finite outputs of an evaluation (figure values, the sweep, economics, diagnostics). */
export function nonFiniteOutputs(result: ScenarioResult, limit = 5): string[] {
  const figures = Object.fromEntries(Object.entries(result.figures).map(([id, f]) => [id, f.value]));
  return nonFiniteNumbers(
    { figures, sweep: result.sweep, economics: result.economics, diagnostics: result.diagnostics },
    '',
    limit,
  );
}
