// Which tensor-parallel degrees a model can be split into on a node. TP shards every attention layer by
// heads, so each GPU must hold whole heads, and a node holds whole replicas. vLLM's QKVParallelLinear
// states the rule (vllm/model_executor/layers/linear.py): the query heads divide by TP; the KV heads
// divide by TP when there are at least TP of them, and are replicated otherwise, which needs TP to be a
// multiple of them. MLA (DeepSeek-V3, Kimi K2) has one shared latent per token, replicated on every GPU:
// only its query heads split.
import type { AttentionSpec } from './types.ts';

/** Why `tp` cannot split this model on this node, one reason each ("must divide …"); empty when it can. */
export function tensorParallelProblems(
  tp: number,
  gpusPerNode: number,
  attention: AttentionSpec,
  modelName: string,
): string[] {
  const problems: string[] = [];
  // tp > gpusPerNode has its own message where the choice is checked
  if (tp <= gpusPerNode && gpusPerNode % tp !== 0) {
    problems.push(`must divide the GPUs per node (${gpusPerNode}): a node holds whole replicas`);
  }
  if (attention.numHeads % tp !== 0) {
    problems.push(
      `must divide ${modelName}'s ${attention.numHeads} attention heads (each GPU holds whole heads)`,
    );
  }
  if (attention.kind !== 'mla') {
    const kv = attention.numKvHeads;
    const fits = kv >= tp ? kv % tp === 0 : tp % kv === 0;
    if (!fits) {
      problems.push(
        `must divide ${modelName}'s ${kv} KV heads or be a multiple of them (replicated KV heads)`,
      );
    }
  }
  return problems;
}
