// The simulator's execution-time predictor (Vidur's split: the scheduler decides what runs, this says how
// long it takes). Every step is priced by the per-operator model of physics/step.ts on that step's exact
// mix (physics mixedShape): no second cost model.
//
// Steps repeat their shape: a run of decode-only steps at one batch differs only in the sequences'
// contexts, and the prompt chunks that fill a step's token budget have the same size. For a fixed batch,
// chunk count and chunk tokens every operator's bytes and FLOP are affine in three sums: the decoding
// sequences' context, the chunks' cached prefixes and the keys the chunk tokens attend to (KV reads,
// MLA's expansion and attention products are linear in them; weights, activations and collectives do not
// depend on them). Four exact evaluations of the operators fix each operator's plane, memoised per shape.
// The matmuls' shapes stay put on a plane except MLA's prefill expansion, whose rows (the cached latents)
// grow with the prefix: its fills (kernelEfficiency.gemmFill, not linear) are recomputed per step from its
// affine rows. A step then costs a few multiply-adds per operator and the time.ts terms in the same order.
// The step's fixed costs (launches, small experts, routing) do not depend on the sums; drafting scales the
// layer time, and the engine's exposed host time follows the GPU time (step.ts exposedHostSeconds).
// Sliding-window attention bends the planes below its window, so those models take the direct path there.
// tests/unit/serving/stepTimer.test.ts checks the planes against timeStep on random scenarios and mixes.

import type { Efficiencies } from '../physics/efficiencies.ts';
import { gemmFill } from '../physics/kernelEfficiency.ts';
import type { ServedScenario } from '../physics/servedScenario.ts';
import {
  type DecodeMix,
  exposedHostSeconds,
  mixedShape,
  type PrefillMix,
  stepOperators,
  timeStep,
} from '../physics/step.ts';
import { collectiveLatencySeconds, linkRoof, streamBytesPerSecond } from '../physics/time.ts';
import type { GemmCall, Operator } from '../physics/types.ts';

/**
 * Fields of one operator's plane, packed in a Float64Array (the hot loop reads one array, not an object
 * per operator): bytes and FLOP at the anchor and their slopes per summed context, prefix and attended key;
 * the B/s the bytes stream at (HBM at the operator's kernel class, or the link; 0 for a link the hardware
 * lacks); the fixed seconds of the memory side (a fill-and-drain per kernel, or a collective's latency);
 * the seconds and FLOP of the matmuls whose shapes the sums leave alone (each at its precision's peak ×
 * the matmul share × its fills, physics/time.ts); the rate of the FLOP outside matmuls (attention's
 * products; Infinity for a collective, which has none); and where the operator's other matmuls — those
 * whose rows grow with the sums, MLA's prefill expansion of the cached latents — start and end in the
 * plane's `gemms` array.
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
  memoryFixedSeconds: 9,
  matmulSeconds: 10,
  matmulFlops: 11,
  restFlopsPerSecond: 12,
  gemmStart: 13,
  gemmEnd: 14,
} as const;
const FIELDS = 15;

/**
 * Fields of a matmul whose rows are affine in the sums: rows at the anchor and per summed context,
 * prefix and attended key; its columns, depth, groups and calls; its FLOP/s before its fills.
 */
const G = {
  rows0: 0,
  rowsC: 1,
  rowsP: 2,
  rowsK: 3,
  cols: 4,
  depth: 5,
  groups: 6,
  calls: 7,
  rate: 8,
} as const;
const GEMM_FIELDS = 9;

/** Steps of one shape (batch, chunk count, chunk tokens) as a function of their three sums. */
export interface StepPlane {
  readonly anchorContext: number;
  readonly anchorPrefix: number;
  readonly anchorKeys: number;
  /** launches, MoE routing and the small experts' fixed cost: the layer time no operator owns */
  readonly fixedLayerSeconds: number;
  /** drafting as a share of the layer time (0 without decoding sequences or a draft) */
  readonly draftShare: number;
  /** sequences in the step, for the engine's host time */
  readonly sequences: number;
  /** FIELDS numbers per operator */
  readonly ops: Float64Array;
  /** GEMM_FIELDS numbers per matmul whose rows move with the sums */
  readonly gemms: Float64Array;
  readonly computeUnits: number | null;
  readonly efficiencies: Efficiencies;
}

