// Checks that span several inputs (a single input is checked by setInputPath). Returns one line per
// problem, each naming the inputs and what is allowed; empty when the scenario can be evaluated.
import { getInputPath, INPUT_PATHS, parseInputValue, rangeProblem } from './inputPaths.ts';
import type { ScenarioInputs } from './inputs.ts';
import { projectionProblems } from './projection/servedModel.ts';

export function validateInputs(inputs: ScenarioInputs): string[] {
  const problems: string[] = [];
  for (const entry of INPUT_PATHS) {
    const raw = getInputPath(inputs, entry.path);
    const parsed = parseInputValue(entry.kind, raw);
    if (parsed instanceof Error) problems.push(`${entry.path} = ${String(raw)}: expected ${parsed.message}`);
    else {
      const outside = rangeProblem(entry, parsed);
      if (outside !== null) problems.push(`${entry.path} = ${String(raw)}: expected ${outside}`);
    }
  }
  const { model, hardware, empirical, tp8, tp4 } = inputs;
  if (model.expertsPerToken > model.nRoutedExperts) {
    problems.push(
      `model.expertsPerToken (${model.expertsPerToken}) must be <= model.nRoutedExperts (${model.nRoutedExperts})`,
    );
  }
  if (model.activeParams > model.totalParams) {
    problems.push(
      `model.activeParams (${model.activeParams}) must be <= model.totalParams (${model.totalParams})`,
    );
  }
  if (empirical.mbuRange.lo > empirical.mbuRange.hi)
    problems.push('empirical.mbuRange.lo must be <= empirical.mbuRange.hi');
  for (const [name, replica] of [
    ['tp8.gpusPerReplica', tp8.gpusPerReplica],
    ['tp4.gpusPerReplica', tp4.gpusPerReplica],
  ] as const) {
    if (replica > hardware.gpusPerNode) {
      problems.push(`${name} (${replica}) must be <= hardware.gpusPerNode (${hardware.gpusPerNode})`);
    }
  }
  problems.push(...projectionProblems(inputs));
  return problems;
}
