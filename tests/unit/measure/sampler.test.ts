import { describe, expect, it } from 'vitest';
import { DEFAULT_BATCH_POLICY } from '../../../src/measure/plan.ts';
import { sampleCase } from '../../../src/measure/sampler.ts';
import { FULL_STOP_POLICY, QUICK_STOP_POLICY } from '../../../src/measure/stop.ts';
import { FakeClock } from './fakeGpu.ts';

/** A fake pass timer: `perDispatch` seconds per dispatch, alternating ±jitter, advancing the clock. */
function fakeTimer(clock: FakeClock, perDispatch: number, jitter = 0) {
  let pass = 0;
  const dispatchCounts: number[] = [];
  const timePass = async (dispatches: number) => {
    pass++;
    dispatchCounts.push(dispatches);
    const seconds = perDispatch * dispatches * (1 + (pass % 2 ? jitter : -jitter));
    clock.seconds += seconds;
    return BigInt(Math.round(seconds * 1e9)) + 3n;
  };
  return { timePass, dispatchCounts };
}

describe('sampleCase (calibrate, warm up, sample until the stop policy says so)', () => {
  it('a quiet kernel converges after minSamples timed passes of ≥ 20 ms', async () => {
    const clock = new FakeClock();
    const timer = fakeTimer(clock, 0.001, 0.001);
    const result = await sampleCase(timer.timePass, clock, {
      batch: DEFAULT_BATCH_POLICY,
      stop: FULL_STOP_POLICY,
      timeoutSeconds: 5,
    });
    expect(result.stopReason).toBe('converged');
    expect(result.dispatchesPerPass).toBe(24);
    expect(result.samplesSeconds).toHaveLength(10);
    // calibration (1, 24) = 25 ms, four untimed 24 ms passes to reach 0.1 s of warm-up, then 10 timed passes.
    expect(timer.dispatchCounts).toEqual([1, 24, ...Array(4).fill(24), ...Array(10).fill(24)]);
    for (const s of result.samplesSeconds) expect(s).toBeGreaterThanOrEqual(0.02);
    expect(result.samplesSeconds[0]).toBeCloseTo(Number(result.samplesNs[0]) / 1e9, 15);
  });

  it('a slow kernel is not warmed up again once calibration has run it for 0.1 s', async () => {
    const clock = new FakeClock();
    const timer = fakeTimer(clock, 0.15);
    const result = await sampleCase(timer.timePass, clock, {
      batch: DEFAULT_BATCH_POLICY,
      stop: QUICK_STOP_POLICY,
      timeoutSeconds: 5,
    });
    expect(result.dispatchesPerPass).toBe(1);
    expect(timer.dispatchCounts).toEqual([1, 1, 1, 1]);
    expect(result.samplesSeconds).toHaveLength(3);
  });

  it('a noisy kernel stops on the time share and keeps every raw sample', async () => {
    const clock = new FakeClock();
    const result = await sampleCase(fakeTimer(clock, 0.001, 0.05).timePass, clock, {
      batch: DEFAULT_BATCH_POLICY,
      stop: FULL_STOP_POLICY,
      timeoutSeconds: 0.5,
    });
    expect(result.stopReason).toBe('timeout');
    expect(result.samplesSeconds.length).toBeGreaterThanOrEqual(10);
    expect(result.samplesSeconds.length).toBeLessThan(100);
  });

  it('shouldAbort ends sampling at once (cancellation)', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const result = await sampleCase(fakeTimer(clock, 0.001).timePass, clock, {
      batch: { ...DEFAULT_BATCH_POLICY, minWarmupSeconds: 0 },
      stop: QUICK_STOP_POLICY,
      timeoutSeconds: 5,
      shouldAbort: () => ++calls > 2,
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.samplesSeconds).toHaveLength(2);
  });

  it('skips invalid intervals, counts them, and fails after too many', async () => {
    const clock = new FakeClock();
    let pass = 0;
    const sometimes = async (d: number) => (++pass % 4 === 0 ? -5n : BigInt(d) * 1_000_000n + 11n);
    const result = await sampleCase(sometimes, clock, {
      batch: DEFAULT_BATCH_POLICY,
      stop: QUICK_STOP_POLICY,
      timeoutSeconds: 5,
    });
    expect(result.invalidSamples).toBeGreaterThan(0);
    expect(result.samplesNs.every((ns) => ns > 0n)).toBe(true);
    let n = 0;
    const broken = async (d: number) => (++n <= 3 ? BigInt(d) * 30_000_000n : null);
    await expect(
      sampleCase(broken, clock, { batch: DEFAULT_BATCH_POLICY, stop: QUICK_STOP_POLICY, timeoutSeconds: 5 }),
    ).rejects.toThrow(/invalid intervals/);
  });

  it('a pass below the timer resolution (0 ns) is not broken: calibration grows the batch past it', async () => {
    // Dawn's quantised timestamps: 65,536 ns ticks, a 5 µs dispatch reads 0 alone (issue 22's H100 case).
    const tick = 65_536n;
    const clock = new FakeClock();
    const counts: number[] = [];
    const quantised = async (d: number) => {
      counts.push(d);
      const ns = BigInt(Math.round(5e-6 * d * 1e9));
      clock.seconds += 5e-6 * d;
      return (ns / tick) * tick;
    };
    const result = await sampleCase(quantised, clock, {
      batch: DEFAULT_BATCH_POLICY,
      stop: QUICK_STOP_POLICY,
      timeoutSeconds: 5,
      timerResolutionSeconds: 65.536e-6,
    });
    expect(counts[0]).toBe(1);
    expect(result.invalidSamples).toBe(0);
    expect(result.belowResolutionSamples).toBe(0);
    // every timed pass spans ≥ 100 ticks
    for (const ns of result.samplesNs) expect(ns >= 100n * tick).toBe(true);
    expect(result.dispatchesPerPass).toBeGreaterThanOrEqual(1311);
  });

  it('a coarse timer raises the pass target to 100 ticks; the shortest pass is checked against it', async () => {
    const clock = new FakeClock();
    const timer = fakeTimer(clock, 0.001);
    const result = await sampleCase(timer.timePass, clock, {
      batch: DEFAULT_BATCH_POLICY,
      stop: QUICK_STOP_POLICY,
      timeoutSeconds: 5,
      // a 1 ms timer: 100 ticks = 100 ms per pass, not the policy's 20 ms
      timerResolutionSeconds: 1e-3,
    });
    for (const s of result.samplesSeconds) expect(s).toBeGreaterThanOrEqual(0.1);
    expect(result.warnings.filter((w) => w.includes('ticks'))).toEqual([]);
  });
});
