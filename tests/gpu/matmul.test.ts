import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planGemm } from '../../src/kernels/gemm.ts';
import { planGemvBatched } from '../../src/kernels/gemvBatched.ts';
import { planMoeGemv } from '../../src/kernels/moeGemv.ts';
import type { KernelOptions } from '../../src/kernels/options.ts';
import { deviceFeatures, runOnce, shaderSources, testDevice } from './device.ts';

let device: GPUDevice;
beforeAll(async () => {
  device = await testDevice();
});
afterAll(() => device?.destroy());

const options = (shape: Record<string, number>, extra: Partial<KernelOptions> = {}) => ({
  dtype: 'f32' as const,
  shape,
  seed: 5,
  shaderSources,
  features: deviceFeatures(device),
  limits: device.limits,
  ...extra,
});

describe('gemv-batched (67 × 130)', () => {
  // B = 3 splits K over 16 lanes (the B < 32 path, as B = 1 does) and pads the batch to 4 columns; 64 and
  // 256 use 2 and 8 columns per invocation without K lanes: together every branch of the layout. (B = 1
  // itself costs SwiftShader 3–10 s of pipeline compilation, so CI leaves it to the bench.)
  for (const B of [3, 64, 256]) {
    it(`B = ${B} matches the CPU reference`, async () => {
      const plan = planGemvBatched(options({ M: 67, K: 130, B }));
      expect(plan.flopsPerDispatch).toBe(2 * 67 * 130 * B);
      const { result } = await runOnce(device, plan);
      expect(result.ok, result.message).toBe(true);
      expect(result.checked).toBe(Math.min(67 * B, 1024));
    });
  }

  it('arithmetic intensity grows with B (W bytes are counted once)', () => {
    const intensity = (B: number) => {
      const plan = planGemvBatched(options({ M: 256, K: 256, B }));
      return plan.flopsPerDispatch / plan.bytesPerDispatch;
    };
    expect(intensity(1)).toBeLessThan(0.6);
    expect(intensity(16)).toBeGreaterThan(6 * intensity(1));
    expect(intensity(256)).toBeGreaterThan(intensity(16) * 3);
  });
});

describe('gemm', () => {
  // Both shapes pad to K = 64 and N = 128, so they share one pipeline (SwiftShader compiles each in seconds).
  it('33 × 117 × 61 (padded to 64 × 128 × 64) matches the CPU reference; a corrupted element fails', async () => {
    const plan = planGemm(options({ M: 33, N: 117, K: 61 }));
    expect(plan.workgroups).toEqual([2, 1, 1]);
    expect(plan.flopsPerDispatch).toBe(2 * 33 * 117 * 61);
    const { output, result } = await runOnce(device, plan);
    expect(result.ok, result.message).toBe(true);
    expect(result.checked).toBe(1024);
    // Element (32, 116) is the last real one (padded row stride 128); the evenly spaced check includes it.
    const c = new Float32Array(output);
    c[32 * 128 + 116] = c[32 * 128 + 116]! + 1;
    expect(plan.verify(output).ok).toBe(false);
  });

  it('several tiles in both directions (130 × 70 × 50) match', async () => {
    const plan = planGemm(options({ M: 130, N: 70, K: 50 }));
    expect(plan.workgroups).toEqual([2, 3, 1]);
    const { result } = await runOnce(device, plan);
    expect(result.ok, result.message).toBe(true);
  });
});

describe('moe-gemv', () => {
  for (const reduction of ['subgroup', 'workgroup'] as const) {
    it(`routes 5 tokens to 2 of 16 experts and reads only the touched ones (${reduction} reduction)`, async () => {
      const plan = planMoeGemv(options({ experts: 16, topK: 2, B: 5, M: 19, K: 70 }, { reduction }));
      const touched = plan.metrics?.['uniqueExperts'] ?? 0;
      expect(touched).toBeGreaterThanOrEqual(2);
      expect(touched).toBeLessThanOrEqual(10);
      expect(plan.metrics?.['expectedUniqueExperts']).toBeCloseTo(16 * (1 - (1 - 2 / 16) ** 5), 12);
      expect(plan.bytesPerDispatch).toBeLessThan(16 * 19 * 72 * 4);
      const { output, result } = await runOnce(device, plan);
      expect(result.ok, result.message).toBe(true);
      expect(result.checked).toBe(5 * 2 * 19);
      new Float32Array(output)[0] = 0;
      expect(plan.verify(output).ok).toBe(false);
    });
  }
});
