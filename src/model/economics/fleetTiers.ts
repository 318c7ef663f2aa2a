// Fleet sizing against each traffic tier (§6 generalised), from a replica's processed throughput as
// ridgeline's per-operator model gives it: size a floor fleet of replicas to the tier (F55's rule), spill
// the rest of the month's tokens to the API, and compare the monthly bill with all-API (F59–F64). The
// month's tokens come from `scenario.monthlyTokenBasis` (P50 as the mean hour, I-20) whatever the sizing
// tier. Sizing above the trough assumes the fleet stays busy every hour, which only the trough
// guarantees (§6: "size for the floor of the load"); those rows are an upper bound on savings. The blog's
// own fleet (F55–F64, its measured TP4 replica) stays in the figures as the blog's napkin.

import { tierProcTps } from '../napkin/fleet.ts';
import type { ScenarioInputs, TrafficTierKey } from '../scenario/inputs.ts';

export interface FleetTierRow {
  sizingTier: TrafficTierKey;
  sizingProcTps: number;
  replicas: number;
  boxes: number;
  selfHostCostPerMonthUsd: number;
  selfHostTokensPerMonth: number;
  spillTokensPerMonth: number;
  hybridCostPerMonthUsd: number;
  allApiCostPerMonthUsd: number;
  savingsPerMonthUsd: number;
  savingsPct: number;
}

/** One replica as the fleet sees it. */
export interface FleetReplica {
  /** processed tok/s one replica sustains */
  readonly procTps: number;
  readonly costPerMonthUsd: number;
  /** replicas one node holds (0 when a replica spans several nodes) */
  readonly replicasPerNode: number;
  /** nodes one replica spans */
  readonly nodesPerReplica: number;
}

export function fleetByTier(
  inputs: ScenarioInputs,
  replica: FleetReplica,
  monthlyProcTokens: number,
): FleetTierRow[] {
  const apiPrice = inputs.pricing.apiPricePerMTokUsd;
  const tokensPerReplicaMonth = replica.procTps * 3600 * inputs.pricing.hoursPerMonth;
  const allApiCostPerMonthUsd = (monthlyProcTokens / 1e6) * apiPrice;
  return (['trough', 'p50', 'p90', 'p99'] as const).map((sizingTier) => {
    const sizingProcTps = tierProcTps(inputs, sizingTier);
    const replicas = replica.procTps > 0 ? Math.floor(sizingProcTps / replica.procTps) : 0;
    const selfHostCostPerMonthUsd = replicas * replica.costPerMonthUsd;
    const capacity = replicas * tokensPerReplicaMonth;
    const spillTokensPerMonth = Math.max(0, monthlyProcTokens - capacity);
    const hybridCostPerMonthUsd = selfHostCostPerMonthUsd + (spillTokensPerMonth / 1e6) * apiPrice;
    const savingsPerMonthUsd = allApiCostPerMonthUsd - hybridCostPerMonthUsd;
    const boxes =
      replica.replicasPerNode > 0
        ? Math.ceil(replicas / replica.replicasPerNode)
        : replicas * replica.nodesPerReplica;
    return {
      sizingTier,
      sizingProcTps,
      replicas,
      boxes,
      selfHostCostPerMonthUsd,
      selfHostTokensPerMonth: Math.min(capacity, monthlyProcTokens),
      spillTokensPerMonth,
      hybridCostPerMonthUsd,
      allApiCostPerMonthUsd,
      savingsPerMonthUsd,
      savingsPct: savingsPerMonthUsd / allApiCostPerMonthUsd,
    };
  });
}
