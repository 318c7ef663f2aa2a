import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planStreamCopy } from '../../src/kernels/streamCopy.ts';
import { planStreamRead } from '../../src/kernels/streamRead.ts';
import { deviceFeatures, runOnce, shaderSources, testDevice } from './device.ts';

let device: GPUDevice;
beforeAll(async () => {
  device = await testDevice();
});
afterAll(() => device?.destroy());

const options = (n: number) => ({
  dtype: 'f32' as const,
  shape: { n },
  seed: 7,
  shaderSources,
  features: deviceFeatures(device),
  limits: device.limits,
});

describe('stream-read', () => {
  it('per-workgroup sums of 64 KB match the CPU reference, across rotation sets', async () => {
    const plan = planStreamRead(options(16_384));
    expect(plan.workgroups[0]).toBeGreaterThan(1);
    const { result } = await runOnce(device, plan, 4);
    expect(result.ok, result.message).toBe(true);
    expect(result.checked).toBe(plan.workgroups[0]);
    expect(plan.bytesPerDispatch).toBe(16_384 * 4 + plan.workgroups[0] * 4);
  });

  it('an element count that is not a multiple of 4 is padded and still sums right', async () => {
    const { result } = await runOnce(device, planStreamRead(options(1_001)));
    expect(result.ok, result.message).toBe(true);
  });

  it('a corrupted partial sum fails verification (control case)', async () => {
    const plan = planStreamRead(options(16_384));
    const { output } = await runOnce(device, plan);
    const partials = new Float32Array(output);
    partials[1] = partials[1]! + 0.5;
    const result = plan.verify(output);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('element 1');
  });
});

describe('stream-copy', () => {
  it('copies 64 KB exactly (bytes = read + written)', async () => {
    const plan = planStreamCopy(options(16_384));
    const { result } = await runOnce(device, plan, 3);
    expect(result.ok, result.message).toBe(true);
    expect(result.checked).toBe(16_384);
    expect(plan.bytesPerDispatch).toBe(2 * 16_384 * 4);
  });

  it('a single flipped element fails verification (control case)', async () => {
    const plan = planStreamCopy(options(4_099));
    const { output, result } = await runOnce(device, plan);
    expect(result.ok, result.message).toBe(true);
    new Float32Array(output)[4_098] = 123;
    expect(plan.verify(output).ok).toBe(false);
  });
});
