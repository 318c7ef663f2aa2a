// Serving engines as named profiles: each one's memory settings (what share of the GPU it takes, the
// tokens and sequences one step may carry, how it admits sequences to the KV cache) and its costs per step
// (physics/efficiencies.ts EngineCosts: the gap per kernel, the routing per MoE layer, the fixed cost per
// expert problem, the host's time per step and per sequence and how much of it overlaps the GPU, its
// small-message all-reduce). The costs are fitted to that engine's published measurements by
// validation/calibration.ts on the rows marked `fit` (the others are held out), rounded to two
// significant figures; the all-reduce latencies and overlap are published figures, not fitted.
//
// The blog's own load test (Kimi K2.6 FP4 on 8×B200 with vLLM, "How to Save Millions by Self-Hosting
// LLMs", Arafat Khan, 2026-06-09) keeps its own calibration as `vllm-blog`: vLLM's costs, with its
// attention over the 80K-token MLA cache streaming at the share the load test implies (the blog's own
// ~11 % MBU): its step grows linearly with the streams (18.5, 37 and 71 ms at 8, 16 and 32), which only a
// per-stream cost does.
import type { EngineCosts } from '../physics/efficiencies.ts';
import type { EngineMemory } from '../physics/memory.ts';
import { clipForMessage } from '../text/plainText.ts';

/** How an engine admits sequences to the KV cache, which sets how many run at once at a given length. */
export type KvAdmission =
  /** pages on demand and preempts when full (vLLM, SGLang): the running set holds the mean length */
  | 'onDemand'
  /** reserves each request's final length before admitting it (TensorRT-LLM GUARANTEED_NO_EVICT) */
  | 'reserveMax';

export interface EngineCostEntry {
  readonly value: number;
  readonly source: string;
}

export interface EngineProfile {
  readonly id: string;
  readonly displayName: string;
  /** CUDA graphs (or the engine's equivalent) replay a step's kernels without host launches */
  readonly cudaGraphs: boolean;
  readonly kvAdmission: KvAdmission;
  /** the engine's defaults for a GPU of `memoryBytes` (id `gpuId`) */
  readonly memory: (memoryBytes: number, gpuId: string) => EngineMemory;
  readonly costs: Readonly<Record<keyof EngineCosts, EngineCostEntry>>;
  readonly sources: readonly string[];
}

const LARGE_GPU_BYTES = 70 * 1024 ** 3;

/**
 * vLLM's memory defaults (vllm/engine/arg_utils.py, EngineArgs.get_batch_defaults, and the
 * --gpu-memory-utilization default of 0.9): an OpenAI-compatible server on a GPU with at least 70 GiB
 * that is not an A100 batches up to 8,192 tokens and 1,024 sequences per step; other GPUs 2,048 tokens and
 * 256 sequences.
 */
export const GPU_MEMORY_UTILIZATION = 0.9;

function vllmMemory(memoryBytes: number, gpuId: string): EngineMemory {
  const large = memoryBytes >= LARGE_GPU_BYTES && !gpuId.startsWith('a100');
  return {
    utilization: GPU_MEMORY_UTILIZATION,
    maxBatchedTokens: large ? 8192 : 2048,
    maxSequences: large ? 1024 : 256,
  };
}

/** vLLM's defaults for a GPU (the explorer's and the CLI's engine memory unless an engine says otherwise). */
export function engineMemoryDefaults(memoryBytes: number, gpuId: string): EngineMemory {
  return vllmMemory(memoryBytes, gpuId);
}

/** The source of every cost validation/calibration.ts fits (the others are published figures). */
export const FITTED_SOURCE =
  'fitted by validation/calibration.ts to this engine’s published rows marked fit (docs/validation.md)';
const FITTED = FITTED_SOURCE;
const PUBLISHED_ATTENTION =
  'the published decode-attention kernels’ share (physics/efficiencies.ts: FlashMLA, the vLLM FP8-KV blog’s slopes)';
const NO_CAP =
  'no limit: vLLM, SGLang and TensorRT-LLM decode GEMVs stream near the HBM roof (vLLM’s Llama 3.1 8B step at one request implies ≥ 2.5 TB/s on H100, the FP8-KV blog 2026-04-22)';

