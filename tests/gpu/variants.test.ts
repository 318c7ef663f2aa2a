// Every variant of every kernel family, for real on SwiftShader (f32; tests/gpu/f16.test.ts does f16 on
// lavapipe): odd shapes at the device's own limits (256 invocations, 32 KB: every variant there is), each
// checked against its CPU reference, and per family a corrupted output that must fail. The compatibility
// limits (128, 16 KB) give a subset of the same variants, but for gemv-batched's tiles, tested apart.
// (SwiftShader compiles a pipeline in 0.1–3 s on two cores, so each distinct variant is compiled once.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFmaPeak } from '../../src/kernels/fmaPeak.ts';
import { planGemm } from '../../src/kernels/gemm.ts';
import { planGemv } from '../../src/kernels/gemv.ts';
import { planGemvBatched } from '../../src/kernels/gemvBatched.ts';
import { planMoeGemv } from '../../src/kernels/moeGemv.ts';
import { COMPAT_LIMITS, type KernelOptions } from '../../src/kernels/options.ts';
import { planStreamCopy } from '../../src/kernels/streamCopy.ts';
import { planStreamRead } from '../../src/kernels/streamRead.ts';
import type { KernelPlan } from '../../src/kernels/types.ts';
import { deviceFeatures, runEveryVariant, runOnce, shaderSources, testDevice } from './device.ts';

let device: GPUDevice;
beforeAll(async () => {
  device = await testDevice();
});
afterAll(() => device?.destroy());

type Limits = 'device' | 'compat';

const options = (
  dtype: KernelOptions['dtype'],
  shape: Record<string, number>,
  limits: Limits,
  extra: Partial<KernelOptions> = {},
): KernelOptions => ({
  dtype,
  shape,
  seed: 31,
  shaderSources,
  features: deviceFeatures(device),
  limits: limits === 'device' ? device.limits : COMPAT_LIMITS,
  ...extra,
});

/** Every variant verifies; returns the runs for a corruption check. */
async function expectEveryVariantVerified(plan: KernelPlan, dispatches = 1) {
  const runs = await runEveryVariant(device, plan, dispatches);
  expect(runs.map((r) => r.name)).toEqual(plan.variants.map((v) => v.name));
  for (const run of runs) expect(run.result.ok, `${run.name}: ${run.result.message}`).toBe(true);
  return runs;
}

/** Adds `delta` to element `index` of the first variant's output: verification must now fail. */
function expectCorruptionCaught(plan: KernelPlan, output: ArrayBuffer, index: number, delta = 1) {
  const values = new Float32Array(output);
  values[index] = values[index]! + delta;
  expect(plan.verify(output).ok).toBe(false);
}

describe('every variant on the device limits', () => {
  const limits = 'device';
  it('stream-read and stream-copy (n = 10 001: a partial vec4 and a partial block)', async () => {
    const read = planStreamRead(options('f32', { n: 10_001 }, limits));
    const copy = planStreamCopy(options('f32', { n: 10_001 }, limits));
    expect(read.variants.map((v) => v.name)).toEqual(['wg128', 'wg256']);
    const [first] = await expectEveryVariantVerified(read, read.rotateSets + 1);
    expectCorruptionCaught(read, first!.output, 1, 0.5);
    const [copied] = await expectEveryVariantVerified(copy, 2);
    expectCorruptionCaught(copy, copied!.output, 10_000);
  });

  it('fma-peak (768 invocations: three workgroups of 256, six of 128)', async () => {
    const plan = planFmaPeak(options('f32', { invocations: 768, iterations: 36 }, limits));
    const [first] = await expectEveryVariantVerified(plan);
    expectCorruptionCaught(plan, first!.output, 700, 0.01);
  });

  it('gemv f32 (67 × 2101) and q4 in both scale formats (67 × 130, groups of 32 and 64)', async () => {
    const f32 = planGemv(options('f32', { M: 67, K: 2101 }, limits));
    expect(f32.variants.map((v) => v.name)).toContain('wg128 rows4');
    const [first] = await expectEveryVariantVerified(f32);
    expectCorruptionCaught(f32, first!.output, 66);
    for (const [groupSize, scaleBytes] of [
      [32, 4],
      [64, 2],
    ]) {
      const q4 = planGemv(
        options('q4', { M: 67, K: 130, groupSize: groupSize!, scaleBytes: scaleBytes! }, limits),
      );
      const [q4First] = await expectEveryVariantVerified(q4);
      expectCorruptionCaught(q4, q4First!.output, 65, 0.05);
    }
  });

  it('gemv with the workgroup-tree reduction (no subgroups): f32 and q4, every variant at compatibility limits', async () => {
    const plan = planGemv(options('f32', { M: 13, K: 333 }, limits, { reduction: 'workgroup' }));
    await expectEveryVariantVerified(plan);
    const q4 = planGemv(options('q4', { M: 13, K: 333 }, 'compat', { reduction: 'workgroup' }));
    await expectEveryVariantVerified(q4);
  });

  it('gemv-batched: the few-column path (B = 3) and the tiled path (B = 9, 67)', async () => {
    for (const B of [3, 9, 67]) {
      const plan = planGemvBatched(options('f32', { M: 67, K: 130, B }, limits));
      const [first] = await expectEveryVariantVerified(plan);
      // Element (row 0, column 0): the first checked.
      expectCorruptionCaught(plan, first!.output, 0);
    }
  });

  it('gemm (130 × 117 × 61: padded to 256 × 128 × 64, several tiles each way, four prefetched K steps)', async () => {
    const plan = planGemm(options('f32', { M: 130, N: 117, K: 61 }, limits));
    const [first] = await expectEveryVariantVerified(plan);
    expectCorruptionCaught(plan, first!.output, 0);
  });

  it('moe-gemv: 9 tokens to 4 of 8 experts (more than 4 tokens an expert: several reductions a row)', async () => {
    const plan = planMoeGemv(options('f32', { experts: 8, topK: 4, B: 9, M: 19, K: 70 }, limits));
    const [first] = await expectEveryVariantVerified(plan);
    expectCorruptionCaught(plan, first!.output, 0);
    // Rotation sets that route to other experts: a pass over every set leaves set 0's y verified.
    const rotated = planMoeGemv(options('f32', { experts: 16, topK: 2, B: 5, M: 19, K: 70 }, limits));
    expect(rotated.rotateSets).toBeGreaterThan(1);
    const { result } = await runOnce(device, rotated, rotated.rotateSets + 1);
    expect(result.ok, result.message).toBe(true);
  });
});

describe('compatibility limits (128 invocations, 16 KB)', () => {
  it('gemv-batched tiles of 128 invocations (B = 9, 67); other families keep their first variant', async () => {
    for (const B of [9, 67]) {
      const plan = planGemvBatched(options('f32', { M: 67, K: 130, B }, 'compat'));
      expect(
        plan.variants.every((v) => /wg128$/.test(v.name)),
        plan.variants.map((v) => v.name).join(),
      ).toBe(true);
      await expectEveryVariantVerified(plan);
    }
    const device = (plan: KernelPlan) => plan.variants.map((v) => v.name);
    expect(device(planGemm(options('f32', { M: 8, N: 8, K: 8 }, 'compat')))).toEqual([
      'tile 32x32 block 4x4 wg64',
      'tile 64x64 block 8x4 wg128',
    ]);
    expect(device(planGemv(options('f32', { M: 8, K: 8 }, 'compat')))).toEqual([
      'wg128 rows1',
      'wg128 rows4',
    ]);
  });
});
