// One full recompute: the blog's napkin (the chain F1–F67, figures keyed by the golden ids of
// seed-golden.json, and the spec's diagnostics), and ridgeline's projection from physics (the per-operator
// model, src/model/physics), which gives the batch sweep, the TP variants, the fleet and the bill. Outside the
// blog's own scenario the napkin figures resting on its measurements are left out (napkinScope.ts).

import type { FleetTierRow } from './economics/fleetTiers.ts';
import { billChain } from './napkin/bill.ts';
import { costChain } from './napkin/cost.ts';
import { decodeChain } from './napkin/decode.ts';
import { type ChainDiagnostics, chainDiagnostics } from './napkin/diagnostics.ts';
import { fleetChain } from './napkin/fleet.ts';
import { kvChain } from './napkin/kvCache.ts';
import { littleChain } from './napkin/little.ts';
import { memoryChain } from './napkin/memory.ts';
import { isBlogMeasuredScenario, NAPKIN_SCOPE_NOTE, napkinFiguresFor } from './napkin/napkinScope.ts';
import { perPassChain } from './napkin/perPass.ts';
import { prefillChain } from './napkin/prefill.ts';
import {
  type BreakEven,
  bandIndexFor,
  type SavingsBand,
  savingsBands,
  savingsTableChain,
} from './napkin/savingsTable.ts';
import type { FigureMap } from './napkin/sink.ts';
import { tp4Chain } from './napkin/tp4.ts';
import { type Projection, project } from './project.ts';
import type { ScenarioInputs } from './scenario/inputs.ts';
import { resolveArchitecture } from './scenario/resolve.ts';
import { type BatchSweep, batchSweep } from './sweep/batchSweep.ts';
import type { TpVariant } from './sweep/tpVariants.ts';
import { si } from './units/format.ts';

export interface Economics {
  /** from ridgeline's model: every TP degree of one node at its SLA batch */
  tpVariants: readonly TpVariant[];
  /** from ridgeline's model: the chosen layout's replica sized to each traffic tier */
  fleetByTier: readonly FleetTierRow[];
  savingsBands: SavingsBand[];
  /** the band the all-API bill (F63) falls in (§7.2 Cline check) */
  allApiBandIndex: number;
  breakEven: BreakEven;
}

export interface ScenarioResult {
  /** the blog's napkin, by golden id (outside the blog's scenario without its measurement-anchored ones) */
  figures: FigureMap;
  /** the spec's diagnostics of the blog's chain; null outside the blog's scenario (they rest on its load test) */
  diagnostics: ChainDiagnostics | null;
  /** ridgeline's projection from physics */
  projection: Projection;
  sweep: BatchSweep;
  economics: Economics;
  /** false when the model does not fit the layout (weights, activations and one stream's KV per GPU) */
  fits: boolean;
  /** what cannot be computed and why (does not fit, a batch past the KV capacity) */
  warnings: string[];
  /** what a reader should know to read the figures (napkin figures not shown, the KV capacity) */
  notes: string[];
}

export function evaluateScenario(inputs: ScenarioInputs): ScenarioResult {
  const allFigures: FigureMap = {};
  const figures = allFigures;
  const arch = resolveArchitecture(inputs);
  costChain(inputs, figures);
  const memory = memoryChain(inputs, arch, figures);
  const decode = decodeChain(inputs, arch, figures);
  prefillChain(inputs, arch, figures);
  kvChain(inputs, arch, memory.kvBudgetBytes, figures);
  const pass = perPassChain(inputs, arch, figures);
  const little = littleChain(inputs, pass.aggregateMeasuredTps, figures);
  const tp4 = tp4Chain(inputs, little.procTps, figures);
  const fleet = fleetChain(inputs, tp4, figures);
  const bill = billChain(inputs, fleet, figures);
  const breakEven = savingsTableChain(inputs, bill.savingsPerMonth, figures);
  const diagnostics = chainDiagnostics(inputs, {
    arch,
    params: pass.params,
    aggregateNaiveTps: pass.aggregateNaiveTps,
    aggregateMeasuredTps: pass.aggregateMeasuredTps,
    procTokensPerRequest: little.procTokensPerRequest,
    tp8ProcTps: little.procTps,
    tp8CostPerMProc: little.costPerMProc,
    tp4CostPerMProc: tp4.costPerMProc,
    tp4NodeProcTps: tp4.replicasPerNode * inputs.tp4.procTpsMeasured,
    selfHostTokensPerMonth: fleet.selfHostTokensPerMonth,
    fleetUtilizationOfSizingTier: fleet.utilizationOfSizingTier,
    ridgeFlopsPerByte: decode.ridgeFlopsPerByte,
    decodeFlopsPerByte: decode.decodeFlopsPerByte,
    nodeBandwidthRawBps: decode.nodeBandwidthRawBps,
  });
  const projection = project(inputs);
  const blogs = isBlogMeasuredScenario(inputs);
  const warnings: string[] = [...projection.warnings];
  if (!memory.fits) {
    warnings.push(
      `the blog's napkin does not fit either: weights ${fmtGb(memory.weightBytes)} + its asserted activations ${fmtGb(inputs.empirical.activationsBytes)} exceed the node's ${fmtGb(memory.nodeVramBytes)}`,
    );
  }
  const notes = [...projection.notes, ...(blogs ? [] : [NAPKIN_SCOPE_NOTE])];
  const bands = savingsBands(inputs);
  const economics: Economics = {
    tpVariants: projection.tpVariants,
    fleetByTier: projection.fleetByTier,
    savingsBands: bands,
    allApiBandIndex: bandIndexFor(bill.allApiCostPerMonth, bands),
    breakEven,
  };
  const sweep = batchSweep(inputs, pass.params, memory.kvBudgetBytes, projection);
  return {
    figures: napkinFiguresFor(inputs, allFigures),
    diagnostics: blogs ? diagnostics : null,
    projection,
    sweep,
    economics,
    fits: projection.fits,
    warnings,
    notes,
  };
}

function fmtGb(bytes: number): string {
  return si(bytes, 'B');
}

// The last line of defence behind the input ranges (inputBounds.ts): every number an evaluation produces
// must be finite before anything prints or draws it. null is an absent value (no SLA batch, no measured
// point) and stays allowed; NaN and ±Infinity are not.

/** Where non-finite numbers sit in `value` ("figures.bill.savings = -Infinity"), at most `limit` of them. */
export function nonFiniteNumbers(value: unknown, path = '', limit = 5): string[] {
  const found: string[] = [];
  const visit = (node: unknown, at: string): void => {
    if (found.length >= limit) return;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) found.push(`${at} = ${node}`);
      return;
    }
    if (ArrayBuffer.isView(node) && !(node instanceof DataView)) {
      const array = node as unknown as ArrayLike<number>;
      for (let i = 0; i < array.length && found.length < limit; i++) visit(array[i], `${at}[${i}]`);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${at}[${i}]`);
      });
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) visit(item, at === '' ? key : `${at}.${key}`);
    }
  };
  visit(value, path);
  return found;
}

/** The non-finite outputs of an evaluation (figure values, the sweep, economics, diagnostics). */
export function nonFiniteOutputs(result: ScenarioResult, limit = 5): string[] {
  const figures = Object.fromEntries(Object.entries(result.figures).map(([id, f]) => [id, f.value]));
  return nonFiniteNumbers(
    { figures, sweep: result.sweep, economics: result.economics, diagnostics: result.diagnostics },
    '',
    limit,
  );
}