/** vLLM's custom all-reduce, measured beside SGLang's kernel in sgl-project/sglang PR #2904 (H100, no graph). */
const VLLM_ALL_REDUCE =
  'sgl-project/sglang PR #2904 (H100, 512 B): vLLM’s custom all-reduce 9.5 / 9.1 / 10.1 µs at TP 2 / 4 / 8 — a fixed ~9.2 µs per call and ~0.1 µs per peer';
/** The TensorRT-LLM-derived one-shot all-reduce SGLang and TensorRT-LLM run. */
const TRT_ALL_REDUCE =
  'sgl-project/sglang PR #2904 (H100, 512 B): the TensorRT-LLM-derived all-reduce kernel 3.7 / 4.8 / 5.9 µs at TP 2 / 4 / 8 — 3.3 µs per call and 0.37 µs per peer';

const cost = (value: number, source: string): EngineCostEntry => ({ value, source });

/** What SGLang and TensorRT-LLM share: the TensorRT-LLM all-reduce kernel, streaming and attention kernels. */
const TRT_KERNELS = {
  allReduceCallSeconds: cost(3.3e-6, TRT_ALL_REDUCE),
  allReducePeerSeconds: cost(3.7e-7, TRT_ALL_REDUCE),
  streamBytesPerSecondPerUnit: cost(0, NO_CAP),
  attentionKernelScale: cost(1, PUBLISHED_ATTENTION),
} as const;

const overlapped = (source: string) => cost(1, source);

const VLLM_OVERLAP =
  'vLLM V1 overlaps the scheduler with the GPU (async scheduling; vLLM PR #23569 “full CPU/GPU overlap”, 2025): the host hides behind the step';

/**
 * vLLM V1's host time: the FP8-KV blog's single-request ITL intercepts (2026-04-22) exceed Llama 3.1 8B's
 * weight stream by 1.65 ms (H100) and 1.92 ms (B200); less the kernels' own costs that is 1.1–1.7 ms of
 * host work per step. With async scheduling it hides behind the GPU, so the rows cannot pin it: kept at
 * the middle of that range, and at ≤ 0.02 ms per running sequence (vLLM RFC #6913 measured output
 * processing at 0.1 ms per request per step in the V0 engine; V1 moved it off the critical path).
 */
const VLLM_HOST =
  'derived from the vLLM FP8-KV blog’s ITL intercepts (2026-04-22): 1.1–1.7 ms of host work per step; hidden behind the GPU (async scheduling), so not identified by the fit';
const VLLM_HOST_PER_SEQUENCE =
  'vLLM RFC #6913 (2024-07): output processing 0.1 ms per request per step in V0; V1 moves it off the critical path (≤ 0.02 ms exposed, not identified by the fit)';

const vllmCosts = {
  kernelLaunchSeconds: cost(1.1e-6, FITTED),
  moeRoutingSecondsPerLayer: cost(3.8e-5, FITTED),
  smallExpertSeconds: cost(1.5e-7, FITTED),
  schedulerSecondsPerStep: cost(1.5e-3, VLLM_HOST),
  schedulerSecondsPerSequence: cost(2e-5, VLLM_HOST_PER_SEQUENCE),
  hostOverlap: overlapped(VLLM_OVERLAP),
  allReduceCallSeconds: cost(9.2e-6, VLLM_ALL_REDUCE),
  allReducePeerSeconds: cost(1e-7, VLLM_ALL_REDUCE),
  streamBytesPerSecondPerUnit: cost(0, NO_CAP),
  attentionKernelScale: cost(1, PUBLISHED_ATTENTION),
} as const;

/** llama.cpp's defaults: the whole context reserved per sequence, micro-batches of 512 tokens (--ubatch-size). */
const llamacppMemory = (): EngineMemory => ({ utilization: 0.95, maxBatchedTokens: 512, maxSequences: 1 });

