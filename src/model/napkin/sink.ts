// Where the chain's topic files put their figures: one Figure per golden id.
import type { Figure, FigureBasis } from '../explain/figure.ts';

export type FigureMap = Record<string, Figure>;

export interface FigureMeta {
  readonly label: string;
  readonly unit: string;
  readonly formula: string;
  readonly section: string;
  readonly basis: FigureBasis;
  readonly blogValue?: number;
  readonly note?: string;
}

export function put(
  out: FigureMap,
  id: string,
  meta: FigureMeta,
  value: number,
  inputs: Record<string, number | string> = {},
): number {
  out[id] = { id, ...meta, value, inputs };
  return value;
}
