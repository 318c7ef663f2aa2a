// The simulator's execution-time predictor (Vidur's split: the scheduler decides what runs, this says how
// long it takes). Every step is priced by the per-operator model of physics/step.ts on that step's exact
// mix (physics mixedShape): no second cost model.
//
// Steps repeat their shape: a run of decode-only steps at one batch differs only in the sequences'
// contexts, and the prompt chunks that fill a step's token budget have the same size. For a fixed batch,
// chunk count and chunk tokens every operator's bytes and FLOP are affine in three sums: the decoding
// sequences' context, the chunks' cached prefixes and the keys the chunk tokens attend to (KV reads,
// MLA's expansion and attention products are linear in them; weights, activations and collectives do not
// depend on them). Four exact evaluations of the operators fix each operator's plane, memoised per shape;
// a step then costs a few multiply-adds per operator. The step's fixed costs (launches, small experts,
// routing, scheduler) do not depend on the sums; drafting scales the layer time. Sliding-window attention
// bends the planes below its window, so those models take the direct path there.
// tests/unit/serving/stepTimer.test.ts checks the planes against timeStep on random scenarios and mixes.

import type { ServedScenario } from '../physics/servedScenario.ts';
import { type DecodeMix, mixedShape, type PrefillMix, stepOperators, timeStep } from '../physics/step.ts';
import { bandwidthShare, linkRoof } from '../physics/time.ts';

/**
 * Fields of one operator's plane, packed in a Float64Array (the hot loop reads one array, not an object
 * per operator): bytes and FLOP at the anchor, their slopes per summed context, prefix and attended key,
 * the B/s the bytes move at (HBM or link, times the share; 0 for a link the hardware lacks), the FLOP/s
 * (Infinity for a collective) and a collective's hop latencies per step.
 */
const F = {
  bytes0: 0,
  bytesC: 1,
  bytesP: 2,
  bytesK: 3,
  flops0: 4,
  flopsC: 5,
  flopsP: 6,
  flopsK: 7,
  bytesPerSecond: 8,
  flopsPerSecond: 9,
  latency: 10,
} as const;
const FIELDS = 11;

/** Steps of one shape (batch, chunk count, chunk tokens) as a function of their three sums. */
export interface StepPlane {
  readonly anchorContext: number;
  readonly anchorPrefix: number;
  readonly anchorKeys: number;
  readonly anchorSeconds: number;
  readonly anchorOpSeconds: number;
  /** 1 + the drafting share of the layer time */
  readonly layerScale: number;
  /** FIELDS numbers per operator */
  readonly ops: Float64Array;
}

export interface StepTimer {
  /** Seconds of one step: `decodeSequences` decoding at `decodeContextSum` summed context, plus prompt chunks. */
  step(decodeSequences: number, decodeContextSum: number, prefill: PrefillMix | null): number;
  /**
   * Steps shaped like this one (`steps` of them to come), memoised from the second step of a shape on
   * (a shape seen once, such as a prompt's last chunk, is cheaper priced directly); null where the planes
   * do not hold (sliding windows below their window) or a lone step's shape is new.
   */
  plane(
    decodeSequences: number,
    decodeContextSum: number,
    prefill: PrefillMix | null,
    steps: number,
  ): StepPlane | null;
}

/** Seconds of a step on its plane. */
export function secondsOnPlane(plane: StepPlane, context: number, prefix: number, keys: number): number {
  let opSeconds = 0;
  const dc = context - plane.anchorContext;
  const dp = prefix - plane.anchorPrefix;
  const dk = keys - plane.anchorKeys;
  const o = plane.ops;
  for (let i = 0; i < o.length; i += FIELDS) {
    const bytes =
      (o[i] as number) + (o[i + 1] as number) * dc + (o[i + 2] as number) * dp + (o[i + 3] as number) * dk;
    const flops =
      (o[i + 4] as number) +
      (o[i + 5] as number) * dc +
      (o[i + 6] as number) * dp +
      (o[i + 7] as number) * dk;
    const memory = bytes / (o[i + 8] as number) + (o[i + 10] as number);
    const compute = flops / (o[i + 9] as number);
    opSeconds += Math.max(compute, memory);
  }
  return plane.anchorSeconds + plane.layerScale * (opSeconds - plane.anchorOpSeconds);
}

/** Probe spacing in mean tokens: far enough apart that the slopes keep 13+ significant digits. */
const PROBE_SPAN = 4096;
/** Shapes memoised per timer (a sweep sees a few hundred). */
const MAX_PLANES = 4096;

