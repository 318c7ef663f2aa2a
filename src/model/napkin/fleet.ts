// §6 fleet sizing and the traffic table (F55–F58, F67).
import type { ScenarioInputs, TrafficTierKey } from '../scenario/inputs.ts';
import { type FigureMap, put } from './sink.ts';
import type { Tp4Values } from './tp4.ts';

export interface FleetValues {
  replicas: number;
  boxes: number;
  selfHostCostPerMonth: number;
  selfHostTokensPerMonth: number;
  /** fleet throughput over the tier it was sized against (I-21) */
  utilizationOfSizingTier: number;
}

export function tierProcTps(inputs: ScenarioInputs, tier: TrafficTierKey): number {
  return inputs.traffic[tier].procTps;
}

export function fleetChain(inputs: ScenarioInputs, tp4: Tp4Values, out: FigureMap): FleetValues {
  const m = (label: string, unit: string, formula: string) =>
    ({ label, unit, formula, section: '6', basis: 'empirical' }) as const;
  for (const key of ['p50', 'p90', 'p99'] as const) {
    const { procTps, qps } = inputs.traffic[key];
    put(
      out,
      `traffic.${key}.tokens_per_request`,
      m(`Tokens per request at ${key.toUpperCase()}`, 'tokens', 'F67'),
      procTps / qps,
      { procTps, qps },
    );
  }
  put(
    out,
    'traffic.trough',
    { ...m('Trough processed tok/s (estimate)', 'tok/s', 'input'), basis: 'input' },
    inputs.traffic.trough.procTps,
  );
  const sizingProcTps = tierProcTps(inputs, inputs.scenario.fleetSizingTier);
  const replicaProcTps = inputs.tp4.procTpsMeasured;
  const replicas = put(
    out,
    'fleet.replicas',
    m('Floor-sized fleet: TP4 replicas', 'replicas', 'F55'),
    Math.floor(sizingProcTps / replicaProcTps),
    {
      troughProcTps: sizingProcTps,
      replicaProcTps,
    },
  );
  const boxes = put(
    out,
    'fleet.boxes',
    m('Physical nodes', 'nodes', 'F56'),
    tp4.replicasPerNode > 0 ? Math.ceil(replicas / tp4.replicasPerNode) : 0,
    { N: replicas, replicasPerNode: tp4.replicasPerNode },
  );
  const selfHostCostPerMonth = put(
    out,
    'fleet.selfhost_cost',
    m('Self-hosted fleet cost per month', 'USD/month', 'F57'),
    replicas * tp4.replicaCostPerMonth,
    {
      N: replicas,
      replicaCostPerMonth: tp4.replicaCostPerMonth,
    },
  );
  const selfHostTokensPerMonth = put(
    out,
    'fleet.selfhost_tokens',
    m('Tokens the fleet serves per month', 'tokens', 'F58'),
    replicas * tp4.tokensPerReplicaMonth,
    {
      N: replicas,
      tokensPerReplicaMonth: tp4.tokensPerReplicaMonth,
    },
  );
  return {
    replicas,
    boxes,
    selfHostCostPerMonth,
    selfHostTokensPerMonth,
    utilizationOfSizingTier: (replicas * replicaProcTps) / sizingProcTps,
  };
}
