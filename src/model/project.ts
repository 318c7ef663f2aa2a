// ridgeline's projection of a scenario from physics: the per-operator model (src/model/physics) on the chosen
// model × GPU × node × layout gives the memory plan, the decode curve B = 1…512, the operators at the
// chosen B, the prefill and TTFT, what a replica earns, the SLA pick, the TP variants and the fleet. A
// scenario that does not fit gives no throughput or cost, only how many GPUs it needs.

import { type FleetTierRow, fleetByTier } from './economics/fleetTiers.ts';
import { type ReplicaEconomics, replicaEconomics } from './economics/replicaEconomics.ts';
import { monthlyProcTokensOf } from './napkin/bill.ts';
import { type DecodeCurve, type DecodePoint, decodeCurve, decodePoint } from './physics/decodeCurve.ts';
import { gpusPerReplica, nodesPerReplica, type ParallelLayout } from './physics/layout.ts';
import { type LayoutFit, type MemoryPlan, memoryPlan, smallestFittingLayout } from './physics/memory.ts';
import { type PrefillResult, prefillPass, timeToFirstToken } from './physics/prefill.ts';
import type { ServedScenario } from './physics/servedScenario.ts';
import type { ScenarioInputs } from './scenario/inputs.ts';
import { modelRequest } from './scenario/requestShape.ts';
import { layoutOf, servedScenario } from './scenario/servedModel.ts';
import { SWEEP_MAX_BATCH } from './sweep/batchSweep.ts';
import { classifyRegions, type RegionSpan, regionSpans } from './sweep/regions.ts';
import { pickSlaBatch, type SlaPick } from './sweep/sla.ts';
import { type TpVariant, tpVariants } from './sweep/tpVariants.ts';
import { grouped, si } from './units/format.ts';

export interface ProjectionHardware {
  readonly gpuId: string;
  readonly label: string;
  readonly gpusPerNode: number;
  readonly memoryBytesPerGpu: number;
  readonly bandwidthBpsPerGpu: number;
  readonly peakFlopsPerGpu: number;
}

export interface Projection {
  readonly hardware: ProjectionHardware;
  readonly layout: ParallelLayout;
  /** why the model cannot run this scenario at all (an invalid layout): empty when it can */
  readonly problems: readonly string[];
  readonly fits: boolean;
  readonly memory: MemoryPlan | null;
  /** the smallest layout that fits, when this one does not (null when none up to 64 stages does) */
  readonly smallestFit: LayoutFit | null;
  readonly curve: DecodeCurve | null;
  /** the scenario's own batch; null when it does not fit or exceeds the KV capacity */
  readonly chosen: DecodePoint | null;
  /** TTFT prompt: the workload's median fresh tokens after its mean cached prefix (scenario/requestShape.ts) */
  readonly prefill: PrefillResult | null;
  readonly ttftSeconds: number | null;
  /** TTFT of the same prompt joining B − 1 streams, at B = 1, 2, 4, … within the KV capacity */
  readonly ttftCurve: readonly { readonly batch: number; readonly seconds: number }[];
  /** one replica at the chosen batch */
  readonly economics: ReplicaEconomics | null;
  readonly sla: SlaPick;
  readonly regionIndex: Uint8Array | null;
  readonly regions: readonly RegionSpan[];
  readonly tpVariants: readonly TpVariant[];
  readonly fleetByTier: readonly FleetTierRow[];
  /** figures that cannot exist and why (does not fit, a batch past the KV capacity) */
  readonly warnings: readonly string[];
  /** what a reader should know to read the figures (the KV capacity at this context) */
  readonly notes: readonly string[];
}

const gb = (bytes: number) => si(bytes, 'B');

export function layoutText(layout: ParallelLayout, gpusPerNode: number): string {
  const parts = [`TP${layout.tp}`];
  if (layout.pp > 1) parts.push(`PP${layout.pp}`);
  if (layout.ep > 1) parts.push(`EP${layout.ep}`);
  const nodes = nodesPerReplica(layout, gpusPerNode);
  return `${parts.join(' × ')}${nodes > 1 ? ` over ${nodes} nodes` : ''}`;
}

function doesNotFit(served: ServedScenario, memory: MemoryPlan, smallest: LayoutFit | null): string {
  // a layout in bigger boxes of the same card names their size: one box, or each of the nodes it spans
  const where =
    smallest === null || smallest.gpusPerNode === served.model.gpusPerNode
      ? ''
      : nodesPerReplica(smallest.layout, smallest.gpusPerNode) > 1
        ? ` of ${smallest.gpusPerNode} GPUs each`
        : ` in one ${smallest.gpusPerNode}-GPU box`;
  const need =
    smallest === null
      ? 'no layout of up to 64 pipeline stages of this GPU holds it'
      : `needs ${gpusPerReplica(smallest.layout)} GPUs (${layoutText(smallest.layout, smallest.gpusPerNode)}${where})`;
  const held = memory.weightBytesPerGpu + memory.activationBytesPerGpu;
  const why =
    held > memory.usableBytesPerGpu
      ? `weights ${gb(memory.weightBytesPerGpu)} + activations ${gb(memory.activationBytesPerGpu)} per GPU exceed the ${gb(memory.usableBytesPerGpu)} the engine may use`
      : `one stream's KV at ${served.contextTokens} tokens needs ${gb(memory.kvBytesPerStreamPerGpu)} per GPU, ${gb(Math.max(0, memory.kvBudgetBytesPerGpu))} are left`;
  return `does not fit: ${need}; at ${layoutText(served.model.layout, served.model.gpusPerNode)} ${why}`;
}