export interface StepTimer {
  /** Seconds of one step: `decodeSequences` decoding at `decodeContextSum` summed context, plus prompt chunks. */
  step(decodeSequences: number, decodeContextSum: number, prefill: PrefillMix | null): number;
  /**
   * Steps shaped like this one (`steps` of them to come), memoised from the second step of a shape on
   * (a shape seen once, such as a prompt's last chunk, is cheaper priced directly); null where the planes
   * do not hold (sliding windows below their window, a matmul whose width moves with the sums) or a lone
   * step's shape is new.
   */
  plane(
    decodeSequences: number,
    decodeContextSum: number,
    prefill: PrefillMix | null,
    steps: number,
  ): StepPlane | null;
}

/** Seconds of a step on its plane: physics/time.ts and step.ts's timeStep, term by term. */
export function secondsOnPlane(plane: StepPlane, context: number, prefix: number, keys: number): number {
  let opSeconds = 0;
  const dc = context - plane.anchorContext;
  const dp = prefix - plane.anchorPrefix;
  const dk = keys - plane.anchorKeys;
  const o = plane.ops;
  const g = plane.gemms;
  for (let i = 0; i < o.length; i += FIELDS) {
    const bytes =
      (o[i] as number) + (o[i + 1] as number) * dc + (o[i + 2] as number) * dp + (o[i + 3] as number) * dk;
    const flops =
      (o[i + 4] as number) +
      (o[i + 5] as number) * dc +
      (o[i + 6] as number) * dp +
      (o[i + 7] as number) * dk;
    const memory = bytes / (o[i + F.bytesPerSecond] as number) + (o[i + F.memoryFixedSeconds] as number);
    let compute = o[i + F.matmulSeconds] as number;
    let rest = flops - (o[i + F.matmulFlops] as number);
    for (let j = o[i + F.gemmStart] as number; j < (o[i + F.gemmEnd] as number); j += GEMM_FIELDS) {
      const rows =
        (g[j] as number) + (g[j + 1] as number) * dc + (g[j + 2] as number) * dp + (g[j + 3] as number) * dk;
      const cols = g[j + G.cols] as number;
      const depth = g[j + G.depth] as number;
      const groups = g[j + G.groups] as number;
      const gemmFlops = 2 * rows * cols * depth * groups * (g[j + G.calls] as number);
      rest -= gemmFlops;
      compute +=
        gemmFlops / ((g[j + G.rate] as number) * gemmFill(rows, cols, depth, plane.computeUnits, groups));
    }
    if (rest > 0) compute += rest / (o[i + F.restFlopsPerSecond] as number);
    opSeconds += Math.max(compute, memory);
  }
  const layer = opSeconds + plane.fixedLayerSeconds;
  const gpu = layer + plane.draftShare * layer;
  return gpu + exposedHostSeconds(plane.efficiencies, plane.sequences, gpu);
}

/** Probe spacing in mean tokens: far enough apart that the slopes keep 13+ significant digits. */
const PROBE_SPAN = 4096;
/** Shapes memoised per timer (a sweep sees a few hundred). */
const MAX_PLANES = 4096;

type Probe = readonly Operator[] | null;

/** The matmul at `index` of operator `op` in a probe (undefined where the probe has none). */
function gemmOf(probe: Probe, op: number, index: number): GemmCall | undefined {
  const found = probe?.[op];
  return found && found.kind === 'compute' ? found.gemms[index] : undefined;
}

