import { type KvDtype, kvBytesPerValue } from '../architecture/kvCache.ts';
import { tensorParallelProblems } from '../architecture/tensorParallel.ts';
import { type WeightFormat, weightFormats } from '../architecture/weightFormat.ts';
import { expertQuantizedPlan, type PrecisionPlan, uniformPlan } from '../architecture/weights.ts';
import { CONFIG_MODEL_ID } from './configModel.ts';
import { type EngineId, isEngineId, unknownEngineMessage } from './engines.ts';
import type { GpuPreset, PeakPrecision } from './gpuTypes.ts';
import { findGpuPreset, findModelPreset, isGpuId, isModelId, unknownIdMessage } from './lookup.ts';
import type { ModelPreset } from './modelTypes.ts';

/**
 * Weight storage choices. The four uniform ones store every tensor alike (the blog's convention); the
 * two `-experts` ones are how MoE checkpoints ship: INT4 routed experts with BF16 elsewhere (Kimi K2
 * Thinking, K2.5/K2.6 QAT), NVFP4 FFNs with BF16 attention and embeddings (NVIDIA's DeepSeek-R1-FP4).
 */
export const WEIGHT_PRECISIONS = ['fp4', 'fp8', 'bf16', 'int4', 'int4-experts', 'fp4-experts'] as const;
export type WeightPrecision = (typeof WEIGHT_PRECISIONS)[number];
export const KV_PRECISIONS = ['fp8', 'bf16'] as const satisfies readonly KvDtype[];
export type KvPrecision = (typeof KV_PRECISIONS)[number];

/** What a user picks: a model and a GPU by preset id, and optional knobs (omitted = preset/base value). */
export interface ScenarioChoice {
  readonly modelId: string;
  readonly gpuId: string;
  /**
   * A GPU that is not a preset (the explorer's "your GPU": measured roofs, typed memory), used when its
   * id equals gpuId.
   */
  readonly customGpu?: GpuPreset;
  /**
   * A model that is not a preset (read from a config.json, or a preset whose architecture --set
   * model.* edited), used when its id equals modelId.
   */
  readonly customModel?: ModelPreset;
  readonly gpusPerNode?: number;
  readonly tp?: number;
  /** pipeline stages (default 1) */
  readonly pp?: number;
  /** expert-parallel degree (default 1) */
  readonly ep?: number;
  /** data-parallel replicas (default: as many TP × PP groups as the node holds) */
  readonly dp?: number;
  /** Default 'fp4', the blog's. */
  readonly weights?: WeightPrecision;
  /** Default 'fp8', the blog's. */
  readonly kv?: KvPrecision;
  readonly context?: number;
  readonly batch?: number;
  /** the serving engine's profile (default: vllm; the blog-faithful model: vllm-blog) */
  readonly engine?: EngineId;
}

/**
 * Storage per choice. fp4 and fp8 ignore block scales, as the blog does (spec I-4: 0.5 B/param gives its
 * 500 GB); int4 carries its bf16 group-32 scales (0.5625 B/param), the layout INT4 checkpoints ship.
 */
export const weightFormatForChoice: Readonly<Record<WeightPrecision, WeightFormat>> = {
  fp4: weightFormats.fp4,
  fp8: weightFormats.fp8,
  bf16: weightFormats.bf16,
  int4: weightFormats.int4,
  // the routed experts' format: most of a large MoE model's bytes
  'int4-experts': weightFormats.int4,
  'fp4-experts': weightFormats.nvfp4,
};

/** Every tensor group's format for a choice. */
export function planForChoice(weights: WeightPrecision): PrecisionPlan {
  if (weights === 'int4-experts') return expertQuantizedPlan(weightFormats.int4);
  if (weights === 'fp4-experts') {
    const nvfp4 = weightFormats.nvfp4;
    return { ...expertQuantizedPlan(nvfp4), sharedExperts: nvfp4, denseFfn: nvfp4 };
  }
  return uniformPlan(weightFormatForChoice[weights]);
}

/** The tensor path the matmuls run on: INT4 weight-only kernels (W4A16, e.g. Marlin) compute in BF16. */
export const computePrecisionForChoice: Readonly<Record<WeightPrecision, PeakPrecision>> = {
  fp4: 'fp4',
  fp8: 'fp8',
  bf16: 'bf16',
  int4: 'bf16',
  'int4-experts': 'bf16',
  'fp4-experts': 'fp4',
};

export function kvBytesForChoice(kv: KvPrecision): number {
  return kvBytesPerValue[kv];
}

export function isWeightPrecision(value: string): value is WeightPrecision {
  return (WEIGHT_PRECISIONS as readonly string[]).includes(value);
}

export function isKvPrecision(value: string): value is KvPrecision {
  return (KV_PRECISIONS as readonly string[]).includes(value);
}

function positiveIntegerProblem(name: string, value: number | undefined): string | null {
  if (value === undefined || (Number.isInteger(value) && value > 0)) return null;
  return `${name} must be a positive integer (got ${String(value)})`;
}

/** One line per problem, naming the field and what is allowed; empty when the choice can be built. */
export function scenarioChoiceProblems(choice: ScenarioChoice): string[] {
  const problems: string[] = [];
  const customModel = choice.customModel?.id === choice.modelId ? choice.customModel : undefined;
  if (customModel === undefined && !isModelId(choice.modelId))
    problems.push(unknownIdMessage('model', choice.modelId));
  const custom = choice.customGpu !== undefined && choice.customGpu.id === choice.gpuId;
  if (!custom && !isGpuId(choice.gpuId)) problems.push(unknownIdMessage('gpu', choice.gpuId));
  if (choice.weights !== undefined && !isWeightPrecision(choice.weights)) {
    problems.push(`unknown weights '${String(choice.weights)}': allowed are ${WEIGHT_PRECISIONS.join(', ')}`);
  }
  if (choice.engine !== undefined && !isEngineId(choice.engine))
    problems.push(unknownEngineMessage(choice.engine));
  if (choice.kv !== undefined && !isKvPrecision(choice.kv)) {
    problems.push(`unknown kv '${String(choice.kv)}': allowed are ${KV_PRECISIONS.join(', ')}`);
  }
  for (const [name, value] of [
    ['gpusPerNode', choice.gpusPerNode],
    ['tp', choice.tp],
    ['pp', choice.pp],
    ['ep', choice.ep],
    ['dp', choice.dp],
    ['context', choice.context],
    ['batch', choice.batch],
  ] as const) {
    const problem = positiveIntegerProblem(name, value);
    if (problem !== null) problems.push(problem);
  }
  const gpusPerNode =
    choice.gpusPerNode ??
    (custom ? choice.customGpu?.defaultGpusPerNode : findGpuPreset(choice.gpuId)?.defaultGpusPerNode);
  if (choice.tp !== undefined && gpusPerNode !== undefined && choice.tp > gpusPerNode) {
    problems.push(`tp (${choice.tp}) must be <= the GPUs per node (${gpusPerNode})`);
  }
  const model = customModel ?? findModelPreset(choice.modelId);
  if (choice.tp !== undefined && positiveIntegerProblem('tp', choice.tp) === null && model && gpusPerNode) {
    for (const reason of tensorParallelProblems(
      choice.tp,
      gpusPerNode,
      model.architecture.attention,
      model.id === CONFIG_MODEL_ID ? model.displayName : model.id,
    ))
      problems.push(`tp (${choice.tp}) ${reason}`);
  }
  return problems;
}