const NO_SLA = (target: number): SlaPick => ({
  targetPerStreamTps: target,
  batch: null,
  perStreamTps: null,
  aggregateTps: null,
});

export function project(inputs: ScenarioInputs, maxBatch = SWEEP_MAX_BATCH): Projection {
  const hardware: ProjectionHardware = {
    gpuId: inputs.identity.gpuId,
    label: inputs.identity.gpuLabel,
    gpusPerNode: inputs.hardware.gpusPerNode,
    memoryBytesPerGpu: inputs.hardware.gpuMemBytes,
    bandwidthBpsPerGpu: inputs.hardware.gpuBandwidthBps,
    peakFlopsPerGpu: inputs.hardware.gpuPeakFlops,
  };
  const layout = layoutOf(inputs);
  const target = inputs.scenario.slaPerStreamTps;
  const empty = {
    hardware,
    layout,
    memory: null,
    smallestFit: null,
    curve: null,
    chosen: null,
    prefill: null,
    ttftSeconds: null,
    ttftCurve: [],
    economics: null,
    sla: NO_SLA(target),
    regionIndex: null,
    regions: [],
    tpVariants: [],
    fleetByTier: [],
    notes: [],
  };
  const served = servedScenario(inputs);
  if ('problems' in served) {
    return {
      ...empty,
      problems: served.problems,
      fits: false,
      warnings: served.problems.map((p) => `not modelled: ${p}`),
    };
  }
  const context = served.contextTokens;
  const memory = memoryPlan(served.model, served.capacityBytesPerGpu, served.memory, context);
  const variants = tpVariants(inputs, served, maxBatch);
  if (!memory.fits) {
    const smallest = smallestFittingLayout(served.model, served.capacityBytesPerGpu, served.memory, context, {
      intraNode: served.roofs.intraNode !== null,
      interNode: served.roofs.interNode !== null,
    });
    return {
      ...empty,
      problems: [],
      fits: false,
      memory,
      smallestFit: smallest,
      tpVariants: variants,
      warnings: [doesNotFit(served, memory, smallest)],
    };
  }
  const warnings: string[] = [];
  const notes: string[] = [];
  const curve = decodeCurve(served, maxBatch);
  const capacity = Math.min(memory.maxStreams, maxBatch);
  if (memory.maxStreams < maxBatch) {
    notes.push(
      `the KV cache holds ${memory.maxStreams} streams at ${grouped(context)} tokens: batches above that do not fit and have no throughput`,
    );
  }
  const regionIndex = classifyRegions(curve.aggregateTps, memory.maxStreams);
  const sla = pickSlaBatch(curve.perStreamTps, curve.aggregateTps, capacity, target);
  const request = modelRequest(inputs);
  const ttftPrefill = prefillPass(served, request.freshMedian, request.cachedMean);
  const ttftCurve: { batch: number; seconds: number }[] = [];
  for (let b = 1; b <= capacity; b *= 2)
    ttftCurve.push({ batch: b, seconds: timeToFirstToken(served, ttftPrefill, b) });
  const batch = served.batch;
  let chosen: DecodePoint | null = null;
  let ttftSeconds: number | null = null;
  let economics: ReplicaEconomics | null = null;
  let fleet: FleetTierRow[] = [];
  if (batch > memory.maxStreams) {
    warnings.push(
      `B=${batch} exceeds the ${memory.maxStreams} streams whose KV fits at ${context} tokens: no throughput or cost at this batch`,
    );
  } else {
    chosen = decodePoint(served, batch);
    ttftSeconds = timeToFirstToken(served, ttftPrefill, batch);
    const requestPrefill = prefillPass(served, request.freshMean, request.cachedMean);
    economics = replicaEconomics(
      inputs,
      layout,
      batch,
      chosen.step.seconds,
      served.acceptedTokensPerStep,
      requestPrefill.seconds,
    );
    const nodes = nodesPerReplica(layout, served.model.gpusPerNode);
    fleet = fleetByTier(
      inputs,
      {
        procTps: economics.procTps,
        costPerMonthUsd: economics.costPerHourUsd * inputs.pricing.hoursPerMonth,
        replicasPerNode: nodes > 1 ? 0 : Math.floor(served.model.gpusPerNode / gpusPerReplica(layout)),
        nodesPerReplica: nodes,
      },
      monthlyProcTokensOf(inputs),
    );
  }
  return {
    hardware,
    layout,
    problems: [],
    fits: true,
    memory,
    smallestFit: null,
    curve,
    chosen,
    prefill: ttftPrefill,
    ttftSeconds,
    ttftCurve,
    economics,
    sla,
    regionIndex,
    regions: regionSpans(regionIndex),
    tpVariants: variants,
    fleetByTier: fleet,
    warnings,
    notes,
  };
}
