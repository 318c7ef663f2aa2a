// Fleet sizing against each traffic tier (§6 generalised): size a floor fleet of TP4 replicas to the
// tier (F55 with that tier), spill the rest of the month's tokens to the API, and compare the monthly
// bill with all-API (F59–F64). The month's tokens come from `scenario.monthlyTokenBasis` (P50 as the mean
// hour, I-20) whatever the sizing tier, so the trough row is exactly the blog's F55–F64. Sizing above the
// trough assumes the fleet stays busy every hour, which only the trough guarantees (§6: "size for the
// floor of the load"); those rows are an upper bound on savings.
import { tierProcTps } from '../chain/fleet.ts';
import type { ScenarioInputs, TrafficTierKey } from '../inputs.ts';

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

export function fleetByTier(
  inputs: ScenarioInputs,
  replicasPerNode: number,
  replicaCostPerMonthUsd: number,
  monthlyProcTokens: number,
): FleetTierRow[] {
  const apiPrice = inputs.pricing.apiPricePerMTokUsd;
  const replicaProcTps = inputs.tp4.procTpsMeasured;
  const tokensPerReplicaMonth = replicaProcTps * 3600 * inputs.pricing.hoursPerMonth;
  const allApiCostPerMonthUsd = (monthlyProcTokens / 1e6) * apiPrice;
  return (['trough', 'p50', 'p90', 'p99'] as const).map((sizingTier) => {
    const sizingProcTps = tierProcTps(inputs, sizingTier);
    const replicas = Math.floor(sizingProcTps / replicaProcTps);
    const selfHostCostPerMonthUsd = replicas * replicaCostPerMonthUsd;
    const capacity = replicas * tokensPerReplicaMonth;
    const spillTokensPerMonth = Math.max(0, monthlyProcTokens - capacity);
    const hybridCostPerMonthUsd = selfHostCostPerMonthUsd + (spillTokensPerMonth / 1e6) * apiPrice;
    const savingsPerMonthUsd = allApiCostPerMonthUsd - hybridCostPerMonthUsd;
    return {
      sizingTier,
      sizingProcTps,
      replicas,
      boxes: replicasPerNode > 0 ? Math.ceil(replicas / replicasPerNode) : 0,
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
