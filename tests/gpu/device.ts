// A Dawn device on this machine's adapter (SwiftShader when no Vulkan driver is chosen) for kernel tests.
import { WANTED_FEATURES } from '../../src/gpu/device.ts';
import { prepareKernel } from '../../src/gpu/prepare.ts';
import { nodeGpu, useSwiftShaderIfNoDriverChosen } from '../../src/gpu/provider.node.ts';
import { loadShaderSources } from '../../src/gpu/shaders.node.ts';
import type { KernelPlan, VerifyResult } from '../../src/kernels/types.ts';
import { planVariant } from '../../src/kernels/variants.ts';

export const shaderSources = loadShaderSources();

// Dawn's Node bindings crash (std::system_error / futex errors in createComputePipelineAsync) when the GPU
// object is garbage-collected while its device is alive, so the test keeps both referenced.
const keepAlive: unknown[] = [];

export async function testDevice(): Promise<GPUDevice> {
  useSwiftShaderIfNoDriverChosen();
  const gpu = nodeGpu();
  keepAlive.push(gpu);
  const adapter = await gpu.requestAdapter();
  keepAlive.push(adapter);
  // No adapter: tests/support/requirementsSetup.ts skips this file's tests (or fails them where
  // RIDGELINE_REQUIRE_ADAPTER=1) before any uses the device, so the file's beforeAll must not throw here.
  if (!adapter) return undefined as unknown as GPUDevice;
  return deviceWithKernelFeatures(adapter);
}

/** A device with every feature the kernels use that `adapter` has (as the runner asks for them). */
export function deviceWithKernelFeatures(adapter: GPUAdapter): Promise<GPUDevice> {
  return adapter.requestDevice({ requiredFeatures: WANTED_FEATURES.filter((f) => adapter.features.has(f)) });
}

export function deviceFeatures(device: GPUDevice): string[] {
  return [...device.features];
}

/** Runs one dispatch of the plan and returns the raw output with its verification. */
export async function runOnce(
  device: GPUDevice,
  plan: KernelPlan,
  dispatches = 1,
): Promise<{ output: ArrayBuffer; result: VerifyResult }> {
  const prepared = await prepareKernel(device, plan);
  try {
    const encoder = device.createCommandEncoder();
    prepared.encodeDispatches(encoder, dispatches);
    device.queue.submit([encoder.finish()]);
    const output = await prepared.readOutput();
    return { output, result: plan.verify(output) };
  } finally {
    prepared.destroy();
  }
}

export interface VariantRun {
  readonly name: string;
  readonly output: ArrayBuffer;
  readonly result: VerifyResult;
}

/**
 * Runs every variant of the plan on one set of buffers (as the runner's tuning does), `dispatches` dispatches
 * each (over the rotation sets), and returns each variant's output with its verification.
 */
export async function runEveryVariant(
  device: GPUDevice,
  plan: KernelPlan,
  dispatches = 1,
): Promise<VariantRun[]> {
  const prepared = await prepareKernel(device, plan);
  try {
    const runs: VariantRun[] = [];
    for (const variant of plan.variants) {
      const variantPlan = planVariant(plan, variant.name);
      const kernel = variant.name === plan.variant ? prepared : await prepared.withVariant(variantPlan);
      const encoder = device.createCommandEncoder();
      kernel.encodeDispatches(encoder, dispatches);
      device.queue.submit([encoder.finish()]);
      const output = await kernel.readOutput();
      runs.push({ name: variant.name, output, result: variantPlan.verify(output) });
    }
    return runs;
  } finally {
    prepared.destroy();
  }
}
