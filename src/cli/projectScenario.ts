// A parsed `ridgeline project` request → the chain's inputs (through the model/GPU presets) → a result.
// Each flag has been checked against its range already; what is left are combinations: inputs that are
// inconsistent together, or a scenario whose outputs would not be finite. Either is refused with one line
// naming the flag that made it so (the first, in command-line order, after which it goes wrong).
import { evaluateScenario, type ScenarioResult } from '../model/evaluate.ts';
import { nonFiniteOutputs } from '../model/finiteOutputs.ts';
import { modelPreset } from '../model/presets/lookup.ts';
import type { ModelPreset } from '../model/presets/modelTypes.ts';
import { buildScenario } from '../model/scenario/buildScenario.ts';
import { setInputPath } from '../model/scenario/inputPaths.ts';
import type { ScenarioInputs } from '../model/scenario/inputs.ts';
import {
  editModel,
  isModelEditPath,
  ModelEditError,
  statedTotalNote,
  statedTotalProblem,
} from '../model/scenario/modelEdits.ts';
import { presetInputs } from '../model/scenario/scenarioPresets.ts';
import { validateInputs } from '../model/scenario/validateInputs.ts';
import type { ProjectRequest } from './projectArgs.ts';
import { UsageError } from './usage.ts';

export interface ProjectOutcome {
  request: ProjectRequest;
  inputs: ScenarioInputs;
  notes: string[];
  result: ScenarioResult;
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

/**
 * The model served: the --model preset or the --model-config file's, with the --set model.* edits made
 * to its architecture (in command-line order); a refused edit is a UsageError naming it.
 */
function servedModel(request: ProjectRequest): { model: ModelPreset; notes: readonly string[] } {
  let base: ModelPreset;
  try {
    base = request.modelConfig?.model ?? modelPreset(request.model);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const edits = request.sets.filter((set) => isModelEditPath(set.path));
  try {
    const edited = editModel(base, edits);
    return { model: edited.model, notes: [...(request.modelConfig?.notes ?? []), ...edited.notes] };
  } catch (error) {
    if (!(error instanceof ModelEditError)) throw error;
    const edit = [...edits].reverse().find((set) => set.path === error.path) ?? edits.at(-1);
    throw new UsageError(`--set ${edit ? `${edit.path}=${edit.value}` : error.path}: ${error.message}`);
  }
}

function build(
  request: ProjectRequest,
  model: ModelPreset,
  without?: string,
): ReturnType<typeof buildScenario> {
  const given = (key: (typeof CHOICE_FLAGS)[number][1]) =>
    key === without ? undefined : (request[key] as never);
  const choice = {
    modelId: model.id,
    customModel: model,
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

function steps(request: ProjectRequest, model: ModelPreset, notes: string[]): Step[] {
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
  for (const { path, value } of request.sets) {
    // model.* fields were edited into the architecture before the build
    if (isModelEditPath(path)) continue;
    const flag = `--set ${path}=${value}`;
    const refused = statedTotalProblem(model, path);
    if (refused !== null) throw new UsageError(`${flag}: ${refused}`);
    if (path.startsWith('model.')) notes.push(statedTotalNote(path));
    list.push({ flag, apply: (i) => setInputPath(i, path, value) });
  }
  return list;
}

/** What is wrong with these inputs as a whole (inconsistent, or outputs not finite); null when nothing. */
function wrongWith(inputs: ScenarioInputs): string | null {
  const problems = validateInputs(inputs);
  if (problems.length > 0) return `inconsistent inputs: ${problems[0]}`;
  const result = evaluateScenario(inputs);
  const infinite = nonFiniteOutputs(result, 1);
  return infinite.length > 0
    ? `the projection would not be finite (${infinite[0]}); nothing is printed`
    : null;
}

/** The user's flag that makes the scenario go wrong: the first step after which `wrongWith` says so. */
function culprit(
  request: ProjectRequest,
  model: ModelPreset,
  built: ScenarioInputs,
  list: readonly Step[],
): string {
  if (wrongWith(built) !== null) {
    // the built scenario itself: the knob whose removal mends it, else the model and GPU
    for (const [flag, key] of CHOICE_FLAGS) {
      if (request[key] === undefined) continue;
      try {
        if (wrongWith(build(request, model, key).inputs) === null) return `--${flag} ${request[key]}`;
      } catch {
        // without this knob the choice does not build: not the one to blame
      }
    }
    const named = request.modelConfig
      ? `--model-config ${request.modelConfig.file}`
      : `--model ${request.model}`;
    return `${named} --gpu ${request.gpu}`;
  }
  let inputs = built;
  for (const step of list) {
    inputs = step.apply(inputs);
    if (wrongWith(inputs) !== null) return step.flag;
  }
  return list.at(-1)?.flag ?? `--model ${request.model}`;
}

export function projectScenario(request: ProjectRequest): ProjectOutcome {
  const served = servedModel(request);
  let built: ReturnType<typeof buildScenario>;
  try {
    built = build(request, served.model);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const stepNotes: string[] = [];
  const list = steps(request, served.model, stepNotes);
  let inputs = built.inputs;
  for (const step of list) {
    try {
      inputs = step.apply(inputs);
    } catch (error) {
      throw new UsageError(`${step.flag}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const problem = wrongWith(inputs);
  if (problem !== null)
    throw new UsageError(`${culprit(request, served.model, built.inputs, list)}: ${problem}`);
  return {
    request,
    inputs,
    notes: [...served.notes, ...built.notes, ...stepNotes],
    result: evaluateScenario(inputs),
  };
}
