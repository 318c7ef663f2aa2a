// One decode step or one prefill pass as a list of operators on the busiest GPU of the layout, each timed
// against the device's roofs, plus the per-step costs no operator owns — the engine's (kernel launches,
// MoE routing, the fixed cost of each expert problem, the host's scheduling that the GPU does not hide)
// and speculative drafting. Pipeline parallelism: a stage holds layers / pp of the model and the
// step's batch flows through it as pp microbatches of tokens / pp, so a GPU re-reads its weights once per
// microbatch and the step lasts as long as one GPU's pp microbatch passes.
import { denseLayerCount, moeLayerCount } from '../architecture/layers.ts';
import { attentionOverCache, latentProjection, outputProjection, queryProjection } from './attention.ts';
import {
  type CollectiveCost,
  expertParallelAllToAll,
  pipelineSendRecv,
  tensorParallelAllReduce,
} from './communication.ts';
import { denseFfn } from './denseFfn.ts';
import type { Efficiencies } from './efficiencies.ts';
import { embeddingGather, lmHead, norms } from './embeddings.ts';
import { routedExperts, router, sharedExperts, touchedExpertsPerGpu } from './experts.ts';
import { type ComputePrecision, computePrecisionOf, expertExposure } from './kernelEfficiency.ts';
import { plainCost } from './matmul.ts';
import { type DeviceRoofs, timed } from './time.ts';
import type {
  BoundBy,
  ComputeOp,
  MatmulCost,
  Operator,
  ServedModel,
  StepPart,
  StepShape,
  StreamClass,
  TimedOp,
} from './types.ts';

/** A decode step: B sequences at `contextTokens`, each verifying 1 + `draftTokens` tokens. */
export function decodeShape(batch: number, contextTokens: number, draftTokens = 0): StepShape {
  const tokens = batch * (1 + draftTokens);
  return {
    phase: 'decode',
    tokens,
    sequences: batch,
    logitTokens: tokens,
    decode: { tokens, sequences: batch, attendedKeys: contextTokens, kvReadTokens: contextTokens },
    prefill: null,
  };
}

/** A prefill of `freshTokens` after `cachedTokens` already cached (mean keys per token under a causal mask). */
export function prefillShape(freshTokens: number, cachedTokens: number): StepShape {
  return {
    phase: 'prefill',
    tokens: freshTokens,
    sequences: 1,
    logitTokens: 1,
    decode: null,
    prefill: {
      tokens: freshTokens,
      sequences: 1,
      attendedKeys: cachedTokens + (freshTokens + 1) / 2,
      kvReadTokens: cachedTokens,
    },
  };
}

/** The decoding sequences of a mixed step, as sums over them. */
export interface DecodeMix {
  readonly sequences: number;
  /** Σ over the sequences of the tokens already in each one's KV cache */
  readonly contextTokensSum: number;
  readonly draftTokens: number;
}

/** The prompt chunks of a mixed step, as sums over them. */
export interface PrefillMix {
  readonly chunks: number;
  /** Σ of the chunks' fresh tokens */
  readonly tokens: number;
  /** Σ of the tokens each chunk finds cached before it (its prefix, earlier chunks included) */
  readonly prefixTokensSum: number;
  /** Σ over every chunk token of the keys it attends to: Σ n (prefix + (n + 1) / 2) */
  readonly attendedKeysSum: number;
}

/**
 * One step of a continuous-batching engine (the serving simulator's step): the running sequences'
 * decode tokens and prompt chunks in one forward pass. The linear layers see every token at once;
 * attention sees each part at its mean context (exact for full attention, whose cost is linear in it).
 * Only decode reduces to decodeShape, only one chunk to prefillShape: the same numbers.
 */
