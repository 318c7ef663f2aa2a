// `ridgeline project` flags → a validated request. Every mistake is a UsageError of one line that names
// the flag and what it accepts (main.ts prints it and exits 2).
import { PRESET_NAMES, type PresetName } from '../model/inputs.ts';
import {
  findGpuPreset,
  gpuIds,
  isGpuId,
  isKvPrecision,
  isModelId,
  isWeightPrecision,
  KV_PRECISIONS,
  type KvPrecision,
  modelIds,
  WEIGHT_PRECISIONS,
  type WeightPrecision,
} from '../model/presets/index.ts';
import { isPresetName } from '../model/scenarioPresets.ts';
import { UsageError } from './usage.ts';

export interface ProjectRequest {
  model: string;
  gpu: string;
  gpus?: number;
  tp?: number;
  pp?: number;
  ep?: number;
  dp?: number;
  batch?: number;
  context?: number;
  weights?: WeightPrecision;
  kv?: KvPrecision;
  gpuHourUsd?: number;
  apiPricePerMTokUsd?: number;
  preset: PresetName;
  sets: Array<{ path: string; value: string }>;
  json: boolean;
  /** print the per-operator tables (decode at the chosen B, the first prefill chunk) */
  ops: boolean;
  help: boolean;
}

const VALUE_FLAGS = [
  'model',
  'gpu',
  'gpus',
  'tp',
  'pp',
  'ep',
  'dp',
  'batch',
  'context',
  'weights',
  'kv',
  'gpu-hour',
  'api-price',
  'preset',
  'set',
] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];
const BOOLEAN_FLAGS = ['json', 'ops', 'help'] as const;

function isValueFlag(name: string): name is ValueFlag {
  return (VALUE_FLAGS as readonly string[]).includes(name);
}

function positiveInteger(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < 1) {
    throw new UsageError(`--${flag} '${raw}': expected an integer >= 1`);
  }
  return value;
}

function positiveNumber(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${flag} '${raw}': expected a finite number > 0`);
  }
  return value;
}

export function parseProjectArgs(argv: readonly string[]): ProjectRequest {
  const request: ProjectRequest = {
    model: 'kimi-k2.6',
    gpu: 'b200',
    preset: 'default',
    sets: [],
    json: false,
    ops: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h') {
      request.help = true;
      continue;
    }
    if (!arg.startsWith('--'))
      throw new UsageError(`project: unexpected argument '${arg}' (flags start with --; see --help)`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if ((BOOLEAN_FLAGS as readonly string[]).includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      if (name === 'json') request.json = true;
      else if (name === 'ops') request.ops = true;
      else request.help = true;
      continue;
    }
    if (!isValueFlag(name)) {
      throw new UsageError(
        `project: unknown flag '--${name}': allowed are ${[...VALUE_FLAGS, ...BOOLEAN_FLAGS].map((f) => `--${f}`).join(', ')}`,
      );
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      raw = next;
      i++;
    }
    applyFlag(request, name, raw);
  }
  const gpus = request.gpus ?? findGpuPreset(request.gpu)?.defaultGpusPerNode;
  if (request.tp !== undefined && gpus !== undefined && request.tp > gpus) {
    const source =
      request.gpus === undefined ? `the ${request.gpu} node's ${gpus} GPUs (set --gpus)` : `--gpus (${gpus})`;
    throw new UsageError(`--tp (${request.tp}) must be <= ${source}`);
  }
  return request;
}

function applyFlag(request: ProjectRequest, flag: ValueFlag, raw: string): void {
  switch (flag) {
    case 'model':
      if (!isModelId(raw)) throw new UsageError(`--model '${raw}': allowed are ${modelIds.join(', ')}`);
      request.model = raw;
      return;
    case 'gpu':
      if (!isGpuId(raw)) throw new UsageError(`--gpu '${raw}': allowed are ${gpuIds.join(', ')}`);
      request.gpu = raw;
      return;
    case 'weights':
      if (!isWeightPrecision(raw))
        throw new UsageError(`--weights '${raw}': allowed are ${WEIGHT_PRECISIONS.join(', ')}`);
      request.weights = raw;
      return;
    case 'kv':
      if (!isKvPrecision(raw)) throw new UsageError(`--kv '${raw}': allowed are ${KV_PRECISIONS.join(', ')}`);
      request.kv = raw;
      return;
    case 'preset':
      if (!isPresetName(raw))
        throw new UsageError(`--preset '${raw}': allowed are ${PRESET_NAMES.join(', ')}`);
      request.preset = raw;
      return;
    case 'gpus':
    case 'tp':
    case 'pp':
    case 'ep':
    case 'dp':
    case 'batch':
    case 'context':
      request[flag] = positiveInteger(flag, raw);
      return;
    case 'gpu-hour':
      request.gpuHourUsd = positiveNumber(flag, raw);
      return;
    case 'api-price':
      request.apiPricePerMTokUsd = positiveNumber(flag, raw);
      return;
    case 'set': {
      const eq = raw.indexOf('=');
      if (eq <= 0)
        throw new UsageError(`--set '${raw}': expected path=value, e.g. --set empirical.mbuMeasured=0.13`);
      request.sets.push({ path: raw.slice(0, eq), value: raw.slice(eq + 1) });
      return;
    }
  }
}
