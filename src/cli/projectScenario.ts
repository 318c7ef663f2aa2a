// A parsed `ridgeline project` request → the chain's inputs (through the model/GPU presets) → a result.
// Each flag has been checked against its range already; what is left are combinations: inputs that are
// inconsistent together, or a scenario whose outputs would not be finite. model/checkScenario.ts judges
// them, as it does for the explorer, and names the input to blame; here it is said as the flag the user
// wrote, in one line (the first, in command-line order, after which it goes wrong). The model served is
// the --model preset or the --model-config file's, with the --set model.* edits made to its architecture.
import { type ChoiceKnob, type Culprit, checkScenario, type InputSetting } from '../model/checkScenario.ts';
import type { ScenarioResult } from '../model/evaluate.ts';
import { nonFiniteNumbers } from '../model/evaluate.ts';
import { evaluateLoad, type LoadResult } from '../model/evaluateLoad.ts';
import type { ScenarioChoice } from '../model/presets/index.ts';
import { modelPreset } from '../model/presets/lookup.ts';
import type { ModelPreset } from '../model/presets/modelTypes.ts';
import { buildScenario } from '../model/scenario/buildScenario.ts';
import type { ScenarioInputs } from '../model/scenario/inputs.ts';
import {
  editModel,
  isModelEditPath,
  ModelEditError,
  statedTotalNote,
  statedTotalProblem,
} from '../model/scenario/modelEdits.ts';
import { presetInputs } from '../model/scenario/scenarioPresets.ts';
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

/** The flag of each choice knob (ProjectRequest holds them under the flag's name). */
const KNOB_FLAGS: Readonly<Record<ChoiceKnob, keyof ProjectRequest & string>> = {
  gpusPerNode: 'gpus',
  tp: 'tp',
  pp: 'pp',
  ep: 'ep',
  dp: 'dp',
  weights: 'weights',
  kv: 'kv',
  context: 'context',
  batch: 'batch',
  engine: 'engine',
};

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

function choiceOf(request: ProjectRequest, model: ModelPreset): ScenarioChoice {
  const choice: Record<string, unknown> = { modelId: model.id, customModel: model, gpuId: request.gpu };
  for (const [knob, flag] of Object.entries(KNOB_FLAGS))
    if (request[flag] !== undefined) choice[knob] = request[flag];
  return choice as unknown as ScenarioChoice;
}

/**
 * The settings after the choice, in the CLI's order (prices, the workload flags, then --set), each with its flag as written;
 * model.* edits were made to the architecture before the build, and the stated totals only where they apply.
 */
function settingsOf(
  request: ProjectRequest,
  model: ModelPreset,
): { settings: InputSetting[]; flags: string[]; notes: string[] } {
  const settings: InputSetting[] = [];
  const flags: string[] = [];
  const notes: string[] = [];
  const { gpuHourUsd, apiPricePerMTokUsd } = request;
  if (gpuHourUsd !== undefined) {
    settings.push({ path: 'pricing.gpuHourUsd', value: gpuHourUsd });
    flags.push(`--gpu-hour ${gpuHourUsd}`);
  }
  if (apiPricePerMTokUsd !== undefined) {
    settings.push({ path: 'pricing.apiPricePerMTokUsd', value: apiPricePerMTokUsd });
    flags.push(`--api-price ${apiPricePerMTokUsd}`);
  }
  for (const { flag, path, value } of request.workload) {
    settings.push({ path, value });
    flags.push(`--${flag} ${value}`);
    // a rate of arrivals is an open loop
    if (flag === 'qps') {
      settings.push({ path: 'workload.arrival', value: 'open' });
      flags.push(`--${flag} ${value}`);
    }
  }
  for (const { path, value } of request.sets) {
    if (isModelEditPath(path)) continue;
    const flag = `--set ${path}=${value}`;
    const refused = statedTotalProblem(model, path);
    if (refused !== null) throw new UsageError(`${flag}: ${refused}`);
    if (path.startsWith('model.')) notes.push(statedTotalNote(path));
    settings.push({ path, value });
    flags.push(flag);
  }
  return { settings, flags, notes };
}

function flagOf(culprit: Culprit, request: ProjectRequest, flags: readonly string[]): string {
  const named = request.modelConfig
    ? `--model-config ${request.modelConfig.file}`
    : `--model ${request.model}`;
  if (culprit.kind === 'knob') {
    const flag = KNOB_FLAGS[culprit.knob];
    return `--${flag} ${String(request[flag])}`;
  }
  if (culprit.kind === 'setting') return flags[culprit.index] ?? named;
  return `${named} --gpu ${request.gpu}`;
}

export function projectScenario(request: ProjectRequest): ProjectOutcome {
  const served = servedModel(request);
  const { settings, flags, notes } = settingsOf(request, served.model);
  let checked: ReturnType<typeof checkScenario>;
  try {
    const base = presetInputs(request.preset);
    const choice = choiceOf(request, served.model);
    checked = checkScenario(base, choice, settings, buildScenario(base, choice), { load: request.load });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!checked.ok) throw new UsageError(`${flagOf(checked.culprit, request, flags)}: ${checked.problem}`);
  return {
    request,
    inputs: checked.inputs,
    notes: [...served.notes, ...checked.notes, ...notes],
    result: checked.result,
    load: request.load ? simulateLoad(checked.inputs) : null,
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
