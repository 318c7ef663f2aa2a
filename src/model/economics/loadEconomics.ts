// What a replica earns under load, from the serving simulator rather than a steady-state formula: its
// processed tokens per second at an operating point (prompt and output, the unit the API bills, spec
// I-26) priced at the replica's GPU-hours; and the fleet each traffic tier needs when its requests arrive
// as they come (open loop, Poisson at the tier's QPS, queueing included) and every replica must keep the
// SLA.
import { gpusPerReplica, type ParallelLayout } from '../physics/layout.ts';
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { type LoadPlan, type LoadPoint, simulateOpenLoop } from '../serving/loadSweep.ts';

export interface LoadEconomics {
  readonly concurrency: number;
  readonly processedTps: number;
  readonly outputTps: number;
  readonly costPerHourUsd: number;
  readonly costPerMProcUsd: number;
}

export function loadEconomics(
  inputs: ScenarioInputs,
  layout: ParallelLayout,
  point: LoadPoint,
): LoadEconomics {
  const costPerHourUsd = gpusPerReplica(layout) * inputs.pricing.gpuHourUsd;
  return {
    concurrency: point.concurrency,
    processedTps: point.processedTps,
    outputTps: point.aggregateTps,
    costPerHourUsd,
    costPerMProcUsd: point.processedTps > 0 ? costPerHourUsd / ((point.processedTps * 3600) / 1e6) : 0,
  };
}

export interface LoadFleetRow {
  readonly tier: 'p50' | 'p90' | 'p99';
  readonly qps: number;
  readonly replicas: number;
  readonly qpsPerReplica: number;
  /** the conversations one replica's arrivals take turns from */
  readonly conversations: number;
  readonly point: LoadPoint;
  readonly meetsSla: boolean;
  readonly costPerMonthUsd: number;
}

export interface SlaTargets {
  readonly ttftP99Seconds: number;
  readonly perStreamTps: number;
}

/** Replicas tried past the first estimate before a tier is reported as missing the SLA. */
const EXTRA_TRIES = 3;
/** Requests measured per open-loop run, per conversation (enough turns for a steady state). */
const TURNS_PER_CONVERSATION = 12;

/**
 * Each tier's fleet: the replicas the closed-loop operating point says it needs (the tier's QPS ÷ the
 * requests per second one replica completes there), checked by an open-loop run at the tier's QPS per
 * replica and raised one replica at a time while the run misses the SLA. A replica's arrivals take turns
 * among twice the conversations Little's law puts in flight at that rate (a conversation waits about one
 * request's time between its turns, so its prefix must stay cached in between).
 */
export function loadFleet(
  inputs: ScenarioInputs,
  plan: LoadPlan,
  operating: LoadPoint,
  targets: SlaTargets,
  layout: ParallelLayout,
): LoadFleetRow[] {
  const costPerMonthUsd = gpusPerReplica(layout) * inputs.pricing.gpuHourUsd * inputs.pricing.hoursPerMonth;
  return (['p50', 'p90', 'p99'] as const).map((tier) => {
    const qps = inputs.traffic[tier].qps;
    const perReplica = operating.requestsPerSecond;
    let replicas = Math.max(1, perReplica > 0 ? Math.ceil(qps / perReplica) : 1);
    let row: LoadFleetRow | null = null;
    for (let attempt = 0; attempt <= EXTRA_TRIES; attempt++) {
      const qpsPerReplica = qps / replicas;
      const conversations = Math.max(1, Math.ceil(2 * qpsPerReplica * operating.e2eMeanSeconds));
      const point = simulateOpenLoop(
        plan,
        qpsPerReplica,
        conversations,
        TURNS_PER_CONVERSATION * conversations,
      );
      const meetsSla =
        point.ttftP99Seconds <= targets.ttftP99Seconds && point.perStreamTps >= targets.perStreamTps;
      row = {
        tier,
        qps,
        replicas,
        qpsPerReplica,
        conversations,
        point,
        meetsSla,
        costPerMonthUsd: replicas * costPerMonthUsd,
      };
      if (meetsSla) break;
      replicas++;
    }
    return row as LoadFleetRow;
  });
}
