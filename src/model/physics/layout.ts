// How a model is spread over GPUs: tensor parallel (TP) inside a node, pipeline stages (PP) that may span
// nodes, expert parallel (EP) for the MoE layers, and data-parallel replicas (DP). The rules are the
// ones serving engines enforce (vLLM, SGLang, TensorRT-LLM): TP splits attention heads and KV heads and
// stays inside an NVLink domain; EP places whole experts, so it must divide them; an EP group larger
// than TP gathers the tokens of several replicas (DeepSeek's DP-attention + EP deployment).
import { tensorParallelProblems } from '../architecture/tensorParallel.ts';
import type { ModelArchitecture } from '../architecture/types.ts';
import { RANGES } from '../units/ranges.ts';

export interface ParallelLayout {
  /** tensor-parallel degree: GPUs one layer is split over (inside one node) */
  readonly tp: number;
  /** pipeline stages: layer groups in sequence, one TP group each (may span nodes) */
  readonly pp: number;
  /** expert-parallel degree of the MoE layers: GPUs the routed experts are spread over as whole experts */
  readonly ep: number;
  /** data-parallel replicas of the TP × PP group */
  readonly dp: number;
}

/** Physical range of each degree (units/ranges.ts), which the scenario's inputs take too. */
export const LAYOUT_RANGES = {
  tp: RANGES.tensorParallel,
  pp: RANGES.pipelineParallel,
  ep: RANGES.expertParallel,
  dp: RANGES.dataParallel,
} as const;

export function gpusPerReplica(layout: ParallelLayout): number {
  return layout.tp * layout.pp;
}

/** Nodes one replica spans (TP stays inside a node; stages fill nodes in order). */
export function nodesPerReplica(layout: ParallelLayout, gpusPerNode: number): number {
  return Math.ceil(gpusPerReplica(layout) / gpusPerNode);
}

/** KV heads as the cache stores them: MLA caches one shared latent per token, GQA its KV heads. */
export function cachedKvHeads(arch: ModelArchitecture): number {
  return arch.attention.kind === 'mla' ? 1 : arch.attention.numKvHeads;
}

/**
 * The share of a sequence's KV cache one TP rank holds and reads. KV heads split over TP while there
 * are enough of them; past that each rank keeps a copy of its head, and MLA's single latent is copied
 * on every rank (vLLM and SGLang replicate it under TP, which is why DP-attention exists).
 */
export function kvShareOfRank(arch: ModelArchitecture, layout: ParallelLayout): number {
  return 1 / Math.min(layout.tp, cachedKvHeads(arch));
}

/** GPUs each routed expert's bytes are divided over: EP places whole experts, TP slices what EP does not. */
export function expertShards(layout: ParallelLayout): number {
  return Math.max(layout.ep, layout.tp);
}

/**
 * Tokens the experts on one EP group see per step: a group larger than TP gathers ep / tp replicas'
 * batches (DP-attention); otherwise the TP group's own tokens.
 */
export function tokensSeenByExperts(tokens: number, layout: ParallelLayout): number {
  return layout.ep > layout.tp ? (tokens * layout.ep) / layout.tp : tokens;
}

function divides(a: number, b: number): boolean {
  return b % a === 0;
}

/**
 * One line per rule the layout breaks, naming the degree and what it must satisfy; empty when the
 * layout can be served. `gpusPerNode` is the NVLink domain TP must stay inside.
 */
export function layoutProblems(
  arch: ModelArchitecture,
  layout: ParallelLayout,
  gpusPerNode: number,
): string[] {
  const problems: string[] = [];
  for (const key of ['tp', 'pp', 'ep', 'dp'] as const) {
    const value = layout[key];
    const { min, max } = LAYOUT_RANGES[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key} must be an integer in ${min}..${max} (got ${String(value)})`);
    }
  }
  if (problems.length > 0) return problems;
  const { tp, pp, ep, dp } = layout;
  if (tp > gpusPerNode) {
    problems.push(`tp (${tp}) must be <= the GPUs per node (${gpusPerNode}): TP stays inside one node`);
  }
  // how TP splits heads and a node (vLLM's rule): one place, shared with the CLI's and the link's checks
  for (const reason of tensorParallelProblems(tp, gpusPerNode, arch.attention, 'the model'))
    problems.push(`tp (${tp}) ${reason}`);
  if (pp > arch.numLayers) problems.push(`pp (${pp}) must be <= the layers (${arch.numLayers})`);
  if (ep > 1) {
    const experts = arch.moe?.routedExperts ?? 0;
    if (experts === 0) problems.push(`ep (${ep}) needs a mixture-of-experts model: this one is dense`);
    else if (!divides(ep, experts)) problems.push(`ep (${ep}) must divide the routed experts (${experts})`);
    if (!divides(ep, tp * dp)) {
      problems.push(
        `ep (${ep}) must divide tp × dp (${tp * dp}): the EP group is made of TP ranks and replicas`,
      );
    }
  }
  return problems;
}
