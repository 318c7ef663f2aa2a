// `ridgeline project` flags → a validated request. Every flag is one row of PROJECT_FLAGS: its name, what
// value it takes, its help line and how it changes the request; a new flag is a new row. Numbers are read
// strictly (decimal only, integers where integers are meant) and checked against the physical range of the
// input they set (model/scenario/flagBounds.ts, model/scenario/inputBounds.ts). Every mistake is a UsageError of one line
// that names the flag and what it accepts (main.ts prints it and exits 2).
import { tensorParallelProblems } from '../model/architecture/tensorParallel.ts';
import {
  findGpuPreset,
  findModelPreset,
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
import { NUMERIC_FLAGS, parseFlagValue } from '../model/scenario/flagBounds.ts';
import { boundNumber, boundOf } from '../model/scenario/inputBounds.ts';
import { describeInput, INPUT_PATHS, parseInputValue } from '../model/scenario/inputPaths.ts';
import { isPresetName, PRESET_NAMES, type PresetName } from '../model/scenario/scenarioPresets.ts';
import { clipForMessage } from '../model/text/plainText.ts';
import { type FlagRow, readFlags } from './flagTable.ts';
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
  /** the load simulator's workload flags, by input path, in command-line order */
  workload: Array<{ flag: string; path: string; value: number }>;
  /** run the load simulation (the concurrency sweep, the SLA pick, $/M, the fleet) */
  load: boolean;
  preset: PresetName;
  sets: Array<{ path: string; value: string }>;
  json: boolean;
  /** print the per-operator tables (decode at the chosen B, the first prefill chunk) */
  ops: boolean;
  help: boolean;
}

export interface ProjectFlag extends FlagRow<ProjectRequest> {
  readonly help: string;
}

function choiceFlag<T extends string>(
  name: string,
  allowed: readonly T[],
  isAllowed: (raw: string) => raw is T,
  help: string,
  set: (request: ProjectRequest, value: T) => void,
): ProjectFlag {
  return {
    name,
    value: name === 'preset' ? 'NAME' : name === 'model' || name === 'gpu' ? 'ID' : 'P',
    help,
    apply(request, raw) {
      if (!isAllowed(raw))
        throw new UsageError(`--${name} '${clipForMessage(raw)}': allowed are ${allowed.join(', ')}`);
      set(request, raw);
    },
  };
}

function numericFlag(
  name: string,
  value: string,
  help: string,
  set: (request: ProjectRequest, value: number) => void,
): ProjectFlag {
  const flag = NUMERIC_FLAGS[name];
  if (!flag) throw new Error(`--${name} has no range in model/scenario/flagBounds.ts`);
  return {
    name,
    value,
    help: `${help} [${boundNumber(flag.bound.min)}–${boundNumber(flag.bound.max)}${flag.unit ? ` ${flag.unit}` : ''}]`,
    apply(request, raw) {
      const parsed = parseFlagValue(flag, raw);
      if (parsed instanceof Error) throw new UsageError(`--${name} ${parsed.message}`);
      set(request, parsed);
    },
  };
}

/** A workload flag: sets one workload input (its range is that input's), applied after the presets. */
function workloadFlag(name: string, value: string, help: string): ProjectFlag {
  const flag = NUMERIC_FLAGS[name];
  if (!flag?.path) throw new Error(`--${name} has no workload input in model/scenario/flagBounds.ts`);
  const path = flag.path;
  return numericFlag(name, value, help, (r, v) => {
    r.workload = r.workload.filter((entry) => entry.path !== path);
    r.workload.push({ flag: name, path, value: v });
  });
}

const switchFlag = (name: string, help: string, set: (request: ProjectRequest) => void): ProjectFlag => ({
  name,
  value: null,
  help,
  apply: (request) => set(request),
});

const PATHS = new Map(INPUT_PATHS.map((entry) => [entry.path, entry]));

/** --set given more often than this is a mistake (or a flood): ten per input path is already plenty. */
export const MAX_SETS = 10 * INPUT_PATHS.length;

/** `--set path=value`: a known path and a value it accepts, checked here so the error names the flag. */
function applySet(request: ProjectRequest, raw: string): void {
  if (request.sets.length >= MAX_SETS)
    throw new UsageError(
      `--set given more than ${MAX_SETS} times: at most ${MAX_SETS} (one per input is enough)`,
    );
  const eq = raw.indexOf('=');
  if (eq <= 0)
    throw new UsageError(
      `--set '${clipForMessage(raw)}': expected path=value, e.g. --set empirical.mbuMeasured=0.13`,
    );
  const path = raw.slice(0, eq);
  const value = raw.slice(eq + 1);
  const entry = PATHS.get(path);
  if (!entry)
    throw new UsageError(
      `--set: unknown input '${clipForMessage(path)}': see 'ridgeline project --help' for the valid paths`,
    );
  if (parseInputValue(entry.kind, value, boundOf(path)) instanceof Error)
    throw new UsageError(`--set ${path}='${clipForMessage(value)}': expected ${describeInput(entry)}`);
  request.sets.push({ path, value });
}

