// §5.6: "find the largest batch size that still meets the per-stream SLA".

export interface SlaPick {
  targetPerStreamTps: number;
  /** null when no batch within the KV capacity meets the target */
  batch: number | null;
  perStreamTps: number | null;
  aggregateTps: number | null;
}

/** Largest B ≤ maxBatch (the KV cliff) whose per-stream rate meets the target. */
export function pickSlaBatch(
  perStreamTps: Float64Array,
  aggregateTps: Float64Array,
  maxBatch: number,
  targetPerStreamTps: number,
): SlaPick {
  for (let batch = Math.min(maxBatch, perStreamTps.length); batch >= 1; batch--) {
    const perStream = perStreamTps[batch - 1] ?? 0;
    if (perStream >= targetPerStreamTps) {
      return {
        targetPerStreamTps,
        batch,
        perStreamTps: perStream,
        aggregateTps: aggregateTps[batch - 1] ?? 0,
      };
    }
  }
  return { targetPerStreamTps, batch: null, perStreamTps: null, aggregateTps: null };
}
