// The range of every input of the chain, by its dotted path (inputPaths.ts): each path reads its physical
// range from the one table every bounded number in ridgeline reads (units/ranges.ts, where each range says
// why it is what it is). A value outside its range is refused where it enters (the CLI's --set and flags,
// the explorer's link and input editor) with a message naming the path and the range.

import { EFFICIENCY_RANGES } from '../physics/efficiencies.ts';
import { LAYOUT_RANGES } from '../physics/layout.ts';
import { type Bound, RANGES } from '../units/ranges.ts';

export type InputBound = Bound;

const R = RANGES;
const TIERS = ['p50', 'p90', 'p99'] as const;

export const INPUT_BOUNDS: Readonly<Record<string, InputBound>> = {
  'model.totalParams': R.params,
  'model.activeParams': R.params,
  'model.hiddenSize': R.modelWidth,
  'model.numAttentionHeads': R.heads,
  'model.nRoutedExperts': R.routedExperts,
  'model.nSharedExperts': R.sharedExperts,
  'model.expertsPerToken': R.expertsPerToken,
  'model.moeIntermediateSize': R.optionalWidth,
  'model.expertMatrices': R.expertMatrices,
  'model.numLayers': R.layers,
  'model.moeLayers': R.optionalLayers,
  'model.kvLoraRank': R.latentWidth,
  'model.qkRopeHeadDim': R.latentWidth,
  'model.contextWindowTokens': R.contextWindow,
  'precision.weightBytesPerParam': R.bytesPerValue,
  'precision.kvBytesPerValue': R.bytesPerValue,
  'precision.flopsPerParamPerToken': R.flopsPerParamPerToken,
  'hardware.gpuMemBytes': R.gpuMemory,
  'hardware.gpusPerNode': R.gpuCount,
  'hardware.gpuBandwidthBps': R.bandwidth,
  'hardware.gpuPeakFlops': R.flopRate,
  'pricing.gpuHourUsd': R.gpuHourUsd,
  'pricing.hoursPerDay': R.hoursPerDay,
  'pricing.hoursPerMonth': R.hoursPerMonth,
  'pricing.hoursPerYear': R.hoursPerYear,
  'pricing.apiPricePerMTokUsd': R.apiPriceUsd,
  'architecture.weightBytes': R.modelBytes,
  'architecture.bytesPerTokenB1': R.modelBytes,
  'architecture.expertBytes': R.expertBytes,
  'architecture.kvBytesPerToken': R.kvBytesPerToken,
  'architecture.prefillFlopsPerToken': R.prefillFlopsPerToken,
  'empirical.nodeBandwidthEffectiveBps': R.nodeBandwidth,
  'empirical.activationsBytes': R.activationBytes,
  'empirical.sharedWeightsBytesPerPass': R.bytes,
  'empirical.mbuRange.lo': R.fraction,
  'empirical.mbuRange.hi': R.fraction,
  'empirical.mbuMeasured': R.fraction,
  'empirical.mbuNapkin': R.fraction,
  'empirical.overlapFactor': R.fraction,
  'empirical.fixedOverheadS': R.overheadSeconds,
  'empirical.perSlotS': R.requestSeconds,
  'empirical.prefillRateMeasuredTps': R.streamTps,
  'empirical.mfuStated': R.fraction,
  'empirical.decodeFlopsPerByteStated': R.statedIntensity,
  'empirical.perStreamMeasuredTps.b8': R.streamTps,
  'empirical.perStreamMeasuredTps.b16': R.streamTps,
  'empirical.perStreamMeasuredTps.b32': R.streamTps,
  'empirical.autoscalingSavingsRange.lo': R.fraction,
  'empirical.autoscalingSavingsRange.hi': R.fraction,
  'empirical.engineerCostPerYearRange.lo': R.salaryUsd,
  'empirical.engineerCostPerYearRange.hi': R.salaryUsd,
  'tp8.gpusPerReplica': R.gpuCount,
  'tp8.concurrency': R.concurrency,
  'tp8.perPassTimeMeasuredS': R.requestSeconds,
  'tp8.outputTpsPerGpuMeasured': R.streamTps,
  'tp8.e2eMeasuredS': R.requestSeconds,
  'tp8.ttftP50MeasuredS': R.requestSeconds,
  'tp4.gpusPerReplica': R.gpuCount,
  'tp4.concurrency': R.concurrency,
  'tp4.perStreamTps': R.streamTps,
  'tp4.procTpsMeasured': R.streamTps,
  'request.freshTokensAvg': R.requestTokens,
  'request.cachedTokensAvg': R.requestTokens,
  'request.outputTokensAvg': R.averageTokens,
  'request.freshTokensMedian': R.requestTokens,
  'request.cacheHitRateStated': R.fraction,
  ...Object.fromEntries(
    TIERS.flatMap((tier) => [
      [`traffic.${tier}.qps`, R.qps],
      [`traffic.${tier}.concurrent`, R.tierConcurrency],
      [`traffic.${tier}.procTps`, R.fleetTps],
    ]),
  ),
  'traffic.trough.procTps': R.fleetTps,
  'savingsTable.aggressiveHi35kTo100k': R.fraction,
  'savingsTable.aggressiveHi100kTo500k': R.fraction,
  'savingsTable.aggressiveHi500kTo2m': R.fraction,
  'savingsTable.aggressiveLo2mPlus': R.fraction,
  'scenario.batch': R.batch,
  'scenario.kvContextTokens': R.contextTokens,
  'scenario.kvTableContextLongTokens': R.contextTokens,
  'scenario.kvTableContextShortTokens': R.contextTokens,
  'scenario.ttftDemoPromptTokens': R.averageTokens,
  'scenario.ttftDemoPrefillTps': R.streamTps,
  'scenario.ttftDemoConcurrentUsers': R.concurrency,
  // parallel degrees, as the layout's own check reads them (physics/layout.ts)
  'scenario.tensorParallel': LAYOUT_RANGES.tp,
  'scenario.pipelineParallel': LAYOUT_RANGES.pp,
  'scenario.expertParallel': LAYOUT_RANGES.ep,
  'scenario.dataParallel': LAYOUT_RANGES.dp,
  'scenario.slaPerStreamTps': R.slaTps,
  'overrides.expertBytes': R.expertBytes,
  'overrides.kvBytesPerToken': R.kvBytesPerToken,
  'overrides.monthlyProcTokens': R.monthlyTokens,
  // ridgeline's per-operator model: each efficiency's range, as physics/efficiencies.ts names it
  ...Object.fromEntries(
    Object.entries(EFFICIENCY_RANGES).map(([name, bound]) => [`projection.efficiency.${name}`, bound]),
  ),
  'projection.memory.utilization': R.memoryUtilization,
  'projection.memory.maxBatchedTokens': R.batchedTokens,
  'projection.memory.maxSequences': R.sequences,
  'projection.interconnect.intraNodeBps': R.linkBandwidth,
  'projection.interconnect.intraNodeHopLatencyS': R.hopLatency,
  'projection.interconnect.intraNodeCallLatencyS': R.hopLatency,
  'projection.interconnect.interNodeBps': R.linkBandwidth,
  'projection.interconnect.interNodeHopLatencyS': R.hopLatency,
  'projection.interconnect.interNodeCallLatencyS': R.hopLatency,
  'projection.speculative.draftTokens': R.draftTokens,
  'projection.speculative.acceptedTokensPerStep': R.acceptedTokensPerStep,
  // the load simulator's workload
  'workload.cachedTokens.median': R.requestTokens,
  'workload.cachedTokens.spread': R.tokenSpread,
  'workload.freshTokens.median': R.requestTokens,
  'workload.freshTokens.spread': R.tokenSpread,
  'workload.outputTokens.median': R.outputTokens,
  'workload.outputTokens.spread': R.tokenSpread,
  'workload.concurrency': R.loadStreams,
  'workload.qps': R.qps,
  'workload.requests': R.loadRequests,
  'workload.warmupTurns': R.warmupTurns,
  'workload.seed': R.seed,
  'workload.kvBlockTokens': R.kvBlockTokens,
  'workload.slaTtftP99Seconds': R.requestSeconds,
};

/** The range of an input, or undefined for one that takes a choice (a string) rather than a number. */
export function boundOf(path: string): InputBound | undefined {
  return Object.hasOwn(INPUT_BOUNDS, path) ? INPUT_BOUNDS[path] : undefined;
}

/** A bound as people read it: 1,024 · 0.001 · 1e15 (exponent form past 1e7 and below 1e-3). */
export function boundNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-3))
    return value.toExponential().replace('e+', 'e');
  return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** "from 1e3 to 1e15 B/s": the range in words, with the unit when there is one. */
export function rangeText(bound: InputBound, unit = ''): string {
  return `from ${boundNumber(bound.min)} to ${boundNumber(bound.max)}${unit ? ` ${unit}` : ''}`;
}
