// Communication family: what one GPU sends over its links per step, how many collective calls that takes
// and how many hops each call waits for.
//
// - TP all-reduce: after attention and after the FFN/MoE of every layer, the partial hidden states
//   (tokens × hidden × 2 B) are summed over the TP group. A ring all-reduce over n GPUs sends
//   2(n − 1)/n of the buffer per GPU in 2(n − 1) sequential steps (NCCL's ring, nccl-tests
//   doc/PERFORMANCE.md); llm-analysis counts the same two per layer. Serving engines run their own
//   one-shot all-reduce for small messages on NVLink (time.ts prices it from the engine profile).
// - EP all-to-all: when the EP group is larger than TP, tokens are partitioned over replicas and each MoE
//   layer dispatches every token's hidden state to its k experts and combines the results back: two
//   all-to-alls, (ep − 1)/ep of the routed copies leaving the GPU, each exchanging with ep − 1 peers in
//   turn (ep − 1 steps). Inside a TP group tokens are already replicated, so EP ≤ TP needs only the
//   all-reduce.
// - PP send/recv: each stage hands its microbatch's hidden states to the next one (one step).
import { nodesPerReplica } from './layout.ts';
import type { CollectiveKind, LinkKind, OpCost, ServedModel, StepShape } from './types.ts';

export interface CollectiveCost extends OpCost {
  readonly collective: CollectiveKind;
  readonly groupSize: number;
  readonly calls: number;
  readonly hopsPerCall: number;
  readonly link: LinkKind;
}

/** Bytes one GPU sends in a ring all-reduce of `bufferBytes` over n GPUs. */
export function ringAllReduceBytes(bufferBytes: number, gpus: number): number {
  return gpus <= 1 ? 0 : (2 * (gpus - 1) * bufferBytes) / gpus;
}

export function ringAllReduceHops(gpus: number): number {
  return gpus <= 1 ? 0 : 2 * (gpus - 1);
}

/** TP all-reduces over `layers` layers (of which `moeLayers` use an all-to-all instead when EP > TP). */
export function tensorParallelAllReduce(
  model: ServedModel,
  shape: StepShape,
  layers: number,
  moeLayers: number,
): CollectiveCost | null {
  const { tp, ep } = model.layout;
  if (tp <= 1) return null;
  const calls = ep > tp ? 2 * layers - moeLayers : 2 * layers;
  const buffer = shape.tokens * model.arch.hiddenSize * model.activationBytes;
  return {
    bytes: calls * ringAllReduceBytes(buffer, tp),
    flops: 0,
    collective: 'allReduce',
    groupSize: tp,
    calls,
    hopsPerCall: ringAllReduceHops(tp),
    link: 'intraNode',
  };
}

/** EP dispatch + combine over `moeLayers` MoE layers, when the EP group spans replicas (EP > TP). */
export function expertParallelAllToAll(
  model: ServedModel,
  shape: StepShape,
  moeLayers: number,
): CollectiveCost | null {
  const { tp, ep } = model.layout;
  const moe = model.arch.moe;
  if (moe === null || ep <= tp || moeLayers === 0) return null;
  const tokensPerGpu = shape.tokens / tp;
  const perCall =
    (tokensPerGpu * moe.expertsPerToken * model.arch.hiddenSize * model.activationBytes * (ep - 1)) / ep;
  const calls = 2 * moeLayers;
  return {
    bytes: calls * perCall,
    flops: 0,
    collective: 'allToAll',
    groupSize: ep,
    calls,
    hopsPerCall: ep - 1,
    link: ep > model.gpusPerNode ? 'interNode' : 'intraNode',
  };
}

/** One hand-off of the microbatch's hidden states to the next pipeline stage. */
export function pipelineSendRecv(model: ServedModel, shape: StepShape): CollectiveCost | null {
  if (model.layout.pp <= 1) return null;
  const spansNodes = nodesPerReplica(model.layout, model.gpusPerNode) > 1;
  return {
    bytes: shape.tokens * model.arch.hiddenSize * model.activationBytes,
    flops: 0,
    collective: 'send',
    groupSize: 2,
    calls: 1,
    hopsPerCall: 1,
    link: spansNodes ? 'interNode' : 'intraNode',
  };
}
