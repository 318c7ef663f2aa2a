// One check of a whole scenario, shared by `ridgeline project` and the explorer (a link, the knobs), so
// both refuse the same inputs with the same words and blame the same input: the inputs must be consistent
// together (validateInputs: more experts per token than routed, a replica above the node, no prompt
// tokens, no KV bytes per token…), and only then is the scenario evaluated, whose every output must be
// finite (and, where the caller simulates load, the workload one the replica can serve). A refused scenario names the input the user gave that made it so: the choice knob whose removal
// mends it, else the first setting (a price, a --set / set.<path>) after which it goes wrong, in the order
// given; the callers say it in their own syntax (a flag, a link parameter) beside the same problem text.
import { tensorParallelProblems } from './architecture/tensorParallel.ts';
import { evaluateScenario, nonFiniteOutputs, type ScenarioResult } from './evaluate.ts';
import { CONFIG_MODEL_ID } from './presets/configModel.ts';
import { findModelPreset, type ScenarioChoice } from './presets/index.ts';
import { type BuiltScenario, buildScenario } from './scenario/buildScenario.ts';
import { setInputPath } from './scenario/inputPaths.ts';
import type { ScenarioInputs } from './scenario/inputs.ts';
import { validateInputs } from './scenario/validateInputs.ts';
import { loadPlan } from './serving/loadSweep.ts';

/** The knobs of a choice a user can give, in the CLI's order (its flags; the explorer has a subset). */
export const CHOICE_KNOBS = [
  'gpusPerNode',
  'tp',
  'pp',
  'ep',
  'dp',
  'weights',
  'kv',
  'context',
  'batch',
  'engine',
] as const satisfies readonly (keyof ScenarioChoice)[];
export type ChoiceKnob = (typeof CHOICE_KNOBS)[number];

/** One input set on the built scenario (a price, a --set / set.<path>), in the order the user gave it. */
export interface InputSetting {
  readonly path: string;
  readonly value: string | number;
}

/** The input a refusal is blamed on. */
export type Culprit =
  | { readonly kind: 'choice' }
  | { readonly kind: 'knob'; readonly knob: ChoiceKnob }
  | { readonly kind: 'setting'; readonly index: number };

export type ScenarioCheck =
  | {
      readonly ok: true;
      readonly inputs: ScenarioInputs;
      readonly notes: readonly string[];
      readonly result: ScenarioResult;
    }
  | {
      readonly ok: false;
      /** The inputs as given (null when a setting could not be applied at all). */
      readonly inputs: ScenarioInputs | null;
      readonly notes: readonly string[];
      /** One line, with no non-finite number in it: "inconsistent inputs: model.expertsPerToken (500) …". */
      readonly problem: string;
      readonly culprit: Culprit;
    };

/**
 * Knobs that conflict with each other before anything is built (TP against the node, and against the
 * model's heads), in the one wording both the CLI and the explorer show. Inputs are named by their flags,
 * which are the explorer's link parameters too (urlState.ts). `nodeGpus`: the GPU's own node size, used
 * when the choice does not set gpusPerNode. Null when they agree.
 */
export function choiceConflict(
  choice: Pick<ScenarioChoice, 'modelId' | 'gpuId' | 'gpusPerNode' | 'tp' | 'customModel'>,
  nodeGpus: number | undefined,
): string | null {
  const gpus = choice.gpusPerNode ?? nodeGpus;
  if (choice.tp === undefined || gpus === undefined) return null;
  if (choice.tp > gpus) {
    const source =
      choice.gpusPerNode === undefined
        ? `the ${choice.gpuId} node's ${gpus} GPUs (set --gpus)`
        : `--gpus (${gpus})`;
    return `--tp (${choice.tp}) must be <= ${source}`;
  }
  const model =
    choice.customModel?.id === choice.modelId ? choice.customModel : findModelPreset(choice.modelId);
  if (!model) return null;
  // a preset by its id (as typed), a config.json's model by its label
  const name = model.id === CONFIG_MODEL_ID ? model.displayName : model.id;
  const problems = tensorParallelProblems(choice.tp, gpus, model.architecture.attention, name);
  return problems.length > 0 ? `--tp ${choice.tp}: ${problems.join('; ')}` : null;
}

