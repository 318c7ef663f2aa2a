// Test doubles for the runner: a fake clock that advances as the fake GPU works, a fake GpuSession whose
// kernels take a scripted time per dispatch, and minimal kernel plans.
import {
  type CaseRun,
  DeviceLostError,
  type GpuSession,
  OutOfMemoryError,
} from '../../../src/gpu/gpuSession.ts';
import type { KernelName, KernelPlan, VerifyResult } from '../../../src/kernels/types.ts';
import type { Clock } from '../../../src/measure/time.ts';

export class FakeClock implements Clock {
  seconds = 0;
  now(): number {
    return this.seconds;
  }
}

export interface FakeKernel {
  /** Seconds one dispatch takes on the fake GPU. */
  readonly secondsPerDispatch: number;
  /** Relative jitter of each pass, cycling −jitter, 0, +jitter. */
  readonly jitter?: number;
  readonly verifyOk?: boolean;
  /** What prepare does: throw a plain error or OutOfMemoryError. */
  readonly prepareError?: 'error' | 'out-of-memory';
  /** Lose the device on this timed pass (1-based). */
  readonly loseDeviceOnPass?: number;
  /** Seconds per dispatch of named variants (the others take secondsPerDispatch). */
  readonly variantSeconds?: Readonly<Record<string, number>>;
  /** Variants whose pipeline fails to compile. */
  readonly brokenVariants?: readonly string[];
}

export function fakePlan(
  kernel: KernelName,
  label: string,
  bytes: number,
  flop: number,
  verifyOk = true,
): KernelPlan {
  const result: VerifyResult = verifyOk
    ? { ok: true, maxError: 0, checked: 4, message: 'all 4 elements within 1e-6' }
    : { ok: false, maxError: 3, checked: 4, message: 'element 2: got 5, want 2' };
  const variant = {
    name: 'only',
    shaderSource: '',
    entryPoint: 'main',
    constants: {},
    workgroups: [1, 1, 1] as const,
    verify: () => result,
  };
  return {
    kernel,
    dtype: 'f32',
    shape: { n: 4 },
    label,
    ...variant,
    variant: variant.name,
    variants: [variant],
    buffers: [],
    rotateSets: 1,
    workingSetBytes: bytes,
    cacheResident: false,
    llcBytes: 256 << 20,
    outputBuffer: 0,
    requiredFeatures: [],
    bytesPerDispatch: bytes,
    flopsPerDispatch: flop,
  };
}

export class FakeSession implements GpuSession {
  readonly adapter = {
    vendor: 'fake',
    architecture: 'test',
    device: 'fake gpu',
    description: 'a scripted GPU',
    isFallbackAdapter: false,
    featureLevel: 'core' as const,
  };
  readonly features = ['timestamp-query'];
  readonly limits = { maxBufferSize: 268_435_456 };
  readonly subgroupMatrixConfigs = [];
  readonly subgroupMaxSize = 32;
  readonly timingMethod = 'timestamp-query' as const;
  timerResolutionSeconds: number | null = 1e-9;
  readonly lost: Promise<string>;
  private loseDevice: (reason: string) => void = () => {};
  destroyedRuns = 0;
  passes = 0;
  /** Labels of the plans whose output was read for verification, in order. */
  readonly verified: string[] = [];

  constructor(
    private readonly clock: FakeClock,
    private readonly kernels: Readonly<Record<string, FakeKernel>>,
  ) {
    this.lost = new Promise((resolve) => {
      this.loseDevice = resolve;
    });
  }

  async prepare(plan: KernelPlan): Promise<CaseRun> {
    const kernel = this.kernels[plan.label];
    if (!kernel) throw new Error(`no fake kernel ${plan.label}`);
    this.clock.seconds += 0.01;
    if (kernel.prepareError === 'error') throw new Error(`${plan.label}: pipeline creation failed: bad WGSL`);
    if (kernel.prepareError === 'out-of-memory')
      throw new OutOfMemoryError(`${plan.label}: out of GPU memory`);
    return this.run(plan, kernel);
  }

  /** A run of `plan`; a variant's (`plan.variant`) dispatch takes `variantSeconds[variant]` when scripted. */
  private run(plan: KernelPlan, kernel: FakeKernel): CaseRun {
    let timedPasses = 0;
    const perDispatch = kernel.variantSeconds?.[plan.variant] ?? kernel.secondsPerDispatch;
    return {
      timingMethod: 'timestamp-query',
      runForVerification: async () => {
        this.verified.push(plan.label);
        return new ArrayBuffer(16);
      },
      timePass: async (dispatches) => {
        timedPasses++;
        this.passes++;
        if (timedPasses === kernel.loseDeviceOnPass) {
          this.loseDevice('device lost (unknown): the driver reset the GPU');
          await Promise.resolve();
          throw new DeviceLostError('mapAsync aborted');
        }
        // A −, 0, + cycle: the median of any 3, or of 10, consecutive passes is exactly the nominal time.
        const sign = (timedPasses % 3) - 1;
        const seconds = perDispatch * dispatches * (1 + sign * (kernel.jitter ?? 0));
        this.clock.seconds += seconds + 0.0005;
        return BigInt(Math.round(seconds * 1e9)) + 7n;
      },
      withVariant: async (variantPlan) => {
        this.clock.seconds += 0.01;
        if (kernel.brokenVariants?.includes(variantPlan.variant))
          throw new Error(`${variantPlan.label}: pipeline creation failed: line 3:1 bad variant`);
        return { ...this.run(variantPlan, kernel), destroy: () => {} };
      },
      destroy: () => {
        this.destroyedRuns++;
      },
    };
  }

  destroy(): void {}
}

/** `plan` with more variants (same pipeline fields); `failing` ones fail verification. */
export function withFakeVariants(
  plan: KernelPlan,
  names: readonly string[],
  failing: readonly string[] = [],
): KernelPlan {
  const base = plan.variants[0]!;
  const variants = names.map((name) => ({
    ...base,
    name,
    verify: (): VerifyResult =>
      failing.includes(name)
        ? { ok: false, maxError: 1, checked: 4, message: `${name}: element 0 is 1, expected 2` }
        : { ok: true, maxError: 0, checked: 4, message: 'all 4 elements within 1e-6' },
  }));
  return { ...plan, ...variants[0]!, variant: names[0]!, variants };
}
