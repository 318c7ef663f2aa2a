// The serving engine's memory settings, as vLLM sets them by default (vllm/engine/arg_utils.py,
// EngineArgs.get_batch_defaults, and the --gpu-memory-utilization default of 0.9): an OpenAI-compatible
// server on a GPU with at least 70 GiB that is not an A100 batches up to 8,192 tokens and 1,024 sequences
// per step; other GPUs 2,048 tokens and 256 sequences.
import type { EngineMemory } from '../physics/memory.ts';

export const GPU_MEMORY_UTILIZATION = 0.9;
const LARGE_GPU_BYTES = 70 * 1024 ** 3;

export function engineMemoryDefaults(memoryBytes: number, gpuId: string): EngineMemory {
  const large = memoryBytes >= LARGE_GPU_BYTES && !gpuId.startsWith('a100');
  return {
    utilization: GPU_MEMORY_UTILIZATION,
    maxBatchedTokens: large ? 8192 : 2048,
    maxSequences: large ? 1024 : 256,
  };
}
