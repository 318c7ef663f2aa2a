// The blog's four batching regions (§5.1–5.5) as a rule over a per-pass time curve.
//
// The rule, for each batch B (one node, one context):
//   cliff         B exceeds the KV capacity at the context (F25): the working set no longer fits the KV
//                 budget, so the engine evicts prefixes and aggregate throughput collapses (§5.4).
//   linear climb  the B-th stream still adds at least half of what a lone stream gets
//                 (marginal aggregate ≥ 0.5 × aggregate(1)): users are nearly free (§5.1).
//   bend          it adds between 5% and 50% of a lone stream: sub-linear, per-stream drops (§5.2).
//   plateau       it adds less than 5%: no amortisation left, aggregate flat (§5.3).
// Regions only move forward (climb → bend → plateau → cliff), so a noisy curve cannot jump back.
// The thresholds are ours, chosen so that the blog's own fit (5.2 ms + 1.65 ms × B) puts B=16 on the
// plateau, as §5.7 says ("B=16 sits exactly at the throughput plateau"); the plateau starts at B=14.
// The curve to classify is the linear fit, not the measured points, because the fit is smooth and is
// the spec's predictor for arbitrary B (I-17).

export type BatchRegion = 'linear' | 'bend' | 'plateau' | 'cliff';

export const REGION_ORDER: readonly BatchRegion[] = ['linear', 'bend', 'plateau', 'cliff'];
export const LINEAR_MIN_MARGINAL = 0.5;
export const PLATEAU_MAX_MARGINAL = 0.05;

export interface RegionSpan {
  region: BatchRegion;
  fromBatch: number;
  toBatch: number;
}

/** `aggregateTps[i]` is the aggregate at batch i+1; returns the region index (REGION_ORDER) per batch. */
export function classifyRegions(aggregateTps: Float64Array, maxUsers: number): Uint8Array {
  const regions = new Uint8Array(aggregateTps.length);
  const solo = aggregateTps[0] ?? 0;
  let current = 0;
  for (let i = 0; i < aggregateTps.length; i++) {
    const batch = i + 1;
    let region: number;
    if (batch > maxUsers) region = 3;
    else if (i === 0 || solo <= 0) region = 0;
    else {
      const marginal = ((aggregateTps[i] ?? 0) - (aggregateTps[i - 1] ?? 0)) / solo;
      region = marginal >= LINEAR_MIN_MARGINAL ? 0 : marginal >= PLATEAU_MAX_MARGINAL ? 1 : 2;
    }
    current = Math.max(current, region);
    regions[i] = current;
  }
  return regions;
}

export function regionSpans(regions: Uint8Array): RegionSpan[] {
  const spans: RegionSpan[] = [];
  for (let i = 0; i < regions.length; i++) {
    const region = REGION_ORDER[regions[i] ?? 0] ?? 'linear';
    const last = spans[spans.length - 1];
    if (last && last.region === region) last.toBatch = i + 1;
    else spans.push({ region, fromBatch: i + 1, toBatch: i + 1 });
  }
  return spans;
}
