// Every input of the projection chain (docs/spec/napkin-chain.md §2), as one nested plain-data object.
// Class (a) config lives in model/precision/hardware/pricing; class (b) empirical inputs in empirical and
// the tp8/tp4/request/traffic blocks (defaults are the blog's numbers); §2.3 knobs in scenario/overrides.
// `architecture` carries numbers derived from a model's real architecture (src/model/architecture/):
// null means "use the spec's formula on the config above", which is what the blog does.

import type { ModelArchitecture } from '../architecture/types.ts';
import type { Efficiencies } from '../physics/efficiencies.ts';
import type { ComputePrecision } from '../physics/kernelEfficiency.ts';
import type { EngineMemory } from '../physics/memory.ts';
import type { WeightPrecision } from '../presets/choice.ts';
import type { EngineId } from '../presets/engines.ts';

export type UniqueExpertsRounding = 'none' | 'floor' | 'round';
export type E2eSource = 'derived' | 'measured';
export type TrafficTierKey = 'p50' | 'p90' | 'p99' | 'trough';

export interface ModelConfig {
  totalParams: number;
  activeParams: number;
  hiddenSize: number;
  numAttentionHeads: number;
  /** E; 0 for a dense model */
  nRoutedExperts: number;
  nSharedExperts: number;
  /** k; 0 for a dense model */
  expertsPerToken: number;
  moeIntermediateSize: number;
  expertMatrices: number;
  /** used for KV (F23) */
  numLayers: number;
  /** used for routed expert reads (F28); 0 for a dense model */
  moeLayers: number;
  kvLoraRank: number;
  qkRopeHeadDim: number;
  contextWindowTokens: number;
}

export interface PrecisionConfig {
  weightBytesPerParam: number;
  kvBytesPerValue: number;
  flopsPerParamPerToken: number;
}

export interface HardwareConfig {
  gpuMemBytes: number;
  gpusPerNode: number;
  gpuBandwidthBps: number;
  gpuPeakFlops: number;
}

export interface PricingConfig {
  gpuHourUsd: number;
  hoursPerDay: number;
  hoursPerMonth: number;
  hoursPerYear: number;
  apiPricePerMTokUsd: number;
}

/** Architecture-derived replacements for spec formulas; null = the spec formula on the config. */
export interface ArchitectureDerived {
  /** replaces F5 (e.g. mixed precision: experts FP4, attention BF16) */
  weightBytes: number | null;
  /** replaces F10: bytes read per generated token at B=1 */
  bytesPerTokenB1: number | null;
  /** replaces F27: bytes of one routed expert in one layer */
  expertBytes: number | null;
  /** replaces F23 (MHA/GQA/MLA at the chosen KV dtype) */
  kvBytesPerToken: number | null;
  /** replaces F17 (e.g. including the attention term at a context) */
  prefillFlopsPerToken: number | null;
}

export interface Range {
  lo: number;
  hi: number;
}

export interface EmpiricalInputs {
  nodeBandwidthEffectiveBps: number;
  activationsBytes: number;
  sharedWeightsBytesPerPass: number;
  mbuRange: Range;
  mbuMeasured: number;
  mbuNapkin: number;
  overlapFactor: number;
  fixedOverheadS: number;
  perSlotS: number;
  prefillRateMeasuredTps: number;
  mfuStated: number;
  decodeFlopsPerByteStated: number;
  /** measured per-stream tok/s at batch sizes 8, 16, 32 (§5.7); B=8 is in fact the fit value (I-17) */
  perStreamMeasuredTps: { b8: number; b16: number; b32: number };
  autoscalingSavingsRange: Range;
  engineerCostPerYearRange: Range;
}

export interface Tp8Inputs {
  gpusPerReplica: number;
  concurrency: number;
  perPassTimeMeasuredS: number;
  outputTpsPerGpuMeasured: number;
  e2eMeasuredS: number;
  ttftP50MeasuredS: number;
}

export interface Tp4Inputs {
  gpusPerReplica: number;
  concurrency: number;
  perStreamTps: number;
  procTpsMeasured: number;
}

export interface RequestShape {
  freshTokensAvg: number;
  cachedTokensAvg: number;
  outputTokensAvg: number;
  freshTokensMedian: number;
  cacheHitRateStated: number;
}

export interface TrafficTier {
  qps: number;
  concurrent: number;
  procTps: number;
}

export interface TrafficInputs {
  p50: TrafficTier;
  p90: TrafficTier;
  p99: TrafficTier;
  trough: { procTps: number };
}

/** F66: upper bound of the aggressive savings column per monthly-spend band (§7.2 table). */
export interface SavingsTableInputs {
  aggressiveHi35kTo100k: number;
  aggressiveHi100kTo500k: number;
  aggressiveHi500kTo2m: number;
  aggressiveLo2mPlus: number;
}

