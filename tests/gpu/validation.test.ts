// Dawn's null backend advertises every feature (shader-f16 included) and validates shaders and pipelines
// without executing anything: here every variant of every plan is compiled against compatibility-mode
// limits, WebGPU's core defaults and the null adapter's largest limits, f32 and f16 alike. The kernels run
// for real in variants.test.ts (SwiftShader) and f16.test.ts (lavapipe).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, globals } from 'webgpu';
import { prepareKernel } from '../../src/gpu/prepare.ts';
import { KERNELS, unsupportedReason } from '../../src/kernels/index.ts';
import type { KernelPlan } from '../../src/kernels/types.ts';
import { planVariant } from '../../src/kernels/variants.ts';
import { shaderSources } from './device.ts';

const keepAlive: unknown[] = [];
let device: GPUDevice;
let compatDevice: GPUDevice;
let largeDevice: GPUDevice;

async function nullDevice(featureLevel: 'core' | 'compatibility', largest = false): Promise<GPUDevice> {
  const gpu = create(['backend=null']) as unknown as GPU;
  const adapter = await gpu.requestAdapter({ featureLevel });
  if (!adapter) throw new Error("Dawn's null backend offered no adapter");
  keepAlive.push(gpu, adapter);
  const requiredLimits = largest
    ? {
        maxComputeInvocationsPerWorkgroup: adapter.limits.maxComputeInvocationsPerWorkgroup,
        maxComputeWorkgroupSizeX: adapter.limits.maxComputeWorkgroupSizeX,
        maxComputeWorkgroupSizeY: adapter.limits.maxComputeWorkgroupSizeY,
        maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      }
    : {};
  return adapter.requestDevice({ requiredFeatures: ['shader-f16', 'subgroups'], requiredLimits });
}

beforeAll(async () => {
  Object.assign(globalThis, globals);
  device = await nullDevice('core');
  compatDevice = await nullDevice('compatibility');
  largeDevice = await nullDevice('core', true);
});
afterAll(() => {
  device?.destroy();
  compatDevice?.destroy();
  largeDevice?.destroy();
});

/** Compiles every variant of the plan on one set of buffers; returns how many. */
async function compileEveryVariant(gpu: GPUDevice, plan: KernelPlan): Promise<number> {
  const prepared = await prepareKernel(gpu, plan);
  try {
    for (const variant of plan.variants.slice(1)) await prepared.withVariant(planVariant(plan, variant.name));
  } finally {
    prepared.destroy();
  }
  return plan.variants.length;
}

/** Every kernel × dtype × reduction at its quick shapes, every variant, on `gpu`: the variants compiled. */
async function compileQuickSuite(gpu: GPUDevice): Promise<number> {
  let compiled = 0;
  for (const entry of KERNELS) {
    for (const dtype of entry.dtypes) {
      // the experimental matrix GEMM has its own test (subgroupMatrix.test.ts)
      if (unsupportedReason(entry, dtype, gpu.features)) continue;
      for (const reduction of ['subgroup', 'workgroup'] as const) {
        for (const shape of entry.shapes('quick', gpu.limits, dtype)) {
          const plan = entry.plan({
            dtype,
            shape,
            seed: 1,
            shaderSources,
            features: [...gpu.features],
            limits: gpu.limits,
            reduction,
          });
          if (dtype === 'f16') expect(plan.shaderSource.startsWith('enable f16;')).toBe(true);
          compiled += await compileEveryVariant(gpu, plan);
        }
      }
    }
  }
  return compiled;
}

describe('every variant of every kernel compiles (quick shapes, both reductions, f32 and f16)', () => {
  it('on a compatibility-mode device (128 invocations, 16 KB): the compatibility variants', async () => {
    expect(compatDevice.limits.maxComputeInvocationsPerWorkgroup).toBe(128);
    expect(compatDevice.limits.maxComputeWorkgroupStorageSize).toBe(16_384);
    expect(await compileQuickSuite(compatDevice)).toBeGreaterThanOrEqual(2 * 20);
  });

  it('at the core defaults (256 invocations, 16 KB) and the largest limits the adapter offers', async () => {
    expect(device.limits.maxComputeInvocationsPerWorkgroup).toBe(256);
    const core = await compileQuickSuite(device);
    expect(core).toBeGreaterThan(await compileQuickSuite(compatDevice));
    expect(largeDevice.limits.maxComputeInvocationsPerWorkgroup).toBeGreaterThanOrEqual(256);
    expect(await compileQuickSuite(largeDevice)).toBeGreaterThanOrEqual(core);
  }, 60_000);
});

describe('f16 kernels on a validating (null) Dawn device', () => {
  it('gemv-batched at B = 1…256, every variant, fits the default 16 KB of workgroup memory as Dawn counts it', async () => {
    const entry = KERNELS.find((k) => k.name === 'gemv-batched')!;
    expect(device.limits.maxComputeWorkgroupStorageSize).toBe(16_384);
    const batches = [
      ...Array.from({ length: 17 }, (_, i) => i + 1),
      24,
      31,
      32,
      33,
      48,
      64,
      100,
      128,
      200,
      255,
      256,
    ];
    for (const dtype of ['f32', 'f16'] as const) {
      for (const B of batches) {
        const plan = entry.plan({
          dtype,
          shape: { M: 40, K: 72, B },
          seed: 1,
          shaderSources,
          features: [...device.features],
          limits: device.limits,
        });
        await compileEveryVariant(device, plan);
      }
    }
  });

  it('the null device really validates: a type error in f16 text is reported', async () => {
    const entry = KERNELS.find((k) => k.name === 'gemm')!;
    const plan = entry.plan({
      dtype: 'f16',
      shape: { M: 8, N: 8, K: 8 },
      seed: 1,
      shaderSources,
      features: ['shader-f16'],
    });
    const typeError = 'bTile[i] = vec4<f32>((*bNext)[j]);';
    const broken = { ...plan, shaderSource: plan.shaderSource.replace('bTile[i] = (*bNext)[j];', typeError) };
    expect(broken.shaderSource).toContain(typeError);
    await expect(prepareKernel(device, broken)).rejects.toThrow(/pipeline creation failed: line \d+:\d+/);
    const batched = KERNELS.find((k) => k.name === 'gemv-batched')!.plan({
      dtype: 'f32',
      shape: { M: 8, K: 8, B: 9 },
      seed: 1,
      shaderSources,
      features: [],
    });
    // 256 rows of 9 vec4, double-buffered: 74 KB of W slices alone.
    const oversized = {
      ...batched,
      constants: { ...batched.constants, COL_THREADS: 8, ROW_THREADS: 32, RM: 8 },
    };
    await expect(prepareKernel(device, oversized)).rejects.toThrow(/workgroup storage|16384/i);
  });
});
