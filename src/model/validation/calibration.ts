// The calibration of the engine profiles: the one place ridgeline's model is fitted to measurements, and
// what it is fitted to. Each engine's per-step costs (presets/engines.ts) are fitted to that engine's own
// published rows marked `calibration` (about half of them); its other rows are held out and checked with
// the fitted costs. The kernel efficiencies are never fitted (physics/efficiencies.ts: published kernel
// benchmarks), nor are the engines' all-reduce latencies or host overlap (published figures).
//
//   kernelLaunchSeconds          gap per kernel launched
//   moeRoutingSecondsPerLayer    routing work per MoE layer beyond its matmuls
//   smallExpertSeconds           fixed time per expert problem a grouped GEMM runs
//   schedulerSecondsPerStep      host time per step
//   schedulerSecondsPerSequence  host time per running sequence per step
//
// The fit minimises the squared log error of the engine's fit rows (a row twice too fast weighs as a row
// twice too slow) by a coordinate search over the costs, each non-negative: multiplicative steps that
// shrink from ×4 to ×1.05, and 0. It is deterministic, and docs/validation.md reports its residuals on the
// fit rows and on the held-out rows apart.

import type { EngineCosts } from '../physics/efficiencies.ts';
import { type EngineId, engineCosts, engineIds, engineProfile, FITTED_SOURCE } from '../presets/engines.ts';
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { PUBLISHED_MEASUREMENTS } from './measurements.ts';
import { needsLoadSimulation, type PublishedMeasurement } from './measurementTypes.ts';
import { measurementInputs, predictWith } from './predict.ts';

export const FITTED_COSTS = [
  'kernelLaunchSeconds',
  'moeRoutingSecondsPerLayer',
  'smallExpertSeconds',
  'schedulerSecondsPerStep',
  'schedulerSecondsPerSequence',
  'streamBytesPerSecondPerUnit',
  'attentionKernelScale',
] as const satisfies readonly (keyof EngineCosts)[];

export type FittedCost = (typeof FITTED_COSTS)[number];
export type FittedCosts = Readonly<Record<FittedCost, number>>;

/** The engine a measurement was taken with (every row names one). */
export function engineOf(measurement: PublishedMeasurement): EngineId {
  return measurement.choice.engine ?? 'vllm';
}

/** An engine's rows: those that fit its costs, and those held out. */
export function engineRows(engine: EngineId): {
  readonly fit: readonly PublishedMeasurement[];
  readonly heldOut: readonly PublishedMeasurement[];
} {
  const rows = PUBLISHED_MEASUREMENTS.filter((m) => engineOf(m) === engine && !needsLoadSimulation(m));
  return { fit: rows.filter((m) => m.calibration), heldOut: rows.filter((m) => !m.calibration) };
}

/** The costs an engine profile defaults to (the rounded fit). */
export function defaultFittedCosts(engine: EngineId): FittedCosts {
  const costs = engineCosts(engineProfile(engine));
  return Object.fromEntries(FITTED_COSTS.map((key) => [key, costs[key]])) as FittedCosts;
}

interface PreparedRow {
  readonly measurement: PublishedMeasurement;
  readonly inputs: ScenarioInputs;
}

function prepare(rows: readonly PublishedMeasurement[]): PreparedRow[] {
  return rows.map((measurement) => ({ measurement, inputs: measurementInputs(measurement) }));
}

/** measured ÷ predicted of each row with the given costs; null where the row cannot be modelled. */
function ratios(rows: readonly PreparedRow[], costs: FittedCosts): (number | null)[] {
  return rows.map(({ measurement, inputs }) => {
    const withCosts = {
      ...inputs,
      projection: { ...inputs.projection, efficiency: { ...inputs.projection.efficiency, ...costs } },
    };
    return predictWith(withCosts, measurement).ratio;
  });
}

/** Σ ln(measured ÷ predicted)² (a row that cannot be modelled counts as a factor e² off). */
function loss(rows: readonly PreparedRow[], costs: FittedCosts): number {
  let sum = 0;
  for (const ratio of ratios(rows, costs)) {
    const error = ratio !== null && ratio > 0 && Number.isFinite(ratio) ? Math.log(ratio) : 2;
    sum += error * error;
  }
  return sum;
}

