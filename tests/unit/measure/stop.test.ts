import { describe, expect, it } from 'vitest';
import { FULL_STOP_POLICY, QUICK_STOP_POLICY, stopReason } from '../../../src/measure/stop.ts';

const steady = (n: number) => Array.from({ length: n }, (_, i) => 0.02 + (i % 2) * 1e-5);
const noisy = (n: number) => Array.from({ length: n }, (_, i) => 0.02 * (i % 2 ? 1.1 : 0.9));

describe('stop criterion (nvbench stdrel, reduced)', () => {
  it('keeps sampling below minSamples even when quiet', () => {
    expect(stopReason(steady(9), 1, 10, FULL_STOP_POLICY)).toBeNull();
  });

  it('converges at minSamples once noise ≤ maxNoise and enough sample time has accumulated', () => {
    expect(stopReason(steady(10), 1, 10, FULL_STOP_POLICY)).toBe('converged');
    // 10 × 20 ms = 0.2 s meets minSampleSeconds; 10 × 10 ms does not.
    expect(
      stopReason(
        steady(10).map((s) => s / 2),
        1,
        10,
        FULL_STOP_POLICY,
      ),
    ).toBeNull();
  });

  it('noisy samples continue until the case time share runs out', () => {
    expect(stopReason(noisy(20), 1, 10, FULL_STOP_POLICY)).toBeNull();
    expect(stopReason(noisy(20), 10, 10, FULL_STOP_POLICY)).toBe('timeout');
  });

  it('stops at maxSamples whatever the noise', () => {
    expect(stopReason(noisy(100), 1, 10, FULL_STOP_POLICY)).toBe('max-samples');
    expect(stopReason(noisy(10), 0.1, 10, QUICK_STOP_POLICY)).toBe('max-samples');
  });

  it('the timeout waits for minSamples unless twice the share is spent', () => {
    expect(stopReason(noisy(2), 1.5, 1, QUICK_STOP_POLICY)).toBeNull();
    expect(stopReason(noisy(2), 2, 1, QUICK_STOP_POLICY)).toBe('timeout');
    expect(stopReason([], 5, 1, QUICK_STOP_POLICY)).toBeNull();
  });

  it('a case with no time share left stops after one sample', () => {
    expect(stopReason([0.02], 0.02, 0, FULL_STOP_POLICY)).toBe('timeout');
  });
});
