// Every editable input by dotted path (`empirical.mbuMeasured`), with the values it accepts, so the CLI's
// `--set path=value` and the page's controls share one list and one validation. Each number's physical
// range is in inputBounds.ts; values are read as strict decimals (decimal.ts).

import { EFFICIENCY_KEYS } from '../physics/efficiencies.ts';
import { WEIGHT_PRECISIONS } from '../presets/choice.ts';
import { parseDecimal } from '../text/decimal.ts';
import { clipForMessage } from '../text/plainText.ts';
import { withinBound } from '../units/ranges.ts';
import { boundOf, type InputBound, rangeText } from './inputBounds.ts';
import type { ScenarioInputs } from './inputs.ts';

export type InputKind =
  | 'positive'
  | 'nonNegative'
  | 'fraction'
  | 'positiveInteger'
  | 'nonNegativeInteger'
  | 'nullablePositive'
  | { readonly oneOf: readonly string[] };

export interface InputPathSpec {
  readonly path: string;
  readonly kind: InputKind;
  readonly unit: string;
}

const TIERS = ['p50', 'p90', 'p99', 'trough'] as const;
const spec = (path: string, kind: InputKind, unit = ''): InputPathSpec => ({ path, kind, unit });
/** ridgeline's per-operator model (src/model/physics): layout, efficiencies, engine memory, links, drafting. */
const PROJECTION_PATHS: readonly InputPathSpec[] = [
  spec('scenario.pipelineParallel', 'positiveInteger'),
  spec('scenario.expertParallel', 'positiveInteger'),
  spec('scenario.dataParallel', 'positiveInteger'),
  spec('projection.weights', { oneOf: WEIGHT_PRECISIONS }),
  ...EFFICIENCY_KEYS.map((name) => {
    // times are seconds from 0, a stream rate B/s from 0 (0: no limit); shares are fractions, but the
    // host's overlap share may be 0 (its bound is 0..1)
    const seconds = name.includes('Seconds');
    const rate = name === 'streamBytesPerSecondPerUnit';
    const kind = seconds || rate || name === 'hostOverlap' ? 'nonNegative' : 'fraction';
    return spec(`projection.efficiency.${name}`, kind, seconds ? 's' : rate ? 'B/s' : '');
  }),
  spec('projection.memory.utilization', 'fraction'),
  spec('projection.memory.maxBatchedTokens', 'positiveInteger', 'tokens'),
  spec('projection.memory.maxSequences', 'positiveInteger'),
  spec('projection.interconnect.intraNodeBps', 'nonNegative', 'B/s'),
  spec('projection.interconnect.intraNodeHopLatencyS', 'nonNegative', 's'),
  spec('projection.interconnect.intraNodeCallLatencyS', 'nonNegative', 's'),
  spec('projection.interconnect.interNodeBps', 'nonNegative', 'B/s'),
  spec('projection.interconnect.interNodeHopLatencyS', 'nonNegative', 's'),
  spec('projection.interconnect.interNodeCallLatencyS', 'nonNegative', 's'),
  spec('projection.speculative.draftTokens', 'nonNegativeInteger', 'tokens'),
  spec('projection.speculative.acceptedTokensPerStep', 'positive', 'tokens'),
];
/** The load simulator's workload (src/model/serving). */
const WORKLOAD_PATHS: readonly InputPathSpec[] = [
  spec('workload.cachedTokens.median', 'nonNegativeInteger', 'tokens'),
  spec('workload.cachedTokens.spread', 'nonNegative'),
  spec('workload.freshTokens.median', 'nonNegativeInteger', 'tokens'),
  spec('workload.freshTokens.spread', 'nonNegative'),
  spec('workload.outputTokens.median', 'positiveInteger', 'tokens'),
  spec('workload.outputTokens.spread', 'nonNegative'),
  spec('workload.arrival', { oneOf: ['closed', 'open'] }),
  spec('workload.concurrency', 'positiveInteger', 'streams'),
  spec('workload.qps', 'positive', 'req/s'),
  spec('workload.requests', 'positiveInteger', 'requests'),
  spec('workload.warmupTurns', 'nonNegativeInteger', 'turns'),
  spec('workload.seed', 'nonNegativeInteger'),
  spec('workload.kvBlockTokens', 'positiveInteger', 'tokens'),
  spec('workload.slaTtftP99Seconds', 'positive', 's'),
];
const tier = (key: string): InputPathSpec[] => [
  spec(`traffic.${key}.qps`, 'positive', 'req/s'),
  spec(`traffic.${key}.concurrent`, 'positive', 'requests'),
  spec(`traffic.${key}.procTps`, 'positive', 'tok/s'),
];