export function mixedShape(decode: DecodeMix | null, prefill: PrefillMix | null): StepShape {
  const d =
    decode === null || decode.sequences <= 0
      ? null
      : {
          tokens: decode.sequences * (1 + decode.draftTokens),
          sequences: decode.sequences,
          attendedKeys: decode.contextTokensSum / decode.sequences,
          kvReadTokens: decode.contextTokensSum / decode.sequences,
        };
  const p =
    prefill === null || prefill.chunks <= 0
      ? null
      : {
          tokens: prefill.tokens,
          sequences: prefill.chunks,
          attendedKeys: prefill.attendedKeysSum / prefill.tokens,
          kvReadTokens: prefill.prefixTokensSum / prefill.chunks,
        };
  const tokens = (d?.tokens ?? 0) + (p?.tokens ?? 0);
  return {
    phase: d && p ? 'mixed' : d ? 'decode' : 'prefill',
    tokens,
    sequences: (d?.sequences ?? 0) + (p?.sequences ?? 0),
    logitTokens: (d?.tokens ?? 0) + (p?.sequences ?? 0),
    decode: d,
    prefill: p,
  };
}

function microPart(part: StepPart | null, pp: number): StepPart | null {
  return part === null
    ? null
    : {
        tokens: part.tokens / pp,
        sequences: part.sequences / pp,
        attendedKeys: part.attendedKeys,
        kvReadTokens: part.kvReadTokens,
      };
}

function microbatch(shape: StepShape, pp: number): StepShape {
  if (pp === 1) return shape;
  return {
    phase: shape.phase,
    tokens: shape.tokens / pp,
    sequences: shape.sequences / pp,
    logitTokens: shape.logitTokens / pp,
    decode: microPart(shape.decode, pp),
    prefill: microPart(shape.prefill, pp),
  };
}

/**
 * The operators of one step on one GPU, over the whole step (every microbatch), omitting those that
 * cost nothing for this model (no dense FFN in an all-MoE model, no collectives at TP 1). Each operator
 * runs its matmuls on its own weights' tensor path (per-operator precision): attention projections at the
 * attention weights' format, routed experts at theirs, attention over the cache on BF16.
 */
