// The calibration of the per-step costs: the one place ridgeline's model is fitted to measurements, and
// what it is fitted to. Three per-step costs are fitted, the kernel efficiencies are not
// (physics/efficiencies.ts):
//
//   kernelLaunchSeconds        fixed cost per kernel launched (launch, dependency wait, tiny-kernel tail)
//   moeRoutingSecondsPerLayer  top-k, token permutation and load imbalance per MoE layer
//   smallExpertSeconds         fixed cost per routed expert a step touches on a GPU, per layer
//
// A step's time is linear in the three with everything else fixed:
//   step = rest + kernels × launch + moeLayers × routing + touchedExperts × smallExpert
// so the fit is a small non-negative least squares on relative errors, solved exactly by trying every
// subset of free parameters. The scheduler's time per step cannot be told apart from the launch cost with
// these measurements (both are per-step constants), so it stays at 0 and the launch cost carries it.

import { moeLayerCount } from '../architecture/layers.ts';
import type { Efficiencies } from '../physics/efficiencies.ts';
import { touchedExpertsPerGpu } from '../physics/experts.ts';
import type { ServedScenario } from '../physics/servedScenario.ts';
import { decodeShape, timeStep } from '../physics/step.ts';
import type { ScenarioChoice } from '../presets/choice.ts';
import { buildScenarioInputs } from '../scenario/buildScenario.ts';
import { defaultInputs } from '../scenario/inputDefaults.ts';
import { servedScenario } from '../scenario/servedModel.ts';
import { PUBLISHED_MEASUREMENTS } from './measurements.ts';

export interface CalibrationPoint {
  readonly id: string;
  /** what was measured, where, with which engine */
  readonly label: string;
  readonly choice: ScenarioChoice;
  /** the decode step time measured (1 / per-stream tok/s at B) */
  readonly measuredStepSeconds: number;
}

/**
 * The published decode measurements marked `calibration` (validation/measurements.ts, each with its
 * source): the blog's load test at B=16 and B=32 (Kimi K2.6 on 8×B200) and llama.cpp's Llama 8B on one
 * RTX 4090 (dense single-GPU decode), as decode step times.
 */
export const CALIBRATION_POINTS: readonly CalibrationPoint[] = PUBLISHED_MEASUREMENTS.flatMap((m) => {
  if (!m.calibration || m.speculative !== undefined) return [];
  if (m.metric !== 'stepSeconds' && m.metric !== 'perStreamTps') return [];
  return [
    {
      id: m.id,
      label: m.scenario,
      choice: m.choice,
      measuredStepSeconds: m.metric === 'stepSeconds' ? m.value : 1 / m.value,
    },
  ];
});

export const FITTED_EFFICIENCIES = [
  'kernelLaunchSeconds',
  'moeRoutingSecondsPerLayer',
  'smallExpertSeconds',
] as const;

/** The served scenario of a calibration point with the given efficiencies. */
export function calibrationScenario(point: CalibrationPoint, efficiencies: Efficiencies): ServedScenario {
  const inputs = buildScenarioInputs(defaultInputs(), point.choice);
  inputs.projection.efficiency = { ...efficiencies };
  const served = servedScenario(inputs);
  if ('problems' in served) throw new Error(`calibration point ${point.id}: ${served.problems[0]}`);
  return served;
}

interface LinearRow {
  /** step time with the three fitted costs at zero */
  readonly rest: number;
  /** coefficients of [launch, routing, small expert] */
  readonly coefficients: readonly [number, number, number];
  readonly measured: number;
}

function linearRow(point: CalibrationPoint, base: Efficiencies): LinearRow {
  const zeroed = { ...base, kernelLaunchSeconds: 0, moeRoutingSecondsPerLayer: 0, smallExpertSeconds: 0 };
  const served = calibrationScenario(point, zeroed);
  const shape = decodeShape(served.batch, served.contextTokens);
  const step = timeStep(served, shape);
  const kernels = step.ops.reduce((sum, op) => sum + op.kernels, 0);
  const touched = touchedExpertsPerGpu(served.model, shape.tokens);
  return {
    rest: step.seconds,
    coefficients: [kernels, moeLayerCount(served.model.arch), touched],
    measured: point.measuredStepSeconds,
  };
}

/** Solve the normal equations of a least-squares problem on the columns in `free` (Gauss–Jordan). */
function solve(rows: readonly LinearRow[], free: readonly number[]): number[] | null {
  const n = free.length;
  const a = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  for (const row of rows) {
    const weight = 1 / (row.measured * row.measured);
    const target = row.measured - row.rest;
    for (let i = 0; i < n; i++) {
      const ci = row.coefficients[free[i] ?? 0] ?? 0;
      for (let j = 0; j < n; j++) {
        const cj = row.coefficients[free[j] ?? 0] ?? 0;
        (a[i] as number[])[j] = ((a[i] as number[])[j] ?? 0) + weight * ci * cj;
      }
      (a[i] as number[])[n] = ((a[i] as number[])[n] ?? 0) + weight * ci * target;
    }
  }
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    }
    const p = a[pivot]?.[col] ?? 0;
    if (Math.abs(p) < 1e-30) return null;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const lead = a[col] as number[];
    for (let j = col; j <= n; j++) lead[j] = (lead[j] ?? 0) / p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = row[col] ?? 0;
      for (let j = col; j <= n; j++) row[j] = (row[j] ?? 0) - factor * (lead[j] ?? 0);
    }
  }
  return a.map((row) => row[n] ?? 0);
}

export interface CalibrationResult {
  readonly efficiencies: Efficiencies;
  /** model ÷ measurement − 1 at each point, with the fitted efficiencies */
  readonly residuals: readonly {
    readonly id: string;
    readonly modelSeconds: number;
    readonly relative: number;
  }[];
}

/** Fit the three per-step costs to the points, non-negative, minimising the squared relative error. */
export function fitStepCosts(points: readonly CalibrationPoint[], base: Efficiencies): CalibrationResult {
  const rows = points.map((point) => linearRow(point, base));
  let best: { params: number[]; error: number } | null = null;
  for (let mask = 0; mask < 8; mask++) {
    const free = [0, 1, 2].filter((i) => mask & (1 << i));
    const solution = free.length === 0 ? [] : solve(rows, free);
    if (solution === null) continue;
    const params = [0, 0, 0];
    free.forEach((index, k) => {
      params[index] = solution[k] ?? 0;
    });
    if (params.some((value) => value < 0)) continue;
    const error = rows.reduce((sum, row) => {
      const model =
        row.rest +
        row.coefficients[0] * params[0]! +
        row.coefficients[1] * params[1]! +
        row.coefficients[2] * params[2]!;
      return sum + ((model - row.measured) / row.measured) ** 2;
    }, 0);
    if (best === null || error < best.error) best = { params, error };
  }
  const params = best?.params ?? [0, 0, 0];
  const efficiencies: Efficiencies = {
    ...base,
    kernelLaunchSeconds: params[0] ?? 0,
    moeRoutingSecondsPerLayer: params[1] ?? 0,
    smallExpertSeconds: params[2] ?? 0,
  };
  const residuals = points.map((point) => {
    const served = calibrationScenario(point, efficiencies);
    const modelSeconds = timeStep(served, decodeShape(served.batch, served.contextTokens)).seconds;
    return { id: point.id, modelSeconds, relative: modelSeconds / point.measuredStepSeconds - 1 };
  });
  return { efficiencies, residuals };
}
