import { describe, expect, it } from 'vitest';
import { runPlans, SNAPSHOT_REASON, type SuiteProgress } from '../../../src/bench/runPlans.ts';
import { exportDocument, importDocument, type MeasurementDocument } from '../../../src/measure/document.ts';
import { FakeClock, type FakeKernel, FakeSession, fakePlan, withFakeVariants } from './fakeGpu.ts';

const MiB = 1 << 20;
const plans = [
  fakePlan('stream-read', 'stream-read f32 n=4M', 16 * MiB, 0),
  fakePlan('fma-peak', 'fma-peak f32', 0, 2e9),
  fakePlan('gemv', 'gemv f32 1024x1024', 4 * MiB, 2 * MiB),
];
// 16 MiB in 1 ms = 16.8 GB/s; 2 GFLOP in 10 ms = 200 GFLOP/s; GEMV 4 MiB in 0.5 ms = 8.4 GB/s.
const kernels: Record<string, FakeKernel> = {
  'stream-read f32 n=4M': { secondsPerDispatch: 0.001, jitter: 0.001 },
  'fma-peak f32': { secondsPerDispatch: 0.01, jitter: 0.001 },
  'gemv f32 1024x1024': { secondsPerDispatch: 0.0005, jitter: 0.001 },
};

describe('runPlans on a fake GPU and clock', () => {
  it('measures every case, derives rates and roofs, and reports progress to 100 %', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, kernels);
    const progress: SuiteProgress[] = [];
    const doc = await runPlans(
      session,
      plans,
      { profile: 'full', onProgress: (p) => progress.push(p) },
      clock,
    );
    expect(doc.status).toBe('complete');
    expect(doc.statusReason).toBeNull();
    expect(doc.measurements.map((m) => m.label)).toEqual(plans.map((p) => p.label));
    const [read, fma, gemv] = doc.measurements;
    expect(read!.verified).toBe(true);
    expect(read!.bytesPerSecond! / 1e9).toBeCloseTo(16.777, 2);
    expect(read!.arithmeticIntensity).toBe(0);
    expect(fma!.flopsPerSecond! / 1e9).toBeCloseTo(200, 0);
    expect(fma!.arithmeticIntensity).toBeNull();
    expect(gemv!.arithmeticIntensity).toBe(0.5);
    expect(doc.roofs.memory).toEqual({ value: read!.bytesPerSecond, label: 'stream-read f32 n=4M' });
    expect(doc.roofs.compute['f32']?.value).toBe(fma!.flopsPerSecond);
    expect(session.destroyedRuns).toBe(3);
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3, fraction: 1, current: '' });
    expect(progress.every((p, i) => i === 0 || p.fraction >= progress[i - 1]!.fraction)).toBe(true);
    expect(importDocument(exportDocument(doc))).toEqual(doc);
  });

  it('a kernel that fails verification is recorded as failed, never timed and never a roof', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, kernels);
    const badRead = fakePlan('stream-read', 'stream-read f32 n=4M', 16 * MiB, 0, false);
    const doc = await runPlans(session, [badRead, plans[1]!], { profile: 'quick' }, clock);
    const [read] = doc.measurements;
    expect(read).toMatchObject({ verified: false, bytesPerSecond: null, secondsPerDispatch: null });
    expect(read!.error).toBe('verification failed: element 2: got 5, want 2');
    expect(doc.roofs.memory).toBeNull();
    expect(doc.status).toBe('complete');
  });

  it('a kernel that fails to prepare is recorded with its error and the run goes on', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      ...kernels,
      'fma-peak f32': { secondsPerDispatch: 0, prepareError: 'error' },
    });
    const doc = await runPlans(session, plans, { profile: 'quick' }, clock);
    expect(doc.measurements[1]!.error).toBe('fma-peak f32: pipeline creation failed: bad WGSL');
    expect(doc.measurements[2]!.verified).toBe(true);
    expect(doc.roofs.compute).toEqual({});
  });

  it('device loss mid-run ends the run cleanly, keeping the measurements so far and the reason', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      ...kernels,
      'fma-peak f32': { secondsPerDispatch: 0.01, loseDeviceOnPass: 4 },
    });
    const doc = await runPlans(session, plans, { profile: 'quick' }, clock);
    expect(doc.status).toBe('device-lost');
    expect(doc.statusReason).toBe('device lost (unknown): the driver reset the GPU');
    expect(doc.measurements.map((m) => m.label)).toEqual(['stream-read f32 n=4M']);
    expect(doc.roofs.memory?.label).toBe('stream-read f32 n=4M');
    expect(session.destroyedRuns).toBe(2);
  });

  it('out of memory ends the run with the reason and keeps what was measured', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      ...kernels,
      'gemv f32 1024x1024': { secondsPerDispatch: 0, prepareError: 'out-of-memory' },
    });
    const doc = await runPlans(session, plans, { profile: 'quick' }, clock);
    expect(doc.status).toBe('out-of-memory');
    expect(doc.statusReason).toMatch(/gemv f32 1024x1024: out of GPU memory/);
    expect(doc.measurements).toHaveLength(2);
  });

  it('cancellation via the signal keeps finished measurements and drops the unfinished one', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, kernels);
    const controller = new AbortController();
    const onProgress = (p: SuiteProgress) => {
      if (p.current === 'fma-peak f32' && p.fraction > 1 / 3) controller.abort();
    };
    const doc = await runPlans(
      session,
      plans,
      { profile: 'quick', signal: controller.signal, onProgress },
      clock,
    );
    expect(doc.status).toBe('cancelled');
    expect(doc.statusReason).toBe('cancelled before the suite finished');
    expect(doc.measurements.map((m) => m.label)).toEqual(['stream-read f32 n=4M']);
  });

  it('noisy samples carry a warning with their CV', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      ...kernels,
      'fma-peak f32': { secondsPerDispatch: 0.01, jitter: 0.2 },
    });
    const doc = await runPlans(session, plans, { profile: 'quick' }, clock);
    expect(doc.measurements[1]!.cv).toBeGreaterThan(0.1);
    expect(doc.measurements[1]!.warnings.join()).toMatch(/noisy: CV 1\d\.\d % > 3 %/);
  });

  it('the time budget is shared out: a tiny budget still gives every case at least one sample', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      ...kernels,
      'fma-peak f32': { secondsPerDispatch: 0.01, jitter: 0.2 },
    });
    const doc = await runPlans(session, plans, { profile: 'full', budgetSeconds: 0.05 }, clock);
    expect(doc.budgetSeconds).toBe(0.05);
    for (const m of doc.measurements) expect(m.samplesSeconds.length).toBeGreaterThanOrEqual(1);
    expect(doc.measurements[1]!.stopReason).toBe('timeout');
    // One sample: its CV is unknown, not 0.
    expect(doc.measurements[1]!.samplesSeconds).toHaveLength(1);
    expect(doc.measurements[1]!.cv).toBeNull();
    expect(doc.measurements[1]!.warnings.join()).toMatch(/stopped by the time budget/);
  });

  it('onPartial gets the document so far after each finished case: status failed, built like the final one', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, kernels);
    const snapshots: MeasurementDocument[] = [];
    const doc = await runPlans(
      session,
      plans,
      {
        profile: 'quick',
        runtime: 'test',
        skipped: ['gemm f16 needs shader-f16'],
        onPartial: (d) => snapshots.push(d),
      },
      clock,
    );
    expect(snapshots.map((d) => d.measurements.length)).toEqual([1, 2, 3]);
    for (const [i, snapshot] of snapshots.entries()) {
      expect(snapshot.status).toBe('failed');
      expect(snapshot.statusReason).toBe(SNAPSHOT_REASON);
      // each a document in its own right (later cases do not change it), and one a page can import
      expect(snapshot.measurements).toEqual(doc.measurements.slice(0, i + 1));
      expect(importDocument(exportDocument(snapshot))).toEqual(snapshot);
    }
    expect(snapshots[0]!.roofs.memory?.label).toBe('stream-read f32 n=4M');
    expect(snapshots[0]!.roofs.compute).toEqual({});
    expect(snapshots[1]!.roofs.compute['f32']?.value).toBe(doc.measurements[1]!.flopsPerSecond);
    // the last snapshot differs from the final document only in how the run ended and when
    const last = snapshots.at(-1)!;
    expect({ ...last, status: doc.status, statusReason: doc.statusReason, createdAt: doc.createdAt }).toEqual(
      doc,
    );
    expect(last.elapsedSeconds).toBe(doc.elapsedSeconds);
  });

  it('a case that fails verification is a finished case (a snapshot); a case cut short by device loss is not', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      ...kernels,
      'gemv f32 1024x1024': { secondsPerDispatch: 0.0005, loseDeviceOnPass: 2 },
    });
    const badRead = fakePlan('stream-read', 'stream-read f32 n=4M', 16 * MiB, 0, false);
    const snapshots: MeasurementDocument[] = [];
    const doc = await runPlans(
      session,
      [badRead, plans[1]!, plans[2]!],
      { profile: 'quick', onPartial: (d) => snapshots.push(d) },
      clock,
    );
    expect(doc.status).toBe('device-lost');
    expect(snapshots.map((d) => d.measurements.map((m) => m.verified))).toEqual([[false], [false, true]]);
    expect(doc.measurements).toEqual(snapshots[1]!.measurements);
  });

  it('hands each finished case to onMeasurement at once (the talk profile draws points one by one)', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, kernels);
    const badRead = fakePlan('stream-read', 'stream-read f32 n=4M', 16 * MiB, 0, false);
    const landed: string[] = [];
    let throws = true;
    const doc = await runPlans(
      session,
      [badRead, plans[1]!, plans[2]!],
      {
        profile: 'talk',
        onMeasurement: (m, { done, total }) => {
          landed.push(`${done}/${total} ${m.label} ${m.verified}`);
          if (throws) {
            throws = false;
            throw new Error('a page callback that fails');
          }
        },
      },
      clock,
    );
    expect(landed).toEqual([
      '1/3 stream-read f32 n=4M false',
      '2/3 fma-peak f32 true',
      '3/3 gemv f32 1024x1024 true',
    ]);
    expect(doc.status).toBe('complete');
    expect(doc.profile).toBe('talk');
    expect(importDocument(exportDocument(doc))).toEqual(doc);
  });

  it('no snapshot for a cancelled case or an empty run', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, kernels);
    const controller = new AbortController();
    const snapshots: MeasurementDocument[] = [];
    const doc = await runPlans(
      session,
      plans,
      {
        profile: 'quick',
        signal: controller.signal,
        onProgress: (p) => {
          if (p.current === 'fma-peak f32' && p.fraction > 1 / 3) controller.abort();
        },
        onPartial: (d) => snapshots.push(d),
      },
      clock,
    );
    expect(doc.status).toBe('cancelled');
    expect(snapshots.map((d) => d.measurements.length)).toEqual([1]);
    const empty: MeasurementDocument[] = [];
    await runPlans(session, [], { profile: 'quick', onPartial: (d) => empty.push(d) }, clock);
    expect(empty).toEqual([]);
  });

  it('a snapshot callback that throws neither fails a case nor ends the run', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, kernels);
    let calls = 0;
    const doc = await runPlans(
      session,
      plans,
      {
        profile: 'quick',
        onPartial: () => {
          calls++;
          throw new Error('the page went away');
        },
      },
      clock,
    );
    expect(doc.status).toBe('complete');
    expect(calls).toBe(plans.length);
    expect(doc.measurements).toHaveLength(plans.length);
    expect(doc.measurements.every((m) => m.error === null)).toBe(true);
  });
});

