// The per-operator model's arithmetic, checked against hand-computed values.
import { describe, expect, it } from 'vitest';
import { expertParams, moeLayerCount } from '../../../src/model/architecture/layers.ts';
import { type WeightFormat, weightFormats } from '../../../src/model/architecture/weightFormat.ts';
import { uniformPlan } from '../../../src/model/architecture/weights.ts';
import { ringAllReduceBytes, ringAllReduceHops } from '../../../src/model/physics/communication.ts';
import { DEFAULT_EFFICIENCIES } from '../../../src/model/physics/efficiencies.ts';
import { kvShareOfRank, layoutProblems } from '../../../src/model/physics/layout.ts';
import { memoryPlan, smallestFittingLayout } from '../../../src/model/physics/memory.ts';
import { decodeShape, prefillShape, stepOperators, timeStep } from '../../../src/model/physics/step.ts';
import { type DeviceRoofs, time } from '../../../src/model/physics/time.ts';
import type { ComputeOp, ServedModel } from '../../../src/model/physics/types.ts';
import {
  kimiBlogArchitecture,
  llama31_8bArchitecture,
  llama31_70bArchitecture,
} from '../../../src/model/presets/modelArchitectures.ts';

const h100: DeviceRoofs = {
  bandwidthBps: 3.35e12,
  peakFlops: 989.4e12,
  tensorPeaks: { fp4: 1978.9e12, fp8: 1978.9e12, bf16: 989.4e12 },
  computeUnits: null,
  intraNode: { bandwidthBps: 450e9, hopLatencyS: 2e-6, callLatencyS: 6e-6 },
  interNode: { bandwidthBps: 50e9, hopLatencyS: 17e-6, callLatencyS: 6e-6 },
};
const served = (
  arch = llama31_70bArchitecture,
  tp = 8,
  format: WeightFormat = weightFormats.bf16,
): ServedModel => ({
  arch,
  plan: uniformPlan(format),
  kvBytesPerValue: 2,
  activationBytes: 2,
  layout: { tp, pp: 1, ep: 1, dp: 1 },
  gpusPerNode: 8,
});
const op = (model: ServedModel, shape = decodeShape(1, 2048), name = 'ffn.dense') =>
  stepOperators(model, shape).find((o) => o.name === name);

