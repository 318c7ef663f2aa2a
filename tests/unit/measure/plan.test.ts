import { describe, expect, it } from 'vitest';
import { calibrateBatch, DEFAULT_BATCH_POLICY, nextDispatchCount } from '../../../src/measure/plan.ts';

/** A fake GPU: each dispatch takes `perDispatch` seconds, each pass `overhead` more (wall-clock style). */
function fakePass(perDispatch: number, overhead = 0) {
  const calls: number[] = [];
  const timePass = async (dispatches: number) => {
    calls.push(dispatches);
    return overhead + perDispatch * dispatches;
  };
  return { calls, timePass };
}

describe('batch calibration', () => {
  it('nextDispatchCount aims at the 20 ms target with 20 % headroom', () => {
    // 1 ms per dispatch → 24 dispatches ≈ 24 ms.
    expect(nextDispatchCount(1, 0.001, DEFAULT_BATCH_POLICY)).toBe(24);
  });

  it('nextDispatchCount never grows more than 100× per round nor past the dispatch cap', () => {
    expect(nextDispatchCount(1, 1e-7, DEFAULT_BATCH_POLICY)).toBe(100);
    expect(nextDispatchCount(1000, 1e-4, DEFAULT_BATCH_POLICY)).toBe(
      DEFAULT_BATCH_POLICY.maxDispatchesPerPass,
    );
  });

  it('nextDispatchCount keeps a pass under the 250 ms cap', () => {
    // 30 ms per dispatch: the 20 ms target is already met by one; it never shrinks below the current batch.
    expect(nextDispatchCount(1, 0.03, DEFAULT_BATCH_POLICY)).toBe(1);
    expect(nextDispatchCount(2, 0.002, { ...DEFAULT_BATCH_POLICY, maxPassSeconds: 0.01 })).toBe(10);
  });

  it('calibrateBatch picks enough dispatches for a pass ≥ 20 ms from a 0.5 ms probe', async () => {
    const fake = fakePass(0.0005);
    const plan = await calibrateBatch(fake.timePass, DEFAULT_BATCH_POLICY);
    expect(plan.probeDispatchSeconds).toBe(0.0005);
    expect(plan.dispatchesPerPass).toBe(48);
    expect(plan.passSeconds).toBeGreaterThanOrEqual(0.02);
    expect(fake.calls).toEqual([1, 48]);
    expect(plan.warnings).toEqual([]);
  });

  it('calibrateBatch iterates when a fixed per-pass overhead hides the dispatch time', async () => {
    // Wall-clock style: 2 ms of submit latency per pass, 10 µs per dispatch.
    const fake = fakePass(1e-5, 0.002);
    const plan = await calibrateBatch(fake.timePass, DEFAULT_BATCH_POLICY);
    expect(fake.calls.length).toBeGreaterThan(2);
    expect(plan.passSeconds).toBeGreaterThanOrEqual(0.02);
  });

  it('a single dispatch over 50 ms is kept at one per pass and warned about (watchdog risk)', async () => {
    const plan = await calibrateBatch(fakePass(0.08).timePass, DEFAULT_BATCH_POLICY);
    expect(plan.dispatchesPerPass).toBe(1);
    expect(plan.warnings.join()).toMatch(/one dispatch takes 80\.0 ms \(> 50 ms\)/);
  });

  it('a tiny kernel hits the dispatch cap and says the pass is below target', async () => {
    const plan = await calibrateBatch(fakePass(1e-7).timePass, DEFAULT_BATCH_POLICY);
    expect(plan.dispatchesPerPass).toBe(DEFAULT_BATCH_POLICY.maxDispatchesPerPass);
    expect(plan.warnings.join()).toMatch(/timed pass 0\.41 ms < 20 ms target/);
  });

  it('retries invalid intervals and gives up after three in a row', async () => {
    let n = 0;
    const flaky = async (d: number) => (n++ === 0 ? null : 0.03 * d);
    expect((await calibrateBatch(flaky, DEFAULT_BATCH_POLICY)).dispatchesPerPass).toBe(1);
    await expect(calibrateBatch(async () => null, DEFAULT_BATCH_POLICY)).rejects.toThrow(
      /3 invalid intervals/,
    );
  });
});
