import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareKernel } from '../../src/gpu/prepare.ts';
import { planDispatchOverhead } from '../../src/kernels/dispatchOverhead.ts';
import { f16BitsToF32 } from '../../src/kernels/f16.ts';
import { elementAt, filledInput, fillSpec, q4Word } from '../../src/kernels/fill.ts';
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

  it('fills inputs on the device with exactly the values the CPU reference computes, in every mode', async () => {
    const base = planDispatchOverhead({ dtype: 'f32', shape: {}, seed: 1, shaderSources, features: [] });
    const cases = [
      ['f32', { rows: 3, cols: 5, paddedCols: 8, paddedRows: 4 }],
      ['f16', { rows: 3, cols: 5, paddedCols: 8 }],
      ['q4', { rows: 2, cols: 13, paddedCols: 32 }],
      ['scale-f32', { rows: 3, cols: 4, paddedCols: 4 }],
      ['scale-f16', { rows: 3, cols: 3, paddedCols: 3 }],
    ] as const;
    for (const [mode, shape] of cases) {
      const fill = fillSpec(shaderSources, mode, 0xabc123, shape);
      const bytes = fill.words * 4;
      // the overhead kernel's plan, its seed buffer replaced by the filled one, which is read back
      const plan = {
        ...base,
        buffers: [filledInput('under test', bytes, fill), base.buffers[1]!],
        outputBuffer: 0,
      };
      const prepared = await prepareKernel(device, plan);
      const words = new Uint32Array(await prepared.readOutput());
      prepared.destroy();
      const rows = shape.paddedCols * ('paddedRows' in shape ? shape.paddedRows : shape.rows);
      const element = (e: number) => elementAt(fill, Math.floor(e / shape.paddedCols), e % shape.paddedCols);
      if (mode === 'q4') {
        expect([...words], mode).toEqual(
          Array.from({ length: fill.words }, (_, i) => q4Word(fill.seed, i, shape.cols, shape.paddedCols)),
        );
      } else if (mode === 'f16' || mode === 'scale-f16') {
        const halves = new Uint16Array(words.buffer);
        expect(
          Array.from({ length: rows }, (_, e) => f16BitsToF32(halves[e]!)),
          mode,
        ).toEqual(Array.from({ length: rows }, (_, e) => element(e)));
      } else {
        expect([...new Float32Array(words.buffer)], mode).toEqual(
          Array.from({ length: rows }, (_, e) => element(e)),
        );
      }
    }
  });
});