describe('time(op, roofs, efficiencies)', () => {
  // a perfect 4096-row GEMM shape: every fill 1 but the depth's, k / (k + 512)
  const depth = 1e6;
  const gemv: ComputeOp = {
    kind: 'compute',
    name: 'x',
    family: 'denseFfn',
    stream: 'gemv',
    precision: 'bf16',
    kernels: 1,
    expertProblems: 0,
    bytes: 3.35e9,
    flops: 2 * 128 * 1024 * depth,
    gemms: [{ rows: 128, cols: 1024, depth, groups: 1, calls: 1 }],
  };
  const raw = { ...DEFAULT_EFFICIENCIES, gemvBandwidthShare: 1, gemmPeakShare: 1, kernelRampSeconds: 0 };
  it('is max(bytes ÷ (bandwidth × share) + ramps, FLOP ÷ (peak of its precision × share × fills))', () => {
    expect(time(gemv, h100, raw)).toEqual({ seconds: 1e-3, boundBy: 'memory' });
    expect(time(gemv, h100, DEFAULT_EFFICIENCIES).seconds).toBeCloseTo(1e-3 / 0.9 + 3e-6, 15);
    const gemm = { ...gemv, calls: 1, gemms: [{ ...gemv.gemms[0]!, calls: 100 }], flops: gemv.flops * 100 };
    const fill = depth / (depth + 512);
    expect(time(gemm, h100, raw).seconds).toBeCloseTo(gemm.flops / (989.4e12 * fill), 15);
    expect(time(gemm, h100, raw).boundBy).toBe('compute');
    // the same matmul on the FP8 path runs at the FP8 peak: per-operator precision
    const fp8 = { ...gemm, precision: 'fp8' as const };
    expect(time(fp8, h100, raw).seconds).toBeCloseTo((time(gemm, h100, raw).seconds * 989.4) / 1978.9, 15);
  });

  const ar = {
    kind: 'communication',
    name: 'ar',
    family: 'communication',
    collective: 'allReduce',
    link: 'intraNode',
    groupSize: 8,
    calls: 2,
    hopsPerCall: 14,
    kernels: 2,
    bytes: 450e6,
    flops: 0,
  } as const;
  it('prices a collective by its bytes over the link and, for NCCL’s ring, a call and a hop latency per step', () => {
    const ring = { ...DEFAULT_EFFICIENCIES, linkBandwidthShare: 1 };
    expect(time(ar, h100, ring).seconds).toBeCloseTo(1e-3 + 2 * (6e-6 + 14 * 2e-6), 15);
    expect(time(ar, h100, ring).boundBy).toBe('communication');
    expect(time(ar, { ...h100, intraNode: null }, ring).seconds).toBe(Number.POSITIVE_INFINITY);
  });

  it('an engine’s one-shot all-reduce replaces the ring’s latency on the scale-up link: per call and per peer', () => {
    const custom = {
      ...DEFAULT_EFFICIENCIES,
      linkBandwidthShare: 1,
      allReduceCallSeconds: 3.3e-6,
      allReducePeerSeconds: 0.37e-6,
    };
    expect(time(ar, h100, custom).seconds).toBeCloseTo(1e-3 + 2 * (3.3e-6 + 7 * 0.37e-6), 15);
    // an all-to-all keeps the link's latency: n − 1 steps
    const a2a = { ...ar, collective: 'allToAll', hopsPerCall: 7 } as const;
    expect(time(a2a, h100, custom).seconds).toBeCloseTo(1e-3 + 2 * (6e-6 + 7 * 2e-6), 15);
  });
});

