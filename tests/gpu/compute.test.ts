import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFmaPeak } from '../../src/kernels/fmaPeak.ts';
import { planGemv } from '../../src/kernels/gemv.ts';
import { KERNELS, unsupportedReason } from '../../src/kernels/index.ts';
import type { KernelOptions } from '../../src/kernels/options.ts';
import { deviceFeatures, runOnce, shaderSources, testDevice } from './device.ts';

let device: GPUDevice;
beforeAll(async () => {
  device = await testDevice();
});
afterAll(() => device?.destroy());

const options = (
  dtype: KernelOptions['dtype'],
  shape: Record<string, number>,
  extra: Partial<KernelOptions> = {},
) => ({
  dtype,
  shape,
  seed: 11,
  shaderSources,
  features: deviceFeatures(device),
  limits: device.limits,
  ...extra,
});

describe('fma-peak', () => {
  it('f32: 512 invocations × 64 iterations of 8 chains match the f64 simulation', async () => {
    const plan = planFmaPeak(options('f32', { invocations: 512, iterations: 64 }));
    expect(plan.flopsPerDispatch).toBe(512 * 64 * 8 * 4 * 2);
    const { output, result } = await runOnce(device, plan);
    expect(result.ok, result.message).toBe(true);
    expect(result.checked).toBe(512);
    const values = new Float32Array(output);
    values[300] = values[300]! * 1.01;
    expect(plan.verify(output).ok).toBe(false);
  });
});

// Every variant of every family runs in variants.test.ts; here, what a plan declares and the 2-D grid.
describe('gemv (67 × 2101)', () => {
  it('q4 with 64-weight groups matches, and a corrupted row fails (control case)', async () => {
    const plan = planGemv(options('q4', { M: 67, K: 130, groupSize: 64 }, { reduction: 'workgroup' }));
    expect(plan.shape['groupSize']).toBe(64);
    const { output, result } = await runOnce(device, plan);
    expect(result.ok, result.message).toBe(true);
    new Float32Array(output)[66] = Number.NaN;
    const corrupted = plan.verify(output);
    expect(corrupted.ok).toBe(false);
    expect(corrupted.message).toContain('element 66');
  });

  it('rows beyond the per-dimension workgroup limit spill into y (2-D grid, extra workgroups idle)', async () => {
    const limits = { ...device.limits, maxComputeWorkgroupsPerDimension: 16 } as GPUSupportedLimits;
    const plan = planGemv(options('f32', { M: 67, K: 130 }, { reduction: 'workgroup', limits }));
    expect(plan.workgroups).toEqual([14, 5, 1]);
    const { result } = await runOnce(device, plan);
    expect(result.ok, result.message).toBe(true);
  });

  it('declares bytes once: f32 W + x + y, q4 packed + scales (f32 or f16) + x + y', () => {
    const f32 = planGemv(options('f32', { M: 67, K: 130 }));
    expect(f32.bytesPerDispatch).toBe((67 * 132 + 132) * 4 + 67 * 4);
    const q4 = planGemv(options('q4', { M: 67, K: 130 }));
    expect(q4.bytesPerDispatch).toBe(67 * 160 * 0.5 + 67 * 5 * 4 + 160 * 4 + 67 * 4);
    expect(q4.flopsPerDispatch).toBe(2 * 67 * 130);
    const f16Scales = planGemv(options('q4', { M: 67, K: 130, scaleBytes: 2 }));
    expect(f16Scales.bytesPerDispatch).toBe(67 * 160 * 0.5 + 67 * 5 * 2 + 2 + 160 * 4 + 67 * 4);
    expect(f16Scales.label).toContain('f16 scales');
  });

  it('q4 arithmetic intensity at group 32: 3.2 FLOP/byte with f32 scales, 3.6 with f16 (large K, M)', () => {
    const intensity = (scaleBytes: number) => {
      const plan = planGemv(options('q4', { M: 4096, K: 4096, scaleBytes }));
      return plan.flopsPerDispatch / plan.bytesPerDispatch;
    };
    expect(intensity(4)).toBeCloseTo(2 / (0.5 + 4 / 32), 1);
    expect(intensity(2)).toBeCloseTo(2 / (0.5 + 2 / 32), 1);
  });
});

describe('f16 on an adapter without shader-f16', () => {
  it('every f16 kernel is reported unsupported with a one-line reason, and planning says why', () => {
    if (device.features.has('shader-f16')) return;
    // (the experimental matrix GEMM needs more: subgroupMatrix.test.ts)
    const f16Kernels = KERNELS.filter((k) => k.dtypes.includes('f16') && k.name !== 'gemm-subgroup-matrix');
    expect(f16Kernels.map((k) => k.name)).toEqual(['fma-peak', 'gemv', 'gemv-batched', 'gemm']);
    for (const entry of f16Kernels) {
      expect(unsupportedReason(entry, 'f16', deviceFeatures(device))).toBe(
        `${entry.name} f16 needs shader-f16`,
      );
    }
    expect(() => planGemv(options('f16', { M: 8, K: 8 }))).toThrow(
      /gemv f16: unsupported on this device \(needs shader-f16\)/,
    );
  });
});
