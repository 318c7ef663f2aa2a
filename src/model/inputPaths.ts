// Every editable input by dotted path (`empirical.mbuMeasured`), with the values it accepts, so the CLI's
// `--set path=value` and the page's controls share one list and one validation.
import type { ScenarioInputs } from './inputs.ts';
import { EFFICIENCY_RANGES, EFFICIENCY_SOURCES } from './ops/efficiencies.ts';
import { LAYOUT_RANGES } from './ops/layout.ts';
import { WEIGHT_PRECISIONS } from './presets/choice.ts';

export type InputKind =
  | 'positive'
  | 'nonNegative'
  | 'fraction'
  | 'positiveInteger'
  | 'nonNegativeInteger'
  | 'nullablePositive'
  | { readonly oneOf: readonly string[] };

/** The physically meaningful interval of a value (inclusive), for validators and sliders. */
export interface PhysicalRange {
  readonly min: number;
  readonly max: number;
}

export interface InputPathSpec {
  readonly path: string;
  readonly kind: InputKind;
  readonly unit: string;
  /** where the value makes physical sense; given for the per-operator model's inputs */
  readonly range?: PhysicalRange;
}

const TIERS = ['p50', 'p90', 'p99', 'trough'] as const;
const spec = (path: string, kind: InputKind, unit = '', range?: PhysicalRange): InputPathSpec =>
  range === undefined ? { path, kind, unit } : { path, kind, unit, range };

/** ridgeline's per-operator model (src/model/ops): layout, efficiencies, engine memory, links, drafting. */
const PROJECTION_PATHS: readonly InputPathSpec[] = [
  spec('scenario.pipelineParallel', 'positiveInteger', '', LAYOUT_RANGES.pp),
  spec('scenario.expertParallel', 'positiveInteger', '', LAYOUT_RANGES.ep),
  spec('scenario.dataParallel', 'positiveInteger', '', LAYOUT_RANGES.dp),
  spec('projection.weights', { oneOf: WEIGHT_PRECISIONS }),
  ...Object.keys(EFFICIENCY_SOURCES).map((key) => {
    const name = key as keyof typeof EFFICIENCY_RANGES;
    const seconds = name.endsWith('Seconds') || name.endsWith('PerLayer') || name.endsWith('PerStep');
    return spec(
      `projection.efficiency.${name}`,
      seconds ? 'nonNegative' : 'fraction',
      seconds ? 's' : '',
      EFFICIENCY_RANGES[name],
    );
  }),
  spec('projection.memory.utilization', 'fraction', '', { min: 0.05, max: 1 }),
  spec('projection.memory.maxBatchedTokens', 'positiveInteger', 'tokens', { min: 1, max: 1_048_576 }),
  spec('projection.memory.maxSequences', 'positiveInteger', '', { min: 1, max: 65_536 }),
  spec('projection.interconnect.intraNodeBps', 'nonNegative', 'B/s', { min: 0, max: 1e13 }),
  spec('projection.interconnect.intraNodeHopLatencyS', 'nonNegative', 's', { min: 0, max: 1e-3 }),
  spec('projection.interconnect.interNodeBps', 'nonNegative', 'B/s', { min: 0, max: 1e13 }),
  spec('projection.interconnect.interNodeHopLatencyS', 'nonNegative', 's', { min: 0, max: 1e-3 }),
  spec('projection.speculative.draftTokens', 'nonNegativeInteger', 'tokens', { min: 0, max: 16 }),
  spec('projection.speculative.acceptedTokensPerStep', 'positive', 'tokens', { min: 1, max: 17 }),
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
  spec('scenario.tensorParallel', 'positiveInteger', '', LAYOUT_RANGES.tp),
  spec('scenario.slaPerStreamTps', 'positive', 'tok/s'),
  spec('overrides.expertBytes', 'nullablePositive', 'B'),
  spec('overrides.kvBytesPerToken', 'nullablePositive', 'B'),
  spec('overrides.monthlyProcTokens', 'nullablePositive', 'tokens'),
  ...PROJECTION_PATHS,
];

const BY_PATH = new Map(INPUT_PATHS.map((entry) => [entry.path, entry]));

/** Why a parsed value lies outside its physical range, or null. */
export function rangeProblem(entry: InputPathSpec, value: number | string | null): string | null {
  if (entry.range === undefined || typeof value !== 'number') return null;
  const { min, max } = entry.range;
  return value < min || value > max
    ? `a value in [${min}, ${max}]${entry.unit ? ` ${entry.unit}` : ''}`
    : null;
}

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

/** Parse and check one value; returns the typed value or a reason it was refused. */
export function parseInputValue(
  kind: InputKind,
  raw: number | string | null,
): number | string | null | Error {
  if (typeof kind === 'object') {
    return typeof raw === 'string' && kind.oneOf.includes(raw) ? raw : new Error(describeKind(kind));
  }
  if (kind === 'nullablePositive' && (raw === null || raw === 'auto' || raw === 'null')) return null;
  const value = typeof raw === 'number' ? raw : raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
  const ok =
    Number.isFinite(value) &&
    (kind === 'positive' || kind === 'nullablePositive'
      ? value > 0
      : kind === 'nonNegative'
        ? value >= 0
        : kind === 'fraction'
          ? value > 0 && value <= 1
          : kind === 'positiveInteger'
            ? Number.isInteger(value) && value >= 1
            : Number.isInteger(value) && value >= 0);
  return ok ? value : new Error(describeKind(kind));
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
  if (!BY_PATH.has(path)) throw new Error(`unknown input '${path}'`);
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
      `unknown input '${path}' (valid inputs: ${INPUT_PATHS.length} paths such as empirical.mbuMeasured, tp8.concurrency; see INPUT_PATHS)`,
    );
  const value = parseInputValue(entry.kind, raw);
  if (value instanceof Error)
    throw new Error(`invalid value '${String(raw)}' for ${path}: expected ${value.message}`);
  const outside = rangeProblem(entry, value);
  if (outside !== null) throw new Error(`invalid value '${String(raw)}' for ${path}: expected ${outside}`);
  const copy = structuredClone(inputs);
  const { parent, key } = parentOf(copy as unknown as Node, path);
  parent[key] = value;
  return copy;
}
