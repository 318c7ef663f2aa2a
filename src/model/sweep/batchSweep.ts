// Batch sweep B = 1…maxBatch of one replica: ridgeline's per-operator model gives the curve (step time,
// per-stream and aggregate tok/s, the KV cliff, the regions, the SLA pick); beside it, for the blog's own
// scenario only, the blog's napkin (F32) and its load test's linear fit (F33), and the load test's
// measured points, drawn as points and never spliced into the curve. Typed arrays, index i = batch i + 1.

import { maxUsersAt } from '../napkin/kvCache.ts';
import { isBlogMeasuredScenario } from '../napkin/napkinScope.ts';
import {
  expectedUnique,
  napkinAndFitPassS,
  type PerPassParams,
  roundExperts,
} from '../napkin/perPassModel.ts';
import type { DecodeCurve } from '../physics/decodeCurve.ts';
import type { MemoryPlan } from '../physics/memory.ts';
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { layoutOf } from '../scenario/servedModel.ts';
import { type BatchRegion, classifyRegions, REGION_ORDER, type RegionSpan, regionSpans } from './regions.ts';
import type { SlaPick } from './sla.ts';

/** The batches swept, B = 1…512: the projection's decode curve and the charts drawn from it. */
export const SWEEP_MAX_BATCH = 512;

/** What the sweep reads of ridgeline's projection (project.ts's Projection carries these and more). */
export interface SweptProjection {
  readonly curve: DecodeCurve | null;
  readonly memory: Pick<MemoryPlan, 'maxStreams'> | null;
  readonly regionIndex: Uint8Array | null;
  readonly sla: SlaPick;
  readonly fits: boolean;
}

export interface MeasuredPoint {
  batch: number;
  passS: number;
  source: string;
}

export interface BatchSweep {
  maxBatch: number;
  contextTokens: number;
  /** the napkin's bytes per pass (F30) at each B */
  perPassBytes: Float64Array;
  /** the blog's napkin (F32); null outside the blog's scenario (its 5.2 ms intercept was measured there) */
  napkinPassS: Float64Array | null;
  /** the blog's load-test fit (F33); null outside the blog's scenario */
  fitPassS: Float64Array | null;
  /** ridgeline's model: step time at each B (0 where the batch does not fit or the model does not) */
  predictedPassS: Float64Array;
  perStreamTps: Float64Array;
  aggregateTps: Float64Array;
  napkinAggregateTps: Float64Array | null;
  /** the blog's measured points for this scenario's layout, drawn beside the curve */
  measuredPoints: MeasuredPoint[];
  /** streams whose KV fits one replica at the context (the model's memory plan): the cliff */
  maxUsers: number;
  /** region index per batch (REGION_ORDER) on the model's curve */
  regionIndex: Uint8Array;
  regions: RegionSpan[];
  /** the same rule on the napkin curve; null outside the blog's scenario */
  napkinRegionIndex: Uint8Array | null;
  napkinRegions: RegionSpan[];
  sla: SlaPick;
  /** the model fits this layout: false leaves the throughput arrays at 0 */
  fits: boolean;
}

/**
 * The blog's load-test points for this layout: TP8 at c=16 (36.8 ms) and c=32 (~14 tok/s per stream),
 * TP4 at c=8 (46 tok/s per stream). B=8's "~54 tok/s" is the fit's value (spec I-17), not a measurement.
 */
export function measuredPoints(inputs: ScenarioInputs): MeasuredPoint[] {
  if (!isBlogMeasuredScenario(inputs)) return [];
  const layout = layoutOf(inputs);
  if (layout.pp !== 1) return [];
  const points: MeasuredPoint[] = [];
  if (layout.tp === inputs.tp8.gpusPerReplica) {
    points.push({
      batch: inputs.tp8.concurrency,
      passS: inputs.tp8.perPassTimeMeasuredS,
      source: 'tp8.perPassTimeMeasuredS',
    });
    if (inputs.tp8.concurrency !== 32) {
      points.push({
        batch: 32,
        passS: 1 / inputs.empirical.perStreamMeasuredTps.b32,
        source: 'empirical.perStreamMeasuredTps.b32',
      });
    }
  } else if (layout.tp === inputs.tp4.gpusPerReplica) {
    points.push({
      batch: inputs.tp4.concurrency,
      passS: 1 / inputs.tp4.perStreamTps,
      source: 'tp4.perStreamTps',
    });
  }
  return points.sort((a, b) => a.batch - b.batch);
}

