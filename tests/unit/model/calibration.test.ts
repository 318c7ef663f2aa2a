// The engine profiles' fitted costs are what the calibration gives: re-running each engine's fit from its
// defaults does not improve its fit rows by more than the rounding, every cost stays physical, and the
// held-out rows (never fitted) land within the bars. The kernel efficiencies are not fitted.
import { describe, expect, it } from 'vitest';
import { decodePoint } from '../../../src/model/physics/decodeCurve.ts';
import { KERNEL_EFFICIENCY_SOURCES } from '../../../src/model/physics/efficiencies.ts';
import { engineProfile, FITTED_SOURCE } from '../../../src/model/presets/engines.ts';
import { defaultInputs } from '../../../src/model/scenario/inputDefaults.ts';
import { servedScenario } from '../../../src/model/scenario/servedModel.ts';
import {
  defaultFittedCosts,
  defaultLoss,
  engineRows,
  FITTED_COSTS,
  fitEngine,
  fittedEngines,
  fittedKeys,
} from '../../../src/model/validation/calibration.ts';
import { predictMeasurement } from '../../../src/model/validation/predict.ts';

describe('calibration of the engine profiles', () => {
  it('every engine with rows is fitted on about half of them and checked on the rest', () => {
    const engines = fittedEngines();
    expect(engines).toEqual(expect.arrayContaining(['vllm', 'sglang', 'trtllm', 'llamacpp', 'vllm-blog']));
    for (const engine of engines) {
      const { fit, heldOut } = engineRows(engine);
      expect(fit.length, engine).toBeGreaterThan(0);
      expect(heldOut.length, engine).toBeGreaterThan(0);
      expect(fittedKeys(engine).length, engine).toBeGreaterThan(0);
    }
  });

  it('the defaults are the fit, rounded: a search from them finds no better costs beyond the rounding', () => {
    for (const engine of fittedEngines()) {
      const refit = fitEngine(engine, defaultFittedCosts(engine), 4, true);
      const atDefaults = defaultLoss(engine);
      expect(atDefaults, engine).toBeLessThanOrEqual(refit.loss * 1.05 + 2e-3);
      for (const key of FITTED_COSTS) expect(refit.costs[key], `${engine} ${key}`).toBeGreaterThanOrEqual(0);
    }
  });

  it('marks each cost fitted or published, and the kernel efficiencies are never fitted', () => {
    for (const engine of fittedEngines()) {
      const profile = engineProfile(engine);
      for (const key of FITTED_COSTS) {
        const source = profile.costs[key].source;
        expect(source.length, `${engine} ${key}`).toBeGreaterThan(20);
        if (!fittedKeys(engine).includes(key)) expect(source.startsWith(FITTED_SOURCE)).toBe(false);
      }
    }
    for (const [key, entry] of Object.entries(KERNEL_EFFICIENCY_SOURCES))
      expect(entry.source, key).toMatch(/https:\/\/|arXiv/);
  });

  it('the held-out rows land within 2× every one, and 80 % within 1.5×', () => {
    const logs = fittedEngines().flatMap((engine) =>
      engineRows(engine).heldOut.map((m) => {
        const ratio = predictMeasurement(m).ratio;
        expect(ratio, m.id).not.toBeNull();
        const log = Math.abs(Math.log(ratio ?? Number.NaN));
        expect(log, m.id).toBeLessThanOrEqual(Math.log(2));
        return log;
      }),
    );
    expect(logs.length).toBeGreaterThanOrEqual(40);
    expect(logs.filter((log) => log <= Math.log(1.5)).length / logs.length).toBeGreaterThanOrEqual(0.8);
  });

  it('keeps the blog’s scenario on its own load test: ~36.8 ms per pass at 16 streams, ~14 tok/s at 32', () => {
    const served = servedScenario(defaultInputs());
    if ('problems' in served) throw new Error(served.problems[0]);
    expect(Math.abs(decodePoint(served, 16).step.seconds / 0.0368 - 1)).toBeLessThan(0.15);
    expect(Math.abs(decodePoint(served, 32).perStreamTps / 14 - 1)).toBeLessThan(0.15);
  });
});
