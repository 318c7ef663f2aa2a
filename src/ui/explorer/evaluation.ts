// One evaluation of the explorer's scenario: the query (URL) → ScenarioInputs exactly as `ridgeline
// project` builds them (preset → model/GPU choice → prices → --set overrides) → the engine's result.
// Impossible combinations come back as `problems` (one line each, naming the inputs), never as NaN.
import {
  type ChoiceKnob,
  type Culprit,
  checkScenario,
  choiceConflict,
  type InputSetting,
} from '../../model/checkScenario.ts';
import { evaluateScenario, type ScenarioResult } from '../../model/evaluate.ts';
import type { GpuPreset } from '../../model/presets/gpuTypes.ts';
import {
  CONFIG_MODEL_ID,
  ENGINE_PROFILES,
  engineIds,
  findGpuPreset,
  findModelPreset,
  gpuPresets,
  KV_PRECISIONS,
  type ModelPreset,
  modelPresets,
  type PresetSource,
  type ScenarioChoice,
  scenarioChoiceProblems,
  WEIGHT_PRECISIONS,
} from '../../model/presets/index.ts';
import { type BuiltScenario, buildScenario } from '../../model/scenario/buildScenario.ts';
import { describeFlag, NUMERIC_FLAGS, parseFlagValue } from '../../model/scenario/flagBounds.ts';
import { setInputPath } from '../../model/scenario/inputPaths.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import {
  editModel,
  isModelEditPath,
  type ModelEdit,
  ModelEditError,
  statedTotalNote,
  statedTotalProblem,
} from '../../model/scenario/modelEdits.ts';
import { isPresetName, PRESET_NAMES, presetInputs } from '../../model/scenario/scenarioPresets.ts';
import { validateInputs } from '../../model/scenario/validateInputs.ts';
import { clipForMessage } from '../../model/text/plainText.ts';
import { YOUR_GPU_ID, YOUR_GPU_LABEL } from './measuredRoofs.ts';
import {
  type ExplorerQuery,
  KNOB_OF_PATH,
  type PartialQuery,
  QUERY_PARAMS,
  type QueryChoices,
  type ScalarKey,
} from './urlState.ts';

/**
 * Inputs that are inconsistent together (or whose outputs would not be finite): refused as `ridgeline
 * project` refuses them (model/checkScenario.ts), in its words, and blamed on the same input.
 */
export interface Refusal {
  /** The knob to show it beside (the model picker when the model and GPU themselves are to blame)... */
  readonly knob: ScalarKey | null;
  /** ...or the set.<path> input's path. */
  readonly path: string | null;
  /** The link parameter as written: "set.tp8.gpusPerReplica=16", "gpus=16". */
  readonly param: string;
  /**
   * What `ridgeline project` says of the same flags, word for word: "--set tp8.gpusPerReplica=16:
   * inconsistent inputs: tp8.gpusPerReplica (16) must be <= hardware.gpusPerNode (8)".
   */
  readonly line: string;
}

export interface Evaluation {
  /** the complete query: what the link gave plus the defaults the engine filled in */
  readonly query: ExplorerQuery;
  readonly preset: string;
  /** inputs before the set.<path> overrides: each override's default */
  readonly baseInputs: ScenarioInputs | null;
  readonly inputs: ScenarioInputs | null;
  readonly result: ScenarioResult | null;
  /** why nothing could be computed (the figures show it in place) */
  readonly error: string | null;
  /** impossible or suspicious combinations, one line each */
  readonly problems: readonly string[];
  /** assumptions the scenario builder made (other model, other GPU) */
  readonly notes: readonly string[];
  /** set.<path> overrides that were refused, one line each */
  readonly droppedSets: readonly string[];
  /** the hardware the scenario runs on (a preset, or your GPU); null when not computed */
  readonly hardware: GpuPreset | null;
  /** inputs refused together, as the CLI refuses them; null when computed (or not computed for another reason) */
  readonly refusal: Refusal | null;
  /** the model served: a preset, one read from a config.json, either with set.model.* edits; null when not computed */
  readonly model: ModelPreset | null;
}

