// An operator's time on a device. Work on the GPU: the larger of its bytes streamed (at the streaming
// share, plus a fill-and-drain per kernel) and its FLOP (each matmul shape at its own precision's peak ×
// the GPU's matmul share × the shape's fills: kernelEfficiency.ts). A collective: its bytes over the link
// at the link share, plus its latency — the engine's one-shot all-reduce (a fixed time per call and per
// peer) on the scale-up link where the engine has one, else the link's per-call latency and one hop
// latency per sequential step (2(n − 1) for NCCL's ring, n − 1 for an all-to-all).
import type { Efficiencies } from './efficiencies.ts';
import { type ComputePrecision, gemmFill } from './kernelEfficiency.ts';
import type { BoundBy, CommOp, ComputeOp, LinkKind, Operator, StreamClass, TimedOp } from './types.ts';

/** One link of the interconnect, per GPU and direction. */
export interface LinkRoof {
  readonly bandwidthBps: number;
  /** latency each sequential step of a collective adds */
  readonly hopLatencyS: number;
  /** fixed latency of one collective call (launch, proxy, synchronisation) */
  readonly callLatencyS: number;
}

/** The roofs one GPU of the layout runs against. */
export interface DeviceRoofs {
  /** HBM bandwidth per GPU, B/s */
  readonly bandwidthBps: number;
  /** dense peak on the weights' tensor path, FLOP/s (what MFU is measured against) */
  readonly peakFlops: number;
  /** dense peak of each tensor path, FLOP/s (a path the GPU lacks takes the next wider one's) */
  readonly tensorPeaks: Readonly<Record<ComputePrecision, number>>;
  /** streaming multiprocessors (CUs, GPU cores) a GEMM's tiles fill; null when unknown */
  readonly computeUnits: number | null;
  /** null when the GPU has no peer link (a single Mac, a lone card) */
  readonly intraNode: LinkRoof | null;
  readonly interNode: LinkRoof | null;
}

/** The share of HBM bandwidth an operator's traffic streams at (its kernel class's MBU). */
export function bandwidthShare(stream: StreamClass, efficiencies: Efficiencies): number {
  return stream === 'attention'
    ? efficiencies.attentionBandwidthShare * efficiencies.attentionKernelScale
    : efficiencies.gemvBandwidthShare;
}

export function linkRoof(roofs: DeviceRoofs, link: LinkKind): LinkRoof | null {
  return link === 'intraNode' ? roofs.intraNode : roofs.interNode;
}

export interface OpTime {
  readonly seconds: number;
  readonly boundBy: BoundBy;
}

/**
 * The rate an operator's HBM traffic streams at: the bandwidth × its kernel class's share, and for weight
 * GEMVs no more than the engine's kernels stream per SM × the SMs.
 */
export function streamBytesPerSecond(
  stream: StreamClass,
  roofs: DeviceRoofs,
  efficiencies: Efficiencies,
): number {
  const roof = roofs.bandwidthBps * bandwidthShare(stream, efficiencies);
  const perUnit = efficiencies.streamBytesPerSecondPerUnit;
  if (stream !== 'gemv' || perUnit <= 0 || roofs.computeUnits === null) return roof;
  return Math.min(roof, perUnit * roofs.computeUnits);
}

/** Seconds of HBM traffic: the bytes at the stream's rate, and one fill-and-drain per kernel. */
export function memorySeconds(op: ComputeOp, roofs: DeviceRoofs, efficiencies: Efficiencies): number {
  return (
    op.bytes / streamBytesPerSecond(op.stream, roofs, efficiencies) +
    op.kernels * efficiencies.kernelRampSeconds
  );
}

/**
 * Seconds of tensor math: every matmul shape at its precision's peak × the matmul share × its fills; the
 * FLOP outside matmuls (attention's score and value products, norms) at the operator's precision's peak ×
 * attention's share.
 */
export function computeSeconds(op: ComputeOp, roofs: DeviceRoofs, efficiencies: Efficiencies): number {
  const matmulRate = roofs.tensorPeaks[op.precision] * efficiencies.gemmPeakShare;
  let seconds = 0;
  let matmulFlops = 0;
  for (const g of op.gemms) {
    const flops = 2 * g.rows * g.cols * g.depth * g.groups * g.calls;
    matmulFlops += flops;
    seconds += flops / (matmulRate * gemmFill(g.rows, g.cols, g.depth, roofs.computeUnits, g.groups));
  }
  const rest = op.flops - matmulFlops;
  if (rest > 0) seconds += rest / (roofs.tensorPeaks[op.precision] * efficiencies.attentionPeakShare);
  return seconds;
}

/**
 * Latency of a collective's calls: the engine's one-shot all-reduce on the scale-up link (a fixed time
 * per call plus one per peer) when the engine has one, else the link's per-call latency and a hop latency
 * per sequential step.
 */
export function collectiveLatencySeconds(op: CommOp, link: LinkRoof, efficiencies: Efficiencies): number {
  if (op.collective === 'allReduce' && op.link === 'intraNode' && efficiencies.allReduceCallSeconds > 0) {
    return (
      op.calls * (efficiencies.allReduceCallSeconds + (op.groupSize - 1) * efficiencies.allReducePeerSeconds)
    );
  }
  return op.calls * (link.callLatencyS + op.hopsPerCall * link.hopLatencyS);
}

/**
 * Time of one operator. A collective on a device without that link cannot run: Infinity (callers check
 * layouts first, so this only guards the arithmetic).
 */
export function time(op: Operator, roofs: DeviceRoofs, efficiencies: Efficiencies): OpTime {
  if (op.kind === 'communication') {
    const link = linkRoof(roofs, op.link);
    if (link === null) return { seconds: Number.POSITIVE_INFINITY, boundBy: 'communication' };
    const seconds =
      op.bytes / (link.bandwidthBps * efficiencies.linkBandwidthShare) +
      collectiveLatencySeconds(op, link, efficiencies);
    return { seconds, boundBy: 'communication' };
  }
  const memory = memorySeconds(op, roofs, efficiencies);
  const compute = computeSeconds(op, roofs, efficiencies);
  return compute > memory ? { seconds: compute, boundBy: 'compute' } : { seconds: memory, boundBy: 'memory' };
}

export function timed(op: Operator, roofs: DeviceRoofs, efficiencies: Efficiencies): TimedOp {
  const { seconds, boundBy } = time(op, roofs, efficiencies);
  return Object.assign(op, { seconds, boundBy });
}
