// `ridgeline project` flags → a validated request. Every flag is one row of PROJECT_FLAGS: its name, what
// value it takes, its help line and how it changes the request; a new flag is a new row. Numbers are read
// strictly (decimal only, integers where integers are meant) and checked against the physical range of the
// input they set (model/scenario/flagBounds.ts, model/scenario/inputBounds.ts). Every mistake is a UsageError of one line
// that names the flag and what it accepts (main.ts prints it and exits 2).
import { choiceConflict } from '../model/checkScenario.ts';
import {
  CONFIG_MODEL_ID,
  type ConfigModel,
  type EngineId,
  engineIds,
  findGpuPreset,
  gpuIds,
  KV_PRECISIONS,
  type KvPrecision,
  modelIds,
  WEIGHT_PRECISIONS,
  type WeightPrecision,
} from '../model/presets/index.ts';
import { NUMERIC_FLAGS, parseFlagValue } from '../model/scenario/flagBounds.ts';
import { boundNumber, boundOf } from '../model/scenario/inputBounds.ts';
import { describeInput, INPUT_PATHS, parseInputValue } from '../model/scenario/inputPaths.ts';
import { PRESET_NAMES, type PresetName } from '../model/scenario/scenarioPresets.ts';
import { clipForMessage } from '../model/text/plainText.ts';
import { matchChoice } from './choiceMatch.ts';
import { type FlagRow, readFlags, wrapHelp } from './flagTable.ts';
import { readModelConfigFile } from './modelConfigFile.ts';
import { UsageError } from './usage.ts';

export interface ProjectRequest {
  model: string;
  /** --model given on the command line (it and --model-config exclude each other) */
  modelGiven?: boolean;
  /** --model-config FILE: the model read from it (model is then 'config') */
  modelConfig?: { readonly file: string } & ConfigModel;
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
  /** the serving engine's profile (default: vllm; the blog-faithful model: vllm-blog) */
  engine?: EngineId;
  gpuHourUsd?: number;
  apiPricePerMTokUsd?: number;
  /** the load simulator's workload flags, by input path, in command-line order */
  workload: Array<{ flag: string; path: string; value: number }>;
  /** run the load simulation (the concurrency sweep, the SLA pick, $/M, the fleet) */
  load: boolean;
  preset: PresetName;
  sets: Array<{ path: string; value: string }>;
  json: boolean;
  /** print today's whole chain (every napkin figure, the sweep, TP variants, fleet) instead of the summary */
  full: boolean;
  /** print the per-operator tables (decode at the chosen B, the first prefill chunk) */
  ops: boolean;
  help: boolean;
  /** `--help set`: list the input paths --set accepts */
  helpTopic: 'set' | null;
}

export interface ProjectFlag extends FlagRow<ProjectRequest> {
  readonly help: string;
}

/** A flag naming one of `allowed`, matched as people type it (choiceMatch.ts: `h100`, `KIMI`). */
function choiceFlag<T extends string>(
  name: string,
  allowed: readonly T[],
  help: string,
  set: (request: ProjectRequest, value: T) => void,
  aliases: Readonly<Record<string, T>> = {},
): ProjectFlag {
  return {
    name,
    value: name === 'preset' || name === 'engine' ? 'NAME' : name === 'model' || name === 'gpu' ? 'ID' : 'P',
    help,
    apply(request, raw) {
      set(request, matchChoice(`--${name}`, raw, allowed, aliases));
    },
  };
}

/**
 * A bare GPU name means the board its maker's spec sheet leads with, the SXM one (as the blog and most
 * published serving figures use): `--gpu h100` is the H100 SXM, not the PCIe card beside it.
 */
const GPU_ALIASES: Readonly<Record<string, string>> = { h100: 'h100-sxm' };

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