export function queryChoices(): QueryChoices {
  return {
    presets: PRESET_NAMES,
    models: modelPresets.map((m) => m.id),
    // "your GPU" is always a choice (a link may carry it); without a measured run it says what is missing
    gpus: [...gpuPresets.map((g) => g.id), YOUR_GPU_ID],
    weights: WEIGHT_PRECISIONS,
    kv: KV_PRECISIONS,
    engines: engineIds,
  };
}

export function queryLabels(): {
  models: Map<string, string>;
  gpus: Map<string, string>;
  engines: Map<string, string>;
} {
  return {
    engines: new Map(ENGINE_PROFILES.map((e) => [e.id, e.displayName])),
    models: new Map(modelPresets.map((m) => [m.id, m.displayName])),
    gpus: new Map([...gpuPresets.map((g) => [g.id, g.displayName] as const), [YOUR_GPU_ID, YOUR_GPU_LABEL]]),
  };
}

const DEFAULT_MODEL = 'kimi-k2.6';
const DEFAULT_GPU = 'b200';

function choiceOf(query: PartialQuery, yourGpu: GpuPreset | null, model: ModelPreset | null): ScenarioChoice {
  const choice: { -readonly [K in keyof ScenarioChoice]: ScenarioChoice[K] } = {
    modelId: query.model ?? DEFAULT_MODEL,
    gpuId: query.gpu ?? DEFAULT_GPU,
  };
  if (model !== null && model.id === choice.modelId) choice.customModel = model;
  if (choice.gpuId === YOUR_GPU_ID && yourGpu !== null) choice.customGpu = yourGpu;
  if (query.gpus !== undefined) choice.gpusPerNode = query.gpus;
  if (query.tp !== undefined) choice.tp = query.tp;
  if (query.weights !== undefined) choice.weights = query.weights as ScenarioChoice['weights'];
  if (query.kv !== undefined) choice.kv = query.kv as ScenarioChoice['kv'];
  if (query.context !== undefined) choice.context = query.context;
  if (query.batch !== undefined) choice.batch = query.batch;
  if (query.engine !== undefined) choice.engine = query.engine as ScenarioChoice['engine'];
  return choice;
}

/** Fill what the link left out from the built inputs, so the URL can always state the whole scenario. */
function complete(query: PartialQuery, inputs: ScenarioInputs | null, preset: string): ExplorerQuery {
  const fallback = inputs ?? presetInputs('default');
  return {
    preset,
    model: query.model ?? DEFAULT_MODEL,
    gpu: query.gpu ?? DEFAULT_GPU,
    gpus: query.gpus ?? fallback.hardware.gpusPerNode,
    tp: query.tp ?? fallback.scenario.tensorParallel,
    batch: query.batch ?? fallback.scenario.batch,
    context: query.context ?? fallback.scenario.kvContextTokens,
    weights: query.weights ?? 'fp4',
    kv: query.kv ?? 'fp8',
    engine: query.engine ?? fallback.projection.engine,
    gpuHour: query.gpuHour ?? fallback.pricing.gpuHourUsd,
    apiPrice: query.apiPrice ?? fallback.pricing.apiPricePerMTokUsd,
    sets: query.sets,
    ...(query.model === CONFIG_MODEL_ID && query.configModel ? { configModel: query.configModel } : {}),
  };
}

/** The model the query names before any edit: a preset, or the config.json model it carries. */
function baseModelOf(query: PartialQuery): ModelPreset | null {
  const id = query.model ?? DEFAULT_MODEL;
  if (id === CONFIG_MODEL_ID) return query.configModel ?? null;
  return findModelPreset(id) ?? null;
}

