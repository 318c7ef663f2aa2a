// The f16 kernels for real. SwiftShader (the other kernel tests' adapter) has no shader-f16, so this file
// points its own process (vitest runs each file in its own fork) at Mesa's lavapipe, a CPU Vulkan driver
// that has it. scripts/provision-lavapipe.sh sets lavapipe up; .ci/run calls it and sets
// RIDGELINE_REQUIRE_F16=1, so in CI a missing f16 adapter fails here instead of skipping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/bench/runner.ts';
import { LAVAPIPE_HINT, nodeGpu, useCpuAdapterIfNoDriverChosen } from '../../src/gpu/provider.node.ts';
import { f16BitsToF32, f32ToF16Bits } from '../../src/kernels/f16.ts';
import { planFmaPeak } from '../../src/kernels/fmaPeak.ts';
import { planGemm } from '../../src/kernels/gemm.ts';
import { planGemv } from '../../src/kernels/gemv.ts';
import { planGemvBatched } from '../../src/kernels/gemvBatched.ts';
import type { KernelOptions } from '../../src/kernels/options.ts';
import type { KernelPlan } from '../../src/kernels/types.ts';
import { deviceWithKernelFeatures, runEveryVariant, runOnce, shaderSources } from './device.ts';

let icd: string | null = null;
let missing: string | null = null;
try {
  icd = useCpuAdapterIfNoDriverChosen('lavapipe');
} catch (error) {
  missing = error instanceof Error ? error.message : String(error);
}
const required = process.env['RIDGELINE_REQUIRE_F16'] === '1';

let device: GPUDevice | null = null;
beforeAll(async () => {
  if (missing === null) {
    const adapter = await nodeGpu({ backend: 'vulkan' }).requestAdapter();
    if (!adapter) missing = `no adapter from ${icd ?? 'the chosen Vulkan driver'}: ${LAVAPIPE_HINT}`;
    else if (!adapter.features.has('shader-f16'))
      missing = `${adapter.info.description || adapter.info.vendor} has no shader-f16`;
    else device = await deviceWithKernelFeatures(adapter);
  }
  if (missing !== null) {
    if (required) throw new Error(`RIDGELINE_REQUIRE_F16=1 but ${missing}`);
    console.warn(`f16 kernel tests skipped: ${missing}`);
  }
});
afterAll(() => device?.destroy());

/** The device, or a skip that says why (a failure instead where CI requires f16). */
function f16Device(skip: (note: string) => void): GPUDevice {
  if (device === null) skip(`no shader-f16 adapter: ${missing}`);
  return device!;
}

const options = (gpu: GPUDevice, shape: Record<string, number>, extra: Partial<KernelOptions> = {}) => ({
  dtype: 'f16' as const,
  shape,
  seed: 23,
  shaderSources,
  features: [...gpu.features],
  limits: gpu.limits,
  ...extra,
});

/** Every variant of the plan verifies on the adapter; the first variant's run is returned. */
async function everyVariant(gpu: GPUDevice, plan: KernelPlan) {
  const runs = await runEveryVariant(gpu, plan);
  expect(runs.length).toBe(plan.variants.length);
  for (const run of runs) expect(run.result.ok, `${run.name}: ${run.result.message}`).toBe(true);
  return runs[0]!;
}

describe('f16 kernels on a shader-f16 adapter (lavapipe), every variant', () => {
  it('fma-peak f16 matches its f16-rounded simulation; a 10% error fails', async ({ skip }) => {
    const gpu = f16Device(skip);
    const plan = planFmaPeak(options(gpu, { invocations: 512, iterations: 64 }));
    const { output, result } = await everyVariant(gpu, plan);
    expect(result.checked).toBe(512);
    const halves = new Uint16Array(output); // f16 output: 2 bytes an element
    halves[300] = f32ToF16Bits(f16BitsToF32(halves[300]!) * 1.1);
    expect(plan.verify(output).ok).toBe(false);
  });

  it('gemv f16 (67 × 2101) matches the CPU reference on every row; a corrupted row fails', async ({
    skip,
  }) => {
    const gpu = f16Device(skip);
    const plan = planGemv(options(gpu, { M: 67, K: 2101 }));
    expect(plan.requiredFeatures).toContain('shader-f16');
    const { output, result } = await everyVariant(gpu, plan);
    expect(result.checked).toBe(67);
    new Float32Array(output)[66] = new Float32Array(output)[66]! + 1;
    expect(plan.verify(output).ok).toBe(false);
  });

  it('gemv f16 with the workgroup-tree reduction (its variants are the same; the first runs here)', async ({
    skip,
  }) => {
    const gpu = f16Device(skip);
    const plan = planGemv(options(gpu, { M: 67, K: 2101 }, { reduction: 'workgroup' }));
    const { result } = await runOnce(gpu, plan);
    expect(result.ok, result.message).toBe(true);
  });

  // B = 3: gemv.wgsl's few-column path; 9 and 67: the tiled path's narrow and wide tiles.
  for (const B of [3, 9, 67]) {
    it(`gemv-batched f16 (67 × 130, B = ${B}) matches the CPU reference`, async ({ skip }) => {
      const gpu = f16Device(skip);
      const plan = planGemvBatched(options(gpu, { M: 67, K: 130, B }));
      const { result } = await everyVariant(gpu, plan);
      expect(result.checked).toBe(Math.min(67 * B, 1024));
    });
  }

  it('gemm f16 (33 × 117 × 61 and 130 × 70 × 50, padded) matches; a corrupted element fails', async ({
    skip,
  }) => {
    const gpu = f16Device(skip);
    const small = planGemm(options(gpu, { M: 33, N: 117, K: 61 }));
    const { output } = await everyVariant(gpu, small);
    const c = new Uint16Array(output);
    c[0] = f32ToF16Bits(f16BitsToF32(c[0]!) + 1);
    expect(small.verify(output).ok).toBe(false);
    await everyVariant(gpu, planGemm(options(gpu, { M: 130, N: 70, K: 50 })));
  });

  it('the runner measures the f16 cases, skips none, and derives an f16 compute roof', async ({ skip }) => {
    f16Device(skip);
    const doc = await runSuite(nodeGpu({ backend: 'vulkan' }), {
      profile: 'quick',
      kernels: ['fma-peak', 'gemv'],
      shaderSources,
      budgetSeconds: 2,
      runtime: 'vitest',
    });
    expect(doc.status, doc.statusReason ?? '').toBe('complete');
    expect(doc.features).toContain('shader-f16');
    expect(doc.skipped).toEqual([]);
    const f16 = doc.measurements.filter((m) => m.dtype === 'f16');
    expect(f16.map((m) => m.kernel).sort()).toEqual(['fma-peak', 'gemv']);
    for (const m of f16) expect(m.verified, `${m.label}: ${m.verifyMessage}`).toBe(true);
    expect(doc.roofs.compute['f16']!.value).toBeGreaterThan(0);
  }, 60_000);
});
