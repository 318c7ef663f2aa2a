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

/** A document whose four cases all carry the same two warnings. */
async function warned() {
  const clock = new FakeClock();
  const names = ['a', 'b', 'c', 'd'];
  const session = new FakeSession(
    clock,
    Object.fromEntries(names.map((n) => [n, { secondsPerDispatch: 0.0005, jitter: 0.3 }])),
  );
  const plans = names.map((n) => ({ ...fakePlan('stream-read', n, 1e6, 0), cacheResident: true }));
  return runPlans(session, plans, { profile: 'quick' }, clock);
}

describe('formatBenchReport', () => {
  it('folds the warnings to one line per kind naming the cases; --verbose prints each in full', async () => {
    const doc = await warned();
    const folded = formatBenchReport(doc);
    expect(folded).toMatch(/^ {2}! cache-resident: 4 cases \(#1, #2, #3, #4\)$/m);
    expect(folded).toMatch(/^# Warnings \(one line per kind; --verbose: each case in full/m);
    const verbose = formatBenchReport(doc, { verbose: true });
    for (const n of ['#1 a', '#2 b', '#3 c', '#4 d'])
      expect(verbose).toContain(`  ! ${n}: cache-resident: working set`);
    expect(verbose).not.toContain('4 cases');
  });

  it('prints the device block, two tables (rates; how each was taken) within 100 columns, warnings folded, roofs, ridge and B200 ratios', async () => {
    // 100 MB per 1 ms = 100 GB/s; 1 GFLOP per 10 ms = 100 GFLOP/s; GEMV 20 MB per 0.5 ms = 40 GB/s, AI 0.5,
    // 40 % of the memory roof. (The fake's jitter cycles −, 0, + so medians are the nominal times.)
    const text = await report();
    // a table's rows, from its header (the one whose third column is `third`) to its last row
    const rows = (third: string) => {
      const lines = text.split('\n');
      const start = lines.findIndex((line) => line.split('|')[2]?.trim() === third);
      const out: string[][] = [];
      for (const line of lines.slice(start)) {
        if (!line.includes('|')) break;
        if (!/^-+\|/.test(line)) out.push(line.split('|').map((cell) => cell.trim()));
      }
      return out;
    };
    const rates = rows('median');
    expect(rates[0]).toEqual([
      '#',
      'kernel',
      'median',
      'noise',
      'GB/s',
      'GFLOP/s',
      'AI',
      '% of roof',
      'verified',
    ]);
    expect(rates[1]).toEqual(['#1', 'stream-read f32', '1 ms', '0.1 %', '100', '0', '0', '100 %', 'yes']);
    expect(rates[3]).toEqual(['#3', 'gemv f32', '500 µs', '17.9 %', '40', '20', '0.5', '40 %', 'yes']);
    expect(rates[4]).toEqual(['#4', 'gemm f32', '-', '-', '-', '-', '1,000', '-', 'FAILED']);
    const method = rows('shape');
    expect(method[0]).toEqual(['#', 'kernel', 'shape', 'samples', 'working set']);
    expect(method[1]).toEqual(['#1', 'stream-read f32', 'n=4', '3×24', '100 MB']);
    expect(method[4]).toEqual(['#4', 'gemm f32', 'n=4', '-', '1 MB']);
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    // a failure in full; one case's warning in full; skipped cases grouped by what they need
    expect(text).toContain('  ! #4 bad: FAILED: verification failed: element 2: got 5, want 2');
    expect(text).toMatch(/ {2}! #3 gemv: noisy: CV \d+\.\d % > 3 %/);
    expect(text).toContain('  ! skipped (needs shader-f16): gemm f16');
    // the tables come before the warnings (issue 21: 36 warning lines came first)
    expect(text.indexOf('# Measurements')).toBeLessThan(text.indexOf('# Warnings'));
    expect(text).toContain(
      '  cache     bandwidth working sets sized for a 268 MB last-level cache (4 × that)',
    );
    expect(text).toContain(
      '#   side, median; the first declared kept unless the other wins by more than 3 %)\n  every case had one variant',
    );
    expect(text).toContain('  memory roof   100 GB/s  (stream-read)');
    expect(text).toContain('  compute roof  f32: 100 GFLOP/s  (fma-peak)');
    expect(text).toContain('  ridge point   f32: 1 FLOP/B');
    expect(text).toContain('  bandwidth            1/80 (1.25 %) of B200 HBM3e');
    expect(text).toContain('  f32 vs B200 FP32     1/900 (0.111 %) of 90 TFLOP/s (same precision)');
    expect(text).toContain('  f32 vs B200 FP4      1/100,000 (0.001 %) of 10 PFLOP/s');
    expect(text).toContain('  ridge point          B200 FP4 1,250 FLOP/B; this device f32 1 FLOP/B');
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
    expect(text.replace(/\n {6}/g, ' ')).toMatch(
      / {2}#1 read: narrow 1 ms ×2, re-timed 1 ms · wide 500 µs ×4, re-timed 500 µs \(kept\) · broken FAILED \(verification failed: element 0 is 1, expected 2\)/,
    );
    expect(text).toMatch(/\| 4\.096 kB cache$/m);
    expect(text).toContain('  memory roof   not measured: the streams were cache-resident');
    expect(text).toContain(
      '  ! #1 read: cache-resident: working set 4.096 kB is too small against the 268 MB last-level cache',
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
    expect(text).toContain('  timing    timestamp-query (resolution obtained 1 ns)');
    expect(text).toContain(
      '# Dispatch overhead 4 µs a dispatch (the dispatch-overhead case): rates raw | corrected',
    );
    // 64 MB in 100 µs = 640 GB/s raw; in 96 µs = 667 GB/s
    expect(text).toContain('  gemv: 640 GB/s | 667 GB/s (overhead 4 % of 100 µs)');
    expect(text).toContain('  tiny: 167 GB/s | withheld: the overhead is over 50 % of 6 µs');
  });
});
