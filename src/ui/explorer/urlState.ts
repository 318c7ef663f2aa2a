// The explorer's scenario lives in the query string, under the same names as `ridgeline project` flags
// (model, gpu, gpus, tp, batch, context, weights, kv, engine, gpu-hour, api-price, preset, set.<path>), so a shared
// link and a CLI command line describe the same scenario. Parsing never throws: a missing or invalid
// parameter falls back to its default and yields a notice naming it. A link is a stranger's text: numbers
// are read as the CLI reads them (strict decimal, each flag's range: model/scenario/flagBounds.ts), values are
// quoted back cut short, and the count of notices and set.<path> overrides is capped.

import {
  CONFIG_MODEL_FIELD_NAMES,
  CONFIG_MODEL_ID,
  decodeConfigModel,
  encodeConfigModel,
} from '../../model/presets/configModel.ts';
import type { ModelPreset } from '../../model/presets/modelTypes.ts';
import { NUMERIC_FLAGS, parseFlagValue } from '../../model/scenario/flagBounds.ts';
import { INPUT_PATHS } from '../../model/scenario/inputPaths.ts';
import { clipForMessage, plainText } from '../../model/text/plainText.ts';

export interface ExplorerQuery {
  readonly preset: string;
  readonly model: string;
  readonly gpu: string;
  readonly gpus: number;
  readonly tp: number;
  readonly batch: number;
  readonly context: number;
  readonly weights: string;
  readonly kv: string;
  /** the serving engine's profile */
  readonly engine: string;
  readonly gpuHour: number;
  readonly apiPrice: number;
  /** `set.<path>=<value>` overrides, in URL order (validated by the engine's setInputPath) */
  readonly sets: readonly (readonly [string, string])[];
  /**
   * The model read from a config.json, when model is `config`: the link carries its label, context and
   * architecture as `arch.<field>` parameters (presets/configModel.ts), never the file.
   */
  readonly configModel?: ModelPreset;
}

export type ScalarKey = Exclude<keyof ExplorerQuery, 'sets' | 'configModel'>;

export interface QueryChoices {
  readonly presets: readonly string[];
  readonly models: readonly string[];
  readonly gpus: readonly string[];
  readonly weights: readonly string[];
  readonly kv: readonly string[];
  readonly engines: readonly string[];
}

/** A choice among the presets, or a number read as its CLI flag is (NUMERIC_FLAGS[param]). */
type Rule = { readonly kind: 'choice'; readonly of: keyof QueryChoices } | { readonly kind: 'number' };

/** URL parameter name (= CLI flag without the dashes) for each query field, in display order. */
export const QUERY_PARAMS: readonly {
  readonly key: ScalarKey;
  readonly param: string;
  readonly rule: Rule;
}[] = [
  { key: 'preset', param: 'preset', rule: { kind: 'choice', of: 'presets' } },
  { key: 'model', param: 'model', rule: { kind: 'choice', of: 'models' } },
  { key: 'gpu', param: 'gpu', rule: { kind: 'choice', of: 'gpus' } },
  { key: 'gpus', param: 'gpus', rule: { kind: 'number' } },
  { key: 'tp', param: 'tp', rule: { kind: 'number' } },
  { key: 'batch', param: 'batch', rule: { kind: 'number' } },
  { key: 'context', param: 'context', rule: { kind: 'number' } },
  { key: 'weights', param: 'weights', rule: { kind: 'choice', of: 'weights' } },
  { key: 'kv', param: 'kv', rule: { kind: 'choice', of: 'kv' } },
  { key: 'engine', param: 'engine', rule: { kind: 'choice', of: 'engines' } },
  { key: 'gpuHour', param: 'gpu-hour', rule: { kind: 'number' } },
  { key: 'apiPrice', param: 'api-price', rule: { kind: 'number' } },
];

/** Input paths a scenario knob owns, by the knob's query key: a set.<path> of one is that knob's input. */
export const KNOB_OF_PATH: Readonly<Record<string, ScalarKey>> = {
  'hardware.gpusPerNode': 'gpus',
  'scenario.tensorParallel': 'tp',
  'scenario.batch': 'batch',
  'scenario.kvContextTokens': 'context',
  'pricing.gpuHourUsd': 'gpuHour',
  'pricing.apiPricePerMTokUsd': 'apiPrice',
};

