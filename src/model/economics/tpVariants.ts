// Tensor-parallel variants of one node (§5.8, §5.11): how many replicas fit, what a replica costs, its
// memory and KV budget, and $/M processed tokens where a throughput is known. The blog measures only
// TP8 (via Little's law, F42) and TP4 (26,600 tok/s, I-18); other degrees carry no throughput.
import { maxUsersAt } from '../chain/kvCache.ts';
import { replicasPerNode } from '../chain/tp4.ts';
import type { ScenarioInputs } from '../inputs.ts';

export interface TpVariant {
  tensorParallel: number;
  replicasPerNode: number;
  replicaCostPerHourUsd: number;
  replicaCostPerMonthUsd: number;
  replicaVramBytes: number;
  /** VRAM − weights − this replica's share of the node's activations (I-28: scaled by GPU count) */
  replicaKvBudgetBytes: number;
  fits: boolean;
  maxUsersAtContext: number;
  /** processed tok/s per replica where the blog gives one; null otherwise */
  procTps: number | null;
  procTpsSource: 'little.proc_tps (F42)' | 'tp4.procTpsMeasured' | null;
  costPerMProcUsd: number | null;
  nodeProcTps: number | null;
}

export function tpVariants(
  inputs: ScenarioInputs,
  weightBytes: number,
  kvBytesPerToken: number,
  tp8ProcTps: number,
): TpVariant[] {
  const { gpusPerNode, gpuMemBytes } = inputs.hardware;
  const degrees = new Set<number>([
    inputs.scenario.tensorParallel,
    inputs.tp4.gpusPerReplica,
    inputs.tp8.gpusPerReplica,
  ]);
  for (let tp = 1; tp <= gpusPerNode; tp *= 2) degrees.add(tp);
  return [...degrees]
    .filter((tp) => tp >= 1 && tp <= gpusPerNode)
    .sort((a, b) => a - b)
    .map((tp) => {
      const replicas = replicasPerNode(gpusPerNode, tp);
      const replicaCostPerHourUsd = tp * inputs.pricing.gpuHourUsd;
      const replicaVramBytes = tp * gpuMemBytes;
      const replicaKvBudgetBytes =
        replicaVramBytes - weightBytes - (inputs.empirical.activationsBytes * tp) / gpusPerNode;
      const known =
        tp === inputs.tp8.gpusPerReplica
          ? { procTps: tp8ProcTps, procTpsSource: 'little.proc_tps (F42)' as const }
          : tp === inputs.tp4.gpusPerReplica
            ? { procTps: inputs.tp4.procTpsMeasured, procTpsSource: 'tp4.procTpsMeasured' as const }
            : { procTps: null, procTpsSource: null };
      return {
        tensorParallel: tp,
        replicasPerNode: replicas,
        replicaCostPerHourUsd,
        replicaCostPerMonthUsd: replicaCostPerHourUsd * inputs.pricing.hoursPerMonth,
        replicaVramBytes,
        replicaKvBudgetBytes,
        fits: replicaKvBudgetBytes > 0,
        maxUsersAtContext: maxUsersAt(replicaKvBudgetBytes, kvBytesPerToken, inputs.scenario.kvContextTokens),
        ...known,
        costPerMProcUsd:
          known.procTps === null ? null : replicaCostPerHourUsd / ((known.procTps * 3600) / 1e6),
        nodeProcTps: known.procTps === null ? null : known.procTps * replicas,
      };
    });
}