const switchFlag = (
  name: string,
  help: string,
  set: (request: ProjectRequest, topic: string) => void,
  more: Partial<Pick<ProjectFlag, 'decides' | 'topics'>> = {},
): ProjectFlag => ({
  name,
  value: null,
  help,
  apply: (request, topic) => set(request, topic),
  ...more,
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

/** Two ways to name the model: one only. */
function oneModel(request: ProjectRequest): void {
  if (request.modelGiven && request.modelConfig)
    throw new UsageError('give --model ID or --model-config FILE, not both');
}

export const PROJECT_FLAGS: readonly ProjectFlag[] = [
  choiceFlag('model', modelIds, `model preset (default kimi-k2.6): ${modelIds.join(', ')}`, (r, v) => {
    r.model = v;
    r.modelGiven = true;
    oneModel(r);
  }),
  {
    name: 'model-config',
    value: 'FILE',
    help: 'a Hugging Face config.json instead of --model (llama, mistral, qwen2, qwen3, qwen3_moe, mixtral, deepseek_v3, kimi_k2/k25, gpt_oss, gemma…); its parameters and KV bytes/token are printed',
    apply(request, raw) {
      request.modelConfig = { file: raw, ...readModelConfigFile(raw) };
      request.model = CONFIG_MODEL_ID;
      oneModel(request);
    },
  },
  choiceFlag(
    'gpu',
    gpuIds,
    `GPU preset (default b200): ${gpuIds.join(', ')} (h100 is h100-sxm)`,
    (r, v) => {
      r.gpu = v;
    },
    GPU_ALIASES,
  ),
  numericFlag('gpus', 'N', "GPUs per node (default: the GPU preset's node size)", (r, v) => {
    r.gpus = v;
  }),
  numericFlag(
    'tp',
    'N',
    "tensor-parallel degree (divides --gpus and the model's heads; default ≤ 8)",
    (r, v) => {
      r.tp = v;
    },
  ),
  numericFlag('pp', 'N', 'pipeline stages (default 1; beyond one node they span nodes)', (r, v) => {
    r.pp = v;
  }),
  numericFlag(
    'ep',
    'N',
    'expert-parallel degree of the MoE layers (divides the experts; default 1)',
    (r, v) => {
      r.ep = v;
    },
  ),
  numericFlag('dp', 'N', 'data-parallel replicas (default: as many as the node holds)', (r, v) => {
    r.dp = v;
  }),
  numericFlag('batch', 'B', 'decode batch (default 16)', (r, v) => {
    r.batch = v;
  }),
  numericFlag('context', 'TOKENS', 'per-stream context (default 80000)', (r, v) => {
    r.context = v;
  }),
  choiceFlag(
    'weights',
    WEIGHT_PRECISIONS,
    `${WEIGHT_PRECISIONS.join(', ')} (default fp4; int4-experts: INT4 routed experts, BF16 rest; fp4-experts: NVFP4 FFNs, BF16 attention)`,
    (r, v) => {
      r.weights = v;
    },
  ),
  choiceFlag('kv', KV_PRECISIONS, `KV cache precision: ${KV_PRECISIONS.join(', ')} (default fp8)`, (r, v) => {
    r.kv = v;
  }),
  choiceFlag(
    'engine',
    engineIds,
    `${engineIds.join(', ')}: the serving engine's profile (default vllm; the blog's kimi-k2.6 keeps vllm-blog, its load test's calibration)`,
    (r, v) => {
      r.engine = v;
    },
  ),
  numericFlag('gpu-hour', 'USD', '$ per GPU-hour (default 6)', (r, v) => {
    r.gpuHourUsd = v;
  }),
  numericFlag('api-price', 'USD', 'API $ per M processed tokens (default 0.317)', (r, v) => {
    r.apiPricePerMTokUsd = v;
  }),
  choiceFlag(
    'preset',
    PRESET_NAMES,
    `${PRESET_NAMES.join(', ')} (blog_compat: 22.5 MB experts, 35 kB KV, floored unique experts)`,
    (r, v) => {
      r.preset = v;
    },
  ),
  {
    name: 'set',
    value: 'PATH=VALUE',
    help: 'set any input (repeatable), e.g. --set empirical.mbuMeasured=0.13; model.* edits the architecture; the paths: --help set',
    repeatable: true,
    apply: applySet,
  },
  switchFlag('load', 'also simulate load: TTFT, ITL, tok/s, cache hit by streams; SLA, $/M, fleet', (r) => {
    r.load = true;
  }),
  workloadFlag('concurrency', 'N', 'load: streams at the operating point (default 16)'),
  workloadFlag('qps', 'R', 'load: an open loop at R req/s per replica too'),
  workloadFlag('requests', 'N', 'load: requests measured in all (default 7200)'),
  workloadFlag('cached-tokens', 'T', 'load: median cached prompt tokens (default 71000)'),
  workloadFlag('fresh-tokens', 'T', 'load: median fresh prompt tokens (default 9400)'),
  workloadFlag('output-tokens', 'T', 'load: median output tokens (default 1056)'),
  switchFlag(
    'full',
    "print the whole chain instead of the summary: every napkin figure (F1–F67), ridgeline's model, the batch sweep, TP variants, fleet and bill",
    (r) => {
      r.full = true;
    },
    { decides: 'the output' },
  ),
  switchFlag(
    'ops',
    'also print the operator tables: a decode step at --batch, the first prefill chunk',
    (r) => {
      r.ops = true;
    },
  ),
  switchFlag(
    'json',
    "one JSON object for scripts (schemaVersion, inputs, figures: the blog's napkin by golden id, projection: ridgeline's model; docs/json.md)",
    (r) => {
      r.json = true;
    },
    { decides: 'the output' },
  ),
  switchFlag(
    'help',
    'this text; --help set: the input paths --set accepts',
    (r, topic) => {
      r.help = true;
      r.helpTopic = topic === 'set' ? 'set' : null;
    },
    { topics: ['set'] },
  ),
];

const FLAG_COLUMN = 22;

/** The options block of --help, one entry per flag of PROJECT_FLAGS, wrapped to fit. */
export function projectFlagsHelp(): string {
  return PROJECT_FLAGS.flatMap((flag) => {
    const usage = `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
    return wrapHelp(`  ${usage}`, flag.help, FLAG_COLUMN);
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
    full: false,
    ops: false,
    help: false,
    helpTopic: null,
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
  if (request.help) return request;
  if (request.json && request.ops)
    throw new UsageError(
      '--ops prints operator tables; --json carries them already (projection.ops): give one of them',
    );
  crossCheck(request);
  return request;
}

/** Checks that span flags: TP against the node and the model's heads (shared with the explorer). */
function crossCheck(request: ProjectRequest): void {
  const conflict = choiceConflict(
    {
      modelId: request.model,
      gpuId: request.gpu,
      gpusPerNode: request.gpus,
      tp: request.tp,
      customModel: request.modelConfig?.model,
    },
    findGpuPreset(request.gpu)?.defaultGpusPerNode,
  );
  if (conflict !== null) throw new UsageError(conflict);
}