export const SET_PREFIX = 'set.';
/** A config-loaded model's fields: arch.name, arch.context, arch.hiddenSize, … (read with model=config). */
export const ARCH_PREFIX = 'arch.';
/** set.<path> overrides a link may carry: one per input path is all a scenario can use. */
export const MAX_SETS = INPUT_PATHS.length;
/** Unknown parameters named one by one; past this, one line counts the rest. */
const MAX_UNKNOWN_NOTICES = 5;

/**
 * Your GPU's memory in GB, for "Your GPU beside the B200" (WebGPU cannot see it). A page setting, not a
 * scenario input: it has no CLI flag and is written to the link only when it differs from the default.
 */
export const LOCAL_MEMORY_PARAM = 'your-gpu-memory';
export const DEFAULT_LOCAL_MEMORY_GB = 16;
/** Parameters other parts of the page read (the measurement panel's test hook `fault`): not unknown. */
const OTHER_PAGE_PARAMS = ['fault'];

export type PartialQuery = Partial<Omit<ExplorerQuery, 'sets'>> & { readonly sets: ExplorerQuery['sets'] };

/**
 * model=config: the model rebuilt from the link's arch.<field> parameters, every field checked against
 * its range (the same decoding a dropped config.json's fields went through), or why it cannot be.
 */