describe('operators', () => {
  it('a ring all-reduce over n GPUs sends 2(n−1)/n of the buffer in 2(n−1) hops', () => {
    expect(ringAllReduceBytes(8e6, 8)).toBe(14e6);
    expect(ringAllReduceHops(8)).toBe(14);
    expect(ringAllReduceBytes(8e6, 1)).toBe(0);
    // Llama 70B TP8, B=1: two all-reduces of 8,192 × 2 B per layer
    const ar = op(served(), decodeShape(1, 2048), 'comm.tp_allreduce');
    expect(ar?.bytes).toBeCloseTo((160 * (2 * 7 * 8192 * 2)) / 8, 6);
  });

  it('the dense FFN reads its weight slice once per step whatever the batch; FLOP grow with it', () => {
    const params = 80 * 3 * 8192 * 28672;
    const b1 = op(served());
    const b64 = op(served(), decodeShape(64, 2048));
    expect(b1?.flops).toBe((2 * params) / 8);
    expect(b64?.flops).toBe((64 * 2 * params) / 8);
    const weights = (params * 2) / 8;
    expect((b1?.bytes ?? 0) - weights).toBeLessThan(1e-3 * weights);
  });

  it('the LM head runs on the last prompt position only in prefill, on every token in decode', () => {
    const h = 8192;
    const vocab = 128256;
    const prefill = op(served(), prefillShape(2048, 0), 'lm_head');
    const decode = op(served(), decodeShape(16, 2048), 'lm_head');
    expect(prefill?.flops).toBe((2 * h * vocab) / 8);
    expect(decode?.flops).toBe((16 * 2 * h * vocab) / 8);
  });

  it('routed experts read E(1 − (1 − k/E)^B) distinct experts per MoE layer, sliced over TP', () => {
    const kimi = served(kimiBlogArchitecture, 8, weightFormats.fp4);
    const routed = op(kimi, decodeShape(16, 80_000), 'experts.routed');
    const unique = 384 * (1 - (1 - 8 / 384) ** 16);
    const moe = kimiBlogArchitecture.moe;
    const layers = moeLayerCount(kimiBlogArchitecture);
    const weightBytes = (unique * layers * expertParams(kimiBlogArchitecture) * 0.5) / 8;
    // Each token's k expert inputs and outputs (hidden in, hidden out, the intermediate activations) at BF16.
    const activationBytes =
      (layers *
        16 *
        (moe?.expertsPerToken ?? 0) *
        (2 * kimiBlogArchitecture.hiddenSize +
          kimiBlogArchitecture.ffnMatrices * (moe?.moeIntermediateSize ?? 0)) *
        2) /
      8;
    expect(routed?.bytes).toBeCloseTo(weightBytes + activationBytes, 0);
    expect(activationBytes).toBeLessThan(0.01 * weightBytes);
  });

  it('MLA keeps its latent cache whole on every TP rank; GQA splits KV heads until each rank has one', () => {
    expect(kvShareOfRank(kimiBlogArchitecture, { tp: 8, pp: 1, ep: 1, dp: 1 })).toBe(1);
    expect(kvShareOfRank(llama31_70bArchitecture, { tp: 8, pp: 1, ep: 1, dp: 1 })).toBe(1 / 8);
    expect(kvShareOfRank(llama31_70bArchitecture, { tp: 4, pp: 1, ep: 1, dp: 1 })).toBe(1 / 4);
  });

  it('pipeline stages re-read their weights once per microbatch: weight bytes per GPU stay at 1/TP per step', () => {
    const one = op(served(llama31_70bArchitecture, 4));
    const two = op({ ...served(llama31_70bArchitecture, 4), layout: { tp: 4, pp: 2, ep: 1, dp: 1 } });
    expect(two?.flops).toBeCloseTo((one?.flops ?? 0) / 2, 3);
    expect(two?.kernels).toBe(one?.kernels);
  });

  it('a step is its operators plus launches, expert problems, routing and the host time the GPU does not hide', () => {
    const efficiencies = {
      ...DEFAULT_EFFICIENCIES,
      kernelLaunchSeconds: 1e-6,
      schedulerSecondsPerStep: 2e-3,
    };
    const context = { model: served(), roofs: h100, efficiencies };
    const step = timeStep(context, decodeShape(1, 2048));
    const kernels = step.ops.reduce((sum, o) => sum + o.kernels, 0);
    expect(step.launchSeconds).toBeCloseTo(kernels * 1e-6, 15);
    expect(step.smallExpertSeconds).toBe(0);
    // no overlap: the host's 2 ms add to the step
    expect(step.schedulerSeconds).toBeCloseTo(2e-3, 15);
    expect(step.seconds).toBeCloseTo(
      step.opSeconds + step.launchSeconds + step.routingSeconds + step.schedulerSeconds,
      15,
    );
    // an overlapping scheduler hides it behind a longer GPU step
    const hidden = timeStep(
      { ...context, efficiencies: { ...efficiencies, hostOverlap: 1 } },
      decodeShape(1, 2048),
    );
    expect(hidden.schedulerSeconds).toBe(0);
    expect(hidden.seconds).toBeCloseTo(step.seconds - 2e-3, 15);
  });

  it('each operator runs at its own weights’ precision: BF16 attention beside NVFP4 experts, FP8 attention over an FP8 cache', () => {
    const kimi = {
      ...served(kimiBlogArchitecture, 8),
      plan: { ...uniformPlan(weightFormats.bf16), routedExperts: weightFormats.nvfp4 },
      kvBytesPerValue: 1,
    };
    const ops = stepOperators(kimi, prefillShape(8192, 0));
    const precision = (name: string) => ops.find((o) => o.name === name && o.kind === 'compute') as ComputeOp;
    expect(precision('experts.routed').precision).toBe('fp4');
    expect(precision('attention.q_proj').precision).toBe('bf16');
    expect(precision('attention.core').precision).toBe('fp8');
    expect(precision('experts.shared').precision).toBe('bf16');
  });

  it('routed experts run one grouped problem per touched expert, its rows the tokens that expert sees', () => {
    const kimi = served(kimiBlogArchitecture, 8, weightFormats.fp4);
    const at = (batch: number) => op(kimi, decodeShape(batch, 1024), 'experts.routed') as ComputeOp;
    const unique = (batch: number) => 384 * (1 - (1 - 8 / 384) ** batch);
    for (const batch of [1, 16, 512]) {
      const gate = at(batch).gemms[0];
      expect(gate?.groups).toBeCloseTo(unique(batch), 9);
      expect(gate?.rows).toBeCloseTo((batch * 8) / unique(batch), 9);
      expect(at(batch).expertProblems).toBeCloseTo(unique(batch) * moeLayerCount(kimiBlogArchitecture), 6);
    }
    // the fixed cost of a problem is paid in full up to one m16 tile of tokens and hides behind larger tiles
    const efficiencies = { ...DEFAULT_EFFICIENCIES, smallExpertSeconds: 1e-6 };
    const step = (shape: ReturnType<typeof decodeShape>) =>
      timeStep({ model: kimi, roofs: h100, efficiencies }, shape).smallExpertSeconds;
    expect(step(decodeShape(16, 1024))).toBeCloseTo(at(16).expertProblems * 1e-6, 12);
    const prefill = op(kimi, prefillShape(8192, 0), 'experts.routed') as ComputeOp;
    const rows = prefill.gemms[0]?.rows ?? 0;
    expect(rows).toBeGreaterThan(100);
    expect(step(prefillShape(8192, 0))).toBeCloseTo(prefill.expertProblems * 1e-6 * (16 / rows), 12);
  });
});

