// The tuner against scripted runs (issue 22): probes size a pass and are never counted, a one-off stall does
// not end a variant, passes below the timer's resolution grow the pass, the top two are re-timed and a
// challenger must win by more than 3 %, and every trial is recorded.
import { describe, expect, it } from 'vitest';
import { CHALLENGER_MARGIN, RETIME_PASSES, TUNE_PASSES, tuneVariants } from '../../../src/bench/tune.ts';
import type { CaseRun } from '../../../src/gpu/gpuSession.ts';
import type { KernelPlan } from '../../../src/kernels/types.ts';
import { fakePlan, withFakeVariants } from '../measure/fakeGpu.ts';

interface Script {
  /** Seconds per dispatch of a pass (its index among this variant's passes, its dispatches). */
  seconds(pass: number, dispatches: number): number;
  /** A timer of this tick (ns): every interval rounded down to it. */
  tickNs?: bigint;
}

/** Runs whose passes follow a script per variant; records every pass's dispatch count. */
function scriptedRuns(scripts: Record<string, Script>) {
  const passes: Record<string, number[]> = {};
  const runFor = (plan: KernelPlan): CaseRun => {
    const script = scripts[plan.variant]!;
    passes[plan.variant] ??= [];
    const log = passes[plan.variant]!;
    return {
      timingMethod: 'timestamp-query',
      runForVerification: async () => new ArrayBuffer(16),
      timePass: async (dispatches) => {
        const ns = BigInt(Math.round(script.seconds(log.length, dispatches) * dispatches * 1e9));
        log.push(dispatches);
        return script.tickNs ? (ns / script.tickNs) * script.tickNs : ns;
      },
      withVariant: async (variantPlan) => runFor(variantPlan),
      destroy: () => {},
    };
  };
  return { runFor, passes };
}

const context = {
  guard: <T>(work: Promise<T>) => work,
  aborted: () => false,
  isFatal: () => false,
  ceilingSeconds: 0.05,
  tune: true,
};

const plan = (names: string[]) => withFakeVariants(fakePlan('gemv', 'gemv', 1 << 22, 1 << 21), names);

describe('tuneVariants', () => {
  it('never counts the probe: a cache-hot first pass 10× faster than the rest is not the variant’s time', async () => {
    const { runFor, passes } = scriptedRuns({
      a: { seconds: (p) => (p === 0 ? 1e-5 : 1e-4) },
      b: { seconds: () => 2e-4 },
    });
    const p = plan(['a', 'b']);
    const outcome = await tuneVariants(runFor(p), p, context);
    expect(outcome.ok).toBe(true);
    const [a] = outcome.trials;
    expect(a!.secondsPerDispatch).toBeCloseTo(1e-4, 9);
    // probe (1), sizing pass, warm-up, TUNE_PASSES timed passes, then the re-timing of the top two
    expect(passes['a']!.length).toBe(1 + 1 + 1 + TUNE_PASSES + RETIME_PASSES);
    expect(a!.dispatchesPerPass).toBe(20);
  });

  it('a one-off stall over the 50 ms ceiling (lavapipe: 98.5 ms against 1.3 ms) does not end the variant', async () => {
    const { runFor } = scriptedRuns({
      a: { seconds: () => 2e-3 },
      b: { seconds: (p) => (p === 0 ? 0.0985 : 1.3e-3) },
    });
    const p = plan(['a', 'b']);
    const outcome = await tuneVariants(runFor(p), p, context);
    expect(outcome.ok && outcome.plan.variant).toBe('b');
    expect(outcome.trials[1]!.secondsPerDispatch).toBeCloseTo(1.3e-3, 9);
  });

  it('below the timer resolution (65.5 µs ticks) the probe reads 0 and the pass grows to ≥ 100 ticks', async () => {
    const { runFor, passes } = scriptedRuns({
      a: { seconds: () => 5e-6, tickNs: 65_536n },
      b: { seconds: () => 8e-6, tickNs: 65_536n },
    });
    const p = plan(['a', 'b']);
    const outcome = await tuneVariants(runFor(p), p, { ...context, timerResolutionSeconds: 65.536e-6 });
    expect(outcome.ok && outcome.plan.variant).toBe('a');
    const trial = outcome.trials[0]!;
    expect(trial.dispatchesPerPass! * 5e-6).toBeGreaterThanOrEqual(100 * 65.536e-6);
    expect(trial.secondsPerDispatch!).toBeGreaterThan(4.5e-6);
    expect(passes['a']![0]).toBe(1);
  });

  it(`keeps the incumbent (declared first) unless the challenger is more than ${CHALLENGER_MARGIN * 100} % faster`, async () => {
    const close = scriptedRuns({ a: { seconds: () => 1e-4 }, b: { seconds: () => 0.98e-4 } });
    const p = plan(['a', 'b']);
    const kept = await tuneVariants(close.runFor(p), p, context);
    expect(kept.ok && kept.plan.variant).toBe('a');
    expect(kept.trials.map((t) => t.retimedSecondsPerDispatch)).toEqual([
      expect.closeTo(1e-4, 9),
      expect.closeTo(0.98e-4, 9),
    ]);
    const clear = scriptedRuns({ a: { seconds: () => 1e-4 }, b: { seconds: () => 0.9e-4 } });
    const won = await tuneVariants(clear.runFor(p), p, context);
    expect(won.ok && won.plan.variant).toBe('b');
  });

  it('records every trial: the third is timed once, never re-timed', async () => {
    const { runFor } = scriptedRuns({
      a: { seconds: () => 1e-4 },
      b: { seconds: () => 2e-4 },
      c: { seconds: () => 3e-4 },
    });
    const p = plan(['a', 'b', 'c']);
    const outcome = await tuneVariants(runFor(p), p, context);
    expect(outcome.trials.map((t) => [t.name, t.verified, t.retimedSecondsPerDispatch === null])).toEqual([
      ['a', true, false],
      ['b', true, false],
      ['c', true, true],
    ]);
    for (const t of outcome.trials) expect(t.dispatchesPerPass).toBeGreaterThanOrEqual(1);
  });
});
