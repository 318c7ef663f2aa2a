import { describe, expect, it } from 'vitest';
import { estimateTuning, TUNING_ASSUMPTIONS } from '../../../src/measure/tuningEstimate.ts';

describe('estimateTuning', () => {
  it('charges extra variants a pipeline and a verification, every variant a brief timing; one variant costs nothing', () => {
    const a = TUNING_ASSUMPTIONS;
    const estimate = estimateTuning(
      [
        { variants: 3, inputBytes: 4e9 },
        { variants: 1, inputBytes: 0 },
      ],
      20,
    );
    expect(estimate.tuningSeconds).toBeCloseTo(
      2 * (a.pipelineSeconds + a.verifySeconds) + 3 * a.timingSeconds,
      12,
    );
    expect(estimate.runSeconds).toBeCloseTo(20 + 2 * (a.pipelineSeconds + a.verifySeconds) + 1, 12);
    expect(estimate.fraction).toBeCloseTo(estimate.tuningSeconds / estimate.runSeconds, 12);
    expect(estimateTuning([], 0).fraction).toBe(0);
  });
});
