// Dawn's null backend advertises every feature (shader-f16 included) and validates shaders and pipelines
// without executing anything. SwiftShader and llvmpipe lack 'shader-f16', so this is where the f16 plans
// (generated text, hoisted enables, override constants, workgroup-memory sizes) are proven to compile, and
// where every plan is compiled against compatibility-mode limits. Numerical checks of the f16 paths are in
// manifests.test.ts (verify against CPU-simulated outputs); the f32/q4 kernels run for real elsewhere here.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, globals } from 'webgpu';
import { prepareKernel } from '../../src/gpu/prepare.ts';
import { KERNELS } from '../../src/kernels/index.ts';
import { shaderSources } from './device.ts';

const keepAlive: unknown[] = [];
let device: GPUDevice;
let compatDevice: GPUDevice;

async function nullDevice(featureLevel: 'core' | 'compatibility'): Promise<GPUDevice> {
  const gpu = create(['backend=null']) as unknown as GPU;
  const adapter = await gpu.requestAdapter({ featureLevel });
  if (!adapter) throw new Error("Dawn's null backend offered no adapter");
  keepAlive.push(gpu, adapter);
  return adapter.requestDevice({ requiredFeatures: ['shader-f16', 'subgroups'] });
}

beforeAll(async () => {
  Object.assign(globalThis, globals);
  device = await nullDevice('core');
  compatDevice = await nullDevice('compatibility');
});
afterAll(() => {
  device?.destroy();
  compatDevice?.destroy();
});

describe('every kernel on a compatibility-mode device (128 invocations, 16 KB workgroup memory)', () => {
  it('every kernel × dtype × reduction compiles at its quick shapes', async () => {
    expect(compatDevice.limits.maxComputeInvocationsPerWorkgroup).toBe(128);
    expect(compatDevice.limits.maxComputeWorkgroupStorageSize).toBe(16_384);
    let compiled = 0;
    for (const entry of KERNELS) {
      for (const dtype of entry.dtypes) {
        for (const reduction of ['subgroup', 'workgroup'] as const) {
          for (const shape of entry.shapes('quick', compatDevice.limits, dtype)) {
            const plan = entry.plan({
              dtype,
              shape,
              seed: 1,
              shaderSources,
              features: [...compatDevice.features],
              limits: compatDevice.limits,
              reduction,
            });
            (await prepareKernel(compatDevice, plan)).destroy();
            compiled += 1;
          }
        }
      }
    }
    expect(compiled).toBe(2 * (1 + 1 + 2 + 3 + 6 + 2 + 1));
  });
});

describe('f16 kernels on a validating (null) Dawn device', () => {
  for (const entry of KERNELS.filter((k) => k.dtypes.includes('f16'))) {
    it(`${entry.name} f16: every quick shape compiles into a pipeline`, async () => {
      for (const reduction of ['subgroup', 'workgroup'] as const) {
        for (const shape of entry.shapes('quick', device.limits, 'f16')) {
          const plan = entry.plan({
            dtype: 'f16',
            shape,
            seed: 1,
            shaderSources,
            features: [...device.features],
            limits: device.limits,
            reduction,
          });
          expect(plan.shaderSource.startsWith('enable f16;')).toBe(true);
          const prepared = await prepareKernel(device, plan);
          prepared.destroy();
        }
      }
    });
  }

  it('gemv-batched at B = 1…256 fits the default 16 KB of workgroup memory as Dawn counts it', async () => {
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
        const prepared = await prepareKernel(device, plan);
        prepared.destroy();
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
    const broken = {
      ...plan,
      shaderSource: plan.shaderSource.replace('c[out] = acc0;', 'c[out] = vec4<f32>(acc0);'),
    };
    await expect(prepareKernel(device, broken)).rejects.toThrow(/pipeline creation failed: line \d+:\d+/);
    const batched = KERNELS.find((k) => k.name === 'gemv-batched')!.plan({
      dtype: 'f32',
      shape: { M: 8, K: 8, B: 1 },
      seed: 1,
      shaderSources,
      features: [],
    });
    const oversized = { ...batched, constants: { ...batched.constants, TILE_VEC4: 1100 } };
    await expect(prepareKernel(device, oversized)).rejects.toThrow(/workgroup storage|16384/i);
  });
});