export function createStepTimer(served: ServedScenario): StepTimer {
  const { model, roofs, efficiencies } = served;
  const draft = served.draftTokens;
  const window = model.arch.slidingWindow;
  const planes = new Map<number, StepPlane>();
  const seen = new Set<number>();

  const decodeMix = (sequences: number, contextTokensSum: number): DecodeMix | null =>
    sequences > 0 ? { sequences, contextTokensSum, draftTokens: draft } : null;

  const build = (batch: number, chunks: number, tokens: number): StepPlane => {
    // anchor well inside the planes: every mean context and prefix at least a few thousand tokens
    const c0 = batch * 8192;
    const p0 = chunks * 8192;
    const k0 = tokens * (8192 + (tokens / Math.max(1, chunks) + 1) / 2);
    const prefill = (prefix: number, keys: number): PrefillMix | null =>
      chunks > 0 ? { chunks, tokens, prefixTokensSum: prefix, attendedKeysSum: keys } : null;
    const at = timeStep(served, mixedShape(decodeMix(batch, c0), prefill(p0, k0)), draft);
    const dc = batch * PROBE_SPAN;
    const dp = chunks * PROBE_SPAN;
    const dk = tokens * PROBE_SPAN;
    const opsC =
      batch > 0 ? stepOperators(model, mixedShape(decodeMix(batch, c0 + dc), prefill(p0, k0))) : null;
    const opsP =
      chunks > 0 ? stepOperators(model, mixedShape(decodeMix(batch, c0), prefill(p0 + dp, k0))) : null;
    const opsK =
      chunks > 0 ? stepOperators(model, mixedShape(decodeMix(batch, c0), prefill(p0, k0 + dk))) : null;
    const ops = new Float64Array(at.ops.length * FIELDS);
    at.ops.forEach((op, i) => {
      const slope = (probe: readonly { bytes: number; flops: number }[] | null, d: number) => {
        const end = probe?.[i];
        return end === undefined || d === 0
          ? { bytes: 0, flops: 0 }
          : { bytes: (end.bytes - op.bytes) / d, flops: (end.flops - op.flops) / d };
      };
      const sc = slope(opsC, dc);
      const sp = slope(opsP, dp);
      const sk = slope(opsK, dk);
      const at0 = i * FIELDS;
      ops[at0 + F.bytes0] = op.bytes;
      ops[at0 + F.bytesC] = sc.bytes;
      ops[at0 + F.bytesP] = sp.bytes;
      ops[at0 + F.bytesK] = sk.bytes;
      if (op.kind === 'communication') {
        const link = linkRoof(roofs, op.link);
        // a collective has no FLOP: its compute term is 0 / Infinity = 0
        ops[at0 + F.flopsPerSecond] = Number.POSITIVE_INFINITY;
        ops[at0 + F.bytesPerSecond] = link === null ? 0 : link.bandwidthBps * efficiencies.linkBandwidthShare;
        ops[at0 + F.latency] =
          link === null ? Number.POSITIVE_INFINITY : op.calls * op.hopsPerCall * link.hopLatencyS;
        return;
      }
      ops[at0 + F.flops0] = op.flops;
      ops[at0 + F.flopsC] = sc.flops;
      ops[at0 + F.flopsP] = sp.flops;
      ops[at0 + F.flopsK] = sk.flops;
      ops[at0 + F.bytesPerSecond] = roofs.bandwidthBps * bandwidthShare(op.stream, efficiencies);
      ops[at0 + F.flopsPerSecond] = roofs.peakFlops * efficiencies.gemmPeakShare;
    });
    return {
      anchorContext: c0,
      anchorPrefix: p0,
      anchorKeys: k0,
      anchorSeconds: at.seconds,
      anchorOpSeconds: at.opSeconds,
      // drafting runs only in a step with decoding sequences (physics/step.ts)
      layerScale: draft > 0 && batch > 0 ? 1 + draft / model.arch.numLayers : 1,
      ops,
    };
  };

  return {
    step(decodeSequences, decodeContextSum, prefill) {
      return timeStep(served, mixedShape(decodeMix(decodeSequences, decodeContextSum), prefill), draft)
        .seconds;
    },
    plane(decodeSequences, decodeContextSum, prefill, steps) {
      if (window !== null) {
        // below the window the sums do not act linearly: every mean must be past it
        const w = window.tokens;
        if (decodeSequences > 0 && decodeContextSum < decodeSequences * w) return null;
        if (prefill !== null && prefill.prefixTokensSum < prefill.chunks * w) return null;
      }
      const chunks = prefill?.chunks ?? 0;
      const tokens = prefill?.tokens ?? 0;
      // one exact number, no string per step: batch and chunks below 2^16 each, tokens below 2^21 (53
      // bits); a larger shape (an engine of 65,536 sequences) is priced directly
      if (decodeSequences >= 65_536 || chunks >= 65_536 || tokens >= 2_097_152) return null;
      const key = (decodeSequences * 65_536 + chunks) * 2_097_152 + tokens;
      let found = planes.get(key);
      if (found === undefined) {
        if (steps < 2 && !seen.has(key)) {
          if (seen.size >= MAX_PLANES) seen.clear();
          seen.add(key);
          return null;
        }
        if (planes.size >= MAX_PLANES) planes.clear();
        found = build(decodeSequences, chunks, tokens);
        planes.set(key, found);
      }
      return found;
    },
  };
}
