// What the matrix plans declare, and the runs variants.test.ts does not make (it runs every variant of every
// family at the device's limits, with the subgroup reduction).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gemmRegisterEstimate, gemmTiles, planGemm } from '../../src/kernels/gemm.ts';
import { planGemvBatched } from '../../src/kernels/gemvBatched.ts';
import { planMoeGemv } from '../../src/kernels/moeGemv.ts';
import type { KernelOptions } from '../../src/kernels/options.ts';
import { COMPAT_LIMITS } from '../../src/kernels/options.ts';
import { planVariant } from '../../src/kernels/variants.ts';
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
  it('B = 256 (the widest batch tiles) matches the CPU reference', async () => {
    const plan = planGemvBatched(options({ M: 67, K: 130, B: 256 }));
    expect(plan.flopsPerDispatch).toBe(2 * 67 * 130 * 256);
    const { result } = await runOnce(device, plan);
    expect(result.ok, result.message).toBe(true);
    expect(result.checked).toBe(1024);
  });

  it('split-K for a large device (132 SMs): K cut into slices along z, a reducing dispatch adds them; it matches', async () => {
    const h100 = { llcBytes: 50 << 20, computeUnits: 132, residentInvocationsPerUnit: 2048 };
    for (const B of [5, 8, 33]) {
      const plan = planGemvBatched(options({ M: 67, K: 1000, B }, { device: h100 }));
      for (const variant of plan.variants) {
        const [x, y, z] = variant.workgroups;
        expect(z, `${B} ${variant.name}`).toBeGreaterThan(1);
        expect(variant.name).toMatch(/split-k \d+$/);
        expect(variant.reduce?.entryPoint).toBe('reduce');
        // K = 1000 is 32 staged steps: at most 8 slices of 4 steps (the H100 plan reaches ≥ 264 workgroups
        // at K = 4096: tests/unit/bench/batchedGemv.test.ts)
        expect(x * y * z).toBeGreaterThanOrEqual(Math.min(264, x * y * 8));
        const { result } = await runOnce(device, planVariant(plan, variant.name));
        expect(result.ok, `B = ${B} ${variant.name}: ${result.message}`).toBe(true);
      }
    }
  });

  it('takes gemv.wgsl up to B = 4 and the tiled kernel above; arithmetic intensity grows with B', () => {
    const shader = (B: number) => planGemvBatched(options({ M: 256, K: 256, B })).shaderSource;
    expect(shader(4)).toContain('workgroupSum4');
    expect(shader(5)).toContain('xTile');
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
  it('pads M and N to the largest tile and K to 16; the grid of each variant covers them', () => {
    const plan = planGemm(options({ M: 33, N: 117, K: 61 }));
    expect(plan.flopsPerDispatch).toBe(2 * 33 * 117 * 61);
    // the default 16 KB of workgroup memory: the 128 × 128 tile (16.6 KB of f32 staging) is left out
    expect(plan.variants.map((v) => v.name)).toEqual([
      'tile 32x32 block 4x4 wg64',
      'tile 64x64 block 8x4 wg128',
    ]);
    expect(plan.variants.map((v) => v.workgroups)).toEqual([
      [4, 2, 1],
      [2, 1, 1],
    ]);
    expect(plan.bytesPerDispatch).toBe((64 * 64 + 64 * 128 + 64 * 128) * 4);
    const large = planGemm(
      options(
        { M: 33, N: 117, K: 61 },
        { limits: { maxComputeInvocationsPerWorkgroup: 256, maxComputeWorkgroupStorageSize: 32_768 } },
      ),
    );
    expect(large.variants.map((v) => v.name).at(-1)).toBe('tile 128x128 block 8x8 wg256');
  });

  it('the 128 × 128 tile stays under 128 registers a thread (estimated: A staged transposed)', () => {
    const tiles = gemmTiles(
      { ...COMPAT_LIMITS, maxComputeInvocationsPerWorkgroup: 256, maxComputeWorkgroupStorageSize: 32_768 },
      4,
    );
    expect(tiles.map(gemmRegisterEstimate)).toEqual([66, 78, 114]);
    for (const t of tiles) expect(gemmRegisterEstimate(t)).toBeLessThan(128);
  });
});

describe('moe-gemv', () => {
  it('routes 5 tokens to 2 of 16 experts and reads only the touched ones (workgroup reduction)', async () => {
    const plan = planMoeGemv(
      options({ experts: 16, topK: 2, B: 5, M: 19, K: 70 }, { reduction: 'workgroup' }),
    );
    const touched = plan.metrics?.['uniqueExperts'] ?? 0;
    expect(touched).toBeGreaterThanOrEqual(2);
    expect(touched).toBeLessThanOrEqual(10);
    expect(plan.metrics?.['expectedUniqueExperts']).toBeCloseTo(16 * (1 - (1 - 2 / 16) ** 5), 12);
    expect(plan.bytesPerDispatch).toBeLessThan(16 * 19 * 72 * 4);
    const { output, result } = await runOnce(device, plan, plan.rotateSets);
    expect(result.ok, result.message).toBe(true);
    expect(result.checked).toBe(5 * 2 * 19);
    new Float32Array(output)[0] = 0;
    expect(plan.verify(output).ok).toBe(false);
  });
});
