// The blog's four batching regions (§5.1–5.5) as a rule over a per-pass time curve.
//
// The rule, for each batch B (one node, one context):
//   cliff         B exceeds the KV capacity at the context (F25): the working set no longer fits the KV
//                 budget, so the engine evicts prefixes and aggregate throughput collapses (§5.4).
//   linear climb  the B-th stream still adds at least half of what a lone stream gets
//                 (marginal aggregate ≥ 0.5 × aggregate(1)): users are nearly free (§5.1).
//   bend          it adds between 5% and 50% of a lone stream: sub-linear, per-stream drops (§5.2).
//   plateau       it adds less than 5%, and the aggregate never climbs more than 10% above its value at B
//                 again before the cliff: flat, no amortisation left (§5.3). A curve still rising
//                 (ridgeline's Kimi K2.6 curve climbed ~35% from B=9 to its 37-stream cliff) stays in the
//                 bend, so a band named "plateau" always lies over a flat curve (issue 23).
// Regions only move forward (climb → bend → plateau → cliff), so a noisy curve cannot jump back.
// The marginal thresholds are ours; the 10% flatness is the blog's own reading of "flat": its B=32 adds
// 3% over B=16 and §5.7 calls that "keeps aggregate flat".

export type BatchRegion = 'linear' | 'bend' | 'plateau' | 'cliff';

export const REGION_ORDER: readonly BatchRegion[] = ['linear', 'bend', 'plateau', 'cliff'];
export const LINEAR_MIN_MARGINAL = 0.5;
export const PLATEAU_MAX_MARGINAL = 0.05;
/** The plateau's flatness: the aggregate still ahead (to the cliff) is at most this much above B's. */
export const PLATEAU_MAX_RISE = 0.1;

export interface RegionSpan {
  region: BatchRegion;
  fromBatch: number;
  toBatch: number;
}

/** `aggregateTps[i]` is the aggregate at batch i+1; returns the region index (REGION_ORDER) per batch. */
export function classifyRegions(aggregateTps: Float64Array, maxUsers: number): Uint8Array {
  const regions = new Uint8Array(aggregateTps.length);
  const solo = aggregateTps[0] ?? 0;
  // the highest aggregate from each batch on, up to the last batch that fits
  const ahead = new Float64Array(aggregateTps.length);
  let best = 0;
  for (let i = Math.min(aggregateTps.length, Math.max(0, maxUsers)) - 1; i >= 0; i--) {
    best = Math.max(best, aggregateTps[i] ?? 0);
    ahead[i] = best;
  }
  let current = 0;
  for (let i = 0; i < aggregateTps.length; i++) {
    const batch = i + 1;
    let region: number;
    if (batch > maxUsers) region = 3;
    else if (i === 0 || solo <= 0) region = 0;
    else {
      const here = aggregateTps[i] ?? 0;
      const marginal = (here - (aggregateTps[i - 1] ?? 0)) / solo;
      const flat = (ahead[i] ?? 0) <= here * (1 + PLATEAU_MAX_RISE);
      region = marginal >= LINEAR_MIN_MARGINAL ? 0 : marginal >= PLATEAU_MAX_MARGINAL || !flat ? 1 : 2;
    }
    current = Math.max(current, region);
    regions[i] = current;
  }
  // Regions never move backwards, so a batch after the plateau began inherits it even where the curve
  // dips and climbs again; a plateau must lie over a flat curve, so the plateau starts after the last
  // batch that has more than PLATEAU_MAX_RISE ahead of it (those before it are the bend).
  const fits = Math.min(aggregateTps.length, Math.max(0, maxUsers));
  let lastRising = -1;
  for (let i = 0; i < fits; i++)
    if (regions[i] === 2 && (ahead[i] ?? 0) > (aggregateTps[i] ?? 0) * (1 + PLATEAU_MAX_RISE)) lastRising = i;
  for (let i = 0; i <= lastRising; i++) if (regions[i] === 2) regions[i] = 1;
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
