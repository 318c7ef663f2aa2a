// The physical range of every input of the chain (by its dotted path, inputPaths.ts), in one place. A value
// outside its range is refused where it enters (the CLI's --set and flags, the explorer's link and input
// editor) with a message naming the path and the range, so the chain never sees a rate of 1e-320 B/s or a
// KV cache of 1e308 B per token, and every figure it prints stays finite.
//
// The ranges are wide on purpose: they bracket every real system by orders of magnitude (the presets and
// the blog's numbers sit well inside) and exist to keep the arithmetic finite and the result meaningful,
// not to second-guess a user's hardware. Where a bound comes from a physical fact, the comment says which.

import { EFFICIENCY_RANGES } from '../physics/efficiencies.ts';
import { LAYOUT_RANGES } from '../physics/layout.ts';

export interface InputBound {
  readonly min: number;
  readonly max: number;
}

const range = (min: number, max: number): InputBound => ({ min, max });

// Shared ranges (SI units, spec §1.2: GB = 1e9 B).
/** A share of a roof or of traffic: 1e-6 keeps 1 / share finite and meaningful; 1 is the whole. */
const FRACTION = range(1e-6, 1);
/** One GPU's memory bandwidth: 1 kB/s to 1 PB/s (a B200 is 8 TB/s; a phone GPU tens of GB/s). */
const GPU_BANDWIDTH = range(1e3, 1e15);
/** One GPU's peak: 1 kFLOP/s to 100 EFLOP/s (a B200 is 10 PFLOP/s dense FP4). */
const GPU_FLOPS = range(1e3, 1e20);
/** GPUs in one scale-up domain: 1 to 1,024 (the largest announced NVLink domain is 576 GPUs, NVL576). */
const GPU_COUNT = range(1, 1024);
/** Tokens per second of a stream or a replica: 1 per 1,000 s to 1e9. */
const STREAM_TPS = range(1e-3, 1e9);
/** Tokens per second of a whole fleet or a traffic tier. */
const FLEET_TPS = range(1e-3, 1e13);
/** Token counts of one request or prompt: up to 1e8 (longest published windows are 1e7). */
const REQUEST_TOKENS = range(0, 1e8);
/** Context per stream, tokens: the longest published windows are 10M tokens (Llama 4 Scout). */
const CONTEXT_TOKENS = range(1, 1e7);
/** Concurrent requests or users. */
const CONCURRENCY = range(1, 1e6);
/** A time per pass or per request: 1 ns to a day. */
const SECONDS = range(1e-9, 86_400);
/** Bytes of one model's weights or of what one pass reads: up to 1 PB. */
const MODEL_BYTES = range(1e3, 1e15);
/** KV bytes per token over all layers: a 405B dense MHA model is ~0.5 MB; 1 GB leaves room. */
const KV_BYTES_PER_TOKEN = range(1, 1e9);
/** Bytes per value or per parameter: 1/16 (half a bit) to 8 (FP64). */
const BYTES_PER_VALUE = range(0.0625, 8);
/** Parameter counts: 1M to 100T (the largest published models are ~2T). */
const PARAMS = range(1e6, 1e14);
/** Requests per second of a traffic tier. */
const QPS = range(1e-6, 1e9);
/** Dollars per GPU-hour: a tenth of a cent to $1,000 (B200 list rent is ~$6). */
const GPU_HOUR_USD = range(1e-3, 1000);
/** API price, dollars per million tokens: 0.01 cent to $10,000. */
const API_PRICE_USD = range(1e-4, 10_000);
/** An engineer's yearly cost, dollars. */
const SALARY_USD = range(1, 1e9);

const TIERS = ['p50', 'p90', 'p99'] as const;

