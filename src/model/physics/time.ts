// An operator's time on a device: max(bytes ÷ (bandwidth × MBU), FLOP ÷ (peak × MFU)) for work on the
// GPU, bytes ÷ (link bandwidth × share) + hops × hop latency for a collective, and which term wins.
import type { Efficiencies } from './efficiencies.ts';
import type { BoundBy, LinkKind, Operator, StreamClass, TimedOp } from './types.ts';

/** One link of the interconnect, per GPU and direction. */
export interface LinkRoof {
  readonly bandwidthBps: number;
  /** latency each sequential hop of a collective adds */
  readonly hopLatencyS: number;
}

/** The roofs one GPU of the layout runs against. */
export interface DeviceRoofs {
  /** HBM bandwidth per GPU, B/s */
  readonly bandwidthBps: number;
  /** dense peak at the precision the matmuls run in, FLOP/s */
  readonly peakFlops: number;
  /** null when the GPU has no peer link (a single Mac, a lone card) */
  readonly intraNode: LinkRoof | null;
  readonly interNode: LinkRoof | null;
}

/** The share of HBM bandwidth an operator's traffic streams at (its kernel class's MBU). */
export function bandwidthShare(stream: StreamClass, efficiencies: Efficiencies): number {
  return stream === 'attention' ? efficiencies.attentionBandwidthShare : efficiencies.gemvBandwidthShare;
}

export function linkRoof(roofs: DeviceRoofs, link: LinkKind): LinkRoof | null {
  return link === 'intraNode' ? roofs.intraNode : roofs.interNode;
}

export interface OpTime {
  readonly seconds: number;
  readonly boundBy: BoundBy;
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
      op.calls * op.hopsPerCall * link.hopLatencyS;
    return { seconds, boundBy: 'communication' };
  }
  const memory = op.bytes / (roofs.bandwidthBps * bandwidthShare(op.stream, efficiencies));
  const compute = op.flops / (roofs.peakFlops * efficiencies.gemmPeakShare);
  return compute > memory ? { seconds: compute, boundBy: 'compute' } : { seconds: memory, boundBy: 'memory' };
}

export function timed(op: Operator, roofs: DeviceRoofs, efficiencies: Efficiencies): TimedOp {
  const { seconds, boundBy } = time(op, roofs, efficiencies);
  return Object.assign(op, { seconds, boundBy });
}
