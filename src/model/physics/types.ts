// The per-operator model's vocabulary: what one operator costs one GPU over one step, what bounds it,
// and the shape of the step it belongs to. Plain data; the families (attention.ts, experts.ts,
// denseFfn.ts, embeddings.ts, communication.ts) fill it in, time.ts prices it against a device's roofs.
import type { ModelArchitecture } from '../architecture/types.ts';
import type { PrecisionPlan } from '../architecture/weights.ts';
import type { ComputePrecision } from './kernelEfficiency.ts';
import type { ParallelLayout } from './layout.ts';

/** What limits an operator's time: HBM traffic, tensor-core math, or the interconnect. */
export type BoundBy = 'memory' | 'compute' | 'communication';
export const BOUND_BY: readonly BoundBy[] = ['memory', 'compute', 'communication'];

/** The operator families, one file each. */
export type OpFamily = 'embeddings' | 'attention' | 'experts' | 'denseFfn' | 'communication';

/** Bytes one GPU moves through HBM and FLOP it executes for one operator over one step. */
export interface OpCost {
  readonly bytes: number;
  readonly flops: number;
}

/**
 * One matmul shape an operator runs, as the GPU's tiles see it: `rows` × `cols` outputs over a `depth`
 * reduction, in `groups` independent problems (a grouped GEMM's experts), `calls` times per step. Its FLOP
 * are 2 · rows · cols · depth · groups · calls.
 */
export interface GemmCall {
  /** M: tokens per call (the batch in decode, a prompt chunk in prefill, the tokens one expert sees) */
  readonly rows: number;
  /** N: outputs this GPU computes */
  readonly cols: number;
  /** K: the reduction depth on this GPU */
  readonly depth: number;
  readonly groups: number;
  readonly calls: number;
}

/** An operator's bytes and FLOP with the matmul shapes its FLOP come from (none for attention, norms). */
export interface MatmulCost extends OpCost {
  readonly gemms: readonly GemmCall[];
}

/** Which kernel efficiency an operator's HBM traffic runs at: a weight GEMV/GEMM or attention over the KV cache. */
export type StreamClass = 'gemv' | 'attention';

/** An operator that runs on the GPU's memory system and tensor cores. */
export interface ComputeOp extends MatmulCost {
  readonly kind: 'compute';
  readonly name: string;
  readonly family: Exclude<OpFamily, 'communication'>;
  readonly stream: StreamClass;
  /** the tensor path its matmuls run on (its weights' format: per-operator precision) */
  readonly precision: ComputePrecision;
  /** kernels one GPU launches for it per step (each pays the engine's launch gap and a fill-and-drain) */
  readonly kernels: number;
  /** expert problems its grouped GEMMs run per step (touched experts × MoE layers), each at a fixed cost */
  readonly expertProblems: number;
}

export type LinkKind = 'intraNode' | 'interNode';

/**
 * How a collective moves its data: a tensor-parallel all-reduce (the engine's one-shot kernel on the
 * scale-up link where it has one, else NCCL's ring), an expert-parallel all-to-all, a pipeline send.
 */
export type CollectiveKind = 'allReduce' | 'allToAll' | 'send';

/**
 * A collective over the interconnect. `bytes` are what one GPU sends over its link per step (a ring
 * all-reduce sends 2(n−1)/n of the buffer); `flops` is 0 (the reduction adds are negligible).
 */
export interface CommOp extends OpCost {
  readonly kind: 'communication';
  readonly name: string;
  readonly family: 'communication';
  readonly collective: CollectiveKind;
  readonly link: LinkKind;
  /** GPUs in the group the collective runs over */
  readonly groupSize: number;
  /** collective calls per step */
  readonly calls: number;
  /** sequential steps each call pays the link's hop latency for (ring all-reduce: 2(n−1); all-to-all: n−1) */
  readonly hopsPerCall: number;
  readonly kernels: number;
}

export type Operator = ComputeOp | CommOp;

/** An operator with its time on a device and what bounds it. */
export type TimedOp = Operator & {
  readonly seconds: number;
  readonly boundBy: BoundBy;
};

/**
 * One phase's share of a step: the sequences that decode (one token each, or 1 + draft tokens), or the
 * prompt chunks that prefill. Attention sees each part in its own form (MLA decode attends in the
 * latent, prefill expands it); the linear layers see the tokens of every part at once.
 */
export interface StepPart {
  /** tokens this part puts through the layers */
  readonly tokens: number;
  /** sequences those tokens belong to */
  readonly sequences: number;
  /** mean keys one query token of the part attends to (decode: its context; prefill: cached + (n + 1) / 2) */
  readonly attendedKeys: number;
  /** mean KV-cache tokens read per sequence of the part (decode: the context; prefill: the cached prefix) */
  readonly kvReadTokens: number;
}

/**
 * What a step processes on one replica (one pipeline microbatch when PP > 1 is handled in step.ts): a
 * decode part, a prefill part, or both (a continuous-batching engine's mixed step: the running
 * sequences' next tokens and prompt chunks in one forward pass).
 */
export interface StepShape {
  readonly phase: 'decode' | 'prefill' | 'mixed';
  /** tokens through the layers: the decode part's and the prefill part's */
  readonly tokens: number;
  /** sequences those tokens belong to */
  readonly sequences: number;
  /** tokens whose logits are computed: every decode token, the last position of each prompt chunk */
  readonly logitTokens: number;
  readonly decode: StepPart | null;
  readonly prefill: StepPart | null;
}

/** A model served with one precision plan on one parallel layout. */
export interface ServedModel {
  readonly arch: ModelArchitecture;
  readonly plan: PrecisionPlan;
  /** KV-cache bytes per value (FP8 = 1, BF16 = 2) */
  readonly kvBytesPerValue: number;
  /** bytes per activation value moved between kernels and over links (BF16 = 2) */
  readonly activationBytes: number;
  readonly layout: ParallelLayout;
  readonly gpusPerNode: number;
}