export const INPUT_BOUNDS: Readonly<Record<string, InputBound>> = {
  'model.totalParams': PARAMS,
  'model.activeParams': PARAMS,
  'model.hiddenSize': range(1, 1_048_576),
  'model.numAttentionHeads': range(1, 4096),
  'model.nRoutedExperts': range(0, 65_536),
  'model.nSharedExperts': range(0, 1024),
  'model.expertsPerToken': range(0, 1024),
  'model.moeIntermediateSize': range(0, 1_048_576),
  'model.expertMatrices': range(0, 8),
  'model.numLayers': range(1, 4096),
  'model.moeLayers': range(0, 4096),
  'model.kvLoraRank': range(0, 65_536),
  'model.qkRopeHeadDim': range(0, 65_536),
  'model.contextWindowTokens': range(1, 1e8),
  'precision.weightBytesPerParam': BYTES_PER_VALUE,
  'precision.kvBytesPerValue': BYTES_PER_VALUE,
  // 2 FLOP per parameter per token is one multiply-add; 100 bounds any counting convention
  'precision.flopsPerParamPerToken': range(0.1, 100),
  // 100 MB to 10 TB per GPU (a B300 has 288 GB)
  'hardware.gpuMemBytes': range(1e8, 1e13),
  'hardware.gpusPerNode': GPU_COUNT,
  'hardware.gpuBandwidthBps': GPU_BANDWIDTH,
  'hardware.gpuPeakFlops': GPU_FLOPS,
  'pricing.gpuHourUsd': GPU_HOUR_USD,
  // a day has 24 hours, a month at most 744 (31 × 24), a year at most 8,784 (366 × 24)
  'pricing.hoursPerDay': range(1e-3, 24),
  'pricing.hoursPerMonth': range(1e-3, 744),
  'pricing.hoursPerYear': range(1e-3, 8784),
  'pricing.apiPricePerMTokUsd': API_PRICE_USD,
  'architecture.weightBytes': MODEL_BYTES,
  'architecture.bytesPerTokenB1': MODEL_BYTES,
  'architecture.expertBytes': range(1, 1e13),
  'architecture.kvBytesPerToken': KV_BYTES_PER_TOKEN,
  // FLOP per prefilled token: 2 × active params plus attention; 1e17 bounds a 100T model at 10M context
  'architecture.prefillFlopsPerToken': range(1, 1e17),
  // a node's effective bandwidth: up to 1,024 GPUs at 1 PB/s
  'empirical.nodeBandwidthEffectiveBps': range(1e3, 1e18),
  'empirical.activationsBytes': range(0, 1e16),
  'empirical.sharedWeightsBytesPerPass': range(0, 1e15),
  'empirical.mbuRange.lo': FRACTION,
  'empirical.mbuRange.hi': FRACTION,
  'empirical.mbuMeasured': FRACTION,
  'empirical.mbuNapkin': FRACTION,
  'empirical.overlapFactor': FRACTION,
  'empirical.fixedOverheadS': range(0, 3600),
  'empirical.perSlotS': SECONDS,
  'empirical.prefillRateMeasuredTps': STREAM_TPS,
  'empirical.mfuStated': FRACTION,
  'empirical.decodeFlopsPerByteStated': range(1e-6, 1e9),
  'empirical.perStreamMeasuredTps.b8': STREAM_TPS,
  'empirical.perStreamMeasuredTps.b16': STREAM_TPS,
  'empirical.perStreamMeasuredTps.b32': STREAM_TPS,
  'empirical.autoscalingSavingsRange.lo': FRACTION,
  'empirical.autoscalingSavingsRange.hi': FRACTION,
  'empirical.engineerCostPerYearRange.lo': SALARY_USD,
  'empirical.engineerCostPerYearRange.hi': SALARY_USD,
  'tp8.gpusPerReplica': GPU_COUNT,
  'tp8.concurrency': CONCURRENCY,
  'tp8.perPassTimeMeasuredS': SECONDS,
  'tp8.outputTpsPerGpuMeasured': STREAM_TPS,
  'tp8.e2eMeasuredS': SECONDS,
  'tp8.ttftP50MeasuredS': SECONDS,
  'tp4.gpusPerReplica': GPU_COUNT,
  'tp4.concurrency': CONCURRENCY,
  'tp4.perStreamTps': STREAM_TPS,
  'tp4.procTpsMeasured': STREAM_TPS,
  'request.freshTokensAvg': REQUEST_TOKENS,
  'request.cachedTokensAvg': REQUEST_TOKENS,
  'request.outputTokensAvg': range(1e-3, 1e8),
  'request.freshTokensMedian': REQUEST_TOKENS,
  'request.cacheHitRateStated': FRACTION,
  ...Object.fromEntries(
    TIERS.flatMap((tier) => [
      [`traffic.${tier}.qps`, QPS],
      [`traffic.${tier}.concurrent`, range(1e-6, 1e9)],
      [`traffic.${tier}.procTps`, FLEET_TPS],
    ]),
  ),
  'traffic.trough.procTps': FLEET_TPS,
  'savingsTable.aggressiveHi35kTo100k': FRACTION,
  'savingsTable.aggressiveHi100kTo500k': FRACTION,
  'savingsTable.aggressiveHi500kTo2m': FRACTION,
  'savingsTable.aggressiveLo2mPlus': FRACTION,
  // the explorer's batch knob goes to 4,096 streams; serving engines cap a decode batch far below
  'scenario.batch': range(1, 4096),
  'scenario.kvContextTokens': CONTEXT_TOKENS,
  'scenario.kvTableContextLongTokens': CONTEXT_TOKENS,
  'scenario.kvTableContextShortTokens': CONTEXT_TOKENS,
  'scenario.ttftDemoPromptTokens': range(1e-3, 1e8),
  'scenario.ttftDemoPrefillTps': STREAM_TPS,
  'scenario.ttftDemoConcurrentUsers': CONCURRENCY,
  // parallel degrees (physics/layout.ts): TP within one NVLink domain (72 GPUs, GB200 NVL72), PP, EP and DP
  'scenario.tensorParallel': LAYOUT_RANGES.tp,
  'scenario.pipelineParallel': LAYOUT_RANGES.pp,
  'scenario.expertParallel': LAYOUT_RANGES.ep,
  'scenario.dataParallel': LAYOUT_RANGES.dp,
  'scenario.slaPerStreamTps': range(1e-3, 1e6),
  'overrides.expertBytes': range(1, 1e13),
  'overrides.kvBytesPerToken': KV_BYTES_PER_TOKEN,
  'overrides.monthlyProcTokens': range(1, 1e18),
  // ridgeline's per-operator model: each efficiency's range sits beside its source (physics/efficiencies.ts)
  ...Object.fromEntries(
    Object.entries(EFFICIENCY_RANGES).map(([name, bound]) => [`projection.efficiency.${name}`, bound]),
  ),
  // an engine's share of GPU memory (vLLM's gpu_memory_utilization): below 5 % nothing useful fits
  'projection.memory.utilization': range(0.05, 1),
  'projection.memory.maxBatchedTokens': range(1, 1_048_576),
  'projection.memory.maxSequences': range(1, 65_536),
  // a link's bandwidth per GPU (NVLink 5 is 900 GB/s each way) and one hop's latency; 0 = no such link
  'projection.interconnect.intraNodeBps': range(0, 1e13),
  'projection.interconnect.intraNodeHopLatencyS': range(0, 1e-3),
  'projection.interconnect.interNodeBps': range(0, 1e13),
  'projection.interconnect.interNodeHopLatencyS': range(0, 1e-3),
  // speculative decoding: draft tokens a step and the tokens it accepts (at most drafts + 1)
  'projection.speculative.draftTokens': range(0, 16),
  'projection.speculative.acceptedTokensPerStep': range(1, 17),
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

export function withinBound(value: number, bound: InputBound): boolean {
  return Number.isFinite(value) && value >= bound.min && value <= bound.max;
}
