import { type KvDtype, kvBytesPerValue } from '../architecture/kvCache.ts';
import { tensorParallelProblems } from '../architecture/tensorParallel.ts';
import { type WeightFormat, weightFormats } from '../architecture/weightFormat.ts';
import type { PeakPrecision } from './gpuTypes.ts';
import { findGpuPreset, findModelPreset, isGpuId, isModelId, unknownIdMessage } from './lookup.ts';

export const WEIGHT_PRECISIONS = ['fp4', 'fp8', 'bf16', 'int4'] as const;
export type WeightPrecision = (typeof WEIGHT_PRECISIONS)[number];
export const KV_PRECISIONS = ['fp8', 'bf16'] as const satisfies readonly KvDtype[];
export type KvPrecision = (typeof KV_PRECISIONS)[number];

/** What a user picks: a model and a GPU by preset id, and optional knobs (omitted = preset/base value). */
export interface ScenarioChoice {
  readonly modelId: string;
  readonly gpuId: string;
  readonly gpusPerNode?: number;
  readonly tp?: number;
  /** Default 'fp4', the blog's. */
  readonly weights?: WeightPrecision;
  /** Default 'fp8', the blog's. */
  readonly kv?: KvPrecision;
  readonly context?: number;
  readonly batch?: number;
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
};

/** The tensor path the matmuls run on: INT4 weight-only kernels (W4A16, e.g. Marlin) compute in BF16. */
export const computePrecisionForChoice: Readonly<Record<WeightPrecision, PeakPrecision>> = {
  fp4: 'fp4',
  fp8: 'fp8',
  bf16: 'bf16',
  int4: 'bf16',
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
  if (!isModelId(choice.modelId)) problems.push(unknownIdMessage('model', choice.modelId));
  if (!isGpuId(choice.gpuId)) problems.push(unknownIdMessage('gpu', choice.gpuId));
  if (choice.weights !== undefined && !isWeightPrecision(choice.weights)) {
    problems.push(`unknown weights '${String(choice.weights)}': allowed are ${WEIGHT_PRECISIONS.join(', ')}`);
  }
  if (choice.kv !== undefined && !isKvPrecision(choice.kv)) {
    problems.push(`unknown kv '${String(choice.kv)}': allowed are ${KV_PRECISIONS.join(', ')}`);
  }
  for (const [name, value] of [
    ['gpusPerNode', choice.gpusPerNode],
    ['tp', choice.tp],
    ['context', choice.context],
    ['batch', choice.batch],
  ] as const) {
    const problem = positiveIntegerProblem(name, value);
    if (problem !== null) problems.push(problem);
  }
  const gpusPerNode = choice.gpusPerNode ?? findGpuPreset(choice.gpuId)?.defaultGpusPerNode;
  if (choice.tp !== undefined && gpusPerNode !== undefined && choice.tp > gpusPerNode) {
    problems.push(`tp (${choice.tp}) must be <= the GPUs per node (${gpusPerNode})`);
  }
  const model = findModelPreset(choice.modelId);
  if (choice.tp !== undefined && positiveIntegerProblem('tp', choice.tp) === null && model && gpusPerNode) {
    for (const reason of tensorParallelProblems(
      choice.tp,
      gpusPerNode,
      model.architecture.attention,
      model.id,
    ))
      problems.push(`tp (${choice.tp}) ${reason}`);
  }
  return problems;
}