export function stepOperators(model: ServedModel, shape: StepShape): Operator[] {
  const { arch, layout, plan } = model;
  const pp = layout.pp;
  const micro = microbatch(shape, pp);
  const layers = arch.numLayers / pp;
  const moeLayers = moeLayerCount(arch) / pp;
  const denseLayers = denseLayerCount(arch) / pp;
  const mla = arch.attention.kind === 'mla';
  const decode = shape.decode !== null;
  const prefill = shape.prefill !== null;
  const ops: Operator[] = [];
  const compute = (
    name: string,
    family: ComputeOp['family'],
    stream: StreamClass,
    cost: MatmulCost,
    kernelsPerMicrobatch: number,
    precision: ComputePrecision,
    expertProblemsPerMicrobatch = 0,
  ): void => {
    if (cost.bytes <= 0 && cost.flops <= 0) return;
    ops.push({
      kind: 'compute',
      name,
      family,
      stream,
      precision,
      kernels: kernelsPerMicrobatch * pp,
      expertProblems: expertProblemsPerMicrobatch * pp,
      bytes: cost.bytes * pp,
      flops: cost.flops * pp,
      gemms: pp === 1 ? cost.gemms : cost.gemms.map((g) => ({ ...g, calls: g.calls * pp })),
    });
  };
  const collective = (name: string, cost: CollectiveCost | null): void => {
    if (cost === null || cost.calls === 0) return;
    ops.push({
      kind: 'communication',
      name,
      family: 'communication',
      collective: cost.collective,
      link: cost.link,
      groupSize: cost.groupSize,
      calls: cost.calls * pp,
      hopsPerCall: cost.hopsPerCall,
      kernels: cost.calls * pp,
      bytes: cost.bytes * pp,
      flops: 0,
    });
  };
  const attentionPath = computePrecisionOf(plan.attention);
  compute('embedding', 'embeddings', 'gemv', plainCost(embeddingGather(model, micro)), 1, 'bf16');
  compute(
    'norms',
    'embeddings',
    'gemv',
    plainCost(norms(model, micro, layers, true)),
    layers * (mla ? 3 : 2) + 1,
    'bf16',
  );
  if (mla) {
    const qKernels =
      (arch.attention.kind === 'mla' && arch.attention.qLoraRank !== null ? 2 : 1) + (decode ? 1 : 0);
    compute(
      'attention.q_proj',
      'attention',
      'gemv',
      queryProjection(model, micro, layers),
      layers * qKernels,
      attentionPath,
    );
    compute(
      'attention.kv_proj',
      'attention',
      'gemv',
      latentProjection(model, micro, layers),
      layers * (prefill ? 3 : 2),
      attentionPath,
    );
  } else {
    compute(
      'attention.qkv_proj',
      'attention',
      'gemv',
      queryProjection(model, micro, layers),
      layers * 2,
      attentionPath,
    );
  }
  // attention over an FP8 cache runs FP8 kernels (FlashAttention-3 FP8, FlashInfer and TensorRT-LLM's
  // FP8 attention); over a BF16 cache, BF16. A mixed step runs each part's attention kernel (decode and
  // prefill kernels differ).
  compute(
    'attention.core',
    'attention',
    'attention',
    plainCost(attentionOverCache(model, micro, layers)),
    layers * ((decode ? 1 : 0) + (prefill ? 1 : 0)),
    model.kvBytesPerValue <= 1 ? 'fp8' : 'bf16',
  );
  compute(
    'attention.out_proj',
    'attention',
    'gemv',
    outputProjection(model, micro, layers),
    layers * (mla && decode ? 2 : 1),
    attentionPath,
  );
  compute(
    'experts.router',
    'experts',
    'gemv',
    router(model, micro, moeLayers),
    moeLayers * 2,
    computePrecisionOf(plan.normsRouter),
  );
  compute(
    'experts.routed',
    'experts',
    'gemv',
    routedExperts(model, micro, moeLayers),
    moeLayers * 5,
    computePrecisionOf(plan.routedExperts),
    touchedExpertsPerGpu(model, micro.tokens),
  );
  compute(
    'experts.shared',
    'experts',
    'gemv',
    sharedExperts(model, micro, moeLayers),
    moeLayers * 3,
    computePrecisionOf(plan.sharedExperts),
  );
  compute(
    'ffn.dense',
    'denseFfn',
    'gemv',
    denseFfn(model, micro, denseLayers),
    denseLayers * 3,
    computePrecisionOf(plan.denseFfn),
  );
  compute(
    'lm_head',
    'embeddings',
    'gemv',
    lmHead(model, micro),
    2,
    computePrecisionOf(arch.tiedEmbeddings ? plan.embedding : plan.lmHead),
  );
  collective('comm.tp_allreduce', tensorParallelAllReduce(model, micro, layers, moeLayers));
  collective('comm.ep_alltoall', expertParallelAllToAll(model, micro, moeLayers));
  collective('comm.pp_sendrecv', pipelineSendRecv(model, micro));
  return ops;
}

export interface StepBreakdown {
  readonly ops: readonly TimedOp[];
  /** Σ operator times */
  readonly opSeconds: number;
  /** kernels launched × the engine's gap per kernel */
  readonly launchSeconds: number;
  /** MoE layers × the engine's routing per layer */
  readonly routingSeconds: number;
  /** expert problems the grouped GEMMs run × the engine's fixed cost per expert problem × its exposure */
  readonly smallExpertSeconds: number;
  /** the engine's host time (per step and per sequence) that the GPU's step does not hide */
  readonly schedulerSeconds: number;
  /** speculative drafting: one extra decoder layer per draft token (DeepSeek's MTP module is one layer) */
  readonly draftSeconds: number;
  readonly seconds: number;
  /** HBM bytes and FLOP of the whole step on this GPU */
  readonly hbmBytes: number;
  readonly flops: number;
  /**
   * The step's FLOP at each operator's own tensor-path peak: what MFU is measured against when the
   * operators run on different paths (MFU = tensorSeconds ÷ seconds ≤ 1)
   */
  readonly tensorSeconds: number;
  /** the bound that takes the largest share of the operator time */
  readonly boundBy: BoundBy;
}

