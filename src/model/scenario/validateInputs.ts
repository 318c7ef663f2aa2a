// Checks a whole scenario: every input against its kind and range (the check setInputPath makes of the one
// it sets), then the checks that span several inputs. Returns one line per problem, each naming the inputs
// and what is allowed; empty when the scenario can be evaluated.

import { boundOf } from './inputBounds.ts';
import { describeInput, getInputPath, INPUT_PATHS, parseInputValue } from './inputPaths.ts';
import type { ScenarioInputs } from './inputs.ts';
import { resolveArchitecture } from './resolve.ts';
import { projectionProblems } from './servedModel.ts';

export function validateInputs(inputs: ScenarioInputs): string[] {
  const problems: string[] = [];
  for (const entry of INPUT_PATHS) {
    const raw = getInputPath(inputs, entry.path);
    const parsed = parseInputValue(entry.kind, raw, boundOf(entry.path));
    if (parsed instanceof Error)
      problems.push(`${entry.path} = ${String(raw)}: expected ${describeInput(entry)}`);
  }
  const { model, hardware, empirical, tp8, tp4, request } = inputs;
  // A request of no prompt tokens has no fresh or cached share (0 / 0): the lifecycle needs one of them.
  if (!(request.freshTokensAvg + request.cachedTokensAvg > 0)) {
    problems.push(
      'request.freshTokensAvg + request.cachedTokensAvg must be > 0 (a request reads at least one prompt token)',
    );
  }
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
  // F25 divides the KV budget by KV bytes per user: attention always caches something per token
  if (problems.length === 0 && !(resolveArchitecture(inputs).kvBytesPerToken > 0)) {
    problems.push(
      'KV bytes per token (F23: model.numLayers × (model.kvLoraRank + model.qkRopeHeadDim) × precision.kvBytesPerValue) must be > 0: set model.kvLoraRank or overrides.kvBytesPerToken',
    );
  }
  // F37b divides by (measured pass − fixed overhead): the measured pass holds the overhead and then some
  if (!(tp8.perPassTimeMeasuredS > empirical.fixedOverheadS)) {
    problems.push(
      `tp8.perPassTimeMeasuredS (${tp8.perPassTimeMeasuredS} s) must be > empirical.fixedOverheadS (${empirical.fixedOverheadS} s): a measured pass includes the fixed overhead`,
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
  // the load simulator's requests: a prompt of at least one token, prompt and output inside the window
  const w = inputs.workload;
  const prompt = w.cachedTokens.median + w.freshTokens.median;
  if (!(prompt >= 1)) {
    problems.push(
      'workload.cachedTokens.median + workload.freshTokens.median must be >= 1 (a request reads at least one prompt token)',
    );
  } else if (prompt + w.outputTokens.median > model.contextWindowTokens) {
    problems.push(
      `workload.cachedTokens.median + workload.freshTokens.median + workload.outputTokens.median (${prompt + w.outputTokens.median} tokens) must be <= model.contextWindowTokens (${model.contextWindowTokens}): a prompt and its output longer than the context window cannot run`,
    );
  }
  problems.push(...projectionProblems(inputs));
  return problems;
}
