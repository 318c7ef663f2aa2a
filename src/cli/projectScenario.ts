// A parsed `ridgeline project` request → the chain's inputs (through the model/GPU presets) → a result.
// Each flag has been checked against its range already; what is left are combinations: inputs that are
// inconsistent together, or a scenario whose outputs would not be finite. Either is refused with one line
// naming the flag that made it so (the first, in command-line order, after which it goes wrong).
import { evaluateScenario, type ScenarioResult } from '../model/evaluate.ts';
import { evaluateLoad, type LoadResult } from '../model/evaluateLoad.ts';
import { nonFiniteNumbers, nonFiniteOutputs } from '../model/finiteOutputs.ts';
import { buildScenario } from '../model/scenario/buildScenario.ts';
import { setInputPath } from '../model/scenario/inputPaths.ts';
import type { ScenarioInputs } from '../model/scenario/inputs.ts';
import { presetInputs } from '../model/scenario/scenarioPresets.ts';
import { validateInputs } from '../model/scenario/validateInputs.ts';
import { loadPlan } from '../model/serving/loadSweep.ts';
import type { ProjectRequest } from './projectArgs.ts';
import { UsageError } from './usage.ts';

export interface ProjectOutcome {
  request: ProjectRequest;
  inputs: ScenarioInputs;
  notes: string[];
  result: ScenarioResult;
  /** the load simulation (--load); null without it */
  load: LoadResult | null;
}

/** One flag that changes the built inputs, as the user wrote it. */
interface Step {
  readonly flag: string;
  apply(inputs: ScenarioInputs): ScenarioInputs;
}

/** The flags buildScenario takes (model and GPU choice, node, knobs), as the user wrote them. */
const CHOICE_FLAGS = [
  ['gpus', 'gpus'],
  ['tp', 'tp'],
  ['pp', 'pp'],
  ['ep', 'ep'],
  ['dp', 'dp'],
  ['weights', 'weights'],
  ['kv', 'kv'],
  ['context', 'context'],
  ['batch', 'batch'],
] as const;

function build(request: ProjectRequest, without?: string): ReturnType<typeof buildScenario> {
  const given = (key: (typeof CHOICE_FLAGS)[number][1]) =>
    key === without ? undefined : (request[key] as never);
  const choice = {
    modelId: request.model,
    gpuId: request.gpu,
    gpusPerNode: given('gpus'),
    tp: given('tp'),
    pp: given('pp'),
    ep: given('ep'),
    dp: given('dp'),
    weights: given('weights'),
    kv: given('kv'),
    context: given('context'),
    batch: given('batch'),
  };
  const defined = Object.fromEntries(Object.entries(choice).filter(([, v]) => v !== undefined));
  return buildScenario(presetInputs(request.preset), defined as typeof choice);
}

function steps(request: ProjectRequest): Step[] {
  const list: Step[] = [];
  const { gpuHourUsd, apiPricePerMTokUsd } = request;
  if (gpuHourUsd !== undefined)
    list.push({
      flag: `--gpu-hour ${gpuHourUsd}`,
      apply: (i) => setInputPath(i, 'pricing.gpuHourUsd', gpuHourUsd),
    });
  if (apiPricePerMTokUsd !== undefined)
    list.push({
      flag: `--api-price ${apiPricePerMTokUsd}`,
      apply: (i) => setInputPath(i, 'pricing.apiPricePerMTokUsd', apiPricePerMTokUsd),
    });
  for (const { flag, path, value } of request.workload) {
    list.push({ flag: `--${flag} ${value}`, apply: (i) => setInputPath(i, path, value) });
    // a rate of arrivals is an open loop
    if (flag === 'qps')
      list.push({ flag: `--${flag} ${value}`, apply: (i) => setInputPath(i, 'workload.arrival', 'open') });
  }
  for (const { path, value } of request.sets) {
    list.push({ flag: `--set ${path}=${value}`, apply: (i) => setInputPath(i, path, value) });
  }
  return list;
}

/** What is wrong with these inputs as a whole (inconsistent, or outputs not finite); null when nothing. */
function wrongWith(inputs: ScenarioInputs, load: boolean): string | null {
  const problems = validateInputs(inputs);
  if (problems.length > 0) return `inconsistent inputs: ${problems[0]}`;
  // --load: a workload the replica cannot serve at all (a request larger than its KV cache)
  if (load) {
    const plan = loadPlan(inputs);
    if ('problems' in plan) return `the load simulation cannot run: ${plan.problems[0]}`;
  }
  const result = evaluateScenario(inputs);
  const infinite = nonFiniteOutputs(result, 1);
  return infinite.length > 0
    ? `the projection would not be finite (${infinite[0]}); nothing is printed`
    : null;
}

/** The user's flag that makes the scenario go wrong: the first step after which `wrongWith` says so. */
function culprit(request: ProjectRequest, built: ScenarioInputs, list: readonly Step[]): string {
  if (wrongWith(built, request.load) !== null) {
    // the built scenario itself: the knob whose removal mends it, else the model and GPU
    for (const [flag, key] of CHOICE_FLAGS) {
      if (request[key] === undefined) continue;
      try {
        if (wrongWith(build(request, key).inputs, request.load) === null) return `--${flag} ${request[key]}`;
      } catch {
        // without this knob the choice does not build: not the one to blame
      }
    }
    return `--model ${request.model} --gpu ${request.gpu}`;
  }
  let inputs = built;
  for (const step of list) {
    inputs = step.apply(inputs);
    if (wrongWith(inputs, request.load) !== null) return step.flag;
  }
  return list.at(-1)?.flag ?? `--model ${request.model}`;
}

export function projectScenario(request: ProjectRequest): ProjectOutcome {
  let built: ReturnType<typeof buildScenario>;
  try {
    built = build(request);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const list = steps(request);
  let inputs = built.inputs;
  for (const step of list) {
    try {
      inputs = step.apply(inputs);
    } catch (error) {
      throw new UsageError(`${step.flag}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const problem = wrongWith(inputs, request.load);
  if (problem !== null) throw new UsageError(`${culprit(request, built.inputs, list)}: ${problem}`);
  return {
    request,
    inputs,
    notes: [...built.notes],
    result: evaluateScenario(inputs),
    load: request.load ? simulateLoad(inputs) : null,
  };
}

/** The load simulation, or one line saying why the workload cannot run (exit 2). */
function simulateLoad(inputs: ScenarioInputs): LoadResult {
  const load = evaluateLoad(inputs);
  if ('problems' in load) throw new UsageError(`--load: ${load.problems[0] ?? 'the workload cannot run'}`);
  const [infinite] = nonFiniteNumbers(load, 'load', 1);
  if (infinite !== undefined)
    throw new UsageError(`--load: the simulation would not be finite (${infinite}); nothing is printed`);
  return load;
}
