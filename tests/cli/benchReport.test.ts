import { describe, expect, it } from 'vitest';
import { runPlans } from '../../src/bench/runPlans.ts';
import { formatBenchReport } from '../../src/cli/benchReport.ts';
import { FakeClock, FakeSession, fakePlan } from '../unit/measure/fakeGpu.ts';

async function report(): Promise<string> {
  const clock = new FakeClock();
  const session = new FakeSession(clock, {
    'stream-read': { secondsPerDispatch: 0.001, jitter: 0.001 },
    'fma-peak': { secondsPerDispatch: 0.01, jitter: 0.001 },
    gemv: { secondsPerDispatch: 0.0005, jitter: 0.2 },
    bad: { secondsPerDispatch: 0.001 },
  });
  const plans = [
    fakePlan('stream-read', 'stream-read', 100e6, 0),
    fakePlan('fma-peak', 'fma-peak', 0, 1e9),
    fakePlan('gemv', 'gemv', 20e6, 10e6),
    fakePlan('gemm', 'bad', 1e6, 1e9, false),
  ];
  const doc = await runPlans(
    session,
    plans,
    { profile: 'quick', runtime: 'test runtime', skipped: ['gemm f16 needs shader-f16'] },
    clock,
  );
  return formatBenchReport(doc);
}

describe('formatBenchReport', () => {
  it('prints the device block, warnings, one row per case, roofs, ridge and B200 ratios', async () => {
    const text = await report();
    expect(text).toMatch(/^ridgeline bench · quick profile · budget 10 s · took [\d.]+ s$/m);
    expect(text).toContain('  adapter   a scripted GPU (vendor fake, architecture test)');
    expect(text).toContain('  runtime   test runtime');
    expect(text).toContain('  ! bad: FAILED: verification failed: element 2: got 5, want 2');
    expect(text).toMatch(/ {2}! gemv: noisy: CV \d+\.\d % > 3 %/);
    expect(text).toContain('  ! skipped: gemm f16 needs shader-f16');
    // 100 MB per 1 ms = 100 GB/s; 1 GFLOP per 10 ms = 100 GFLOP/s; GEMV 20 MB per 0.5 ms = 40 GB/s, AI 0.5,
    // 40 % of the memory roof. (The fake's jitter cycles −, 0, + so medians are the nominal times.)
    const row = (kernel: string) =>
      text
        .split('\n')
        .map((line) => line.split('|').map((cell) => cell.trim()))
        .find((cells) => cells.length > 1 && cells[0] === kernel);
    expect(row('kernel')).toEqual([
      'kernel',
      'shape',
      'samples',
      'median',
      'noise',
      'GB/s',
      'GFLOP/s',
      'AI',
      '% of roof',
      'verified',
      'working set',
      'variant',
    ]);
    expect(row('stream-read f32')).toEqual([
      'stream-read f32',
      'n=4',
      '3×24',
      '1.00 ms',
      '0.10 %',
      '100',
      '0',
      '0',
      '100.0 %',
      'yes',
      '100 MB',
      'only',
    ]);
    expect(row('gemv f32')?.slice(3)).toEqual([
      '500 µs',
      '17.9 %',
      '40.00',
      '20.00',
      '0.500',
      '40.0 %',
      'yes',
      '20.0 MB',
      'only',
    ]);
    expect(row('gemm f32')).toEqual([
      'gemm f32',
      'n=4',
      '-',
      '-',
      '-',
      '-',
      '-',
      '1000',
      '-',
      'FAILED',
      '1.00 MB',
      '-',
    ]);
    expect(text).toContain(
      '  cache     bandwidth working sets sized for a 268 MB last-level cache (4 × that)',
    );
    expect(text).toContain(
      '#   median; the first declared kept unless the other wins by more than 3 %)\n  every case had one variant',
    );
    expect(text).toContain('  memory roof   100 GB/s  (stream-read)');
    expect(text).toContain('  compute roof  f32: 100 GFLOP/s  (fma-peak)');
    expect(text).toContain('  ridge point   f32: 1.00 FLOP/byte');
    expect(text).toContain('  bandwidth            1/80 (1.2 %) of B200 HBM3e');
    expect(text).toContain('  f32 vs B200 FP32     1/900 (0.11 %) of 90.0 TFLOP/s (same precision)');
    expect(text).toContain('  f32 vs B200 FP4      1/100,000 (0.0010 %) of 10.0 PFLOP/s');
    expect(text).toContain('  ridge point          B200 FP4 1,250 FLOP/byte; this device f32 1.00 FLOP/byte');
  });

  it('lists each variant the tuning tried, the kept one marked, and marks cache-resident working sets', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      read: { secondsPerDispatch: 0.001, variantSeconds: { wide: 0.0005 } },
    });
    const base = fakePlan('stream-read', 'read', 1e6, 0);
    const variant = (name: string, ok: boolean) => ({
      ...base.variants[0]!,
      name,
      verify: () => ({ ok, maxError: 0, checked: 1, message: ok ? 'ok' : 'element 0 is 1, expected 2' }),
    });
    const plan = {
      ...base,
      cacheResident: true,
      workingSetBytes: 4096,
      variant: 'narrow',
      variants: [variant('narrow', true), variant('wide', true), variant('broken', false)],
    };
    const doc = await runPlans(session, [plan], { profile: 'quick' }, clock);
    const text = formatBenchReport(doc);
    expect(text).toMatch(
      / {2}read: narrow 1\.00 ms ×2, re-timed 1\.00 ms · wide 500 µs ×4, re-timed 500 µs \(kept\) · broken FAILED \(verification failed: element 0 is 1, expected 2\)/,
    );
    expect(text).toMatch(/\| 4\.10 kB cache \| +wide$/m);
    expect(text).toContain('  memory roof   not measured: the streams were cache-resident');
    expect(text).toContain(
      '  ! read: cache-resident: working set 4.10 kB is too small against the 268 MB last-level cache',
    );
    const untuned = await runPlans(session, [plan], { profile: 'quick', tune: false }, clock);
    expect(formatBenchReport(untuned)).toContain("  not tuned: each case's first variant was measured");
    expect(untuned.measurements[0]!.variant).toBe('narrow');
  });

  it('gives every rate raw and corrected for the dispatch overhead measured on the device, and the resolution', async () => {
    const clock = new FakeClock();
    const session = new FakeSession(clock, {
      overhead: { secondsPerDispatch: 4e-6 },
      gemv: { secondsPerDispatch: 1e-4 },
      tiny: { secondsPerDispatch: 6e-6 },
    });
    const plans = [
      fakePlan('dispatch-overhead', 'overhead', 0, 0),
      fakePlan('gemv', 'gemv', 64e6, 32e6),
      fakePlan('gemv', 'tiny', 1e6, 5e5),
    ];
    const doc = await runPlans(session, plans, { profile: 'quick' }, clock);
    const text = formatBenchReport(doc);
    expect(text).toContain('  timing    timestamp-query (resolution obtained 1.00 ns)');
    expect(text).toContain(
      '# Dispatch overhead 4.00 µs a dispatch (the dispatch-overhead case): rates raw | corrected',
    );
    // 64 MB in 100 µs = 640 GB/s raw; in 96 µs = 667 GB/s
    expect(text).toContain('  gemv: 640 GB/s | 667 GB/s (overhead 4.0 % of 100 µs)');
    expect(text).toContain('  tiny: 167 GB/s | withheld: the overhead is over 50.0 % of 6.00 µs');
  });
});