export const INPUT_PATHS: readonly InputPathSpec[] = [
  spec('model.totalParams', 'positive', 'params'),
  spec('model.activeParams', 'positive', 'params'),
  spec('model.hiddenSize', 'positiveInteger'),
  spec('model.numAttentionHeads', 'positiveInteger'),
  spec('model.nRoutedExperts', 'nonNegativeInteger'),
  spec('model.nSharedExperts', 'nonNegativeInteger'),
  spec('model.expertsPerToken', 'nonNegativeInteger'),
  spec('model.moeIntermediateSize', 'nonNegativeInteger'),
  spec('model.expertMatrices', 'nonNegativeInteger'),
  spec('model.numLayers', 'positiveInteger'),
  spec('model.moeLayers', 'nonNegativeInteger'),
  spec('model.kvLoraRank', 'nonNegativeInteger'),
  spec('model.qkRopeHeadDim', 'nonNegativeInteger'),
  spec('model.contextWindowTokens', 'positiveInteger', 'tokens'),
  spec('precision.weightBytesPerParam', 'positive', 'B/param'),
  spec('precision.kvBytesPerValue', 'positive', 'B'),
  spec('precision.flopsPerParamPerToken', 'positive', 'FLOP'),
  spec('hardware.gpuMemBytes', 'positive', 'B'),
  spec('hardware.gpusPerNode', 'positiveInteger'),
  spec('hardware.gpuBandwidthBps', 'positive', 'B/s'),
  spec('hardware.gpuPeakFlops', 'positive', 'FLOP/s'),
  spec('pricing.gpuHourUsd', 'positive', 'USD/GPU/h'),
  spec('pricing.hoursPerDay', 'positive', 'h'),
  spec('pricing.hoursPerMonth', 'positive', 'h'),
  spec('pricing.hoursPerYear', 'positive', 'h'),
  spec('pricing.apiPricePerMTokUsd', 'positive', 'USD/Mtok'),
  spec('architecture.weightBytes', 'nullablePositive', 'B'),
  spec('architecture.bytesPerTokenB1', 'nullablePositive', 'B'),
  spec('architecture.expertBytes', 'nullablePositive', 'B'),
  spec('architecture.kvBytesPerToken', 'nullablePositive', 'B'),
  spec('architecture.prefillFlopsPerToken', 'nullablePositive', 'FLOP'),
  spec('empirical.nodeBandwidthEffectiveBps', 'positive', 'B/s'),
  spec('empirical.activationsBytes', 'nonNegative', 'B'),
  spec('empirical.sharedWeightsBytesPerPass', 'nonNegative', 'B'),
  spec('empirical.mbuRange.lo', 'fraction'),
  spec('empirical.mbuRange.hi', 'fraction'),
  spec('empirical.mbuMeasured', 'fraction'),
  spec('empirical.mbuNapkin', 'fraction'),
  spec('empirical.overlapFactor', 'fraction'),
  spec('empirical.fixedOverheadS', 'nonNegative', 's'),
  spec('empirical.perSlotS', 'positive', 's'),
  spec('empirical.prefillRateMeasuredTps', 'positive', 'tok/s'),
  spec('empirical.mfuStated', 'fraction'),
  spec('empirical.decodeFlopsPerByteStated', 'positive', 'FLOP/B'),
  spec('empirical.perStreamMeasuredTps.b8', 'positive', 'tok/s'),
  spec('empirical.perStreamMeasuredTps.b16', 'positive', 'tok/s'),
  spec('empirical.perStreamMeasuredTps.b32', 'positive', 'tok/s'),
  spec('empirical.autoscalingSavingsRange.lo', 'fraction'),
  spec('empirical.autoscalingSavingsRange.hi', 'fraction'),
  spec('empirical.engineerCostPerYearRange.lo', 'positive', 'USD/yr'),
  spec('empirical.engineerCostPerYearRange.hi', 'positive', 'USD/yr'),
  spec('tp8.gpusPerReplica', 'positiveInteger'),
  spec('tp8.concurrency', 'positiveInteger'),
  spec('tp8.perPassTimeMeasuredS', 'positive', 's'),
  spec('tp8.outputTpsPerGpuMeasured', 'positive', 'tok/s'),
  spec('tp8.e2eMeasuredS', 'positive', 's'),
  spec('tp8.ttftP50MeasuredS', 'positive', 's'),
  spec('tp4.gpusPerReplica', 'positiveInteger'),
  spec('tp4.concurrency', 'positiveInteger'),
  spec('tp4.perStreamTps', 'positive', 'tok/s'),
  spec('tp4.procTpsMeasured', 'positive', 'tok/s'),
  spec('request.freshTokensAvg', 'nonNegative', 'tokens'),
  spec('request.cachedTokensAvg', 'nonNegative', 'tokens'),
  spec('request.outputTokensAvg', 'positive', 'tokens'),
  spec('request.freshTokensMedian', 'nonNegative', 'tokens'),
  spec('request.cacheHitRateStated', 'fraction'),
  ...tier('p50'),
  ...tier('p90'),
  ...tier('p99'),
  spec('traffic.trough.procTps', 'positive', 'tok/s'),
  spec('savingsTable.aggressiveHi35kTo100k', 'fraction'),
  spec('savingsTable.aggressiveHi100kTo500k', 'fraction'),
  spec('savingsTable.aggressiveHi500kTo2m', 'fraction'),
  spec('savingsTable.aggressiveLo2mPlus', 'fraction'),
  spec('scenario.batch', 'positiveInteger'),
  spec('scenario.kvContextTokens', 'positiveInteger', 'tokens'),
  spec('scenario.kvTableContextLongTokens', 'positiveInteger', 'tokens'),
  spec('scenario.kvTableContextShortTokens', 'positiveInteger', 'tokens'),
  spec('scenario.ttftDemoPromptTokens', 'positive', 'tokens'),
  spec('scenario.ttftDemoPrefillTps', 'positive', 'tok/s'),
  spec('scenario.ttftDemoConcurrentUsers', 'positiveInteger'),
  spec('scenario.fleetSizingTier', { oneOf: TIERS }),
  spec('scenario.monthlyTokenBasis', { oneOf: TIERS }),
  spec('scenario.e2eSource', { oneOf: ['derived', 'measured'] }),
  spec('scenario.uniqueExpertsRounding', { oneOf: ['none', 'floor', 'round'] }),
  spec('scenario.tensorParallel', 'positiveInteger'),
  spec('scenario.slaPerStreamTps', 'positive', 'tok/s'),
  spec('overrides.expertBytes', 'nullablePositive', 'B'),
  spec('overrides.kvBytesPerToken', 'nullablePositive', 'B'),
  spec('overrides.monthlyProcTokens', 'nullablePositive', 'tokens'),
  ...PROJECTION_PATHS,
  ...WORKLOAD_PATHS,
];

