// The physical range of every bounded number in ridgeline, in one table: what a measurement document may
// hold (src/measure/bounds.ts binds its fields to these) and what a scenario input may take
// (scenario/inputBounds.ts binds its dotted paths to these; the CLI flags and the explorer's link take the
// input's range, scenario/flagBounds.ts). A value outside its range is refused where it enters, naming the
// field and the range, so nothing past the edge sees a rate of 1e-320 B/s or a KV cache of 1e308 B per
// token, and every figure stays finite.
//
// The ranges are wide on purpose: they bracket every real system by orders of magnitude (the presets, the
// blog's numbers and the runner's own output sit well inside) and exist to keep the arithmetic finite and
// the result meaningful, not to second-guess a user's hardware. Where a bound comes from a physical fact,
// the comment says which. SI units throughout (GB = 1e9 B).

export interface PhysicalRange {
  readonly min: number;
  readonly max: number;
  /** the SI unit of min and max ('' for a ratio or a count) */
  readonly unit: string;
  /** whole numbers only */
  readonly integer?: boolean;
  /** the range as people read it, where a message quotes it: "1 kB/s–1 PB/s" */
  readonly text?: string;
}

/** A range quoted in messages: it carries its text. */
type QuotedRange = PhysicalRange & { readonly text: string };

const range = (min: number, max: number, unit = ''): PhysicalRange => ({ min, max, unit });
const quoted = (min: number, max: number, unit: string, text: string): QuotedRange => ({
  min,
  max,
  unit,
  text,
});
const whole = (min: number, max: number, unit: string, text: string): QuotedRange => ({
  min,
  max,
  unit,
  integer: true,
  text,
});

