// Prefill and time to first token from the per-operator model. A prompt is prefilled in chunks of the
// engine's max_num_batched_tokens (chunked prefill): each chunk re-reads the weights and attends to the
// cached prefix and the chunks before it. A new request's chunks ride along the decode steps of the other
// streams (mixed batches), so its TTFT is its prefill plus one decode step of the B − 1 others per chunk.

import { decodePoint } from './decodeCurve.ts';
import type { ServedScenario } from './servedScenario.ts';
import { prefillShape, type StepBreakdown, timeStep } from './step.ts';
import { bandwidthShare, linkRoof } from './time.ts';

export interface PrefillResult {
  readonly promptTokens: number;
  readonly cachedTokens: number;
  readonly chunks: number;
  readonly seconds: number;
  /** prompt tokens per second of one replica */
  readonly tps: number;
  /** FLOP per GPU ÷ (time × dense peak) */
  readonly mfu: number;
  /** the first chunk's operators (the one the stacked chart shows) */
  readonly firstChunk: StepBreakdown;
}

/** Above this many full chunks, their sum is taken from the chunk's exact affine form in its prefix. */
const DIRECT_CHUNKS = 4;

/**
 * Seconds and FLOP of `count` full chunks of `size` tokens starting at prefixes x0, x0 + size, …: every
 * operator's bytes and FLOP are affine in the prefix (attention reads it and attends to it), so two exact
 * evaluations give each operator's line and the sum runs per chunk without rebuilding the operators.
 */
function fullChunks(scenario: ServedScenario, size: number, x0: number, count: number) {
  const first = timeStep(scenario, prefillShape(size, x0));
  const span = (count - 1) * size;
  const last = timeStep(scenario, prefillShape(size, x0 + span));
  const { roofs, efficiencies } = scenario;
  let seconds = count * (first.seconds - first.opSeconds);
  let flops = 0;
  first.ops.forEach((op, i) => {
    const end = last.ops[i] ?? op;
    const bytesSlope = (end.bytes - op.bytes) / span;
    const flopsSlope = (end.flops - op.flops) / span;
    if (op.kind === 'communication') {
      const link = linkRoof(roofs, op.link);
      if (link === null) {
        seconds = Number.POSITIVE_INFINITY;
        return;
      }
      const meanBytes = op.bytes + (bytesSlope * span) / 2;
      seconds +=
        (count * meanBytes) / (link.bandwidthBps * efficiencies.linkBandwidthShare) +
        count * op.calls * op.hopsPerCall * link.hopLatencyS;
      return;
    }
    const bytesPerSecond = roofs.bandwidthBps * bandwidthShare(op.stream, efficiencies);
    const flopsPerSecond = roofs.peakFlops * efficiencies.gemmPeakShare;
    for (let c = 0; c < count; c++) {
      const x = c * size;
      const chunkFlops = op.flops + flopsSlope * x;
      flops += chunkFlops;
      seconds += Math.max((op.bytes + bytesSlope * x) / bytesPerSecond, chunkFlops / flopsPerSecond);
    }
  });
  return { first, seconds, flops };
}

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
  let flops = 0;
  let firstChunk: StepBreakdown | null = null;
  if (full > DIRECT_CHUNKS) {
    const sum = fullChunks(scenario, chunkSize, cachedTokens, full);
    firstChunk = sum.first;
    seconds = sum.seconds;
    flops = sum.flops;
  } else {
    for (let c = 0; c < full; c++) {
      const step = timeStep(scenario, prefillShape(chunkSize, cachedTokens + c * chunkSize));
      firstChunk ??= step;
      seconds += step.seconds;
      flops += step.flops;
    }
  }
  if (rest > 0 || full === 0) {
    const step = timeStep(scenario, prefillShape(rest, cachedTokens + full * chunkSize));
    firstChunk ??= step;
    seconds += step.seconds;
    flops += step.flops;
  }
  return {
    promptTokens: freshTokens,
    cachedTokens,
    chunks,
    seconds,
    tps: freshTokens / seconds,
    mfu: flops / seconds / scenario.roofs.peakFlops,
    firstChunk: firstChunk as StepBreakdown,
  };
}

/** TTFT of a request joining `batch − 1` decoding streams: its prefill plus their step per chunk. */
export function timeToFirstToken(scenario: ServedScenario, prefill: PrefillResult, batch: number): number {
  const others = batch - 1;
  const decodeStep = others >= 1 ? decodePoint(scenario, others).step.seconds : 0;
  return prefill.seconds + prefill.chunks * decodeStep;
}
