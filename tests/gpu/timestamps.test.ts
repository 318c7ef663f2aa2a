// PassTimer on a real device, both ways: GPU timestamps, and the wall clock when the feature is missing.
import { afterAll, describe, expect, it } from 'vitest';
import { prepareKernel } from '../../src/gpu/prepare.ts';
import { nodeGpu, useSwiftShaderIfNoDriverChosen } from '../../src/gpu/provider.node.ts';
import { PassTimer } from '../../src/gpu/timestamps.ts';
import { planStreamCopy } from '../../src/kernels/streamCopy.ts';
import { shaderSources } from './device.ts';

useSwiftShaderIfNoDriverChosen();
// Dawn's bindings must not see the GPU or adapter collected while a device lives (tests/gpu/device.ts).
const keepAlive: unknown[] = [];
const devices: GPUDevice[] = [];
afterAll(() => {
  for (const d of devices) d.destroy();
});

async function device(features: GPUFeatureName[]): Promise<GPUDevice> {
  const gpu = nodeGpu();
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter (is libvulkan1 installed?)');
  keepAlive.push(gpu, adapter);
  const d = await adapter.requestDevice({
    requiredFeatures: features.filter((f) => adapter.features.has(f)),
  });
  devices.push(d);
  return d;
}

async function timeCopies(d: GPUDevice, timer: PassTimer, dispatches: number): Promise<bigint | null> {
  const plan = planStreamCopy({
    dtype: 'f32',
    shape: { n: 65_536 },
    seed: 3,
    shaderSources,
    features: [...d.features],
  });
  const prepared = await prepareKernel(d, plan);
  try {
    return await timer.time((encoder, writes) => prepared.encodeDispatches(encoder, dispatches, writes));
  } finally {
    prepared.destroy();
  }
}

describe('PassTimer', () => {
  it("uses pass timestamps when 'timestamp-query' exists: a positive nanosecond bigint", async () => {
    const d = await device(['timestamp-query']);
    const timer = new PassTimer(d);
    expect(timer.method).toBe(d.features.has('timestamp-query') ? 'timestamp-query' : 'wall-clock');
    const ns = await timeCopies(d, timer, 8);
    expect(typeof ns).toBe('bigint');
    expect(ns! > 0n).toBe(true);
    timer.destroy();
  }, 60_000);

  it('degrades to the wall clock around onSubmittedWorkDone without the feature', async () => {
    const d = await device([]);
    expect(d.features.has('timestamp-query')).toBe(false);
    const readings = [0, 12.5];
    const timer = new PassTimer(d, () => readings.shift() ?? 0);
    expect(timer.method).toBe('wall-clock');
    expect(await timeCopies(d, timer, 2)).toBe(12_500_000n);
    const real = new PassTimer(d);
    expect((await timeCopies(d, real, 2))! > 0n).toBe(true);
  }, 60_000);

  it('obtains full-resolution timestamps from Dawn (its quantization toggle off) and says what it obtained', async () => {
    const d = await device(['timestamp-query']);
    const timer = new PassTimer(d);
    const resolution = await timer.probeResolution();
    if (timer.method === 'timestamp-query') {
      // quantised, every value would be a multiple of 65,536 ns; off, the common divisor falls to ~1 ns
      expect(resolution).not.toBeNull();
      expect(resolution!).toBeLessThan(1e-6);
    } else expect(resolution).toBeGreaterThan(0);
    timer.destroy();
  }, 60_000);
});