export const RANGES = {
  // ── Rates and sizes shared by documents and scenarios ─────────────────────────────────────────────
  /** One GPU's memory bandwidth: a phone GPU moves tens of GB/s, a B200 8 TB/s. */
  bandwidth: quoted(1e3, 1e15, 'B/s', '1 kB/s–1 PB/s'),
  /** One GPU's arithmetic rate: a CPU adapter does GFLOP/s, a B200 10 PFLOP/s dense FP4. */
  flopRate: quoted(1e3, 1e20, 'FLOP/s', '1 kFLOP/s–100 EFLOP/s'),
  /** A working set or a last-level cache, or what one pass reads: no GPU memory or cache reaches 1 PB. */
  bytes: quoted(0, 1e15, 'B', '0–1 PB'),

  // ── Measurement documents ─────────────────────────────────────────────────────────────────────────
  /** FLOP per byte of a kernel: a stream moves bytes with a handful of FLOP, a GEMM thousands per byte. */
  arithmeticIntensity: quoted(1e-9, 1e12, 'FLOP/B', '1e-9–1e12 FLOP/byte'),
  /** One dispatch or one timed pass: the runner keeps a dispatch under 50 ms; an hour bounds any pass. */
  dispatchSeconds: quoted(1e-12, 3600, 's', '1 ps–1 h'),
  /** A whole run and its budget: up to a day. */
  runSeconds: quoted(0, 86_400, 's', '0 s–1 day'),
  /** Bytes and FLOP of one dispatch. */
  bytesPerDispatch: quoted(0, 1e14, 'B', '0–100 TB'),
  flopsPerDispatch: quoted(0, 1e18, 'FLOP', '0–1e18 FLOP'),
  dispatchesPerSample: whole(0, 1e9, '', '0–1e9 dispatches'),
  /** Coefficient of variation: 0 for identical samples; 10 (1,000 %) is already noise only. */
  cv: quoted(0, 10, '', '0–10 (1,000 %)'),
  timerTickSeconds: quoted(1e-12, 1, 's', '1 ps–1 s'),
  /** A kernel's shape (rows, columns, batch, elements, workgroups): whole numbers below 2^53. */
  shapeValue: whole(0, Number.MAX_SAFE_INTEGER, '', '0–2^53'),
  /** A device limit (WebGPU GPUSupportedLimits: whole numbers; maxBufferSize may be near 2^64). */
  limitValue: whole(0, 2 ** 64, '', '0–2^64'),

  // ── A model's configuration ───────────────────────────────────────────────────────────────────────
  /** Parameter counts: 1M to 100T (the largest published models are ~2T). */
  params: range(1e6, 1e14),
  /** Hidden and intermediate widths, latent and rope dimensions. */
  modelWidth: range(1, 1_048_576),
  /** Attention heads and layers. */
  heads: range(1, 4096),
  layers: range(1, 4096),
  /** Layers that may be none (MoE layers of a dense model). */
  optionalLayers: range(0, 4096),
  optionalWidth: range(0, 1_048_576),
  /** Latent and rope dimensions of MLA (0 for other attention). */
  latentWidth: range(0, 65_536),
  routedExperts: range(0, 65_536),
  sharedExperts: range(0, 1024),
  expertsPerToken: range(0, 1024),
  /** Vocabulary size: the largest published are 262,144 tokens (Gemma 3); 2^24 leaves room. */
  vocabulary: range(1, 16_777_216),
  /** RMSNorm vectors of hidden size per layer: 2 in most families, 4 in Gemma 2/3; 16 bounds any variant. */
  normsPerLayer: range(0, 16),
  /** Matrices per expert FFN: 2 (up, down) or 3 (gate, up, down); 8 bounds any variant. */
  expertMatrices: range(0, 8),
  /** A model's context window, tokens. */
  contextWindow: range(1, 1e8),
  /** Bytes per value or per parameter: 1/16 (half a bit) to 8 (FP64). */
  bytesPerValue: range(0.0625, 8, 'B'),
  /** 2 FLOP per parameter per token is one multiply-add; 100 bounds any counting convention. */
  flopsPerParamPerToken: range(0.1, 100),
  /** Bytes of one model's weights or of what one pass reads: up to 1 PB. */
  modelBytes: range(1e3, 1e15, 'B'),
  /** Bytes of one routed expert in one layer. */
  expertBytes: range(1, 1e13, 'B'),
  /** KV bytes per token over all layers: a 405B dense MHA model is ~0.5 MB; 1 GB leaves room. */
  kvBytesPerToken: range(1, 1e9, 'B'),
  /** FLOP per prefilled token: 2 × active params plus attention; 1e17 bounds a 100T model at 10M context. */
  prefillFlopsPerToken: range(1, 1e17, 'FLOP'),

  // ── Hardware ──────────────────────────────────────────────────────────────────────────────────────
  /** 100 MB to 10 TB per GPU (a B300 has 288 GB). */
  gpuMemory: range(1e8, 1e13, 'B'),
  /** GPUs in one scale-up domain: 1 to 1,024 (the largest announced NVLink domain is 576 GPUs, NVL576). */
  gpuCount: range(1, 1024),
  /** A node's effective bandwidth: up to 1,024 GPUs at 1 PB/s. */
  nodeBandwidth: range(1e3, 1e18, 'B/s'),
  /** A link's bandwidth per GPU (NVLink 5 is 900 GB/s each way); 0 = no such link. */
  linkBandwidth: range(0, 1e13, 'B/s'),
  /** A node's activation reserve: a few GPUs' memory, up to 10 PB. */
  activationBytes: range(0, 1e16, 'B'),
  /** One hop's latency on a link; 0 = no such link. */
  hopLatency: range(0, 1e-3, 's'),

  // ── Serving, traffic and time ─────────────────────────────────────────────────────────────────────
  /** A share of a roof or of traffic: 1e-6 keeps 1 / share finite and meaningful; 1 is the whole. */
  fraction: range(1e-6, 1),
  /** Tokens per second of a stream or a replica: 1 per 1,000 s to 1e9. */
  streamTps: range(1e-3, 1e9, 'tok/s'),
  /** Tokens per second of a whole fleet or a traffic tier. */
  fleetTps: range(1e-3, 1e13, 'tok/s'),
  /** Token counts of one request or prompt: up to 1e8 (longest published windows are 1e7). */
  requestTokens: range(0, 1e8),
  /** A request's average output or a demo prompt, tokens: above 0, up to 1e8. */
  averageTokens: range(1e-3, 1e8),
  /** Context per stream, tokens: the longest published windows are 10M tokens (Llama 4 Scout). */
  contextTokens: range(1, 1e7),
  /** Concurrent requests or users. */
  concurrency: range(1, 1e6),
  /** Concurrent requests of a traffic tier, which may average below one. */
  tierConcurrency: range(1e-6, 1e9),
  /** Requests per second of a traffic tier. */
  qps: range(1e-6, 1e9, 'req/s'),
  /** A time per pass or per request: 1 ns to a day. */
  requestSeconds: range(1e-9, 86_400, 's'),
  /** A fixed overhead per pass: up to an hour. */
  overheadSeconds: range(0, 3600, 's'),
  /** FLOP per byte a decode step is stated to do. */
  statedIntensity: range(1e-6, 1e9, 'FLOP/B'),
  /** Tokens a month (an override of the traffic's). */
  monthlyTokens: range(1, 1e18),
  /** The explorer's batch knob goes to 4,096 streams; serving engines cap a decode batch far below. */
  batch: range(1, 4096),
  /** The per-stream rate an SLA asks for. */
  slaTps: range(1e-3, 1e6, 'tok/s'),

  // ── Calendar and prices ───────────────────────────────────────────────────────────────────────────
  /** A day has 24 hours, a month at most 744 (31 × 24), a year at most 8,784 (366 × 24). */
  hoursPerDay: range(1e-3, 24, 'h'),
  hoursPerMonth: range(1e-3, 744, 'h'),
  hoursPerYear: range(1e-3, 8784, 'h'),
  /** Dollars per GPU-hour: a tenth of a cent to $1,000 (B200 list rent is ~$6). */
  gpuHourUsd: range(1e-3, 1000, 'USD'),
  /** API price, dollars per million tokens: 0.01 cent to $10,000. */
  apiPriceUsd: range(1e-4, 10_000, 'USD'),
  /** An engineer's yearly cost, dollars. */
  salaryUsd: range(1, 1e9, 'USD'),

  // ── ridgeline's per-operator model ────────────────────────────────────────────────────────────────
  /** Tensor parallel stays within one NVLink domain (72 GPUs, GB200 NVL72). */
  tensorParallel: range(1, 72),
  pipelineParallel: range(1, 64),
  expertParallel: range(1, 1024),
  dataParallel: range(1, 4096),
  /** A tuned kernel's share of a roof (bandwidth, peak, a link's line rate). */
  kernelShare: range(0.01, 1),
  /** Fixed time per kernel launched, and per routed expert a step touches. */
  perKernelSeconds: range(0, 1e-3, 's'),
  /** MoE routing per MoE layer beyond its kernels. */
  perLayerSeconds: range(0, 1e-2, 's'),
  /** The engine's CPU time per step. */
  perStepSeconds: range(0, 1, 's'),
  /** The share of the engine's host time that hides behind the GPU's step (0: none, 1: all it can). */
  overlapShare: range(0, 1),
  /** What one streaming multiprocessor of a GPU streams (0: no limit); a whole B200 moves 8e12 B/s. */
  perUnitBandwidth: range(0, 1e12, 'B/s'),
  /** An engine's share of GPU memory (vLLM's gpu_memory_utilization): below 5 % nothing useful fits. */
  memoryUtilization: range(0.05, 1),
  /** Tokens an engine batches in one step. */
  batchedTokens: range(1, 1_048_576),
  /** Sequences an engine schedules at once. */
  sequences: range(1, 65_536),
  /** Speculative decoding: draft tokens a step and the tokens it accepts (at most drafts + 1). */
  draftTokens: range(0, 16),
  acceptedTokensPerStep: range(1, 17),

  // ── The load simulator (src/model/serving) ──────────────────────────────────────────────────────
  /** σ of a lognormal token count: 3 puts one σ at a factor of 20, wider than any published workload. */
  tokenSpread: range(0, 3),
  /** Output tokens of a request: at least one (a request that emits nothing has no TTFT or throughput). */
  outputTokens: range(1, 1e7),
  /** Streams of a closed loop: a simulated replica holds them all as requests, so thousands, not millions. */
  loadStreams: range(1, 4096),
  /** Requests simulated: the work grows with them, and 100,000 already takes minutes. */
  loadRequests: range(1, 100_000),
  warmupTurns: range(0, 100),
  /** A 32-bit seed. */
  seed: range(0, 4_294_967_295),
  /** Tokens per KV block: vLLM's sizes run 1–256 (FlashMLA uses 64). */
  kvBlockTokens: range(1, 1024),
} as const satisfies Readonly<Record<string, PhysicalRange>>;

export type RangeName = keyof typeof RANGES;

/** The bounds of a range, all a check needs. */
export interface Bound {
  readonly min: number;
  readonly max: number;
}

export function withinBound(value: number, bound: Bound): boolean {
  return Number.isFinite(value) && value >= bound.min && value <= bound.max;
}
