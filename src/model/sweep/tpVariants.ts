// Tensor-parallel variants of one node from the per-operator model (§5.8, §5.11 generalised): for each TP
// degree the node's GPUs divide into, one replica's memory, KV capacity, the largest batch that meets the
// per-stream SLA, and what it earns there. Every variant is computed the same way; none is the blog's
// measurement replayed.

import { replicaEconomics } from '../economics/replicaEconomics.ts';
import { decodePoint } from '../physics/decodeCurve.ts';
import { layoutProblems, type ParallelLayout } from '../physics/layout.ts';
import { memoryPlan } from '../physics/memory.ts';
import { prefillPass } from '../physics/prefill.ts';
import type { ServedScenario } from '../physics/servedScenario.ts';
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { modelRequest } from '../scenario/requestShape.ts';

export interface TpVariant {
  readonly tensorParallel: number;
  readonly replicasPerNode: number;
  readonly replicaCostPerHourUsd: number;
  readonly replicaCostPerMonthUsd: number;
  readonly weightBytesPerGpu: number;
  readonly kvBudgetBytesPerGpu: number;
  readonly fits: boolean;
  /** streams whose KV fits one replica at the scenario's context */
  readonly maxStreams: number;
  /** largest batch within the KV capacity meeting the per-stream SLA; null when none does */
  readonly slaBatch: number | null;
  readonly perStreamTps: number | null;
  /** processed tok/s of one replica at the SLA batch */
  readonly procTps: number | null;
  readonly costPerMProcUsd: number | null;
  readonly nodeProcTps: number | null;
}

/** Largest B in 1..maxBatch whose per-stream rate meets the target (per-stream falls as B grows). */
export function largestBatchMeeting(
  perStreamAt: (batch: number) => number,
  maxBatch: number,
  targetPerStreamTps: number,
): number | null {
  if (maxBatch < 1 || perStreamAt(1) < targetPerStreamTps) return null;
  let lo = 1;
  let hi = maxBatch;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (perStreamAt(mid) >= targetPerStreamTps) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function tpVariants(inputs: ScenarioInputs, scenario: ServedScenario, maxBatch: number): TpVariant[] {
  const { gpusPerNode } = scenario.model;
  const degrees: number[] = [];
  for (let tp = 1; tp <= gpusPerNode; tp++) if (gpusPerNode % tp === 0) degrees.push(tp);
  return degrees
    .map((tp): ParallelLayout => ({ tp, pp: 1, ep: 1, dp: gpusPerNode / tp }))
    .filter((layout) => layoutProblems(scenario.model.arch, layout, gpusPerNode).length === 0)
    .filter((layout) => layout.tp === 1 || scenario.roofs.intraNode !== null)
    .map((layout) => {
      const variant: ServedScenario = { ...scenario, model: { ...scenario.model, layout } };
      const memory = memoryPlan(
        variant.model,
        scenario.capacityBytesPerGpu,
        scenario.memory,
        scenario.contextTokens,
      );
      const replicaCostPerHourUsd = layout.tp * inputs.pricing.gpuHourUsd;
      const base = {
        tensorParallel: layout.tp,
        replicasPerNode: layout.dp,
        replicaCostPerHourUsd,
        replicaCostPerMonthUsd: replicaCostPerHourUsd * inputs.pricing.hoursPerMonth,
        weightBytesPerGpu: memory.weightBytesPerGpu,
        kvBudgetBytesPerGpu: memory.kvBudgetBytesPerGpu,
        fits: memory.fits,
        maxStreams: memory.maxStreams,
      };
      const none = {
        slaBatch: null,
        perStreamTps: null,
        procTps: null,
        costPerMProcUsd: null,
        nodeProcTps: null,
      };
      if (!memory.fits) return { ...base, ...none };
      const perStream = (batch: number) => decodePoint(variant, batch).perStreamTps;
      const slaBatch = largestBatchMeeting(
        perStream,
        Math.min(memory.maxStreams, maxBatch),
        inputs.scenario.slaPerStreamTps,
      );
      if (slaBatch === null) return { ...base, ...none };
      const point = decodePoint(variant, slaBatch);
      const request = modelRequest(inputs);
      const prefill = prefillPass(variant, request.freshMean, request.cachedMean);
      const economics = replicaEconomics(
        inputs,
        layout,
        slaBatch,
        point.step.seconds,
        scenario.acceptedTokensPerStep,
        prefill.seconds,
      );
      return {
        ...base,
        slaBatch,
        perStreamTps: point.perStreamTps,
        procTps: economics.procTps,
        costPerMProcUsd: economics.costPerMTokensUsd,
        nodeProcTps: economics.procTps * layout.dp,
      };
    });
}
