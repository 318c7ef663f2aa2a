// The spec's defaults (docs/spec/napkin-chain.md §2.1–2.3): Kimi K2.6 at FP4 on 8×B200, every number as the blog
// prints it. A fresh object each call, so callers may mutate their copy. `projection` holds ridgeline's
// per-operator model's inputs for the same scenario (the engine: vLLM as the blog's load test ran it).

import { efficienciesFor, tensorPeakRatiosFor } from '../presets/efficiencyPlan.ts';
import { BLOG_ENGINE, engineProfile } from '../presets/engines.ts';
import { gpuPreset } from '../presets/lookup.ts';
import { kimiBlogArchitecture } from '../presets/modelArchitectures.ts';
import type { ScenarioInputs } from './inputs.ts';
import { interconnectInputs } from './interconnectInputs.ts';

export function defaultInputs(): ScenarioInputs {
  return {
    identity: {
      modelId: 'kimi-k2.6',
      modelLabel: 'Kimi K2.6 (blog: 1T / 32B active, FP4)',
      gpuId: 'b200',
      gpuLabel: 'NVIDIA B200 (blog: 192 GB, 8 TB/s, 10 PFLOPS FP4)',
    },
    modelArchitecture: structuredClone(kimiBlogArchitecture),
    model: {
      totalParams: 1e12,
      activeParams: 32e9,
      hiddenSize: 7168,
      numAttentionHeads: 64,
      nRoutedExperts: 384,
      nSharedExperts: 1,
      expertsPerToken: 8,
      moeIntermediateSize: 2048,
      expertMatrices: 3,
      numLayers: 61,
      moeLayers: 61,
      kvLoraRank: 512,
      qkRopeHeadDim: 64,
      contextWindowTokens: 256_000,
    },
    precision: { weightBytesPerParam: 0.5, kvBytesPerValue: 1, flopsPerParamPerToken: 2 },
    hardware: { gpuMemBytes: 192e9, gpusPerNode: 8, gpuBandwidthBps: 8e12, gpuPeakFlops: 10e15 },
    pricing: {
      gpuHourUsd: 6,
      hoursPerDay: 24,
      hoursPerMonth: 730,
      hoursPerYear: 8760,
      apiPricePerMTokUsd: 0.317,
    },
    architecture: {
      weightBytes: null,
      bytesPerTokenB1: null,
      expertBytes: null,
      kvBytesPerToken: null,
      prefillFlopsPerToken: null,
    },
    empirical: {
      nodeBandwidthEffectiveBps: 50e12,
      activationsBytes: 80e9,
      sharedWeightsBytesPerPass: 5.6e9,
      mbuRange: { lo: 0.1, hi: 0.12 },
      mbuMeasured: 0.11,
      mbuNapkin: 0.5,
      overlapFactor: 0.5,
      fixedOverheadS: 5.2e-3,
      perSlotS: 1.65e-3,
      prefillRateMeasuredTps: 78_000,
      mfuStated: 0.064,
      decodeFlopsPerByteStated: 2,
      perStreamMeasuredTps: { b8: 54, b16: 27, b32: 14 },
      autoscalingSavingsRange: { lo: 0.22, hi: 0.25 },
      engineerCostPerYearRange: { lo: 300e3, hi: 500e3 },
    },
    tp8: {
      gpusPerReplica: 8,
      concurrency: 16,
      perPassTimeMeasuredS: 0.0368,
      outputTpsPerGpuMeasured: 48.7,
      e2eMeasuredS: 41.84,
      ttftP50MeasuredS: 1.57,
    },
    tp4: { gpusPerReplica: 4, concurrency: 8, perStreamTps: 46, procTpsMeasured: 26_600 },
    request: {
      freshTokensAvg: 13_000,
      cachedTokensAvg: 71_000,
      outputTokensAvg: 1056,
      freshTokensMedian: 9400,
      cacheHitRateStated: 0.835,
    },
    traffic: {
      p50: { qps: 2.6, concurrent: 73, procTps: 222_000 },
      p90: { qps: 3.4, concurrent: 103, procTps: 290_000 },
      p99: { qps: 3.8, concurrent: 111, procTps: 327_000 },
      trough: { procTps: 110_000 },
    },
    savingsTable: {
      aggressiveHi35kTo100k: 0.15,
      aggressiveHi100kTo500k: 0.35,
      aggressiveHi500kTo2m: 0.4,
      aggressiveLo2mPlus: 0.4,
    },
    scenario: {
      batch: 16,
      kvContextTokens: 80_000,
      kvTableContextLongTokens: 80_000,
      kvTableContextShortTokens: 32_000,
      ttftDemoPromptTokens: 80_000,
      ttftDemoPrefillTps: 80_000,
      ttftDemoConcurrentUsers: 16,
      fleetSizingTier: 'trough',
      monthlyTokenBasis: 'p50',
      e2eSource: 'derived',
      uniqueExpertsRounding: 'none',
      tensorParallel: 8,
      pipelineParallel: 1,
      expertParallel: 1,
      dataParallel: 1,
      slaPerStreamTps: 20,
    },
    overrides: { expertBytes: null, kvBytesPerToken: null, monthlyProcTokens: null },
    projection: {
      weights: 'fp4',
      engine: BLOG_ENGINE,
      tensorPeakRatios: tensorPeakRatiosFor(gpuPreset('b200'), 'fp4'),
      computeUnits: gpuPreset('b200').computeUnits ?? 0,
      efficiency: efficienciesFor(gpuPreset('b200'), engineProfile(BLOG_ENGINE), 'fp4'),
      memory: engineProfile(BLOG_ENGINE).memory(192e9, 'b200'),
      interconnect: interconnectInputs(gpuPreset('b200').interconnect),
      speculative: { draftTokens: 0, acceptedTokensPerStep: 1 },
    },
    workload: defaultWorkload(),
  };
}

/**
 * The blog's coding-agent load test (§5.10 step 6 and step 8): ~71K cached tokens, fresh tokens with a
 * median of 9,400 and a mean of 13,000 (a lognormal whose σ = √(2 ln(mean ÷ median)) = 0.805), ~1,056
 * output tokens (the blog's decode_time uses 1,056; it gives no spread for either, so both are fixed),
 * closed-loop streams at the blog's operating point c = 16, and for the open loop its 0.38 req/s per node
 * (§5.10 step 6: 16 ÷ 41.8 s). vLLM's default block size is 16 tokens
 * (vllm/config: CacheConfig.block_size). Two warm-up turns per stream: the first fills its prefix cache, the
 * second lets the streams, which all start at once, fall out of step before a level is measured. The blog names no TTFT target: 5 s at p99 is ridgeline's, above
 * its measured p50 (1.57 s) with room for the tail and far below the "tens of seconds" of its cliff.
 */
export function defaultWorkload(): ScenarioInputs['workload'] {
  return {
    cachedTokens: { median: 71_000, spread: 0 },
    freshTokens: { median: 9400, spread: BLOG_FRESH_SPREAD },
    outputTokens: { median: 1056, spread: 0 },
    arrival: 'closed',
    concurrency: 16,
    qps: 0.38,
    requests: 7200,
    warmupTurns: 2,
    seed: 1,
    kvBlockTokens: 16,
    slaTtftP99Seconds: 5,
  };
}

/** σ of the blog's fresh tokens, from its median (9,400) and mean (13,000), rounded to 3 digits. */
export const BLOG_FRESH_SPREAD = 0.805;
