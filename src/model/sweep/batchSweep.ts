// Batch sweep B = 1…maxBatch on the TP8 node (§5): per-pass time from the napkin (F32), the linear fit
// (F33) and measured points where given; per-stream and aggregate tok/s; the KV-capacity cliff (F25);
// the four regions; the SLA pick. Typed arrays, index i = batch i+1, so a full sweep costs microseconds.
import { maxUsersAt } from '../chain/kvCache.ts';
import {
  expectedUnique,
  fitPerPassS,
  memoryTimeS,
  napkinPerPassS,
  type PerPassParams,
  roundExperts,
} from '../chain/perPassModel.ts';
import type { ScenarioInputs } from '../inputs.ts';
import { type BatchRegion, classifyRegions, REGION_ORDER, type RegionSpan, regionSpans } from './regions.ts';
import { pickSlaBatch, type SlaPick } from './sla.ts';

export const SWEEP_MAX_BATCH = 512;

export interface MeasuredPoint {
  batch: number;
  passS: number;
  source: string;
}

export interface BatchSweep {
  maxBatch: number;
  contextTokens: number;
  perPassBytes: Float64Array;
  napkinPassS: Float64Array;
  fitPassS: Float64Array;
  /** measured where a point exists, else the fit (I-9 priority; the napkin is shown beside it) */
  predictedPassS: Float64Array;
  perStreamTps: Float64Array;
  aggregateTps: Float64Array;
  napkinAggregateTps: Float64Array;
  measuredPoints: MeasuredPoint[];
  /** F25 at the sweep context: the cliff */
  maxUsers: number;
  /** region index per batch (REGION_ORDER), classified on the linear fit, the spec's predictor (I-17) */
  regionIndex: Uint8Array;
  regions: RegionSpan[];
  /**
   * The same rule on the napkin curve (F32): it follows the model's own bytes per pass, so it is the one
   * to read for a model or GPU the blog's fit (Kimi K2.6 on 8×B200) was not measured on.
   */
  napkinRegionIndex: Uint8Array;
  napkinRegions: RegionSpan[];
  sla: SlaPick;
}

export function measuredPoints(inputs: ScenarioInputs): MeasuredPoint[] {
  const { perStreamMeasuredTps: tps } = inputs.empirical;
  const points: MeasuredPoint[] = [
    {
      batch: inputs.tp8.concurrency,
      passS: inputs.tp8.perPassTimeMeasuredS,
      source: 'tp8.perPassTimeMeasuredS',
    },
  ];
  for (const [batch, value] of [
    [8, tps.b8],
    [16, tps.b16],
    [32, tps.b32],
  ] as const) {
    if (!points.some((p) => p.batch === batch)) {
      points.push({ batch, passS: 1 / value, source: `empirical.perStreamMeasuredTps.b${batch}` });
    }
  }
  return points.sort((a, b) => a.batch - b.batch);
}

export function batchSweep(
  inputs: ScenarioInputs,
  params: PerPassParams,
  kvBudgetBytes: number,
  maxBatch = SWEEP_MAX_BATCH,
): BatchSweep {
  const {
    nodeBandwidthEffectiveBps: bw,
    mbuNapkin,
    overlapFactor,
    fixedOverheadS,
    perSlotS,
  } = inputs.empirical;
  const ctx = params.kvContextTokens;
  const perPassBytes = new Float64Array(maxBatch);
  const napkinPassS = new Float64Array(maxBatch);
  const fitPassS = new Float64Array(maxBatch);
  const predictedPassS = new Float64Array(maxBatch);
  const perStreamTps = new Float64Array(maxBatch);
  const aggregateTps = new Float64Array(maxBatch);
  const napkinAggregateTps = new Float64Array(maxBatch);
  const fitAggregateTps = new Float64Array(maxBatch);
  const points = measuredPoints(inputs);
  const measuredAt = new Map(points.map((p) => [p.batch, p.passS]));
  const E = params.nRoutedExperts;
  const moe = E > 0 && params.expertsPerToken > 0;
  const missOne = moe ? (E - params.expertsPerToken) / E : 1;
  const routedPerExpert = params.moeLayers * params.expertBytes;
  const kvPerStream = params.kvBytesPerToken * ctx;
  let missAll = 1;
  for (let i = 0; i < maxBatch; i++) {
    const batch = i + 1;
    missAll *= missOne;
    const unique = moe
      ? roundExperts(expectedUnique(E, params.expertsPerToken, batch, missAll), params.rounding)
      : 0;
    const bytes = unique * routedPerExpert + params.sharedWeightsBytesPerPass + batch * kvPerStream;
    perPassBytes[i] = bytes;
    const napkin = napkinPerPassS(fixedOverheadS, memoryTimeS(bytes, bw, mbuNapkin), overlapFactor);
    const fit = fitPerPassS(fixedOverheadS, perSlotS, batch);
    const predicted = measuredAt.get(batch) ?? fit;
    napkinPassS[i] = napkin;
    fitPassS[i] = fit;
    predictedPassS[i] = predicted;
    perStreamTps[i] = 1 / predicted;
    aggregateTps[i] = batch / predicted;
    napkinAggregateTps[i] = batch / napkin;
    fitAggregateTps[i] = batch / fit;
  }
  const maxUsers = maxUsersAt(kvBudgetBytes, params.kvBytesPerToken, ctx);
  const regionIndex = classifyRegions(fitAggregateTps, maxUsers);
  const napkinRegionIndex = classifyRegions(napkinAggregateTps, maxUsers);
  return {
    maxBatch,
    contextTokens: ctx,
    perPassBytes,
    napkinPassS,
    fitPassS,
    predictedPassS,
    perStreamTps,
    aggregateTps,
    napkinAggregateTps,
    measuredPoints: points,
    maxUsers,
    regionIndex,
    regions: regionSpans(regionIndex),
    napkinRegionIndex,
    napkinRegions: regionSpans(napkinRegionIndex),
    sla: pickSlaBatch(
      perStreamTps,
      aggregateTps,
      Math.min(maxUsers, maxBatch),
      inputs.scenario.slaPerStreamTps,
    ),
  };
}

export function regionAt(sweep: BatchSweep, batch: number): BatchRegion {
  return REGION_ORDER[sweep.regionIndex[batch - 1] ?? 3] ?? 'cliff';
}