const llamacppCosts = {
  kernelLaunchSeconds: cost(4.7e-6, FITTED),
  moeRoutingSecondsPerLayer: cost(0, 'no MoE rows published for llama.cpp here'),
  smallExpertSeconds: cost(0, 'no MoE rows published for llama.cpp here'),
  schedulerSecondsPerStep: cost(5.3e-4, FITTED),
  schedulerSecondsPerSequence: cost(0, 'one sequence (llama-bench)'),
  hostOverlap: cost(0, 'llama.cpp builds and launches the next graph after the step ends: nothing overlaps'),
  allReduceCallSeconds: cost(0, 'no tensor parallelism: layers are split over GPUs (--split-mode layer)'),
  allReducePeerSeconds: cost(0, 'no tensor parallelism'),
  streamBytesPerSecondPerUnit: cost(
    9.5e9,
    `${FITTED_SOURCE}: llama.cpp’s 2024 decode kernels stream 0.62–1.02 TB/s on A100 and H100 PCIe (30–51 % of HBM, the XiongjieDai sweep) but 81 % of an RTX 4090’s GDDR6X — few loads in flight per SM`,
  ),
  attentionKernelScale: cost(1, PUBLISHED_ATTENTION),
} as const;

/** What CUDA graphs save per kernel launched (llama.cpp PR #6766 and issue #6763, see the profile). */
const GRAPHS_SAVE_PER_KERNEL_S = 2.2e-6;

/** The blog ran vLLM: its profile takes vLLM's costs and fits only its own expert cost to the load test. */
const asVllm = Object.fromEntries(
  Object.entries(vllmCosts).map(([key, entry]) => [
    key,
    cost(entry.value, `as the vllm profile (${entry.source})`),
  ]),
) as Record<keyof typeof vllmCosts, EngineCostEntry>;

