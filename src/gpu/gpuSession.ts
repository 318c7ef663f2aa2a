// The seam between the runner and the GPU: everything the runner needs from a device, as an interface,
// so tests drive the runner with a fake session and a fake clock. openGpuSession.ts is the real one.
import type { SubgroupMatrixConfig } from '../kernels/deviceProfiles.ts';
import type { FillSpec } from '../kernels/fill.ts';
import type { KernelPlan } from '../kernels/types.ts';
import type { AdapterRecord, TimingMethod } from '../measure/document.ts';

/** One prepared kernel case on the device. */
export interface CaseRun {
  /**
   * How `timePass` measures (a session without timestamps uses the wall clock); read it after sampling,
   * since a timer whose timestamps prove invalid switches to the wall clock mid-case.
   */
  readonly timingMethod: TimingMethod;
  /** One dispatch, then the output buffer read back for verification. */
  runForVerification(): Promise<ArrayBuffer>;
  /**
   * One pass of `dispatches` dispatches: nanoseconds (0n: below the timer's resolution), or null for a
   * broken interval (end before begin). Consecutive passes continue the rotation through the buffer sets.
   */
  timePass(dispatches: number): Promise<bigint | null>;
  /**
   * Another variant of the same case (kernels/variants.ts planVariant) on this run's buffers: only a new
   * pipeline. The buffers stay this run's: destroy this one after the variants, never before.
   */
  withVariant(plan: KernelPlan): Promise<CaseRun>;
  destroy(): void;
}

/** A pass's `timePass` result in seconds: 0 below the timer's resolution, null for a broken interval. */
export function passSeconds(ns: bigint | null): number | null {
  return ns === null || ns < 0n ? null : Number(ns) / 1e9;
}

export interface GpuSession {
  readonly adapter: AdapterRecord;
  readonly features: readonly string[];
  readonly limits: Readonly<Record<string, number>>;
  /** The adapter's subgroup-matrix configurations (Chromium's experimental feature); empty when none. */
  readonly subgroupMatrixConfigs: readonly SubgroupMatrixConfig[];
  /** The adapter's largest subgroup size, where the runtime reports it. */
  readonly subgroupMaxSize: number | null;
  readonly timingMethod: TimingMethod;
  /**
   * The resolution the pass timer obtained, seconds (gpu/timestamps.ts): 1 ns with Dawn's quantization off,
   * 65.5 µs with it on, 100 µs in Chrome; null when not known.
   */
  readonly timerResolutionSeconds: number | null;
  /**
   * Times one seeded fill (kernels/fill.ts) of `spec`'s size: how fast this device makes inputs, bytes per
   * second (null: the timer gave nothing). Absent on a session that cannot fill (test fakes).
   */
  fillBytesPerSecond?(spec: FillSpec): Promise<number | null>;
  /** Creates buffers and pipeline; rejects with OutOfMemoryError when allocation fails. */
  prepare(plan: KernelPlan): Promise<CaseRun>;
  /** Resolves with a reason if the device is lost (never for our own destroy()). */
  readonly lost: Promise<string>;
  destroy(): void;
}

/** The device could not allocate a case's buffers: the run ends, keeping what it measured. */
export class OutOfMemoryError extends Error {
  override readonly name = 'OutOfMemoryError';
}

/** The device was lost mid-run (driver reset, TDR, GPU process crash): the run ends. */
export class DeviceLostError extends Error {
  override readonly name = 'DeviceLostError';
}