type Judgement =
  | { readonly ok: true; readonly result: ScenarioResult }
  | { readonly ok: false; readonly problem: string };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the caller will show beyond the projection: `load`, the serving simulation (--load, the load panel). */
export interface CheckOptions {
  readonly load?: boolean;
}

/**
 * Whether these inputs can be shown: consistent together, with `load` a workload the replica can serve
 * (a median request no larger than its KV cache), then every output finite.
 */
export function judgeInputs(inputs: ScenarioInputs, options: CheckOptions = {}): Judgement {
  const problems = validateInputs(inputs);
  if (problems.length > 0) return { ok: false, problem: `inconsistent inputs: ${problems[0]}` };
  if (options.load) {
    const plan = loadPlan(inputs);
    if ('problems' in plan)
      return { ok: false, problem: `the load simulation cannot run: ${plan.problems[0] ?? 'no plan'}` };
  }
  let result: ScenarioResult;
  try {
    result = evaluateScenario(inputs);
  } catch (error) {
    return { ok: false, problem: `the projection could not be computed: ${message(error)}` };
  }
  // the last guard behind the ranges; where it sits, said without printing the value itself
  const infinite = nonFiniteOutputs(result, 1)[0];
  if (infinite !== undefined) {
    const where = infinite.replace(/ = \S+$/, '');
    return { ok: false, problem: `the projection would not be finite (${where} is not a finite number)` };
  }
  return { ok: true, result };
}

function apply(inputs: ScenarioInputs, setting: InputSetting): ScenarioInputs {
  return setInputPath(inputs, setting.path, setting.value);
}

/** The input to blame for a refused scenario (see the header). */
function culpritOf(
  base: ScenarioInputs,
  choice: ScenarioChoice,
  built: ScenarioInputs,
  settings: readonly InputSetting[],
  inconsistent: boolean,
  options: CheckOptions,
): Culprit {
  if (!judgeInputs(built, options).ok) {
    for (const knob of CHOICE_KNOBS) {
      if (choice[knob] === undefined) continue;
      try {
        if (judgeInputs(buildScenario(base, { ...choice, [knob]: undefined }).inputs, options).ok)
          return { kind: 'knob', knob };
      } catch {
        // without this knob the choice does not build: not the one to blame
      }
    }
    return { kind: 'choice' };
  }
  // an inconsistency is blamed on the setting that brings it in: validateInputs alone finds it (a link may
  // carry a hundred settings; an evaluation each would cost a second); a non-finite output needs evaluating
  const wrong = inconsistent
    ? (inputs: ScenarioInputs) => validateInputs(inputs).length > 0
    : (inputs: ScenarioInputs) => !judgeInputs(inputs, options).ok;
  let inputs = built;
  for (const [index, setting] of settings.entries()) {
    inputs = apply(inputs, setting);
    if (wrong(inputs)) return { kind: 'setting', index };
  }
  return settings.length > 0 ? { kind: 'setting', index: settings.length - 1 } : { kind: 'choice' };
}

/**
 * Builds `choice` on the preset inputs `base` (or takes `built`, that build already made), applies
 * `settings` in order, and judges the result. Throws only what buildScenario throws (a choice that names no
 * preset, a knob out of its range).
 */
export function checkScenario(
  base: ScenarioInputs,
  choice: ScenarioChoice,
  settings: readonly InputSetting[],
  built: BuiltScenario = buildScenario(base, choice),
  options: CheckOptions = {},
): ScenarioCheck {
  let inputs = built.inputs;
  for (const [index, setting] of settings.entries()) {
    try {
      inputs = apply(inputs, setting);
    } catch (error) {
      return {
        ok: false,
        inputs: null,
        notes: built.notes,
        problem: message(error),
        culprit: { kind: 'setting', index },
      };
    }
  }
  const judged = judgeInputs(inputs, options);
  if (judged.ok) return { ok: true, inputs, notes: built.notes, result: judged.result };
  return {
    ok: false,
    inputs,
    notes: built.notes,
    problem: judged.problem,
    culprit: culpritOf(base, choice, built.inputs, settings, validateInputs(inputs).length > 0, options),
  };
}
