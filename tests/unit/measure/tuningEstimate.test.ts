import { describe, expect, it } from 'vitest';
import { estimateTuning, TUNING_ASSUMPTIONS } from '../../../src/measure/tuningEstimate.ts';

describe('estimateTuning', () => {
  it('charges extra variants a pipeline and a verification, every variant a brief timing, a tuned case its re-timing; one variant costs nothing', () => {
    const a = TUNING_ASSUMPTIONS;
    const estimate = estimateTuning(
      [
        { variants: 3, inputBytes: 4e9 },
        { variants: 1, inputBytes: 0 },
      ],
      20,
    );
    expect(estimate.tuningSeconds).toBeCloseTo(
      2 * (a.pipelineSeconds + a.verifySeconds) + 3 * a.timingSeconds + a.retimeSeconds,
      12,
    );
    expect(estimate.runSeconds).toBeCloseTo(20 + 2 * (a.pipelineSeconds + a.verifySeconds) + 1, 12);
    expect(estimate.fraction).toBeCloseTo(estimate.tuningSeconds / estimate.runSeconds, 12);
    expect(estimateTuning([], 0).fraction).toBe(0);
  });

  it("uses the device's own input speed where it is known (measured by bench --plan, or from its spec)", () => {
    const slow = estimateTuning([{ variants: 1, inputBytes: 1e9 }], 0, { inputBytesPerSecond: 1e8 });
    const fast = estimateTuning([{ variants: 1, inputBytes: 1e9 }], 0, { inputBytesPerSecond: 1e12 });
    expect(slow.runSeconds - fast.runSeconds).toBeCloseTo(10 - 0.001, 6);
  });
});
