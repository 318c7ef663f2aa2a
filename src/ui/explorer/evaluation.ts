// One evaluation of the explorer's scenario: the query (URL) → ScenarioInputs exactly as `ridgeline
// project` builds them (preset → model/GPU choice → prices → --set overrides) → the engine's result.
// Impossible combinations come back as `problems` (one line each, naming the inputs), never as NaN.
import { evaluateScenario, type ScenarioResult } from '../../model/evaluate.ts';
import { nonFiniteOutputs } from '../../model/finiteOutputs.ts';
import type { GpuPreset } from '../../model/presets/gpuTypes.ts';
import {
  ENGINE_PROFILES,
  engineIds,
  gpuPresets,
  KV_PRECISIONS,
  modelPresets,
  type PresetSource,
  type ScenarioChoice,
  scenarioChoiceProblems,
  WEIGHT_PRECISIONS,
} from '../../model/presets/index.ts';
import { buildScenario } from '../../model/scenario/buildScenario.ts';
import { describeFlag, NUMERIC_FLAGS, parseFlagValue } from '../../model/scenario/flagBounds.ts';
import { setInputPath } from '../../model/scenario/inputPaths.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { isPresetName, PRESET_NAMES, presetInputs } from '../../model/scenario/scenarioPresets.ts';
import { validateInputs } from '../../model/scenario/validateInputs.ts';
import { clipForMessage } from '../../model/text/plainText.ts';
import { YOUR_GPU_ID, YOUR_GPU_LABEL } from './measuredRoofs.ts';
import { type ExplorerQuery, type PartialQuery, QUERY_PARAMS, type QueryChoices } from './urlState.ts';

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

function choiceOf(query: PartialQuery, yourGpu: GpuPreset | null): ScenarioChoice {
  const choice: { -readonly [K in keyof ScenarioChoice]: ScenarioChoice[K] } = {
    modelId: query.model ?? DEFAULT_MODEL,
    gpuId: query.gpu ?? DEFAULT_GPU,
  };
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
  };
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
  const choice = choiceOf(query, yourGpu);
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
  });
  if (choice.gpuId === YOUR_GPU_ID && choice.customGpu === undefined) {
    return notComputed([
      'your GPU: run the measurement (or import a result with a bandwidth and a FLOP/s roof) first; its roofs are the hardware',
    ]);
  }
  const choiceProblems = [...rangeProblems(query), ...scenarioChoiceProblems(choice)];
  if (choiceProblems.length > 0) return notComputed(choiceProblems);
  let inputs: ScenarioInputs;
  let notes: readonly string[] = [];
  try {
    const built = buildScenario(presetInputs(preset), choice);
    inputs = built.inputs;
    notes = built.notes;
    if (query.gpuHour !== undefined) inputs = setInputPath(inputs, 'pricing.gpuHourUsd', query.gpuHour);
    if (query.apiPrice !== undefined)
      inputs = setInputPath(inputs, 'pricing.apiPricePerMTokUsd', query.apiPrice);
  } catch (error) {
    return notComputed([message(error)]);
  }
  const baseInputs = inputs;
  const droppedSets: string[] = [];
  const kept: (readonly [string, string])[] = [];
  for (const set of query.sets) {
    const [path, raw] = set;
    try {
      inputs = setInputPath(inputs, path, raw);
      kept.push(set);
    } catch (error) {
      droppedSets.push(`“set.${clipForMessage(path)}=${clipForMessage(raw)}” ignored: ${message(error)}.`);
    }
  }
  const problems = validateInputs(inputs);
  let result: ScenarioResult | null = null;
  let error: string | null = null;
  try {
    result = evaluateScenario(inputs);
    // behind the ranges, the last check (as the CLI's): a scenario with a NaN or Infinity anywhere in its
    // result is not shown at all
    const infinite = nonFiniteOutputs(result, 1);
    if (infinite.length > 0) {
      result = null;
      error = `Not computed: these inputs give a non-finite result (${infinite[0]}); change them.`;
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
    problems: [...problems, ...(result?.warnings ?? [])],
    notes,
    droppedSets,
    hardware:
      choice.customGpu !== undefined && choice.customGpu.id === choice.gpuId
        ? choice.customGpu
        : (gpuPresets.find((g) => g.id === choice.gpuId) ?? null),
  };
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