function napkinCurves(inputs: ScenarioInputs, params: PerPassParams, maxBatch: number) {
  const perPassBytes = new Float64Array(maxBatch);
  const napkinPassS = new Float64Array(maxBatch);
  const fitPassS = new Float64Array(maxBatch);
  const napkinAggregateTps = new Float64Array(maxBatch);
  const E = params.nRoutedExperts;
  const moe = E > 0 && params.expertsPerToken > 0;
  const missOne = moe ? (E - params.expertsPerToken) / E : 1;
  const routedPerExpert = params.moeLayers * params.expertBytes;
  const kvPerStream = params.kvBytesPerToken * params.kvContextTokens;
  let missAll = 1;
  for (let i = 0; i < maxBatch; i++) {
    const batch = i + 1;
    missAll *= missOne;
    const unique = moe
      ? roundExperts(expectedUnique(E, params.expertsPerToken, batch, missAll), params.rounding)
      : 0;
    const bytes = unique * routedPerExpert + params.sharedWeightsBytesPerPass + batch * kvPerStream;
    perPassBytes[i] = bytes;
    const { napkin, fit } = napkinAndFitPassS(inputs.empirical, bytes, batch);
    napkinPassS[i] = napkin;
    fitPassS[i] = fit;
    napkinAggregateTps[i] = batch / napkin;
  }
  return { perPassBytes, napkinPassS, fitPassS, napkinAggregateTps };
}

export function batchSweep(
  inputs: ScenarioInputs,
  params: PerPassParams,
  napkinKvBudgetBytes: number,
  projection: SweptProjection,
): BatchSweep {
  const curve = projection.curve;
  const maxBatch = curve?.maxBatch ?? SWEEP_MAX_BATCH;
  const napkin = napkinCurves(inputs, params, maxBatch);
  const blogs = isBlogMeasuredScenario(inputs);
  const maxUsers = projection.memory?.maxStreams ?? 0;
  const zero = () => new Float64Array(maxBatch);
  const predictedPassS = zero();
  const perStreamTps = zero();
  const aggregateTps = zero();
  if (curve !== null) {
    for (let i = 0; i < Math.min(maxUsers, maxBatch); i++) {
      predictedPassS[i] = curve.stepSeconds[i] ?? 0;
      perStreamTps[i] = curve.perStreamTps[i] ?? 0;
      aggregateTps[i] = curve.aggregateTps[i] ?? 0;
    }
  }
  const regionIndex = projection.regionIndex ?? classifyRegions(aggregateTps, 0);
  // the napkin's own cliff is F25 on the napkin's KV budget (80 GB of activations, KV spread over the node)
  const napkinRegionIndex = blogs
    ? classifyRegions(
        napkin.napkinAggregateTps,
        maxUsersAt(napkinKvBudgetBytes, params.kvBytesPerToken, params.kvContextTokens),
      )
    : null;
  return {
    maxBatch,
    contextTokens: params.kvContextTokens,
    perPassBytes: napkin.perPassBytes,
    napkinPassS: blogs ? napkin.napkinPassS : null,
    fitPassS: blogs ? napkin.fitPassS : null,
    predictedPassS,
    perStreamTps,
    aggregateTps,
    napkinAggregateTps: blogs ? napkin.napkinAggregateTps : null,
    measuredPoints: measuredPoints(inputs),
    maxUsers,
    regionIndex,
    regions: regionSpans(regionIndex),
    napkinRegionIndex,
    napkinRegions: napkinRegionIndex === null ? [] : regionSpans(napkinRegionIndex),
    sla: projection.sla,
    fits: projection.fits,
  };
}

export function regionAt(sweep: BatchSweep, batch: number): BatchRegion {
  return REGION_ORDER[sweep.regionIndex[batch - 1] ?? 3] ?? 'cliff';
}
