// What one GPU of a layout holds: its share of the weights, the activation peak of one forward pass, and
// what is left for the KV cache, so how many streams fit at a context. True capacities come from the GPU
// presets (bytes the device really has); the engine keeps a fraction of them (vLLM's
// gpu_memory_utilization, default 0.9) and sizes activations from max_num_batched_tokens by a profile run,
// which is what activationBytesPerGpu estimates from the architecture.
import { kvBytesForContext } from '../architecture/kvCache.ts';
import { attentionParamsPerLayer, denseLayerCount, moeLayerCount } from '../architecture/layers.ts';
import { paramsByGroup } from '../architecture/params.ts';
import type { ModelArchitecture } from '../architecture/types.ts';
import { bytesPerParam } from '../architecture/weightFormat.ts';
import type { PrecisionPlan } from '../architecture/weights.ts';
import { expertShards, kvShareOfRank, layoutProblems, type ParallelLayout } from './layout.ts';
import type { ServedModel } from './types.ts';

/** The engine's memory settings: the share of capacity it may use and the sizes its buffers are planned for. */
export interface EngineMemory {
  /** share of each GPU's capacity the engine allocates (vLLM gpu_memory_utilization) */
  readonly utilization: number;
  /** tokens one forward pass may carry (vLLM max_num_batched_tokens): sets the activation peak */
  readonly maxBatchedTokens: number;
  /** sequences one step may carry (vLLM max_num_seqs): sets the sampler's logits buffer */
  readonly maxSequences: number;
}

/** Attention weights one TP rank holds per layer: MLA's down-projections are replicated, the rest split. */
function attentionParamsPerRank(arch: ModelArchitecture, layout: ParallelLayout): number {
  const a = arch.attention;
  const h = arch.hiddenSize;
  const all = attentionParamsPerLayer(a, h);
  if (a.kind !== 'mla') {
    const kv = 2 * h * a.numKvHeads * a.headDim;
    return (all - kv) / layout.tp + kv * kvShareOfRank(arch, layout);
  }
  const replicated = h * (a.qLoraRank ?? 0) + h * (a.kvLoraRank + a.qkRopeHeadDim);
  return replicated + (all - replicated) / layout.tp;
}

/** Weight bytes on the busiest GPU: its stage's layers, plus the embedding and LM head slices. */
export function weightBytesPerGpu(
  arch: ModelArchitecture,
  plan: PrecisionPlan,
  layout: ParallelLayout,
): number {
  const groups = paramsByGroup(arch);
  const bpp = (group: keyof PrecisionPlan) => bytesPerParam(plan[group]);
  const layers = arch.numLayers;
  const attention = layers * attentionParamsPerRank(arch, layout) * bpp('attention');
  const dense = (groups.denseFfn * bpp('denseFfn')) / layout.tp;
  const shared = (groups.sharedExperts * bpp('sharedExperts')) / layout.tp;
  const routed = (groups.routedExperts * bpp('routedExperts')) / expertShards(layout);
  const normsRouter = groups.normsRouter * bpp('normsRouter');
  const stage = (attention + dense + shared + routed + normsRouter) / layout.pp;
  const embedding = (groups.embedding * bpp('embedding')) / layout.tp;
  const head = (groups.lmHead * bpp('lmHead')) / layout.tp;
  return stage + (layout.pp > 1 ? Math.max(embedding, head) : embedding + head);
}

/**
 * The activation peak of one forward pass of `maxBatchedTokens` tokens on one GPU: the residual stream
 * and normed input (4 hidden-wide buffers), the rank's slice of the attention projections and of the
 * widest FFN (the routed copies of k experts for MoE), and the fp32 logits of `maxSequences` sequences.
 */
export function activationBytesPerGpu(
  arch: ModelArchitecture,
  layout: ParallelLayout,
  memory: EngineMemory,
  activationBytes: number,
): number {
  const h = arch.hiddenSize;
  const a = arch.attention;
  const attentionWidth =
    a.kind === 'mla'
      ? (a.qLoraRank ?? 0) +
        a.kvLoraRank +
        a.qkRopeHeadDim +
        a.numHeads * (a.qkNopeHeadDim + a.qkRopeHeadDim + a.qkNopeHeadDim + a.vHeadDim)
      : (a.numHeads + 2 * a.numKvHeads) * a.headDim;
  const denseWidth =
    denseLayerCount(arch) > 0 ? (arch.ffnMatrices * arch.denseIntermediateSize) / layout.tp : 0;
  const moe = arch.moe;
  const moeWidth =
    moe === null || moeLayerCount(arch) === 0
      ? 0
      : (moe.expertsPerToken * (2 * h + arch.ffnMatrices * moe.moeIntermediateSize)) / expertShards(layout);
  const perToken = 4 * h + attentionWidth / layout.tp + Math.max(denseWidth, moeWidth);
  const logits = memory.maxSequences * arch.vocabSize * 4;
  return memory.maxBatchedTokens * perToken * activationBytes + logits;
}

