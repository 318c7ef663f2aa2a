// The per-step costs are what the calibration gives: re-running the fit on its points lands on the
// defaults (rounded to two significant figures), and the defaults explain each point within 10 %.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EFFICIENCIES, EFFICIENCY_SOURCES } from '../../../src/model/physics/efficiencies.ts';
import {
  CALIBRATION_POINTS,
  FITTED_EFFICIENCIES,
  fitStepCosts,
} from '../../../src/model/validation/calibration.ts';

describe('calibration of the per-step costs', () => {
  const fit = fitStepCosts(CALIBRATION_POINTS, DEFAULT_EFFICIENCIES);

  it('the defaults are the fit, rounded', () => {
    for (const key of FITTED_EFFICIENCIES) {
      const fitted = fit.efficiencies[key];
      const chosen = DEFAULT_EFFICIENCIES[key];
      if (chosen === 0) expect(fitted, key).toBeLessThan(1e-9);
      else expect(Math.abs(fitted / chosen - 1), key).toBeLessThan(0.05);
      expect(EFFICIENCY_SOURCES[key].source, key).toMatch(/calibration\.ts/);
    }
  });

  it('explains the blog’s load test and the dense single-GPU decode within 10 %, with one set of costs', () => {
    expect(fit.residuals.map((r) => r.id)).toEqual(CALIBRATION_POINTS.map((p) => p.id));
    for (const residual of fit.residuals) expect(Math.abs(residual.relative), residual.id).toBeLessThan(0.1);
  });

  it('fits non-negative costs, and a point that needs none leaves them at 0', () => {
    for (const key of FITTED_EFFICIENCIES) expect(fit.efficiencies[key]).toBeGreaterThanOrEqual(0);
    const [blog] = CALIBRATION_POINTS;
    if (blog === undefined) throw new Error('no calibration points');
    const fast = fitStepCosts([{ ...blog, measuredStepSeconds: 1e-6 }], DEFAULT_EFFICIENCIES);
    for (const key of FITTED_EFFICIENCIES) expect(fast.efficiencies[key], key).toBe(0);
  });

  it('keeps the kernel efficiencies out of the fit: they are sourced publications', () => {
    for (const key of [
      'gemvBandwidthShare',
      'attentionBandwidthShare',
      'gemmPeakShare',
      'linkBandwidthShare',
    ] as const) {
      expect(fit.efficiencies[key]).toBe(DEFAULT_EFFICIENCIES[key]);
      expect(EFFICIENCY_SOURCES[key].source).toMatch(/https:\/\//);
    }
  });
});
