// The decode step as a function of the batch B, for the sweep, without rebuilding the operators at every
// B. At a fixed context every operator's bytes are a + b·B + c·u(B), where u(B) is the expected distinct
// routed experts the step touches (architecture/experts.ts); its matmuls keep their columns and depth and
// change only their rows (B tokens; for the routed experts, the tokens each touched expert sees) and, for
// the grouped expert GEMM, the number of problems (the touched experts on this GPU); the FLOP outside
// matmuls (attention over the cache) are d + e·B. Three exact evaluations of the operators (step.ts) at
// batches where u is far from linear in B fix a, b, c, d, e per operator; the shapes' fills
// (kernelEfficiency.ts) are evaluated at each B exactly as time.ts does. projectionProperties.test.ts
// checks it against the direct evaluation (decodeCurve against decodePoint at every B).

import type { Efficiencies } from './efficiencies.ts';
import { routedShapeAt, touchedExpertsPerGpu, uniqueExpertsTouched } from './experts.ts';
import { depthFill, expertExposure, ROW_TILES, tileFill, waveFill } from './kernelEfficiency.ts';
import type { ServedScenario } from './servedScenario.ts';
import { decodeShape, exposedHostSeconds, stepOperators } from './step.ts';
import { collectiveLatencySeconds, linkRoof, streamBytesPerSecond } from './time.ts';
import { BOUND_BY, type BoundBy, type ComputeOp } from './types.ts';

/** One matmul shape of an operator: its rows scale with B, or follow the routed experts. */
interface LinearGemm {
  readonly cols: number;
  readonly depth: number;
  readonly calls: number;
  /** rows per unit of B (a plain GEMM: rows = rowsPerBatch · B) */
  readonly rowsPerBatch: number;
  /** the routed experts' grouped GEMM: rows and groups from routedShapeAt */
  readonly routed: boolean;
  readonly depthFill: number;
  /** wave fill by row tile and row-tile count (a plain GEMM's depends on B only through them) */
  readonly waveFills: number[][];
}

interface LinearOp {
  readonly communication: boolean;
  /** bytes = a + b·B + c·u(B) */
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** FLOP outside matmuls = d + e·B */
  readonly d: number;
  readonly e: number;
  readonly gemms: readonly LinearGemm[];
  /** B/s the bytes move at (HBM × share, or link × share) */
  readonly bytesPerSecond: number;
  /** FLOP/s of the matmuls before fills, and of the FLOP outside matmuls */
  readonly matmulRate: number;
  readonly restRate: number;
  /** constant seconds: the kernels' fill-and-drain, or a collective's latency */
  readonly fixedSeconds: number;
  /** the dense peak of the operator's tensor path (MFU's denominator) */
  readonly tensorPeak: number;
}

