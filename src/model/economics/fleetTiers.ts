// Fleet sizing against every traffic tier (§6 generalised): a floor-sized fleet (F55, spill the rest to
// the API) and a fleet that serves the whole tier (ceil), each with its monthly bill against all-API.
// Monthly tokens take the tier's rate as the mean hour, as F59 does for P50 (I-20).
import type { ScenarioInputs, TrafficTierKey } from '../inputs.ts';

export interface FleetPlan {
  replicas: number;
  boxes: number;
  selfHostCostPerMonthUsd: number;
  selfHostTokensPerMonth: number;
  spillTokensPerMonth: number;
  hybridCostPerMonthUsd: number;
  savingsPerMonthUsd: number;
  savingsPct: number;
}

export interface FleetTierRow {
  tier: TrafficTierKey;
  procTps: number;
  monthlyProcTokens: number;
  allApiCostPerMonthUsd: number;
  floorSized: FleetPlan;
  fullySelfHosted: FleetPlan;
}

export function fleetByTier(
  inputs: ScenarioInputs,
  replicasPerNode: number,
  replicaCostPerMonthUsd: number,
): FleetTierRow[] {
  const { apiPricePerMTokUsd: apiPrice, hoursPerMonth } = inputs.pricing;
  const replicaProcTps = inputs.tp4.procTpsMeasured;
  const tokensPerReplicaMonth = replicaProcTps * 3600 * hoursPerMonth;
  return (['trough', 'p50', 'p90', 'p99'] as const).map((tier) => {
    const procTps = inputs.traffic[tier].procTps;
    const monthlyProcTokens = procTps * 3600 * hoursPerMonth;
    const allApiCostPerMonthUsd = (monthlyProcTokens / 1e6) * apiPrice;
    const plan = (replicas: number): FleetPlan => {
      const selfHostCostPerMonthUsd = replicas * replicaCostPerMonthUsd;
      const selfHostTokensPerMonth = Math.min(replicas * tokensPerReplicaMonth, monthlyProcTokens);
      const spillTokensPerMonth = Math.max(0, monthlyProcTokens - replicas * tokensPerReplicaMonth);
      const hybridCostPerMonthUsd = selfHostCostPerMonthUsd + (spillTokensPerMonth / 1e6) * apiPrice;
      const savingsPerMonthUsd = allApiCostPerMonthUsd - hybridCostPerMonthUsd;
      return {
        replicas,
        boxes: replicasPerNode > 0 ? Math.ceil(replicas / replicasPerNode) : 0,
        selfHostCostPerMonthUsd,
        selfHostTokensPerMonth,
        spillTokensPerMonth,
        hybridCostPerMonthUsd,
        savingsPerMonthUsd,
        savingsPct: savingsPerMonthUsd / allApiCostPerMonthUsd,
      };
    };
    return {
      tier,
      procTps,
      monthlyProcTokens,
      allApiCostPerMonthUsd,
      floorSized: plan(Math.floor(procTps / replicaProcTps)),
      fullySelfHosted: plan(Math.ceil(procTps / replicaProcTps)),
    };
  });
}