export const PROJECT_FLAGS: readonly ProjectFlag[] = [
  choiceFlag('model', modelIds, isModelId, `${modelIds.join(', ')} (default kimi-k2.6)`, (r, v) => {
    r.model = v;
  }),
  choiceFlag('gpu', gpuIds, isGpuId, `${gpuIds.join(', ')} (default b200)`, (r, v) => {
    r.gpu = v;
  }),
  numericFlag('gpus', 'N', "GPUs per node (default: the GPU preset's node size)", (r, v) => {
    r.gpus = v;
  }),
  numericFlag(
    'tp',
    'N',
    "tensor-parallel degree (divides --gpus and the model's heads; default: up to 8)",
    (r, v) => {
      r.tp = v;
    },
  ),
  numericFlag(
    'pp',
    'N',
    'pipeline stages (default 1; stages beyond one node span nodes over the network)',
    (r, v) => {
      r.pp = v;
    },
  ),
  numericFlag(
    'ep',
    'N',
    'expert-parallel degree of the MoE layers (divides the experts and tp × dp; default 1)',
    (r, v) => {
      r.ep = v;
    },
  ),
  numericFlag('dp', 'N', 'data-parallel replicas (default: as many as the node holds)', (r, v) => {
    r.dp = v;
  }),
  numericFlag('batch', 'B', 'decode batch of the per-pass model (default 16)', (r, v) => {
    r.batch = v;
  }),
  numericFlag(
    'context',
    'TOKENS',
    'per-stream context for KV reads and the sweep (default 80000)',
    (r, v) => {
      r.context = v;
    },
  ),
  choiceFlag(
    'weights',
    WEIGHT_PRECISIONS,
    isWeightPrecision,
    `${WEIGHT_PRECISIONS.join(', ')} (default fp4; int4-experts: INT4 routed experts, BF16 rest; fp4-experts: NVFP4 FFNs, BF16 attention)`,
    (r, v) => {
      r.weights = v;
    },
  ),
  choiceFlag('kv', KV_PRECISIONS, isKvPrecision, `${KV_PRECISIONS.join(', ')} (default fp8)`, (r, v) => {
    r.kv = v;
  }),
  numericFlag('gpu-hour', 'USD', '$ per GPU-hour (default 6)', (r, v) => {
    r.gpuHourUsd = v;
  }),
  numericFlag('api-price', 'USD', 'API $ per M processed tokens (default 0.317)', (r, v) => {
    r.apiPricePerMTokUsd = v;
  }),
  choiceFlag(
    'preset',
    PRESET_NAMES,
    isPresetName,
    `${PRESET_NAMES.join(', ')} (blog_compat: 22.5 MB experts, 35 KB KV, floored unique experts)`,
    (r, v) => {
      r.preset = v;
    },
  ),
  {
    name: 'set',
    value: 'PATH=VALUE',
    help: 'set any input (repeatable), e.g. --set empirical.mbuMeasured=0.13',
    apply: applySet,
  },
  switchFlag(
    'load',
    'also simulate serving under load: TTFT, inter-token latency, tok/s and cache hit rate per concurrency level, the SLA pick, $/M and the fleet (JSON: projection.load)',
    (r) => {
      r.load = true;
    },
  ),
  workloadFlag(
    'concurrency',
    'N',
    'load: streams of the operating point (open loop: its conversations; default 16)',
  ),
  workloadFlag(
    'qps',
    'R',
    'load: also an open loop at R requests per second per replica (default closed loop)',
  ),
  workloadFlag('requests', 'N', 'load: requests measured over the concurrency sweep (default 7200)'),
  workloadFlag(
    'cached-tokens',
    'T',
    "load: median prompt tokens shared with the stream's previous turn (default 71000)",
  ),
  workloadFlag(
    'fresh-tokens',
    'T',
    'load: median fresh prompt tokens (default 9400, lognormal with mean 13000)',
  ),
  workloadFlag('output-tokens', 'T', 'load: median output tokens (default 1056)'),
  switchFlag(
    'json',
    "one JSON object { model, gpu, inputs, figures, projection, ... }; figures use the golden ids (the blog's napkin), projection is ridgeline's model",
    (r) => {
      r.json = true;
    },
  ),
  switchFlag(
    'ops',
    'also print the operator tables: one decode step at --batch, the first prefill chunk',
    (r) => {
      r.ops = true;
    },
  ),
  switchFlag('help', 'this text', (r) => {
    r.help = true;
  }),
];

/** The options block of --help, one line per flag of PROJECT_FLAGS. */
export function projectFlagsHelp(): string {
  return PROJECT_FLAGS.map((flag) => {
    const usage = `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
    return `  ${usage.padEnd(19)} ${flag.help}`;
  }).join('\n');
}

export function parseProjectArgs(argv: readonly string[]): ProjectRequest {
  const request: ProjectRequest = {
    model: 'kimi-k2.6',
    gpu: 'b200',
    preset: 'default',
    sets: [],
    workload: [],
    load: false,
    json: false,
    ops: false,
    help: false,
  };
  readFlags(argv, PROJECT_FLAGS, request, {
    command: 'project',
    unknown: (arg) =>
      arg.startsWith('--')
        ? new UsageError(
            `project: unknown flag '${clipForMessage(arg)}': allowed are ${PROJECT_FLAGS.map((f) => `--${f.name}`).join(', ')}`,
          )
        : new UsageError(
            `project: unexpected argument '${clipForMessage(arg)}' (flags start with --; see --help)`,
          ),
  });
  crossCheck(request);
  return request;
}

/** Checks that span flags: TP against the node and the model's heads. */
function crossCheck(request: ProjectRequest): void {
  const gpus = request.gpus ?? findGpuPreset(request.gpu)?.defaultGpusPerNode;
  const model = findModelPreset(request.model);
  if (request.tp === undefined || gpus === undefined) return;
  if (request.tp > gpus) {
    const source =
      request.gpus === undefined ? `the ${request.gpu} node's ${gpus} GPUs (set --gpus)` : `--gpus (${gpus})`;
    throw new UsageError(`--tp (${request.tp}) must be <= ${source}`);
  }
  if (!model) return;
  const problems = tensorParallelProblems(request.tp, gpus, model.architecture.attention, model.id);
  if (problems.length > 0) throw new UsageError(`--tp ${request.tp}: ${problems.join('; ')}`);
}
