// §5.6 under load: "find the largest batch size that still meets the per-stream SLA", with the SLA as a
// team would hand it to a provider (§9: "we need at least X TTFT, at least Y per-stream tok/s, holding at
// Z concurrent requests"): the largest simulated concurrency whose TTFT p99 and per-stream rate both meet
// their targets.
import type { LoadPoint } from '../serving/loadSweep.ts';

export interface LoadSlaPick {
  readonly targetTtftP99Seconds: number;
  readonly targetPerStreamTps: number;
  /** null when no simulated level meets both */
  readonly concurrency: number | null;
  readonly point: LoadPoint | null;
}

export function pickLoadSla(
  points: readonly LoadPoint[],
  targetTtftP99Seconds: number,
  targetPerStreamTps: number,
): LoadSlaPick {
  let best: LoadPoint | null = null;
  for (const point of points) {
    const meets = point.ttftP99Seconds <= targetTtftP99Seconds && point.perStreamTps >= targetPerStreamTps;
    if (meets && (best === null || point.concurrency > best.concurrency)) best = point;
  }
  return {
    targetTtftP99Seconds,
    targetPerStreamTps,
    concurrency: best?.concurrency ?? null,
    point: best,
  };
}