export interface ScenarioKnobs {
  batch: number;
  kvContextTokens: number;
  /** the two rows of the §4.10.2 KV table (golden ids `_80k` and `_32k`) */
  kvTableContextLongTokens: number;
  kvTableContextShortTokens: number;
  ttftDemoPromptTokens: number;
  ttftDemoPrefillTps: number;
  ttftDemoConcurrentUsers: number;
  fleetSizingTier: TrafficTierKey;
  monthlyTokenBasis: TrafficTierKey;
  e2eSource: E2eSource;
  uniqueExpertsRounding: UniqueExpertsRounding;
  /** tensor-parallel degree of the modelled replica (ridgeline's model, src/model/physics); also the TP variant shown */
  tensorParallel: number;
  /** pipeline stages of the modelled replica (stages past one node's GPUs span nodes) */
  pipelineParallel: number;
  /** expert-parallel degree of its MoE layers (1: experts sliced by TP; > TP: an EP group over replicas) */
  expertParallel: number;
  /** data-parallel replicas of the TP × PP group (one node's worth by default) */
  dataParallel: number;
  /**
   * Per-stream tok/s the SLA pick must meet. The blog gives no number: it accepts B=16 (~27 tok/s) and
   * rejects B=32 (~14 tok/s) for "much worse per-user latency" (§5.7), so 20 sits between the two.
   */
  slaPerStreamTps: number;
}

/** Links between the GPUs, per GPU and direction; 0 B/s = no such link (a lone card, a Mac). */
export interface InterconnectInputs {
  intraNodeBps: number;
  intraNodeHopLatencyS: number;
  /** fixed latency of one collective call on the scale-up link, s */
  intraNodeCallLatencyS: number;
  interNodeBps: number;
  interNodeHopLatencyS: number;
  interNodeCallLatencyS: number;
}

/** Speculative decoding (MTP, EAGLE, a draft model): tokens drafted and accepted per verify step. */
export interface SpeculativeInputs {
  /** draft tokens verified per step per sequence (0 = off) */
  draftTokens: number;
  /** tokens each sequence advances per step on average (1 without drafting; ≤ 1 + draftTokens) */
  acceptedTokensPerStep: number;
}

/** ridgeline's per-operator model (src/model/physics): everything it reads beyond the chain's inputs. */
export interface ProjectionInputs {
  /** the weight storage format the model reads (the CLI's --weights) */
  weights: WeightPrecision;
  /** the serving engine whose profile set `efficiency`'s engine costs and `memory` (the CLI's --engine) */
  engine: EngineId;
  /**
   * Each tensor path's dense peak ÷ the weights' path peak (hardware.gpuPeakFlops): an operator running
   * at another precision (BF16 attention beside FP4 experts) takes gpuPeakFlops × its ratio.
   */
  tensorPeakRatios: Record<ComputePrecision, number>;
  /** the GPU's streaming multiprocessors (wave quantisation of GEMM tiles); 0 = unknown */
  computeUnits: number;
  efficiency: Efficiencies;
  memory: EngineMemory;
  interconnect: InterconnectInputs;
  speculative: SpeculativeInputs;
}

/** One part of a request's tokens: lognormal around its median (spread = σ of ln tokens), fixed when spread is 0. */
export interface TokenDistribution {
  median: number;
  spread: number;
}

export type ArrivalKind = 'closed' | 'open';

/**
 * The load simulator's workload (src/model/serving): requests as conversations send them, each turn's
 * prompt a prefix of its stream's previous turn (the cached tokens, when the prefix cache still holds
 * them) plus fresh tokens, then its output. The blog's defaults are its coding-agent load test.
 */
export interface WorkloadInputs {
  cachedTokens: TokenDistribution;
  freshTokens: TokenDistribution;
  outputTokens: TokenDistribution;
  /** closed: N streams, each sending its next turn when the last finishes; open: Poisson arrivals at qps */
  arrival: ArrivalKind;
  /** closed loop: the operating point's streams; open loop: the conversations the arrivals take turns from */
  concurrency: number;
  /** open loop: requests per second at one replica */
  qps: number;
  /** requests measured over the concurrency sweep in all (after each level's warm-up) */
  requests: number;
  /** turns each stream completes before a level is measured (its first fills the prefix cache) */
  warmupTurns: number;
  seed: number;
  /** tokens per KV-cache block (vLLM --block-size) */
  kvBlockTokens: number;
  /** the SLA's time to first token at p99 (its per-stream rate is scenario.slaPerStreamTps) */
  slaTtftP99Seconds: number;
}

export interface Overrides {
  expertBytes: number | null;
  kvBytesPerToken: number | null;
  monthlyProcTokens: number | null;
}

export interface ScenarioIdentity {
  modelId: string;
  modelLabel: string;
  gpuId: string;
  gpuLabel: string;
}

export interface ScenarioInputs {
  identity: ScenarioIdentity;
  /**
   * The served model's architecture (a preset's, one read from a config.json, or one --set model.*
   * edited): what ridgeline's per-operator model runs. `model` is the napkin's view of it.
   */
  modelArchitecture: ModelArchitecture;
  model: ModelConfig;
  precision: PrecisionConfig;
  hardware: HardwareConfig;
  pricing: PricingConfig;
  architecture: ArchitectureDerived;
  empirical: EmpiricalInputs;
  tp8: Tp8Inputs;
  tp4: Tp4Inputs;
  request: RequestShape;
  traffic: TrafficInputs;
  savingsTable: SavingsTableInputs;
  scenario: ScenarioKnobs;
  overrides: Overrides;
  projection: ProjectionInputs;
  workload: WorkloadInputs;
}
