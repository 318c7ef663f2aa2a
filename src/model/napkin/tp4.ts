// §5.11 TP4 c=8 economics (F49–F54).
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { type FigureMap, put } from './sink.ts';

export interface Tp4Values {
  replicaCostPerMonth: number;
  tokensPerReplicaMonth: number;
  costPerMProc: number;
  replicasPerNode: number;
}

/** F52: whole replicas of `gpusPerReplica` GPUs that fit on one node. */
export function replicasPerNode(gpusPerNode: number, gpusPerReplica: number): number {
  return Math.floor(gpusPerNode / gpusPerReplica);
}

export function tp4Chain(inputs: ScenarioInputs, tp8ProcTps: number, out: FigureMap): Tp4Values {
  const { gpusPerReplica, procTpsMeasured: procTps, perStreamTps } = inputs.tp4;
  const { gpuHourUsd, hoursPerMonth, apiPricePerMTokUsd: apiPrice } = inputs.pricing;
  const { gpusPerNode } = inputs.hardware;
  const m = (
    label: string,
    unit: string,
    formula: string,
    basis: 'theoretical' | 'empirical' = 'empirical',
  ) => ({ label, unit, formula, section: '5.11', basis }) as const;
  const replicaCostPerMonth = put(
    out,
    'tp4.replica_cost_month',
    m('TP4 replica cost per month', 'USD/month', 'F49', 'theoretical'),
    gpusPerReplica * gpuHourUsd * hoursPerMonth,
    {
      gpusPerReplica,
      gpuHourUsd,
      hoursPerMonth,
    },
  );
  put(
    out,
    'tp4.per_stream',
    { ...m('TP4 per-stream decode (measured)', 'tok/s', 'input'), basis: 'input' },
    perStreamTps,
  );
  put(
    out,
    'tp4.proc_tps',
    { ...m('TP4 processed tok/s per replica (measured)', 'tok/s', 'input'), basis: 'input' },
    procTps,
  );
  const tokensPerReplicaMonth = put(
    out,
    'tp4.tokens_per_replica_month',
    m('Processed tokens per TP4 replica-month', 'tokens', 'F50'),
    procTps * 3600 * hoursPerMonth,
    {
      procTps,
      hoursPerMonth,
    },
  );
  const costPerMProc = put(
    out,
    'tp4.cost_per_m',
    m('TP4 cost per M processed tokens', 'USD/Mtok', 'F51'),
    replicaCostPerMonth / (tokensPerReplicaMonth / 1e6),
    {
      replicaCostPerMonth,
      tokensPerMonth: tokensPerReplicaMonth,
    },
  );
  const replicas = put(
    out,
    'tp4.replicas_per_node',
    m('TP4 replicas per node', 'replicas', 'F52', 'theoretical'),
    replicasPerNode(gpusPerNode, gpusPerReplica),
    {
      gpusPerNode,
      gpusPerReplica,
    },
  );
  const nodeProcTps = put(
    out,
    'tp4.node_proc_tps',
    m('TP4 processed tok/s per node', 'tok/s', 'F52'),
    replicas * procTps,
    { replicasPerNode: replicas, procTps },
  );
  const tp8NodeProcTps = tp8ProcTps * replicasPerNode(gpusPerNode, inputs.tp8.gpusPerReplica);
  put(
    out,
    'tp4.uplift_ratio',
    { ...m('TP4 node throughput over TP8', '×', 'F53'), note: 'the blog says "~63% more"' },
    nodeProcTps / tp8NodeProcTps,
    {
      tp4NodeProcTps: nodeProcTps,
      tp8ProcTps: tp8NodeProcTps,
    },
  );
  put(
    out,
    'tp4.discount_vs_api',
    m('TP4 discount against the API price', '', 'F54'),
    1 - costPerMProc / apiPrice,
    { tp4CostPerM: costPerMProc, apiPrice },
  );
  return { replicaCostPerMonth, tokensPerReplicaMonth, costPerMProc, replicasPerNode: replicas };
}