function configModelOf(params: URLSearchParams): ModelPreset | Error {
  try {
    return decodeConfigModel((name) => params.get(`${ARCH_PREFIX}${name}`) ?? undefined);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export interface ParsedQuery {
  /** the parameters the link gave and that are valid; the rest come from the engine's defaults */
  readonly query: PartialQuery;
  /** one line per parameter that was refused, naming it */
  readonly notices: readonly string[];
  /** URL names of the parameters the link did not give (reported once the defaults are known) */
  readonly missing: readonly string[];
  /** `your-gpu-memory`, when the link gives a valid one */
  readonly localMemoryGb?: number;
}

function parseScalar(raw: string, param: string, rule: Rule, choices: QueryChoices): string | number | Error {
  if (rule.kind === 'choice') {
    const allowed = choices[rule.of];
    return allowed.includes(raw) ? raw : new Error(`expected one of ${allowed.join(', ')}`);
  }
  const flag = NUMERIC_FLAGS[param];
  if (!flag) return new Error('not a known number');
  const value = parseFlagValue(flag, raw);
  // parseFlagValue's message quotes the value; the notice already does
  return value instanceof Error ? new Error(value.message.replace(/^'.*?': /s, '')) : value;
}

export function parseQuery(search: string, choices: QueryChoices): ParsedQuery {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const known = new Set(QUERY_PARAMS.map((p) => p.param));
  const anyGiven = [...params.keys()].some((name) => known.has(name) || name.startsWith(SET_PREFIX));
  const values: Record<string, string | number> = {};
  const missing: string[] = [];
  let configModel: ModelPreset | undefined;
  for (const { key, param, rule } of QUERY_PARAMS) {
    const raw = params.get(param);
    if (raw === null) {
      // a plain visit (no scenario parameter at all) is the default scenario, not something to report
      if (anyGiven) missing.push(param);
      continue;
    }
    if (key === 'model' && raw === CONFIG_MODEL_ID) {
      const model = configModelOf(params);
      if (model instanceof Error) {
        notices.push(
          `“model=config” is not valid (arch.${plainText(model.message, 160)}): the default model is used.`,
        );
        missing.push(param);
      } else {
        values[key] = CONFIG_MODEL_ID;
        configModel = model;
      }
      continue;
    }
    const parsed = parseScalar(raw, param, rule, choices);
    if (parsed instanceof Error) {
      notices.push(
        `“${param}=${clipForMessage(raw)}” is not valid (${parsed.message}): the default ${param} is used.`,
      );
      continue;
    }
    values[key] = parsed;
  }
  let localMemoryGb: number | undefined;
  const rawMemory = params.get(LOCAL_MEMORY_PARAM);
  if (rawMemory !== null) {
    const parsed = parseScalar(rawMemory, LOCAL_MEMORY_PARAM, { kind: 'number' }, choices);
    if (typeof parsed === 'number') localMemoryGb = parsed;
    else
      notices.push(
        `“${LOCAL_MEMORY_PARAM}=${clipForMessage(rawMemory)}” is not valid (${parsed instanceof Error ? parsed.message : ''}): ${DEFAULT_LOCAL_MEMORY_GB} GB is used.`,
      );
  }
  const pageParams = new Set([
    LOCAL_MEMORY_PARAM,
    ...OTHER_PAGE_PARAMS,
    ...CONFIG_MODEL_FIELD_NAMES.map((name) => `${ARCH_PREFIX}${name}`),
  ]);
  if (configModel === undefined && [...params.keys()].some((name) => name.startsWith(ARCH_PREFIX)))
    notices.push(
      'arch.<field> parameters describe a config.json model and are read only with model=config: ignored.',
    );
  const unknown = [...new Set(params.keys())].filter(
    (name) => !known.has(name) && !pageParams.has(name) && !name.startsWith(SET_PREFIX),
  );
  for (const name of unknown.slice(0, MAX_UNKNOWN_NOTICES))
    notices.push(`Unknown parameter “${clipForMessage(name)}” ignored.`);
  if (unknown.length > MAX_UNKNOWN_NOTICES)
    notices.push(`${unknown.length - MAX_UNKNOWN_NOTICES} more unknown parameters ignored.`);
  const sets: [string, string][] = [];
  let extraSets = 0;
  for (const [name, raw] of params) {
    if (!name.startsWith(SET_PREFIX)) continue;
    if (sets.length < MAX_SETS) sets.push([name.slice(SET_PREFIX.length), raw]);
    else extraSets++;
  }
  if (extraSets > 0) notices.push(`${extraSets} set.<path> parameters past the first ${MAX_SETS} ignored.`);
  const query = {
    ...(values as Partial<Omit<ExplorerQuery, 'sets' | 'configModel'>>),
    sets,
    ...(configModel ? { configModel } : {}),
  };
  return localMemoryGb === undefined
    ? { query, notices, missing }
    : { query, notices, missing, localMemoryGb };
}

/** "gpus=8, tp=4": the values the defaults gave to the parameters a link left out. */
export function describeDefaults(missing: readonly string[], query: ExplorerQuery): string {
  return missing.map((param) => `${param}=${query[keyOf(param)]}`).join(', ');
}

function keyOf(param: string): ScalarKey {
  return QUERY_PARAMS.find((p) => p.param === param)?.key ?? 'preset';
}

/**
 * Every scalar parameter, then the set.<path> overrides: the full scenario in a shareable link; then your
 * GPU's memory when it is not the default.
 */
export function queryString(query: ExplorerQuery, localMemoryGb = DEFAULT_LOCAL_MEMORY_GB): string {
  const params = new URLSearchParams();
  for (const { key, param } of QUERY_PARAMS) params.set(param, String(query[key]));
  if (query.model === CONFIG_MODEL_ID && query.configModel) {
    for (const [name, value] of encodeConfigModel(query.configModel))
      params.set(`${ARCH_PREFIX}${name}`, value);
  }
  for (const [path, raw] of query.sets) params.set(`${SET_PREFIX}${path}`, raw);
  if (localMemoryGb !== DEFAULT_LOCAL_MEMORY_GB) params.set(LOCAL_MEMORY_PARAM, String(localMemoryGb));
  return `?${params.toString()}`;
}

/** The `ridgeline project` flags for the same scenario (shown on the page and used by the tests). */
export function cliArgs(query: ExplorerQuery): string[] {
  const args: string[] = [];
  for (const { key, param } of QUERY_PARAMS) {
    // a config-loaded model is the file it came from on the command line
    if (key === 'model' && query.model === CONFIG_MODEL_ID) args.push('--model-config', 'config.json');
    else args.push(`--${param}`, String(query[key]));
  }
  for (const [path, raw] of query.sets) args.push('--set', `${path}=${raw}`);
  return args;
}

export function withSet(query: ExplorerQuery, path: string, raw: string | null): ExplorerQuery {
  const sets = query.sets.filter(([p]) => p !== path);
  if (raw !== null) sets.push([path, raw]);
  return { ...query, sets };
}