type EditedModel =
  | { readonly ok: true; readonly model: ModelPreset; readonly notes: readonly string[] }
  | { readonly ok: false; readonly edit: ModelEdit | undefined; readonly problem: string };

/**
 * set.model.* edits made to the model's architecture (modelEdits.ts), in link order. An edit that cannot be
 * made refuses the scenario as `ridgeline project --set` refuses it: blamed on the last edit of the path
 * the edit names (the CLI's projectScenario.ts servedModel), in its words.
 */
function editedModel(base: ModelPreset, edits: readonly ModelEdit[]): EditedModel {
  try {
    const edited = editModel(base, edits);
    return { ok: true, model: edited.model, notes: edited.notes };
  } catch (error) {
    if (!(error instanceof ModelEditError)) throw error;
    const edit = [...edits].reverse().find((e) => e.path === error.path) ?? edits.at(-1);
    return { ok: false, edit, problem: error.message };
  }
}

/** Knob values outside their flag's range (a link is parsed against it; a caller may not have been). */
function rangeProblems(query: PartialQuery): string[] {
  const problems: string[] = [];
  for (const { key, param, rule } of QUERY_PARAMS) {
    const value = query[key];
    const flag = NUMERIC_FLAGS[param];
    if (rule.kind !== 'number' || value === undefined || !flag) continue;
    if (typeof value !== 'number' || parseFlagValue(flag, String(value)) instanceof Error)
      problems.push(`${param} (${clipForMessage(String(value))}) must be ${describeFlag(flag)}`);
  }
  return problems;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `yourGpu`: the measured GPU as hardware (measuredRoofs.ts yourGpuPreset), used when the query's gpu is
 * "your-gpu"; without one that choice is not computed and says why.
 */
export function evaluateQuery(query: PartialQuery, yourGpu: GpuPreset | null = null): Evaluation {
  const preset = query.preset !== undefined && isPresetName(query.preset) ? query.preset : 'default';
  const baseModel = baseModelOf(query);
  const modelEdits = query.sets
    .filter(([path]) => isModelEditPath(path))
    .map(([path, value]) => ({ path, value }));
  const edited = baseModel === null ? null : editedModel(baseModel, modelEdits);
  const model = edited === null ? null : edited.ok ? edited.model : baseModel;
  const choice = choiceOf(query, yourGpu, model);
  // a scenario the engine cannot be given at all: nothing computed, the problems said in place
  const notComputed = (problems: readonly string[]): Evaluation => ({
    query: complete(query, null, preset),
    preset,
    baseInputs: null,
    inputs: null,
    result: null,
    error: `Not computed: ${problems.join('; ')}.`,
    problems,
    notes: [],
    droppedSets: [],
    hardware: null,
    refusal: null,
    model: null,
  });
  if (choice.gpuId === YOUR_GPU_ID && choice.customGpu === undefined) {
    return notComputed([
      'your GPU: run the measurement (or import a result with a bandwidth and a FLOP/s roof) first; its roofs are the hardware',
    ]);
  }
  const outOfRange = rangeProblems(query);
  if (outOfRange.length > 0) return notComputed(outOfRange);
  // TP against the node and the model's heads: refused as the CLI refuses the same flags, in its words
  const conflict = choiceConflict(
    choice,
    choice.customGpu?.id === choice.gpuId
      ? choice.customGpu.defaultGpusPerNode
      : findGpuPreset(choice.gpuId)?.defaultGpusPerNode,
  );
  if (conflict !== null) {
    const tp = String(choice.tp);
    return {
      ...notComputed([conflict]),
      refusal: { knob: 'tp', path: null, param: `tp=${tp}`, line: conflict },
    };
  }
  // a refusal of the CLI's that comes before the scenario's own check: a model.* edit or a stated total
  // that does not apply. The scenario is still built without it, so its inputs show, the refusal beside
  // the one to blame; nothing is computed.
  const setRefusal = (path: string, value: string, problem: string): Refusal => {
    const raw = clipForMessage(value);
    const line = `--set ${path}=${raw}: ${problem}`;
    return { knob: KNOB_OF_PATH[path] ?? null, path, param: `set.${path}=${raw}`, line };
  };
  let earlyRefusal: Refusal | null =
    edited !== null && !edited.ok
      ? setRefusal(edited.edit?.path ?? '', String(edited.edit?.value ?? ''), edited.problem)
      : null;
  const choiceProblems = scenarioChoiceProblems(choice);
  if (choiceProblems.length > 0) return notComputed(choiceProblems);
  let inputs: ScenarioInputs;
  let baseInputs: ScenarioInputs;
  let notes: readonly string[] = [];
  let built: BuiltScenario;
  const priced = (from: ScenarioInputs): ScenarioInputs => {
    let next = from;
    if (query.gpuHour !== undefined) next = setInputPath(next, 'pricing.gpuHourUsd', query.gpuHour);
    if (query.apiPrice !== undefined) next = setInputPath(next, 'pricing.apiPricePerMTokUsd', query.apiPrice);
    return next;
  };
  try {
    built = buildScenario(presetInputs(preset), choice);
    inputs = priced(built.inputs);
    notes = [...(edited?.ok ? edited.notes : []), ...built.notes];
    // each override's default is the unedited model's: the editor shows what an edit changed
    baseInputs =
      modelEdits.length > 0 && baseModel !== null
        ? priced(buildScenario(presetInputs(preset), { ...choice, customModel: baseModel }).inputs)
        : inputs;
  } catch (error) {
    return notComputed([message(error)]);
  }
  const droppedSets: string[] = [];
  const kept: (readonly [string, string])[] = [];
  const stepNotes: string[] = [];
  // model.* edits were made to the architecture before the build: kept in the link, not applied again
  const settingsKept: (readonly [string, string])[] = [];
  for (const set of query.sets) {
    const [path, raw] = set;
    if (isModelEditPath(path)) {
      kept.push(set);
      continue;
    }
    // a stated total the model counts itself: refused as `ridgeline project --set` refuses it
    const refused = model === null ? null : statedTotalProblem(model, path);
    if (refused !== null) {
      earlyRefusal ??= setRefusal(path, raw, refused);
      kept.push(set);
      continue;
    }
    try {
      inputs = setInputPath(inputs, path, raw);
      kept.push(set);
      settingsKept.push(set);
      if (path.startsWith('model.')) stepNotes.push(statedTotalNote(path));
    } catch (error) {
      droppedSets.push(`“set.${clipForMessage(path)}=${clipForMessage(raw)}” ignored: ${message(error)}.`);
    }
  }
  notes = [...notes, ...stepNotes];
  // prices first, then the set.<path> overrides, in link order: the CLI's order for the same flags
  const given: { setting: InputSetting; knob: ScalarKey | null; path: string | null; raw: string }[] = [];
  if (query.gpuHour !== undefined)
    given.push({
      setting: { path: 'pricing.gpuHourUsd', value: query.gpuHour },
      knob: 'gpuHour',
      path: null,
      raw: String(query.gpuHour),
    });
  if (query.apiPrice !== undefined)
    given.push({
      setting: { path: 'pricing.apiPricePerMTokUsd', value: query.apiPrice },
      knob: 'apiPrice',
      path: null,
      raw: String(query.apiPrice),
    });
  for (const [path, raw] of settingsKept)
    given.push({ setting: { path, value: raw }, knob: KNOB_OF_PATH[path] ?? null, path, raw });
  let result: ScenarioResult | null = null;
  let error: string | null = null;
  let refusal: Refusal | null = null;
  let problems: string[] = [];
  if (earlyRefusal !== null) {
    refusal = earlyRefusal;
    error = `Not computed: ${refusal.line}.`;
    problems = [refusal.line];
  } else
    try {
      const checked = checkScenario(
        presetInputs(preset),
        choice,
        given.map((g) => g.setting),
        built,
      );
      if (checked.ok) {
        result = checked.result;
        problems = [...result.warnings];
      } else {
        refusal = refusalOf(checked.culprit, checked.problem, query, choice, given);
        error = `Not computed: ${refusal.line}.`;
        // the CLI names the first problem; the others are listed after it
        problems = [refusal.line, ...validateInputs(inputs).slice(1)];
      }
    } catch (failure) {
      error = `Not computed: ${message(failure)}.`;
    }
  const sets = kept;
  return {
    query: complete({ ...query, sets }, baseInputs, preset),
    preset,
    baseInputs,
    inputs,
    result,
    error,
    problems,
    notes,
    droppedSets,
    hardware:
      choice.customGpu !== undefined && choice.customGpu.id === choice.gpuId
        ? choice.customGpu
        : (gpuPresets.find((g) => g.id === choice.gpuId) ?? null),
    refusal,
    model,
  };
}

/** The explorer's knob for each choice knob of the model (the CLI's --pp/--ep/--dp have none here). */
const KNOB_OF_CHOICE: Partial<Record<ChoiceKnob, ScalarKey>> = {
  gpusPerNode: 'gpus',
  tp: 'tp',
  weights: 'weights',
  kv: 'kv',
  context: 'context',
  batch: 'batch',
  engine: 'engine',
};

function refusalOf(
  culprit: Culprit,
  problem: string,
  query: PartialQuery,
  choice: ScenarioChoice,
  given: readonly { knob: ScalarKey | null; path: string | null; raw: string; setting: InputSetting }[],
): Refusal {
  if (culprit.kind === 'setting') {
    const g = given[culprit.index];
    if (g) {
      const raw = clipForMessage(g.raw);
      const param = g.path !== null ? `set.${g.path}` : paramOf(g.knob ?? 'preset');
      const flag = g.path !== null ? `--set ${g.path}=${raw}` : `--${param} ${raw}`;
      return { knob: g.knob, path: g.path, param: `${param}=${raw}`, line: `${flag}: ${problem}` };
    }
  }
  if (culprit.kind === 'knob') {
    const knob = KNOB_OF_CHOICE[culprit.knob] ?? null;
    const value = String(choice[culprit.knob]);
    if (knob !== null) {
      const param = paramOf(knob);
      return { knob, path: null, param: `${param}=${value}`, line: `--${param} ${value}: ${problem}` };
    }
  }
  const model = query.model ?? DEFAULT_MODEL;
  const gpu = query.gpu ?? DEFAULT_GPU;
  return {
    knob: 'model',
    path: null,
    param: `model=${model}&gpu=${gpu}`,
    // a config.json's model is the CLI's --model-config (the page's CLI line names the file so too)
    line: `${model === CONFIG_MODEL_ID ? '--model-config config.json' : `--model ${model}`} --gpu ${gpu}: ${problem}`,
  };
}

function paramOf(key: ScalarKey): string {
  return QUERY_PARAMS.find((p) => p.key === key)?.param ?? key;
}

/** The same scenario at another value of one input (TTFT against concurrency, the 3D contexts). */
export function evaluateVariant(inputs: ScenarioInputs, path: string, value: number): ScenarioResult | null {
  try {
    return evaluateScenario(setInputPath(inputs, path, value));
  } catch {
    return null;
  }
}

/** Where the selected presets' numbers come from (shown under the model and GPU pickers). */
export function presetSources(
  modelId: string,
  gpuId: string,
  hardware: GpuPreset | null = null,
): { model: readonly PresetSource[]; gpu: readonly PresetSource[] } {
  return {
    model: modelPresets.find((m) => m.id === modelId)?.sources ?? [],
    gpu: (hardware?.id === gpuId ? hardware : gpuPresets.find((g) => g.id === gpuId))?.sources ?? [],
  };
}
