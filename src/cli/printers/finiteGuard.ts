// The printers' last check: no figure leaves as NaN or Infinity, in the table or in JSON (where
// JSON.stringify would turn it into a silent null). projectScenario refuses such scenarios first, naming the
// flag; reaching this guard means a path it missed, and the output is refused rather than printed wrong.
import { nonFiniteNumbers } from '../../model/evaluate.ts';
import type { ProjectOutcome } from '../projectScenario.ts';
import { UsageError } from '../usage.ts';

export class NonFiniteOutputError extends UsageError {}

function refuse(where: string): never {
  throw new NonFiniteOutputError(`refusing to print a non-finite value (${where}); change the inputs`);
}

/** Throws unless every number the printers read (inputs and the whole result) is finite. */
export function assertFiniteOutcome(outcome: ProjectOutcome): void {
  const { inputs, result } = outcome;
  const figures = Object.fromEntries(Object.entries(result.figures).map(([id, f]) => [id, f.value]));
  const [first] = nonFiniteNumbers(
    {
      inputs,
      figures,
      sweep: result.sweep,
      economics: result.economics,
      diagnostics: result.diagnostics,
      projection: result.projection,
      load: outcome.load,
    },
    '',
    1,
  );
  if (first !== undefined) refuse(first);
}

/** A JSON.stringify replacer that refuses NaN and ±Infinity instead of writing null. */
export function finiteJsonReplacer(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) refuse(`${key || '(root)'} = ${value}`);
  return value;
}

/** For formatted cells: the value itself, or a refusal when it is not finite. */
export function finiteOrRefuse(value: number, where: string): number {
  if (!Number.isFinite(value)) refuse(`${where} = ${value}`);
  return value;
}