/** Where a cost at 0 starts when the search tries to raise it (values that can matter). */
const SEEDS: Readonly<Record<FittedCost, readonly number[]>> = {
  kernelLaunchSeconds: [1e-7, 1e-6],
  moeRoutingSecondsPerLayer: [1e-6, 1e-5],
  smallExpertSeconds: [1e-8, 1e-7, 1e-6],
  schedulerSecondsPerStep: [1e-5, 1e-4, 1e-3],
  schedulerSecondsPerSequence: [1e-7, 1e-6, 1e-5],
  streamBytesPerSecondPerUnit: [1e10, 2e10, 3e10, 5e10],
  attentionKernelScale: [0.5],
};

/** Upper ends the search stays below (a cost past them explains nothing physical). */
const CEILING: FittedCosts = {
  kernelLaunchSeconds: 2e-5,
  moeRoutingSecondsPerLayer: 1e-3,
  smallExpertSeconds: 2e-5,
  schedulerSecondsPerStep: 2e-2,
  schedulerSecondsPerSequence: 2e-4,
  streamBytesPerSecondPerUnit: 2e11,
  attentionKernelScale: 1,
};

export interface EngineFit {
  readonly engine: EngineId;
  readonly costs: FittedCosts;
  /** Σ ln² over the fit rows at `costs` */
  readonly loss: number;
}

/** The costs an engine's profile marks as fitted (the others are published figures, kept as they are). */
export function fittedKeys(engine: EngineId): FittedCost[] {
  const profile = engineProfile(engine);
  return FITTED_COSTS.filter((key) => profile.costs[key].source.startsWith(FITTED_SOURCE));
}

/** Typical values the search also starts from (a coordinate search finds the optimum near its start). */
const TYPICAL: FittedCosts = {
  kernelLaunchSeconds: 1e-6,
  moeRoutingSecondsPerLayer: 2e-5,
  smallExpertSeconds: 5e-7,
  schedulerSecondsPerStep: 1e-3,
  schedulerSecondsPerSequence: 5e-5,
  streamBytesPerSecondPerUnit: 2e10,
  attentionKernelScale: 0.5,
};

/**
 * Fit an engine's costs to its fit rows: a coordinate search from the profile's values (or `start`), and
 * from every fitted cost at 0 and at a typical value; the best of the three.
 */
export function fitEngine(
  engine: EngineId,
  start = defaultFittedCosts(engine),
  rounds = 6,
  onlyFromStart = false,
): EngineFit {
  const keys = fittedKeys(engine);
  const at = (value: (key: FittedCost) => number): FittedCosts =>
    ({ ...start, ...Object.fromEntries(keys.map((key) => [key, value(key)])) }) as FittedCosts;
  const zero = (key: FittedCost) => (key === 'attentionKernelScale' ? 1 : 0);
  const starts = onlyFromStart ? [start] : [start, at(zero), at((key) => TYPICAL[key])];
  let best: EngineFit | null = null;
  for (const from of starts) {
    const fit = searchFrom(engine, from, keys, rounds);
    if (best === null || fit.loss < best.loss) best = fit;
  }
  return best as EngineFit;
}

function searchFrom(
  engine: EngineId,
  start: FittedCosts,
  keys: readonly FittedCost[],
  rounds: number,
): EngineFit {
  const rows = prepare(engineRows(engine).fit);
  let costs: Record<FittedCost, number> = { ...start };
  let best = loss(rows, costs);
  if (rows.length === 0) return { engine, costs, loss: best };
  for (let round = 0, factor = 4; round < rounds; round++, factor = 1 + (factor - 1) / 2) {
    let improved = true;
    while (improved) {
      improved = false;
      for (const key of keys) {
        const value = costs[key];
        // a share scales the published kernel: it is never 0
        const share = key === 'attentionKernelScale';
        const candidates = value === 0 ? SEEDS[key] : [value * factor, value / factor, ...(share ? [] : [0])];
        for (const candidate of candidates) {
          if (candidate > CEILING[key]) continue;
          const trial = { ...costs, [key]: candidate };
          const trialLoss = loss(rows, trial);
          if (trialLoss < best * (1 - 1e-9)) {
            best = trialLoss;
            costs = trial;
            improved = true;
          }
        }
      }
    }
  }
  return { engine, costs, loss: best };
}

/** The loss of an engine's fit rows at its profile's default costs. */
export function defaultLoss(engine: EngineId): number {
  return loss(prepare(engineRows(engine).fit), defaultFittedCosts(engine));
}

/** The engines that have rows to fit. */
export function fittedEngines(): EngineId[] {
  return engineIds.filter((engine) => engineRows(engine).fit.length > 0);
}