export interface MemoryPlan {
  readonly capacityBytesPerGpu: number;
  readonly usableBytesPerGpu: number;
  readonly weightBytesPerGpu: number;
  readonly activationBytesPerGpu: number;
  /** usable − weights − activations: what the KV cache may use (negative when it does not fit) */
  readonly kvBudgetBytesPerGpu: number;
  /** KV bytes one stream holds on one GPU at the context (MLA keeps a full copy per TP rank) */
  readonly kvBytesPerStreamPerGpu: number;
  /** streams whose KV fits one replica at the context: the KV cliff */
  readonly maxStreams: number;
  /** weights and activations fit, and at least one stream's KV */
  readonly fits: boolean;
}

export function memoryPlan(
  model: ServedModel,
  capacityBytesPerGpu: number,
  memory: EngineMemory,
  contextTokens: number,
): MemoryPlan {
  const { arch, plan, layout } = model;
  const usable = capacityBytesPerGpu * memory.utilization;
  const weights = weightBytesPerGpu(arch, plan, layout);
  const activations = activationBytesPerGpu(arch, layout, memory, model.activationBytes);
  const budget = usable - weights - activations;
  const perStream =
    (kvBytesForContext(arch, model.kvBytesPerValue, contextTokens) * kvShareOfRank(arch, layout)) / layout.pp;
  const maxStreams = budget > 0 && perStream > 0 ? Math.floor(budget / perStream) : 0;
  return {
    capacityBytesPerGpu,
    usableBytesPerGpu: usable,
    weightBytesPerGpu: weights,
    activationBytesPerGpu: activations,
    kvBudgetBytesPerGpu: budget,
    kvBytesPerStreamPerGpu: perStream,
    maxStreams,
    fits: maxStreams >= 1,
  };
}

/** Divisors of n in ascending order. */
function divisorsOf(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

/** What links the hardware has: TP > 1 needs a scale-up link, a layout over several nodes a network. */
export interface AvailableLinks {
  readonly intraNode: boolean;
  readonly interNode: boolean;
}

/** The smallest layout that fits, and the node size it assumes. */
export interface LayoutFit {
  readonly layout: ParallelLayout;
  readonly gpusPerNode: number;
}

/** Boxes of up to 8 GPUs that a card with a scale-up link (PCIe between desktop cards) can be put in. */
const LARGEST_BOX = 8;

/**
 * The layout with the fewest GPUs whose weights, activations and one stream's KV fit, preferring TP over
 * PP at equal size: TP inside a node (a bigger box of the same card when the node has fewer than 8 GPUs
 * and a link between them), PP stages across nodes where there is a network. Null when none of up to 64
 * stages fits.
 */
export function smallestFittingLayout(
  model: ServedModel,
  capacityBytesPerGpu: number,
  memory: EngineMemory,
  contextTokens: number,
  links: AvailableLinks,
): LayoutFit | null {
  const { arch } = model;
  const nodeSizes = new Set([model.gpusPerNode]);
  if (links.intraNode) for (let n = model.gpusPerNode; n <= LARGEST_BOX; n *= 2) nodeSizes.add(n);
  const candidates: LayoutFit[] = [];
  for (const gpusPerNode of nodeSizes) {
    for (const tp of divisorsOf(gpusPerNode)) {
      if (tp > 1 && !links.intraNode) continue;
      for (let pp = 1; pp <= 64; pp++) {
        if (tp * pp > gpusPerNode && !links.interNode) break;
        const layout = { tp, pp, ep: 1, dp: 1 };
        if (layoutProblems(arch, layout, gpusPerNode).length === 0) candidates.push({ layout, gpusPerNode });
      }
    }
  }
  candidates.sort(
    (a, b) =>
      a.layout.tp * a.layout.pp - b.layout.tp * b.layout.pp ||
      b.layout.tp - a.layout.tp ||
      a.gpusPerNode - b.gpusPerNode,
  );
  for (const candidate of candidates) {
    const plan = memoryPlan(
      { ...model, layout: candidate.layout, gpusPerNode: candidate.gpusPerNode },
      capacityBytesPerGpu,
      memory,
      contextTokens,
    );
    if (plan.fits) return candidate;
  }
  return null;
}