export interface LinearDecode {
  readonly ops: readonly LinearOp[];
  /** constant per-step costs: kernel launches, MoE routing */
  readonly fixedSeconds: number;
  /** seconds per expert problem a step's grouped GEMMs run on this GPU */
  readonly secondsPerProblem: number;
  /** drafting: this share of the layer time again */
  readonly draftShare: number;
  /** u(B) of the step's tokens as the experts see them */
  readonly unique: (batch: number) => number;
  /** expert problems on this GPU per step per u (MoE layers ÷ EP placement) */
  readonly problemsPerUnique: number;
  /** the scenario (for the routed experts' shape at B) */
  readonly scenario: ServedScenario;
  readonly efficiencies: Efficiencies;
  readonly computeUnits: number | null;
  /** tokens per sequence per microbatch: B · (1 + draft) / pp */
  readonly tokensPerBatch: number;
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

function matmulFlops(op: ComputeOp): number {
  let flops = 0;
  for (const g of op.gemms) flops += 2 * g.rows * g.cols * g.depth * g.groups * g.calls;
  return flops;
}

export function linearDecode(scenario: ServedScenario): LinearDecode {
  const { model, roofs, efficiencies } = scenario;
  const draft = scenario.draftTokens;
  const pp = model.layout.pp;
  const tokensPerBatch = (1 + draft) / pp;
  const unique = (batch: number) => uniqueExpertsTouched(model, batch * tokensPerBatch);
  const probeOps = PROBES.map((batch) =>
    stepOperators(model, decodeShape(batch, scenario.contextTokens, draft)),
  );
  const us = PROBES.map(unique);
  const ops: LinearOp[] = (probeOps[0] ?? []).map((op, i) => {
    const at = (k: number) => probeOps[k]?.[i] ?? op;
    const [a, b, c] = fit3(PROBES, us, [at(0).bytes, at(1).bytes, at(2).bytes]);
    if (op.kind === 'communication') {
      const link = linkRoof(roofs, op.link);
      return {
        communication: true,
        a,
        b,
        c,
        d: 0,
        e: 0,
        gemms: [],
        bytesPerSecond: link === null ? 0 : link.bandwidthBps * efficiencies.linkBandwidthShare,
        matmulRate: 1,
        restRate: 1,
        fixedSeconds:
          link === null ? Number.POSITIVE_INFINITY : collectiveLatencySeconds(op, link, efficiencies),
        tensorPeak: 1,
      };
    }
    const rest = [0, 1, 2].map((k) => {
      const probe = at(k);
      return probe.kind === 'compute' ? probe.flops - matmulFlops(probe) : 0;
    });
    const [d, e] = fit3(PROBES, [0, 0, 0], rest);
    const routed = op.name === 'experts.routed';
    return {
      communication: false,
      a,
      b,
      c,
      d,
      e,
      gemms: op.gemms.map((g) => ({
        cols: g.cols,
        depth: g.depth,
        calls: g.calls,
        rowsPerBatch: g.rows,
        routed,
        depthFill: depthFill(g.depth),
        waveFills: ROW_TILES.map(() => []),
      })),
      bytesPerSecond: streamBytesPerSecond(op.stream, roofs, efficiencies),
      matmulRate: roofs.tensorPeaks[op.precision] * efficiencies.gemmPeakShare,
      restRate: roofs.tensorPeaks[op.precision] * efficiencies.attentionPeakShare,
      fixedSeconds: op.kernels * efficiencies.kernelRampSeconds,
      tensorPeak: roofs.tensorPeaks[op.precision],
    };
  });
  const kernels = (probeOps[0] ?? []).reduce((sum, op) => sum + op.kernels, 0);
  const moe = model.arch.moe;
  const moeLayers = moe === null ? 0 : model.arch.numLayers - model.arch.firstKDenseLayers;
  const u1 = us[0] ?? 0;
  const problemsAt1 = touchedExpertsPerGpu(model, tokensPerBatch) * pp;
  return {
    ops,
    fixedSeconds:
      kernels * efficiencies.kernelLaunchSeconds + moeLayers * efficiencies.moeRoutingSecondsPerLayer,
    secondsPerProblem: efficiencies.smallExpertSeconds,
    draftShare: draft / model.arch.numLayers,
    unique,
    problemsPerUnique: u1 > 0 ? problemsAt1 / u1 : 0,
    scenario,
    efficiencies,
    computeUnits: roofs.computeUnits,
    tokensPerBatch,
  };
}

// The sweep's inner loop calls these per operator and batch: held in module constants so a loader that
// turns imports into property reads (tsx's CommonJS transform) does not read them through a getter each time.
const TILES: readonly number[] = ROW_TILES;
const waveFillOf = waveFill;
const tileFillOf = tileFill;
const exposureOf = expertExposure;

/** gemmFill's value, with a plain GEMM's wave fills looked up by row tile and row-tile count. */
function fillAt(g: LinearGemm, rows: number, groups: number, units: number | null): number {
  if (rows <= 0 || g.cols <= 0 || g.depth <= 0) return 1;
  if (g.routed) return tileFillOf(rows, g.cols, units, groups) * g.depthFill;
  let best = 0;
  for (let t = 0; t < TILES.length; t++) {
    const tm = TILES[t] ?? 128;
    const tiles = Math.ceil(rows / tm);
    const cache = g.waveFills[t] as number[];
    let wave = cache[tiles];
    if (wave === undefined) {
      wave = waveFillOf(tiles, g.cols, units);
      cache[tiles] = wave;
    }
    const fill = (rows / (tiles * tm)) * wave;
    if (fill > best) best = fill;
  }
  return best * g.depthFill;
}

export interface LinearStep {
  seconds: number;
  hbmBytes: number;
  flops: number;
  tensorSeconds: number;
  boundBy: number;
}

/** The step at batch B, written into `out` (no allocation in the sweep's loop). */
export function linearStepAt(linear: LinearDecode, batch: number, out: LinearStep): LinearStep {
  const u = linear.unique(batch);
  const routedShape = routedShapeAt(linear.scenario.model, batch * linear.tokensPerBatch, u);
  let opSeconds = 0;
  let hbmBytes = 0;
  let flops = 0;
  let tensorSeconds = 0;
  const byBound = [0, 0, 0];
  for (const op of linear.ops) {
    const bytes = op.a + op.b * batch + op.c * u;
    if (op.communication) {
      const seconds = bytes / op.bytesPerSecond + op.fixedSeconds;
      opSeconds += seconds;
      byBound[2] = (byBound[2] ?? 0) + seconds;
      continue;
    }
    const memory = bytes / op.bytesPerSecond + op.fixedSeconds;
    const rest = op.d + op.e * batch;
    let opFlops = Math.max(rest, 0);
    // An upper bound on the compute time first, from a lower bound on each shape's fill (16 × 64 tiles:
    // rows/(rows + 16) × cols/(cols + 64) × a wave of at least rows·cols·groups/1024 tiles, fractional
    // rows and groups included): when even it stays under the memory time, the operator is memory-bound
    // and the exact fills are not needed.
    let bound = rest > 0 ? rest / op.restRate : 0;
    const units = linear.computeUnits;
    for (const g of op.gemms) {
      const rows = g.routed ? routedShape.rows : g.rowsPerBatch * batch;
      const groups = g.routed ? routedShape.groups : 1;
      const gemmFlops = 2 * rows * g.cols * g.depth * groups * g.calls;
      opFlops += gemmFlops;
      if (rows <= 0) continue;
      const tiles = (rows * g.cols * groups) / 1024;
      const wave = units === null || units <= 0 ? 1 : tiles / (tiles + units);
      const fill = (rows / (rows + 16)) * (g.cols / (g.cols + 64)) * wave * g.depthFill;
      bound += gemmFlops / (op.matmulRate * fill);
    }
    let compute = bound;
    if (bound > memory) {
      compute = rest > 0 ? rest / op.restRate : 0;
      for (const g of op.gemms) {
        const rows = g.routed ? routedShape.rows : g.rowsPerBatch * batch;
        const groups = g.routed ? routedShape.groups : 1;
        const gemmFlops = 2 * rows * g.cols * g.depth * groups * g.calls;
        compute += gemmFlops / (op.matmulRate * fillAt(g, rows, groups, units));
      }
    }
    hbmBytes += bytes;
    flops += opFlops;
    tensorSeconds += opFlops / op.tensorPeak;
    if (compute > memory) {
      opSeconds += compute;
      byBound[1] = (byBound[1] ?? 0) + compute;
    } else {
      opSeconds += memory;
      byBound[0] = (byBound[0] ?? 0) + memory;
    }
  }
  const problems = u * linear.problemsPerUnique * exposureOf(routedShape.rows);
  const layerSeconds = opSeconds + linear.fixedSeconds + problems * linear.secondsPerProblem;
  const gpuSeconds = layerSeconds * (1 + linear.draftShare);
  out.seconds = gpuSeconds + exposedHostSeconds(linear.efficiencies, batch, gpuSeconds);
  out.hbmBytes = hbmBytes;
  out.flops = flops;
  out.tensorSeconds = tensorSeconds;
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