describe('layouts and memory', () => {
  it('refuses TP that does not divide the node or the heads, EP that does not divide the experts', () => {
    expect(layoutProblems(llama31_70bArchitecture, { tp: 3, pp: 1, ep: 1, dp: 1 }, 8)[0]).toMatch(
      /tp \(3\) must divide the GPUs per node \(8\)/,
    );
    expect(layoutProblems(llama31_8bArchitecture, { tp: 16, pp: 1, ep: 1, dp: 1 }, 16)).toEqual([]);
    expect(layoutProblems(kimiBlogArchitecture, { tp: 8, pp: 1, ep: 5, dp: 1 }, 8).join()).toMatch(
      /ep \(5\) must divide the routed experts \(384\)/,
    );
    expect(layoutProblems(kimiBlogArchitecture, { tp: 8, pp: 1, ep: 16, dp: 2 }, 8)).toEqual([]);
    expect(layoutProblems(llama31_8bArchitecture, { tp: 1, pp: 1, ep: 2, dp: 2 }, 8).join()).toMatch(/dense/);
  });

  it('holds capacity × utilisation, weights per GPU, derived activations, and the KV cliff', () => {
    const plan = memoryPlan(
      served(llama31_8bArchitecture, 1),
      25.757e9,
      { utilization: 0.9, maxBatchedTokens: 2048, maxSequences: 256 },
      32_000,
    );
    expect(plan.usableBytesPerGpu).toBeCloseTo(0.9 * 25.757e9, 0);
    expect(plan.weightBytesPerGpu).toBeCloseTo(16.06e9, -7);
    expect(plan.activationBytesPerGpu).toBeLessThan(1e9);
    expect(plan.maxStreams).toBe(Math.floor(plan.kvBudgetBytesPerGpu / plan.kvBytesPerStreamPerGpu));
    expect(plan.fits).toBe(true);
  });

  it('finds the smallest layout that fits, across nodes when the network allows', () => {
    const model = served(llama31_70bArchitecture, 8);
    const memory = { utilization: 0.9, maxBatchedTokens: 8192, maxSequences: 1024 };
    const fit = smallestFittingLayout(model, 85.52e9, memory, 2048, { intraNode: true, interNode: true });
    expect(fit?.layout).toEqual({ tp: 2, pp: 1, ep: 1, dp: 1 });
    const noNetwork = smallestFittingLayout(
      { ...model, arch: { ...llama31_70bArchitecture, numLayers: 800 } },
      85.52e9,
      memory,
      2048,
      { intraNode: true, interNode: false },
    );
    expect(noNetwork).toBeNull();
  });
});
