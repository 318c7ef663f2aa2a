import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareKernel } from '../../src/gpu/prepare.ts';
import { planGemm } from '../../src/kernels/gemm.ts';
import { planStreamCopy } from '../../src/kernels/streamCopy.ts';
import { planStreamRead } from '../../src/kernels/streamRead.ts';
import { deviceFeatures, shaderSources, testDevice } from './device.ts';

let device: GPUDevice;
beforeAll(async () => {
  device = await testDevice();
});
afterAll(() => device?.destroy());

const copyPlan = () =>
  planStreamCopy({
    dtype: 'f32',
    shape: { n: 1024 },
    seed: 1,
    shaderSources,
    features: deviceFeatures(device),
  });

describe('prepareKernel', () => {
  it('surfaces WGSL compilation errors with line numbers', async () => {
    const plan = {
      ...copyPlan(),
      shaderSource: shaderSources['stream-copy.wgsl']!.replace('dst[i] = src[i];', 'dst[i] = srcc[i];'),
    };
    await expect(prepareKernel(device, plan)).rejects.toThrow(
      /stream-copy f32 n=1024: .*line \d+:\d+ .*srcc/,
    );
  });

  it('rejects an unknown override constant with the validation message, on one line', async () => {
    const plan = { ...copyPlan(), constants: { ...copyPlan().constants, NOT_AN_OVERRIDE: 1 } };
    const error = await prepareKernel(device, plan).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^stream-copy f32 n=1024: pipeline creation failed: .*NOT_AN_OVERRIDE/);
    expect(error?.message).not.toContain('\n');
  });

  it('refuses a plan that needs a feature the device lacks', async () => {
    if (device.features.has('shader-f16')) return;
    const plan = planGemm({
      dtype: 'f16',
      shape: { M: 8, N: 8, K: 8 },
      seed: 1,
      shaderSources,
      features: [...deviceFeatures(device), 'shader-f16'],
    });
    await expect(prepareKernel(device, plan)).rejects.toThrow(
      'gemm f16 8x8x8: device lacks feature(s) shader-f16',
    );
  });

  it('one pass over every rotation set (one dispatch each) leaves a verified output in set 0', async () => {
    const plan = copyPlan();
    const prepared = await prepareKernel(device, plan);
    try {
      const encoder = device.createCommandEncoder();
      prepared.encodeDispatches(encoder, plan.rotateSets);
      device.queue.submit([encoder.finish()]);
      const output = await prepared.readOutput();
      expect(output.byteLength).toBe(plan.buffers[plan.outputBuffer]!.byteLength);
      expect(plan.verify(output).ok).toBe(true);
    } finally {
      prepared.destroy();
    }
  });

  it('rotated copies hold the same data: filled on the GPU from the first, a pass ending on set 1 verifies too', async () => {
    const plan = planStreamRead({
      dtype: 'f32',
      shape: { n: 4096 },
      seed: 3,
      shaderSources,
      features: deviceFeatures(device),
    });
    expect(plan.rotateSets).toBeGreaterThan(2);
    const prepared = await prepareKernel(device, plan);
    try {
      // Dispatch 1 reads set 1's copy of the input and overwrites the (shared) partial sums.
      const encoder = device.createCommandEncoder();
      prepared.encodeDispatches(encoder, 2);
      device.queue.submit([encoder.finish()]);
      const result = plan.verify(await prepared.readOutput());
      expect(result.ok, result.message).toBe(true);
    } finally {
      prepared.destroy();
    }
  });
});
