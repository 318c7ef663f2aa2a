// Prefill and time to first token from the per-operator model. A prompt is prefilled in chunks of the
// engine's max_num_batched_tokens (chunked prefill): each chunk re-reads the weights and attends to the
// cached prefix and the chunks before it. A new request's chunks ride along the decode steps of the other
// streams (mixed batches), so its TTFT is its prefill plus one decode step of the B − 1 others per chunk.

import { decodePoint } from './decodeCurve.ts';
import type { ServedScenario } from './servedScenario.ts';
import { exposedHostSeconds, prefillShape, type StepBreakdown, timeStep } from './step.ts';
import { time } from './time.ts';
import type { Operator } from './types.ts';

export interface PrefillResult {
  readonly promptTokens: number;
  readonly cachedTokens: number;
  readonly chunks: number;
  readonly seconds: number;
  /** prompt tokens per second of one replica */
  readonly tps: number;
  /** FLOP per GPU at each operator's tensor-path peak ÷ time */
  readonly mfu: number;
  /** the first chunk's operators (the one the stacked chart shows) */
  readonly firstChunk: StepBreakdown;
}

/** Above this many full chunks, their sum is taken from the chunk's exact affine form in its prefix. */
const DIRECT_CHUNKS = 4;

/** An operator of the chunk at prefix x0 + x, from the chunks at x0 and x0 + span (affine in the prefix). */
function interpolated(op: Operator, end: Operator, x: number, span: number): Operator {
  const t = x / span;
  const bytes = op.bytes + (end.bytes - op.bytes) * t;
  if (op.kind === 'communication') return { ...op, bytes };
  const last = end.kind === 'compute' ? end : op;
  return {
    ...op,
    bytes,
    flops: op.flops + (end.flops - op.flops) * t,
    gemms: op.gemms.map((g, i) => {
      const rows = last.gemms[i]?.rows ?? g.rows;
      return { ...g, rows: g.rows + (rows - g.rows) * t };
    }),
  };
}

/**
 * Seconds and FLOP of `count` full chunks of `size` tokens starting at prefixes x0, x0 + size, …: every
 * operator's bytes, FLOP and matmul rows are affine in the prefix (attention reads it and attends to it,
 * MLA expands it), so two exact evaluations give each operator's line and each chunk is timed from it
 * without rebuilding the operators.
 */
function fullChunks(scenario: ServedScenario, size: number, x0: number, count: number) {
  const first = timeStep(scenario, prefillShape(size, x0));
  const span = (count - 1) * size;
  const last = timeStep(scenario, prefillShape(size, x0 + span));
  const { roofs, efficiencies } = scenario;
  const fixed = first.launchSeconds + first.routingSeconds + first.smallExpertSeconds;
  // up to TIMED_CHUNKS chunks each is timed; past that (a tiny token budget against a long prompt: a
  // million chunks would freeze the page) chunks are timed at TIMED_CHUNKS evenly spaced prefixes, each
  // standing for its share of them. A chunk's time grows with its prefix (attention reads and attends to
  // it), so the sum is off by about (last − first chunk) × count ÷ TIMED_CHUNKS at most.
  const timedChunks = Math.min(count, TIMED_CHUNKS);
  const weight = count / timedChunks;
  let seconds = 0;
  let tensorSeconds = 0;
  for (let k = 0; k < timedChunks; k++) {
    const c = timedChunks === count ? k : Math.round((k * (count - 1)) / (timedChunks - 1));
    const x = c * size;
    let chunk = fixed;
    let chunkTensor = 0;
    first.ops.forEach((op, i) => {
      const at = c === 0 ? op : interpolated(op, last.ops[i] ?? op, x, span);
      chunk += time(at, roofs, efficiencies).seconds;
      if (at.kind === 'compute') chunkTensor += at.flops / roofs.tensorPeaks[at.precision];
    });
    seconds += weight * (chunk + exposedHostSeconds(efficiencies, 1, chunk));
    tensorSeconds += weight * chunkTensor;
  }
  return { first, seconds, tensorSeconds };
}

/** Chunks of one prefill timed one by one (see fullChunks). */
const TIMED_CHUNKS = 4096;

export function prefillPass(
  scenario: ServedScenario,
  freshTokens: number,
  cachedTokens: number,
): PrefillResult {
  const chunkSize = scenario.memory.maxBatchedTokens;
  const full = Math.floor(freshTokens / chunkSize);
  const rest = freshTokens - full * chunkSize;
  const chunks = Math.max(1, full + (rest > 0 ? 1 : 0));
  let seconds = 0;
  let tensorSeconds = 0;
  let firstChunk: StepBreakdown | null = null;
  if (full > DIRECT_CHUNKS) {
    const sum = fullChunks(scenario, chunkSize, cachedTokens, full);
    firstChunk = sum.first;
    seconds = sum.seconds;
    tensorSeconds = sum.tensorSeconds;
  } else {
    for (let c = 0; c < full; c++) {
      const step = timeStep(scenario, prefillShape(chunkSize, cachedTokens + c * chunkSize));
      firstChunk ??= step;
      seconds += step.seconds;
      tensorSeconds += step.tensorSeconds;
    }
  }
  if (rest > 0 || full === 0) {
    const step = timeStep(scenario, prefillShape(rest, cachedTokens + full * chunkSize));
    firstChunk ??= step;
    seconds += step.seconds;
    tensorSeconds += step.tensorSeconds;
  }
  return {
    promptTokens: freshTokens,
    cachedTokens,
    chunks,
    seconds,
    tps: freshTokens / seconds,
    mfu: tensorSeconds / seconds,
    firstChunk: firstChunk as StepBreakdown,
  };
}

/** TTFT of a request joining `batch − 1` decoding streams: its prefill plus their step per chunk. */
export function timeToFirstToken(scenario: ServedScenario, prefill: PrefillResult, batch: number): number {
  const others = batch - 1;
  const decodeStep = others >= 1 ? decodePoint(scenario, others).step.seconds : 0;
  return prefill.seconds + prefill.chunks * decodeStep;
}