describe('runPlans shrinks a case whose single dispatch is over half the 50 ms ceiling', () => {
  const big = fakePlan('gemm', 'gemm f32 2048x2048x2048', 48 * MiB, 17e9);
  const slow: Record<string, FakeKernel> = {
    'gemm f32 2048x2048x2048': { secondsPerDispatch: 0.4 },
    'gemm f32 1024x1024x1024': { secondsPerDispatch: 0.05 + 1e-3 },
    'gemm f32 512x512x512': { secondsPerDispatch: 0.006 },
  };
  const smaller: Record<string, ReturnType<typeof fakePlan>> = {
    'gemm f32 2048x2048x2048': fakePlan('gemm', 'gemm f32 1024x1024x1024', 12 * MiB, 2.1e9),
    'gemm f32 1024x1024x1024': fakePlan('gemm', 'gemm f32 512x512x512', 3 * MiB, 2.7e8),
  };

  it('re-plans until one dispatch fits, measures the smaller case and says what it shrank from', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, slow);
    const factors: number[] = [];
    const doc = await runPlans(
      session,
      [big],
      {
        profile: 'full',
        shrink: (plan, factor) => {
          factors.push(factor);
          return smaller[plan.label] ?? null;
        },
      },
      clock,
    );
    const [m] = doc.measurements;
    expect(m!.label).toBe('gemm f32 512x512x512');
    expect(m!.verified).toBe(true);
    expect(m!.flopsPerSecond! / 1e9).toBeCloseTo(2.7e8 / 0.006 / 1e9, 3);
    // Aims one dispatch at 10 ms: 0.01 / 0.4, then 0.01 / 0.051.
    expect(factors[0]).toBeCloseTo(0.025, 6);
    expect(factors[1]).toBeCloseTo(0.01 / 0.051, 6);
    expect(m!.warnings.slice(0, 2)).toEqual([
      'shrunk from gemm f32 2048x2048x2048: one dispatch took 400.0 ms (> 25 ms, half the 50 ms watchdog ceiling)',
      'shrunk from gemm f32 1024x1024x1024: one dispatch took 51.0 ms (> 25 ms, half the 50 ms watchdog ceiling)',
    ]);
    expect(session.destroyedRuns).toBe(3);
    // Only the shape that is measured is verified: the 400 ms one never runs its CPU-reference check.
    expect(session.verified).toEqual(['gemm f32 512x512x512']);
  });

  it('a shape that cannot shrink is measured as it is, with the watchdog warning', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, slow);
    const doc = await runPlans(session, [big], { profile: 'quick', shrink: () => null }, clock);
    const [m] = doc.measurements;
    expect(m!.label).toBe('gemm f32 2048x2048x2048');
    expect(m!.warnings.some((w) => w.startsWith('one dispatch takes 400.0 ms'))).toBe(true);
  });

  it('30 ms is under the ceiling but not well under it: re-planned too', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      'gemm f32 2048x2048x2048': { secondsPerDispatch: 0.03 },
      'gemm f32 1024x1024x1024': { secondsPerDispatch: 0.004 },
    });
    const doc = await runPlans(
      session,
      [big],
      { profile: 'quick', shrink: (plan) => smaller[plan.label] ?? null },
      clock,
    );
    expect(doc.measurements[0]!.label).toBe('gemm f32 1024x1024x1024');
  });

  it('a case well under the ceiling (≤ 25 ms) is never re-planned', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, kernels);
    let calls = 0;
    const doc = await runPlans(
      session,
      plans,
      {
        profile: 'quick',
        shrink: () => {
          calls++;
          return null;
        },
      },
      clock,
    );
    expect(calls).toBe(0);
    expect(doc.measurements.map((m) => m.label)).toEqual(plans.map((p) => p.label));
  });

  it('shrinks up front when the roofs measured so far already predict a slow dispatch (the big shape never runs)', async () => {
    const clock = new FakeClock();
    // 16 MiB in 1 ms is a 16.8 GB/s memory roof: a 4 GiB GEMV cannot take under 256 ms.
    const session = new FakeSession(clock, {
      'stream-read f32 n=4M': { secondsPerDispatch: 0.001 },
      'gemv f32 64x16384': { secondsPerDispatch: 0.008 },
    });
    const huge = fakePlan('gemv', 'gemv f32 1048576x1024', 4096 * MiB, 2 * 1024 ** 3);
    const factors: number[] = [];
    const doc = await runPlans(
      session,
      [plans[0]!, huge],
      {
        profile: 'quick',
        shrink: (plan, factor) => {
          factors.push(factor);
          return plan === huge ? fakePlan('gemv', 'gemv f32 64x16384', 4 * MiB, 2 * MiB) : null;
        },
      },
      clock,
    );
    expect(doc.measurements.map((m) => m.label)).toEqual(['stream-read f32 n=4M', 'gemv f32 64x16384']);
    expect(factors).toHaveLength(1);
    expect(factors[0]).toBeCloseTo(0.01 / 0.256, 2);
    expect(doc.measurements[1]!.warnings[0]).toMatch(
      /^shrunk from gemv f32 1048576x1024: this run's roofs put one dispatch at ≥ 256\.\d ms \(> 25 ms, half the 50 ms/,
    );
  });
});

