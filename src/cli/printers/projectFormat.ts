// Display formatting of SI values for the CLI: ridgeline's one number formatter (model/units/format.ts),
// the same the page and the charts use, behind the printers' refusal of a non-finite value.
import { formatWithUnit, percent } from '../../model/units/format.ts';
import { finiteOrRefuse } from './finiteGuard.ts';

/**
 * A value with its unit, as the page shows it; a figure's id tells a fraction (shown as %) from a plain
 * ratio. Without an id, unit '' is a share and prints as a percentage. A non-finite value is refused
 * (finiteGuard.ts), never printed as NaN.
 */
export function formatValue(value: number, unit: string, id?: string): string {
  finiteOrRefuse(value, unit ? `a value in ${unit}` : 'a share');
  if (unit === '' && id === undefined) return percent(value);
  return formatWithUnit(value, unit, id);
}