export const ENGINE_PROFILES = [
  {
    id: 'vllm',
    displayName: 'vLLM (V1, CUDA graphs)',
    cudaGraphs: true,
    kvAdmission: 'onDemand',
    memory: vllmMemory,
    costs: vllmCosts,
    sources: [
      'vLLM blog, “vLLM V1: A Major Upgrade to vLLM’s Core Architecture” (2025-01-27)',
      'vllm/engine/arg_utils.py: gpu_memory_utilization 0.9, max_num_batched_tokens 8,192 / max_num_seqs 1,024 on ≥ 70 GiB GPUs',
    ],
  },
  {
    id: 'vllm-blog',
    displayName: 'vLLM as the blog’s load test ran it (Kimi K2.6, 8×B200)',
    cudaGraphs: true,
    kvAdmission: 'onDemand',
    memory: vllmMemory,
    costs: {
      ...asVllm,
      attentionKernelScale: cost(
        0.23,
        `${FITTED_SOURCE}: the blog’s load test (Kimi K2.6 FP4, 8×B200, ~80K context: 36.8 ms per pass at 16 streams, ~14 tok/s per stream at 32) grows by ~2.2 ms per stream, its KV read at ~0.2 of the published MLA kernel’s share — the blog’s “~11 % MBU on vLLM + Kimi K2.6 + 8× B200 + 80K context”`,
      ),
    },
    sources: [
      'How to Save Millions by Self-Hosting LLMs (Arafat Khan, blog post, 2026-06-09): the load test',
    ],
  },
  {
    id: 'sglang',
    displayName: 'SGLang (overlap scheduler, CUDA graphs)',
    cudaGraphs: true,
    kvAdmission: 'onDemand',
    memory: (memoryBytes: number) => ({
      utilization: 0.88,
      maxBatchedTokens: memoryBytes >= LARGE_GPU_BYTES ? 8192 : 2048,
      maxSequences: 1024,
    }),
    costs: {
      kernelLaunchSeconds: cost(2.5e-6, FITTED),
      moeRoutingSecondsPerLayer: cost(0, FITTED),
      smallExpertSeconds: cost(1.2e-6, FITTED),
      schedulerSecondsPerStep: cost(
        1e-3,
        'engine-overheads estimate (~1–2 ms of host work per step, as vLLM’s); hidden by the overlap scheduler, so not identified by the fit',
      ),
      schedulerSecondsPerSequence: cost(0, FITTED),
      hostOverlap: overlapped(
        'LMSYS blog “SGLang v0.4: Zero-Overhead Batch Scheduler” (2024-12-04): the scheduler runs one batch ahead, hidden behind the GPU',
      ),
      ...TRT_KERNELS,
    },
    sources: [
      'LMSYS blog “SGLang v0.4” (2024-12-04)',
      'sglang server_args: chunked_prefill_size 8,192 and mem_fraction_static ≈ 0.88 on 80 GB-class GPUs',
    ],
  },
  {
    id: 'trtllm',
    displayName: 'TensorRT-LLM (PyTorch backend, CUDA graphs)',
    cudaGraphs: true,
    kvAdmission: 'reserveMax',
    memory: () => ({ utilization: 0.95, maxBatchedTokens: 8192, maxSequences: 2048 }),
    costs: {
      kernelLaunchSeconds: cost(3.3e-6, FITTED),
      moeRoutingSecondsPerLayer: cost(0, FITTED),
      smallExpertSeconds: cost(0, FITTED),
      schedulerSecondsPerStep: cost(
        1.5e-3,
        'engine-overheads estimate: ~1–2 ms of host work per step (GPUStack’s same-harness TPOT at concurrency 4 is within 7 % of vLLM’s and SGLang’s); hidden by the overlap scheduler, not fitted',
      ),
      schedulerSecondsPerSequence: cost(3.4e-5, FITTED),
      hostOverlap: overlapped(
        'TensorRT-LLM PyTorch backend: the overlap scheduler (default on) prepares step n + 1 while the GPU runs step n',
      ),
      ...TRT_KERNELS,
    },
    sources: [
      'TensorRT-LLM performance overview (perf-overview.md): trtllm-bench with kv_cache_free_gpu_mem_fraction 0.95, CUDA graphs with padding',
      'TensorRT-LLM LLM API: max_num_tokens 8,192, max_batch_size 2,048; capacity scheduler GUARANTEED_NO_EVICT',
    ],
  },
  {
    id: 'llamacpp',
    displayName: 'llama.cpp (CUDA, CUDA graphs on)',
    cudaGraphs: true,
    kvAdmission: 'reserveMax',
    memory: llamacppMemory,
    costs: llamacppCosts,
    sources: [
      'llama.cpp PR #6766 “CUDA graphs” (2024-04): graphs on by default for batch-1 decode on CUDA',
      'llama.cpp common arguments: --ubatch-size 512',
    ],
  },
  {
    id: 'llamacpp-no-graphs',
    displayName: 'llama.cpp (CUDA, CUDA graphs off)',
    cudaGraphs: false,
    kvAdmission: 'reserveMax',
    memory: llamacppMemory,
    costs: {
      ...(Object.fromEntries(
        Object.entries(llamacppCosts).map(([key, entry]) => [
          key,
          cost(entry.value, `as the llamacpp profile (${entry.source})`),
        ]),
      ) as Record<keyof typeof llamacppCosts, EngineCostEntry>),
      kernelLaunchSeconds: cost(
        llamacppCosts.kernelLaunchSeconds.value + GRAPHS_SAVE_PER_KERNEL_S,
        'the llamacpp profile’s gap per kernel plus what CUDA graphs save: llama.cpp PR #6766 (RTX 4090, Llama 2 7B Q4_0: 138.31 → 146.81 tok/s, 0.42 ms per token) and issue #6763 (H100 PCIe, Q4_K_M: 143.35 → 163.83 tok/s, 0.87 ms), over the ~292 kernels of a Llama 2 7B token: 1.4–3.0 µs per kernel, 2.2 µs taken',
      ),
    },
    sources: ['llama.cpp PR #6766 “CUDA graphs” and issue #6763: the same builds with graphs off'],
  },
] as const satisfies readonly EngineProfile[];

export type EngineId = (typeof ENGINE_PROFILES)[number]['id'];
export const engineIds: readonly EngineId[] = ENGINE_PROFILES.map((engine) => engine.id);
/** The engine a scenario gets when none is named; the blog-faithful model keeps the blog's own. */
export const DEFAULT_ENGINE: EngineId = 'vllm';
export const BLOG_ENGINE: EngineId = 'vllm-blog';

export function isEngineId(id: string): id is EngineId {
  return (engineIds as readonly string[]).includes(id);
}

export function unknownEngineMessage(id: string): string {
  return `unknown engine '${clipForMessage(id)}': allowed are ${engineIds.join(', ')}`;
}

export function engineProfile(id: string): EngineProfile {
  const profile = ENGINE_PROFILES.find((engine) => engine.id === id);
  if (profile === undefined) throw new Error(unknownEngineMessage(id));
  return profile;
}

/** An engine profile's costs as plain numbers. */
export function engineCosts(profile: EngineProfile): EngineCosts {
  return Object.fromEntries(
    Object.entries(profile.costs).map(([key, entry]) => [key, entry.value]),
  ) as unknown as EngineCosts;
}
