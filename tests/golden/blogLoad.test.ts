// The blog's load test, simulated on its own scenario (Kimi K2.6 FP4 on 8×B200, TP8, its coding-agent
// workload): the sweep's figures as they are today (golden, within 3 %: a different float library may
// reorder two events), what the blog measured beside them ("How to Save Millions by Self-Hosting LLMs",
// Arafat Khan, 2026-06-09, §5.7–5.10), and the cliff emerging past the KV capacity (issue 19, items 4–5).
// One full sweep: ~7,200 measured requests, a second or two on a busy CI machine.
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateLoad, type LoadResult } from '../../src/model/evaluateLoad.ts';
import { defaultInputs } from '../../src/model/scenario/inputDefaults.ts';
import type { LoadPoint } from '../../src/model/serving/loadSweep.ts';

/** [streams, TTFT p50 s, ITL p50 s, per-stream tok/s, aggregate tok/s, cache hit, mean e2e s, requests] */
const GOLDEN: readonly (readonly number[])[] = [
  [1, 0.1735, 0.01106, 89.08, 86.81, 0.808, 12.16, 22],
  [2, 0.215, 0.01314, 73.55, 143.8, 0.8045, 14.7, 44],
  [4, 0.242, 0.01739, 55.35, 215.6, 0.8239, 19.43, 87],
  [8, 0.2319, 0.0254, 37.18, 293.4, 0.8326, 28.7, 175],
  [16, 0.2105, 0.04141, 22.74, 359.5, 0.8375, 46.71, 349],
  [32, 0.2372, 0.0729, 13.06, 414.8, 0.8409, 81.09, 698],
  [35, 0.3868, 0.07834, 11.81, 407, 0.7058, 91.03, 764],
  [44, 15.75, 0.07905, 9.943, 341.5, 0, 135.3, 960],
  [53, 72.91, 0.07913, 9.933, 344.4, 0, 162.5, 1156],
  [64, 98.6, 0.07929, 9.935, 343.8, 0, 196.5, 1396],
  [71, 110.1, 0.07913, 9.953, 345.1, 0, 218.2, 1549],
];

/** The blog's load test, TP8 (§5.7, §5.10): what it measured. */
const BLOG = {
  passSecondsAt16: 0.0368,
  perStreamTpsAt32: 14,
  ttftP50At16: 1.57,
  e2eAt16: 41.84,
  cacheHitStated: 0.835,
  costPerMProc: 0.42,
};

let load: LoadResult;
const at = (c: number): LoadPoint => {
  const point = load.points.find((p) => p.concurrency === c);
  if (!point) throw new Error(`no level ${c}`);
  return point;
};
const within = (value: number, expected: number, rel: number) =>
  expect(Math.abs(value - expected), `${value} against ${expected}`).toBeLessThanOrEqual(
    rel * Math.abs(expected),
  );

beforeAll(() => {
  const result = evaluateLoad(defaultInputs());
  if ('problems' in result) throw new Error(result.problems[0]);
  load = result;
});

describe("the blog's load test, simulated", () => {
  it('runs the blog’s ladder and beyond twice the KV capacity, ≥ 2,000 requests', () => {
    expect(load.points.map((p) => p.concurrency)).toEqual(GOLDEN.map((row) => row[0]));
    expect(load.workload.kvCapacityStreams).toBeGreaterThan(30);
    expect(Math.max(...load.workload.levels)).toBeGreaterThanOrEqual(2 * load.workload.kvCapacityStreams);
    expect(load.points.reduce((sum, p) => sum + p.completedRequests, 0)).toBeGreaterThanOrEqual(2000);
  });

  it('gives today’s figures at every level (golden, 3 %; cache hit within 2 points)', () => {
    for (const [c = 0, ttft = 0, itl = 0, perStream = 0, aggregate = 0, hit = 0, e2e = 0, n = 0] of GOLDEN) {
      const p = at(c);
      within(p.ttftP50Seconds, ttft, 0.03);
      within(p.itlP50Seconds, itl, 0.03);
      within(p.perStreamTps, perStream, 0.03);
      within(p.aggregateTps, aggregate, 0.03);
      within(p.e2eMeanSeconds, e2e, 0.03);
      expect(Math.abs(p.cacheHitRate - hit)).toBeLessThanOrEqual(0.02);
      expect(p.completedRequests).toBe(n);
    }
  });

  it('keeps Little’s law at every level within 2 %', () => {
    for (const p of load.points) expect(p.littleError, `c = ${p.concurrency}`).toBeLessThan(0.02);
  });

  it('lands near what the blog measured: ITL at 16 and per-stream at 32 within 1.5×, e2e within 15 %, $/M within 10 %', () => {
    within(at(16).itlP50Seconds, BLOG.passSecondsAt16, 0.5);
    within(at(32).perStreamTps, BLOG.perStreamTpsAt32, 0.5);
    // the calibrated engine profiles (issue 18) put the step at 16 streams ~12 % above the blog's pass, and
    // the request's end-to-end time with it
    within(at(16).e2eMeanSeconds, BLOG.e2eAt16, 0.15);
    expect(Math.abs(at(16).cacheHitRate - BLOG.cacheHitStated)).toBeLessThan(0.02);
    expect(load.sla.concurrency).toBe(16);
    within(load.economics?.costPerMProcUsd ?? 0, BLOG.costPerMProc, 0.1);
  });

  it('misses the blog’s TTFT at 16 by about 7.5× (recorded, not hidden: docs/validation.md says why)', () => {
    const ratio = BLOG.ttftP50At16 / at(16).ttftP50Seconds;
    expect(ratio).toBeGreaterThan(5);
    expect(ratio).toBeLessThan(10);
  });

  it('shows the cliff: past the capacity hit rate collapses, TTFT rises tenfold, aggregate stops growing', () => {
    const capacity = load.workload.kvCapacityStreams;
    const below = at(16);
    const past = load.points.filter((p) => p.concurrency >= 1.25 * capacity);
    expect(past.length).toBeGreaterThan(0);
    const peak = Math.max(...load.points.map((p) => p.aggregateTps));
    for (const p of past) {
      expect(p.cacheHitRate).toBeLessThan(below.cacheHitRate / 2);
      expect(p.ttftP50Seconds).toBeGreaterThan(10 * below.ttftP50Seconds);
      expect(p.aggregateTps).toBeLessThan(peak);
      expect(p.evictedTokens).toBeGreaterThan(0);
    }
  });
});