const BY_PATH = new Map(INPUT_PATHS.map((entry) => [entry.path, entry]));

export function describeKind(kind: InputKind): string {
  if (typeof kind === 'object') return `one of ${kind.oneOf.join(', ')}`;
  const words: Record<Exclude<InputKind, object>, string> = {
    positive: 'a finite number > 0',
    nonNegative: 'a finite number >= 0',
    fraction: 'a number in (0, 1]',
    positiveInteger: 'an integer >= 1',
    nonNegativeInteger: 'an integer >= 0',
    nullablePositive: "a finite number > 0, or 'auto' to derive it",
  };
  return words[kind];
}

/** What a value of `kind` within `bound` may be: the range when there is one, else the kind in words. */
function acceptedText(kind: InputKind, bound: InputBound | undefined, unit = ''): string {
  if (typeof kind === 'object' || bound === undefined) return describeKind(kind);
  const what = kind === 'positiveInteger' || kind === 'nonNegativeInteger' ? 'an integer' : 'a number';
  return `${what} ${rangeText(bound, unit)}${kind === 'nullablePositive' ? ", or 'auto' to derive it" : ''}`;
}

/** What an input accepts, range included: "an integer from 1 to 1,024", "a number from 1e3 to 1e15 B/s". */
export function describeInput(entry: InputPathSpec): string {
  return acceptedText(entry.kind, boundOf(entry.path), entry.unit);
}

