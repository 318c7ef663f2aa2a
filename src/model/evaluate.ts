// One full recompute: the napkin chain F1–F67 (figures keyed by the golden ids of seed-golden.json), the
// spec's diagnostics, the batch sweep and the generalised economics.
import { billChain } from './chain/bill.ts';
import { costChain } from './chain/cost.ts';
import { decodeChain } from './chain/decode.ts';
import { type ChainDiagnostics, chainDiagnostics } from './chain/diagnostics.ts';
import { fleetChain } from './chain/fleet.ts';
import { kvChain } from './chain/kvCache.ts';
import { littleChain } from './chain/little.ts';
import { memoryChain } from './chain/memory.ts';
import { perPassChain } from './chain/perPass.ts';
import { prefillChain } from './chain/prefill.ts';
import { resolveArchitecture } from './chain/resolve.ts';
import {
  type BreakEven,
  bandIndexFor,
  type SavingsBand,
  savingsBands,
  savingsTableChain,
} from './chain/savingsTable.ts';
import type { FigureMap } from './chain/sink.ts';
import { tp4Chain } from './chain/tp4.ts';
import { type FleetTierRow, fleetByTier } from './economics/fleetTiers.ts';
import { type TpVariant, tpVariants } from './economics/tpVariants.ts';
import type { ScenarioInputs } from './inputs.ts';
import { type BatchSweep, batchSweep } from './sweep/batchSweep.ts';

export interface Economics {
  tpVariants: TpVariant[];
  fleetByTier: FleetTierRow[];
  savingsBands: SavingsBand[];
  /** the band the all-API bill (F63) falls in (§7.2 Cline check) */
  allApiBandIndex: number;
  breakEven: BreakEven;
}

export interface ScenarioResult {
  figures: FigureMap;
  diagnostics: ChainDiagnostics;
  sweep: BatchSweep;
  economics: Economics;
  /** false when weights and activations do not fit the node: KV budget, max users and the sweep say so */
  fits: boolean;
  /** plain-language notes about this scenario (does not fit, values outside the blog's regime) */
  warnings: string[];
}

export function evaluateScenario(inputs: ScenarioInputs): ScenarioResult {
  const figures: FigureMap = {};
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
  const warnings: string[] = [];
  if (!memory.fits) {
    warnings.push(
      `does not fit: weights ${fmtGb(memory.weightBytes)} + activations ${fmtGb(inputs.empirical.activationsBytes)} exceed the node's ${fmtGb(memory.nodeVramBytes)}; no KV budget, 0 users`,
    );
  }
  const bands = savingsBands(inputs);
  const economics: Economics = {
    tpVariants: tpVariants(inputs, memory.weightBytes, arch.kvBytesPerToken, little.procTps),
    fleetByTier: fleetByTier(inputs, tp4.replicasPerNode, tp4.replicaCostPerMonth, bill.monthlyProcTokens),
    savingsBands: bands,
    allApiBandIndex: bandIndexFor(bill.allApiCostPerMonth, bands),
    breakEven,
  };
  const sweep = batchSweep(inputs, pass.params, memory.kvBudgetBytes);
  return { figures, diagnostics, sweep, economics, fits: memory.fits, warnings };
}

function fmtGb(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}