export interface StepContext {
  readonly model: ServedModel;
  readonly roofs: DeviceRoofs;
  readonly efficiencies: Efficiencies;
}

/** The operator time of each bound, for the step's dominant bound and the stacked charts. */
export function secondsByBound(ops: readonly TimedOp[]): Record<BoundBy, number> {
  const totals: Record<BoundBy, number> = { memory: 0, compute: 0, communication: 0 };
  for (const op of ops) totals[op.boundBy] += op.seconds;
  return totals;
}

/**
 * The engine's host time per step that the GPU does not hide: its time per step and per running
 * sequence, less the share of it an overlapping scheduler runs while the GPU computes the step.
 */
export function exposedHostSeconds(
  efficiencies: Efficiencies,
  sequences: number,
  gpuSeconds: number,
): number {
  const host = efficiencies.schedulerSecondsPerStep + efficiencies.schedulerSecondsPerSequence * sequences;
  return host - efficiencies.hostOverlap * Math.min(host, gpuSeconds);
}

export function timeStep(context: StepContext, shape: StepShape, draftTokens = 0): StepBreakdown {
  const { model, roofs, efficiencies } = context;
  const ops = stepOperators(model, shape).map((op) => timed(op, roofs, efficiencies));
  let opSeconds = 0;
  let kernels = 0;
  let hbmBytes = 0;
  let flops = 0;
  let expertProblems = 0;
  let tensorSeconds = 0;
  for (const op of ops) {
    opSeconds += op.seconds;
    kernels += op.kernels;
    if (op.kind === 'compute') {
      hbmBytes += op.bytes;
      flops += op.flops;
      tensorSeconds += op.flops / roofs.tensorPeaks[op.precision];
      if (op.expertProblems > 0) expertProblems += op.expertProblems * expertExposure(op.gemms[0]?.rows ?? 0);
    }
  }
  const launchSeconds = kernels * efficiencies.kernelLaunchSeconds;
  const routingSeconds = moeLayerCount(model.arch) * efficiencies.moeRoutingSecondsPerLayer;
  // each expert problem's fixed cost, exposed by the tokens it sees (kernelEfficiency.expertExposure): decode's
  // one or two tokens per expert leave it bare, a prefill chunk's hundreds hide it; a mixed step's grouped
  // GEMM sees both parts' tokens
  const smallExpertSeconds = expertProblems * efficiencies.smallExpertSeconds;
  const layerSeconds = opSeconds + launchSeconds + routingSeconds + smallExpertSeconds;
  // the draft layer runs over every token of the step (an MTP/EAGLE proposer also reads the prefill
  // chunks' hidden states), so a mixed step's drafting scales with its whole layer time
  const draftSeconds =
    shape.decode !== null && draftTokens > 0 ? (draftTokens / model.arch.numLayers) * layerSeconds : 0;
  const schedulerSeconds = exposedHostSeconds(efficiencies, shape.sequences, layerSeconds + draftSeconds);
  const byBound = secondsByBound(ops);
  const boundBy: BoundBy =
    byBound.compute >= byBound.memory && byBound.compute >= byBound.communication
      ? 'compute'
      : byBound.communication > byBound.memory
        ? 'communication'
        : 'memory';
  return {
    ops,
    opSeconds,
    launchSeconds,
    routingSeconds,
    smallExpertSeconds,
    schedulerSeconds,
    draftSeconds,
    seconds: layerSeconds + schedulerSeconds + draftSeconds,
    hbmBytes,
    flops,
    tensorSeconds,
    boundBy,
  };
}