export function createStepTimer(served: ServedScenario): StepTimer {
  const { model, roofs, efficiencies } = served;
  const draft = served.draftTokens;
  const window = model.arch.slidingWindow;
  const planes = new Map<number, StepPlane | null>();
  const seen = new Set<number>();

  const decodeMix = (sequences: number, contextTokensSum: number): DecodeMix | null =>
    sequences > 0 ? { sequences, contextTokensSum, draftTokens: draft } : null;

  const build = (batch: number, chunks: number, tokens: number): StepPlane | null => {
    // anchor well inside the planes: every mean context and prefix at least a few thousand tokens
    const c0 = batch * 8192;
    const p0 = chunks * 8192;
    const k0 = tokens * (8192 + (tokens / Math.max(1, chunks) + 1) / 2);
    const prefill = (prefix: number, keys: number): PrefillMix | null =>
      chunks > 0 ? { chunks, tokens, prefixTokensSum: prefix, attendedKeysSum: keys } : null;
    const shape = mixedShape(decodeMix(batch, c0), prefill(p0, k0));
    const at = timeStep(served, shape, draft);
    const dc = batch * PROBE_SPAN;
    const dp = chunks * PROBE_SPAN;
    const dk = tokens * PROBE_SPAN;
    const opsC: Probe =
      batch > 0 ? stepOperators(model, mixedShape(decodeMix(batch, c0 + dc), prefill(p0, k0))) : null;
    const opsP: Probe =
      chunks > 0 ? stepOperators(model, mixedShape(decodeMix(batch, c0), prefill(p0 + dp, k0))) : null;
    const opsK: Probe =
      chunks > 0 ? stepOperators(model, mixedShape(decodeMix(batch, c0), prefill(p0, k0 + dk))) : null;
    for (const probe of [opsC, opsP, opsK]) if (probe !== null && probe.length !== at.ops.length) return null;
    const ops = new Float64Array(at.ops.length * FIELDS);
    const gemms: number[] = [];
    for (const [i, op] of at.ops.entries()) {
      const slope = (probe: Probe, d: number) => {
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
      ops[at0 + F.gemmStart] = gemms.length;
      ops[at0 + F.gemmEnd] = gemms.length;
      if (op.kind === 'communication') {
        const link = linkRoof(roofs, op.link);
        // a collective has no FLOP: its compute side is 0
        ops[at0 + F.restFlopsPerSecond] = Number.POSITIVE_INFINITY;
        ops[at0 + F.bytesPerSecond] = link === null ? 0 : link.bandwidthBps * efficiencies.linkBandwidthShare;
        ops[at0 + F.memoryFixedSeconds] =
          link === null ? Number.POSITIVE_INFINITY : collectiveLatencySeconds(op, link, efficiencies);
        continue;
      }
      ops[at0 + F.flops0] = op.flops;
      ops[at0 + F.flopsC] = sc.flops;
      ops[at0 + F.flopsP] = sp.flops;
      ops[at0 + F.flopsK] = sk.flops;
      ops[at0 + F.bytesPerSecond] = streamBytesPerSecond(op.stream, roofs, efficiencies);
      ops[at0 + F.memoryFixedSeconds] = op.kernels * efficiencies.kernelRampSeconds;
      ops[at0 + F.restFlopsPerSecond] = roofs.tensorPeaks[op.precision] * efficiencies.attentionPeakShare;
      const rate = roofs.tensorPeaks[op.precision] * efficiencies.gemmPeakShare;
      let matmulSeconds = 0;
      let matmulFlops = 0;
      for (const [j, gemm] of op.gemms.entries()) {
        const ends = [gemmOf(opsC, i, j), gemmOf(opsP, i, j), gemmOf(opsK, i, j)];
        const probes = [opsC, opsP, opsK];
        // a probe must see the same matmul with the same width, depth, groups and calls; only rows move
        for (const [n, end] of ends.entries()) {
          if (probes[n] === null) continue;
          if (
            end === undefined ||
            end.cols !== gemm.cols ||
            end.depth !== gemm.depth ||
            end.groups !== gemm.groups ||
            end.calls !== gemm.calls
          )
            return null;
        }
        const rowSlope = (end: GemmCall | undefined, d: number) =>
          end === undefined || d === 0 ? 0 : (end.rows - gemm.rows) / d;
        const rc = rowSlope(ends[0], dc);
        const rp = rowSlope(ends[1], dp);
        const rk = rowSlope(ends[2], dk);
        if (rc === 0 && rp === 0 && rk === 0) {
          const flops = 2 * gemm.rows * gemm.cols * gemm.depth * gemm.groups * gemm.calls;
          matmulFlops += flops;
          matmulSeconds +=
            flops / (rate * gemmFill(gemm.rows, gemm.cols, gemm.depth, roofs.computeUnits, gemm.groups));
        } else {
          gemms.push(gemm.rows, rc, rp, rk, gemm.cols, gemm.depth, gemm.groups, gemm.calls, rate);
        }
      }
      ops[at0 + F.matmulSeconds] = matmulSeconds;
      ops[at0 + F.matmulFlops] = matmulFlops;
      ops[at0 + F.gemmEnd] = gemms.length;
    }
    return {
      anchorContext: c0,
      anchorPrefix: p0,
      anchorKeys: k0,
      fixedLayerSeconds: at.launchSeconds + at.routingSeconds + at.smallExpertSeconds,
      // drafting runs only in a step with decoding sequences (physics/step.ts)
      draftShare: draft > 0 && batch > 0 ? draft / model.arch.numLayers : 0,
      sequences: shape.sequences,
      ops,
      gemms: Float64Array.from(gemms),
      computeUnits: roofs.computeUnits,
      efficiencies,
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
