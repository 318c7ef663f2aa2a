// The decode step as an exact affine function of the batch, for the sweep. At a fixed context every
// operator's bytes are a + b·B + c·u(B), where u(B) is the expected distinct routed experts the step
// touches (architecture/experts.ts), and its FLOP d + e·B: weights are read once, activations and KV scale
// with the tokens, routed-expert weights with u. Three exact evaluations of the operators (step.ts) at
// batches where u is far from linear in B fix a, b, c per operator; the sweep then costs a few multiply-adds
// per operator per batch instead of building every operator again. projectionProperties.test.ts checks it
// against the direct evaluation (decodeCurve against decodePoint at every B).

import { touchedExpertsPerGpu, uniqueExpertsTouched } from './experts.ts';
import type { ServedScenario } from './servedScenario.ts';
import { decodeShape, stepOperators } from './step.ts';
import { bandwidthShare, linkRoof } from './time.ts';
import { BOUND_BY, type BoundBy } from './types.ts';

interface LinearOp {
  readonly communication: boolean;
  /** bytes = a + b·B + c·u(B) */
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** FLOP = d + e·B */
  readonly d: number;
  readonly e: number;
  /** B/s the bytes move at (HBM × share, or link × share); FLOP/s at (peak × share) */
  readonly bytesPerSecond: number;
  readonly flopsPerSecond: number;
  /** latency of a collective (calls × hops × hop latency), constant in B */
  readonly latencySeconds: number;
}

export interface LinearDecode {
  readonly ops: readonly LinearOp[];
  /** constant per-step costs: kernel launches, MoE routing */
  readonly fixedSeconds: number;
  readonly schedulerSeconds: number;
  /** seconds per distinct routed expert touched on this GPU (small experts) */
  readonly secondsPerTouched: number;
  /** drafting: this share of the layer time again */
  readonly draftShare: number;
  /** u(B) of the step's tokens as the experts see them */
  readonly unique: (batch: number) => number;
  /** touched experts on this GPU per u (MoE layers ÷ EP placement) */
  readonly touchedPerUnique: number;
}

/** Solve [1 x y] · [a b c] = v for three points (Cramer); y = 0 everywhere reduces to a line. */
function fit3(xs: readonly number[], ys: readonly number[], vs: readonly number[]): [number, number, number] {
  const [x0 = 0, x1 = 0, x2 = 0] = xs;
  const [y0 = 0, y1 = 0, y2 = 0] = ys;
  const [v0 = 0, v1 = 0, v2 = 0] = vs;
  const det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  if (Math.abs(det) < 1e-300) {
    const b = (v1 - v0) / (x1 - x0);
    return [v0 - b * x0, b, 0];
  }
  const b = ((v1 - v0) * (y2 - y0) - (v2 - v0) * (y1 - y0)) / det;
  const c = ((x1 - x0) * (v2 - v0) - (x2 - x0) * (v1 - v0)) / det;
  return [v0 - b * x0 - c * y0, b, c];
}

const PROBES = [1, 2, 512];

export function linearDecode(scenario: ServedScenario): LinearDecode {
  const { model, roofs, efficiencies } = scenario;
  const draft = scenario.draftTokens;
  const pp = model.layout.pp;
  const unique = (batch: number) => uniqueExpertsTouched(model, (batch * (1 + draft)) / pp);
  const probeOps = PROBES.map((batch) =>
    stepOperators(model, decodeShape(batch, scenario.contextTokens, draft)),
  );
  const us = PROBES.map(unique);
  const ops: LinearOp[] = (probeOps[0] ?? []).map((op, i) => {
    const at = (k: number) => probeOps[k]?.[i] ?? op;
    const [a, b, c] = fit3(PROBES, us, [at(0).bytes, at(1).bytes, at(2).bytes]);
    const [d, e] = fit3(PROBES, [0, 0, 0], [at(0).flops, at(1).flops, at(2).flops]);
    if (op.kind === 'communication') {
      const link = linkRoof(roofs, op.link);
      return {
        communication: true,
        a,
        b,
        c,
        d: 0,
        e: 0,
        bytesPerSecond: link === null ? 0 : link.bandwidthBps * efficiencies.linkBandwidthShare,
        flopsPerSecond: 1,
        latencySeconds:
          link === null ? Number.POSITIVE_INFINITY : op.calls * op.hopsPerCall * link.hopLatencyS,
      };
    }
    return {
      communication: false,
      a,
      b,
      c,
      d,
      e,
      bytesPerSecond: roofs.bandwidthBps * bandwidthShare(op.stream, efficiencies),
      flopsPerSecond: roofs.peakFlops * efficiencies.gemmPeakShare,
      latencySeconds: 0,
    };
  });
  const kernels = (probeOps[0] ?? []).reduce((sum, op) => sum + op.kernels, 0);
  const moe = model.arch.moe;
  const moeLayers = moe === null ? 0 : model.arch.numLayers - model.arch.firstKDenseLayers;
  const u1 = us[0] ?? 0;
  const touchedAt1 = touchedExpertsPerGpu(model, (1 + draft) / pp) * pp;
  return {
    ops,
    fixedSeconds:
      kernels * efficiencies.kernelLaunchSeconds + moeLayers * efficiencies.moeRoutingSecondsPerLayer,
    schedulerSeconds: efficiencies.schedulerSecondsPerStep,
    secondsPerTouched: efficiencies.smallExpertSeconds,
    draftShare: draft / model.arch.numLayers,
    unique,
    touchedPerUnique: u1 > 0 ? touchedAt1 / u1 : 0,
  };
}

export interface LinearStep {
  seconds: number;
  hbmBytes: number;
  flops: number;
  boundBy: number;
}

/** The step at batch B, written into `out` (no allocation in the sweep's loop). */
export function linearStepAt(linear: LinearDecode, batch: number, out: LinearStep): LinearStep {
  const u = linear.unique(batch);
  let opSeconds = 0;
  let hbmBytes = 0;
  let flops = 0;
  const byBound = [0, 0, 0];
  for (const op of linear.ops) {
    const bytes = op.a + op.b * batch + op.c * u;
    if (op.communication) {
      const seconds = bytes / op.bytesPerSecond + op.latencySeconds;
      opSeconds += seconds;
      byBound[2] = (byBound[2] ?? 0) + seconds;
      continue;
    }
    const opFlops = op.d + op.e * batch;
    const memory = bytes / op.bytesPerSecond;
    const compute = opFlops / op.flopsPerSecond;
    hbmBytes += bytes;
    flops += opFlops;
    if (compute > memory) {
      opSeconds += compute;
      byBound[1] = (byBound[1] ?? 0) + compute;
    } else {
      opSeconds += memory;
      byBound[0] = (byBound[0] ?? 0) + memory;
    }
  }
  const layerSeconds =
    opSeconds + linear.fixedSeconds + u * linear.touchedPerUnique * linear.secondsPerTouched;
  out.seconds = layerSeconds * (1 + linear.draftShare) + linear.schedulerSeconds;
  out.hbmBytes = hbmBytes;
  out.flops = flops;
  const [memoryTime = 0, computeTime = 0, commTime = 0] = byBound;
  const bound: BoundBy =
    computeTime >= memoryTime && computeTime >= commTime
      ? 'compute'
      : commTime > memoryTime
        ? 'communication'
        : 'memory';
  out.boundBy = BOUND_BY.indexOf(bound);
  return out;
}