function isOfKind(kind: Exclude<InputKind, object>, value: number): boolean {
  switch (kind) {
    case 'positive':
    case 'nullablePositive':
      return value > 0;
    case 'nonNegative':
      return value >= 0;
    case 'fraction':
      return value > 0 && value <= 1;
    case 'positiveInteger':
      return Number.isSafeInteger(value) && value >= 1;
    case 'nonNegativeInteger':
      return Number.isSafeInteger(value) && value >= 0;
  }
}

/**
 * Parse and check one value (a strict decimal when given as text; within `bound` when there is one);
 * returns the typed value or an Error whose message says what is accepted.
 */
export function parseInputValue(
  kind: InputKind,
  raw: number | string | null,
  bound?: InputBound,
): number | string | null | Error {
  if (typeof kind === 'object') {
    return typeof raw === 'string' && kind.oneOf.includes(raw) ? raw : new Error(describeKind(kind));
  }
  if (kind === 'nullablePositive' && (raw === null || raw === 'auto' || raw === 'null')) return null;
  const value = typeof raw === 'number' ? raw : raw === null ? null : parseDecimal(raw);
  const ok =
    value !== null &&
    Number.isFinite(value) &&
    isOfKind(kind, value) &&
    (!bound || withinBound(value, bound));
  return ok ? value : new Error(acceptedText(kind, bound));
}

type Node = Record<string, unknown>;

function parentOf(root: Node, path: string): { parent: Node; key: string } {
  const keys = path.split('.');
  const key = keys.pop() ?? '';
  let parent = root;
  for (const part of keys) parent = parent[part] as Node;
  return { parent, key };
}

export function getInputPath(inputs: ScenarioInputs, path: string): number | string | null {
  if (!BY_PATH.has(path)) throw new Error(`unknown input '${clipForMessage(path)}'`);
  const { parent, key } = parentOf(inputs as unknown as Node, path);
  return parent[key] as number | string | null;
}

/**
 * A copy of `inputs` with one input changed. Throws an Error with a one-line message naming the path and
 * what it accepts when the path is unknown or the value is invalid.
 */
export function setInputPath(
  inputs: ScenarioInputs,
  path: string,
  raw: number | string | null,
): ScenarioInputs {
  const entry = BY_PATH.get(path);
  if (!entry)
    throw new Error(
      `unknown input '${clipForMessage(path)}' (valid inputs: ${INPUT_PATHS.length} paths such as empirical.mbuMeasured, tp8.concurrency; see INPUT_PATHS)`,
    );
  const value = parseInputValue(entry.kind, raw, boundOf(path));
  if (value instanceof Error)
    throw new Error(
      `invalid value '${clipForMessage(String(raw))}' for ${path}: expected ${describeInput(entry)}`,
    );
  const copy = structuredClone(inputs);
  const { parent, key } = parentOf(copy as unknown as Node, path);
  parent[key] = value;
  return copy;
}
