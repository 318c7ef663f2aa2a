// A parsed `ridgeline project` request → the chain's inputs (through the model/GPU presets) → a result.
// Each flag has been checked against its range already; what is left are combinations: inputs that are
// inconsistent together, or a scenario whose outputs would not be finite. model/checkScenario.ts judges
// them, as it does for the explorer, and names the input to blame; here it is said as the flag the user
// wrote, in one line (the first, in command-line order, after which it goes wrong).
import { type ChoiceKnob, type Culprit, checkScenario, type InputSetting } from '../model/checkScenario.ts';
import type { ScenarioResult } from '../model/evaluate.ts';
import type { ScenarioChoice } from '../model/presets/index.ts';
import type { ScenarioInputs } from '../model/scenario/inputs.ts';
import { presetInputs } from '../model/scenario/scenarioPresets.ts';
import type { ProjectRequest } from './projectArgs.ts';
import { UsageError } from './usage.ts';

export interface ProjectOutcome {
  request: ProjectRequest;
  inputs: ScenarioInputs;
  notes: string[];
  result: ScenarioResult;
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
};

function choiceOf(request: ProjectRequest): ScenarioChoice {
  const choice: Record<string, unknown> = { modelId: request.model, gpuId: request.gpu };
  for (const [knob, flag] of Object.entries(KNOB_FLAGS))
    if (request[flag] !== undefined) choice[knob] = request[flag];
  return choice as unknown as ScenarioChoice;
}

/** The settings after the choice, in the CLI's order (prices, then --set), each with its flag as written. */
function settingsOf(request: ProjectRequest): { settings: InputSetting[]; flags: string[] } {
  const settings: InputSetting[] = [];
  const flags: string[] = [];
  const { gpuHourUsd, apiPricePerMTokUsd } = request;
  if (gpuHourUsd !== undefined) {
    settings.push({ path: 'pricing.gpuHourUsd', value: gpuHourUsd });
    flags.push(`--gpu-hour ${gpuHourUsd}`);
  }
  if (apiPricePerMTokUsd !== undefined) {
    settings.push({ path: 'pricing.apiPricePerMTokUsd', value: apiPricePerMTokUsd });
    flags.push(`--api-price ${apiPricePerMTokUsd}`);
  }
  for (const { path, value } of request.sets) {
    settings.push({ path, value });
    flags.push(`--set ${path}=${value}`);
  }
  return { settings, flags };
}

function flagOf(culprit: Culprit, request: ProjectRequest, flags: readonly string[]): string {
  if (culprit.kind === 'knob') {
    const flag = KNOB_FLAGS[culprit.knob];
    return `--${flag} ${String(request[flag])}`;
  }
  if (culprit.kind === 'setting') return flags[culprit.index] ?? `--model ${request.model}`;
  return `--model ${request.model} --gpu ${request.gpu}`;
}

export function projectScenario(request: ProjectRequest): ProjectOutcome {
  const { settings, flags } = settingsOf(request);
  let checked: ReturnType<typeof checkScenario>;
  try {
    checked = checkScenario(presetInputs(request.preset), choiceOf(request), settings);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!checked.ok) throw new UsageError(`${flagOf(checked.culprit, request, flags)}: ${checked.problem}`);
  return { request, inputs: checked.inputs, notes: [...checked.notes], result: checked.result };
}