describe('runPlans: variants and the working-set policy', () => {
  const gemv = (names: string[], failing: string[] = []) =>
    withFakeVariants(fakePlan('gemv', 'gemv', 4 * MiB, 2 * MiB), names, failing);

  it('verifies and times every variant, measures the fastest verified one and records them all', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      gemv: {
        secondsPerDispatch: 0.001,
        variantSeconds: { rows4: 0.0004, wg256: 0.0002 },
        brokenVariants: ['tiled'],
      },
    });
    const plan = gemv(['rows1', 'rows4', 'wg256', 'tiled'], ['wg256']);
    const doc = await runPlans(session, [plan], { profile: 'quick' }, clock);
    const [m] = doc.measurements;
    expect(doc.tuned).toBe(true);
    expect(m!.variant).toBe('rows4');
    expect(m!.secondsPerDispatch!.median).toBeCloseTo(0.0004, 6);
    expect(m!.variantTrials.map((t) => [t.name, t.verified, t.secondsPerDispatch])).toEqual([
      ['rows1', true, expect.closeTo(0.001, 6)],
      ['rows4', true, expect.closeTo(0.0004, 6)],
      ['wg256', false, null],
      ['tiled', false, null],
    ]);
    expect(m!.variantTrials[2]!.error).toBe('verification failed: wg256: element 0 is 1, expected 2');
    expect(m!.variantTrials[3]!.error).toMatch(/pipeline creation failed: line 3:1 bad variant/);
    expect(m!.variantTrials[1]!.bytesPerSecond! / ((4 * MiB) / 0.0004)).toBeCloseTo(1, 4);
    expect(session.destroyedRuns).toBe(1);
  });

  it('a case none of whose variants verifies fails with the first failure and is never measured', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, { gemv: { secondsPerDispatch: 0.001 } });
    const doc = await runPlans(session, [gemv(['a', 'b'], ['a', 'b'])], { profile: 'quick' }, clock);
    const [m] = doc.measurements;
    expect(m).toMatchObject({ verified: false, variant: null, secondsPerDispatch: null });
    expect(m!.error).toBe('verification failed: a: element 0 is 1, expected 2');
    expect(m!.variantTrials.map((t) => t.name)).toEqual(['a', 'b']);
  });

  it('tune: false measures the first variant only, timing nothing else', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      gemv: { secondsPerDispatch: 0.001, variantSeconds: { fast: 1e-5 } },
    });
    const doc = await runPlans(session, [gemv(['first', 'fast'])], { profile: 'quick', tune: false }, clock);
    expect(doc.tuned).toBe(false);
    expect(doc.measurements[0]).toMatchObject({ variant: 'first', variantTrials: [] });
  });

  it('a cache-resident stream never sets the memory roof, but still bounds a later case from below', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      'stream-read f32 n=4M': { secondsPerDispatch: 0.001 },
      'gemv f32 4G': { secondsPerDispatch: 0.001 },
      'gemv f32 smaller': { secondsPerDispatch: 0.001 },
    });
    const read = { ...fakePlan('stream-read', 'stream-read f32 n=4M', 16 * MiB, 0), cacheResident: true };
    const big = fakePlan('gemv', 'gemv f32 4G', 4096 * MiB, 2 * MiB);
    const smaller = fakePlan('gemv', 'gemv f32 smaller', 16 * MiB, 8 * MiB);
    const doc = await runPlans(
      session,
      [read, big],
      { profile: 'quick', shrink: (plan) => (plan === big ? smaller : null) },
      clock,
    );
    expect(doc.roofs.memory).toBeNull();
    expect(doc.measurements[0]!.cacheResident).toBe(true);
    expect(doc.measurements[1]!.label).toBe('gemv f32 smaller');
    expect(doc.measurements[1]!.warnings[0]).toMatch(
      /^shrunk from gemv f32 4G: this run's roofs put one dispatch at/,
    );
  });
});
