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
  intraNode: { bandwidthBps: 450e9, hopLatencyS: 8e-6 / 14 },
  interNode: { bandwidthBps: 50e9, hopLatencyS: 5e-6 },
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
  const gemv: ComputeOp = {
    kind: 'compute',
    name: 'x',
    family: 'denseFfn',
    stream: 'gemv',
    kernels: 1,
    bytes: 3.35e9,
    flops: 1e9,
  };
  it('is max(bytes ÷ (bandwidth × MBU), FLOP ÷ (peak × MFU)) and names the larger term', () => {
    const raw = { ...DEFAULT_EFFICIENCIES, gemvBandwidthShare: 1, gemmPeakShare: 1 };
    expect(time(gemv, h100, raw)).toEqual({ seconds: 1e-3, boundBy: 'memory' });
    expect(time(gemv, h100, DEFAULT_EFFICIENCIES).seconds).toBeCloseTo(1e-3 / 0.9, 15);
    const gemm = { ...gemv, flops: 989.4e12 * 0.01 };
    expect(time(gemm, h100, raw)).toEqual({ seconds: 0.01, boundBy: 'compute' });
  });

  it('prices a collective by its bytes over the link and its hops’ latency', () => {
    const ar = {
      kind: 'communication',
      name: 'ar',
      family: 'communication',
      link: 'intraNode',
      calls: 2,
      hopsPerCall: 14,
      kernels: 2,
      bytes: 450e6,
      flops: 0,
    } as const;
    const raw = { ...DEFAULT_EFFICIENCIES, linkBandwidthShare: 1 };
    expect(time(ar, h100, raw).seconds).toBeCloseTo(1e-3 + 2 * 8e-6, 15);
    expect(time(ar, h100, raw).boundBy).toBe('communication');
    expect(time(ar, { ...h100, intraNode: null }, raw).seconds).toBe(Number.POSITIVE_INFINITY);
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

  it('a step is its operators plus launches, small experts, routing and the scheduler', () => {
    const context = { model: served(), roofs: h100, efficiencies: DEFAULT_EFFICIENCIES };
    const step = timeStep(context, decodeShape(1, 2048));
    const kernels = step.ops.reduce((sum, o) => sum + o.kernels, 0);
    expect(step.launchSeconds).toBeCloseTo(kernels * DEFAULT_EFFICIENCIES.kernelLaunchSeconds, 15);
    expect(step.smallExpertSeconds).toBe(0);
    expect(step.seconds).toBeCloseTo(
      step.opSeconds + step.launchSeconds + step.routingSeconds + step.schedulerSeconds,
      15,
    );
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
