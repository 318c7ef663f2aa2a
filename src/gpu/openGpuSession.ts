// The real GpuSession: a device from device.ts, kernels prepared by prepare.ts, passes timed by PassTimer.
// Allocation and validation errors are caught with error scopes, so a failing case becomes a clear message
// (or OutOfMemoryError, which ends the run) instead of an uncaptured error.
import type { KernelPlan } from '../kernels/types.ts';
import { openDevice } from './device.ts';
import { type CaseRun, type GpuSession, OutOfMemoryError } from './gpuSession.ts';
import { fillBytesPerSecond, type PreparedKernel, prepareKernel } from './prepare.ts';
import { PassTimer } from './timestamps.ts';

const OUT_OF_MEMORY = /out of (gpu )?memory|failed to allocate|allocation failed/i;

async function scoped<T>(device: GPUDevice, what: string, work: () => Promise<T>): Promise<T> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: T | undefined;
  let thrown: unknown = null;
  try {
    result = await work();
  } catch (error) {
    thrown = error;
  }
  const validation = await device.popErrorScope();
  const memory = await device.popErrorScope();
  if (memory) throw new OutOfMemoryError(`${what}: out of GPU memory (${memory.message})`);
  if (validation) throw new Error(`${what}: ${validation.message.split('\n')[0]}`);
  if (thrown !== null) {
    // prepareKernel reports its own scoped errors as plain Errors, and a mappedAtCreation buffer that cannot
    // be allocated throws a RangeError (WebGPU spec, createBuffer): recognise allocation failures by text.
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    if (OUT_OF_MEMORY.test(message)) throw new OutOfMemoryError(message);
    throw thrown;
  }
  return result as T;
}

export async function openGpuSession(gpu: GPU): Promise<GpuSession> {
  const opened = await openDevice(gpu);
  const { device } = opened;
  const timer = new PassTimer(device);
  // Before the first case: each timed pass is sized to ≥ 100 × the resolution the runtime gives.
  await timer.probeResolution();
  // Dawn's Node bindings crash when the GPU or adapter object is garbage-collected while its device is alive
  // (seen in tests/gpu/device.ts), so the session holds both until destroy().
  const keepAlive: unknown[] = [gpu, opened.gpuAdapter];
  let destroyed = false;
  const lost = device.lost.then((info) =>
    destroyed ? new Promise<string>(() => {}) : `device lost (${info.reason}): ${info.message}`,
  );

  function caseRun(plan: KernelPlan, prepared: PreparedKernel): CaseRun {
    return {
      get timingMethod() {
        return timer.method;
      },
      runForVerification: () =>
        scoped(device, `${plan.label}: run`, async () => {
          const encoder = device.createCommandEncoder();
          // set 0, whose output is read back; the next pass goes on from set 1
          prepared.encodeDispatches(encoder, 1, undefined, 0);
          device.queue.submit([encoder.finish()]);
          return prepared.readOutput();
        }),
      timePass: (dispatches) =>
        timer.time((encoder, timestampWrites) =>
          prepared.encodeDispatches(encoder, dispatches, timestampWrites),
        ),
      withVariant: async (variantPlan) =>
        caseRun(
          variantPlan,
          await scoped(device, `${variantPlan.label} (${variantPlan.variant}): prepare`, () =>
            prepared.withVariant(variantPlan),
          ),
        ),
      destroy: () => prepared.destroy(),
    };
  }

  async function prepare(plan: KernelPlan): Promise<CaseRun> {
    const missing = plan.requiredFeatures.filter((f) => !device.features.has(f));
    if (missing.length > 0)
      throw new Error(`${plan.label}: needs ${missing.join(', ')}, which this device lacks`);
    const prepared = await scoped(device, `${plan.label}: prepare`, async () => prepareKernel(device, plan));
    return caseRun(plan, prepared);
  }

  return {
    adapter: opened.adapter,
    features: opened.features,
    limits: opened.limits,
    subgroupMatrixConfigs: opened.subgroupMatrixConfigs,
    subgroupMaxSize: opened.subgroupMaxSize,
    get timingMethod() {
      return timer.method;
    },
    get timerResolutionSeconds() {
      return timer.resolutionSeconds;
    },
    fillBytesPerSecond: (spec) =>
      scoped(device, 'seeded fill probe', () =>
        fillBytesPerSecond(device, spec, (encode) =>
          timer.time((encoder, writes) => encode(encoder, writes)),
        ),
      ),
    prepare,
    lost,
    destroy() {
      destroyed = true;
      timer.destroy();
      device.destroy();
      keepAlive.length = 0;
    },
  };
}
