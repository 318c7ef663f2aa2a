// The batching chapter under load (issue 19, items 6, 7 and 9): the serving simulation runs in a worker
// while the page stays live (its progress is read from the page, level after level, while it runs), the
// blog's four load-test curves are drawn from the same engine the CLI's --load prints, with the blog's
// measurements as points, and a workload input the CLI would refuse shows the CLI's message beside it.
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openExplorer, repoRoot } from './explorerHelpers.ts';
import { browserEnvPerSuite } from './support.ts';

interface LoadSnapshot {
  kind: string;
  done: number | null;
  total: number | null;
}

async function loadState(page: Page): Promise<LoadSnapshot> {
  return page.evaluate(() => {
    const state = window.__ridgelineExplorer?.load();
    const progress = state && state.kind === 'running' ? state.progress : null;
    return { kind: state?.kind ?? 'none', done: progress?.done ?? null, total: progress?.total ?? null };
  });
}

/** Polls the page until the simulation is done; every state seen on the way. */
async function untilDone(page: Page, timeoutMs = 120_000): Promise<LoadSnapshot[]> {
  const seen: LoadSnapshot[] = [];
  const end = Date.now() + timeoutMs;
  for (;;) {
    const state = await loadState(page);
    seen.push(state);
    if (state.kind === 'done' || state.kind === 'problems' || state.kind === 'failed') return seen;
    if (Date.now() > end) throw new Error(`the load simulation did not finish: ${JSON.stringify(state)}`);
    await page.waitForTimeout(15);
  }
}

async function series(page: Page, chart: string): Promise<[number, number][]> {
  const text = await page.getAttribute(`[data-chart="${chart}"] svg.chart`, 'data-series');
  return JSON.parse(text ?? '[]') as [number, number][];
}

function cliLoad(args: readonly string[]) {
  const run = spawnSync(process.execPath, ['bin/ridgeline.mjs', 'project', '--json', '--load', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`ridgeline project --load failed: ${run.stderr}`);
  return JSON.parse(run.stdout).projection.load as {
    points: {
      concurrency: number;
      aggregateTps: number;
      perStreamTps: number;
      ttftP50Seconds: number;
      cacheHitRate: number;
    }[];
  };
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

describe('the batching chapter under load', () => {
  const env = browserEnvPerSuite();

  it('simulates in a worker with progress, then draws the four curves the CLI prints, blog points beside', async () => {
    const { page, errors } = await openExplorer(env(), '');
    const seen = await untilDone(page);
    expect(seen.at(-1)?.kind).toBe('done');
    // the worker reported its progress unit after unit (a level, the fleet, the published TTFTs)
    const progress = await page.evaluate(() => [...(window.__ridgelineExplorer?.loadProgress() ?? [])]);
    const total = await page.evaluate(() => {
      const state = window.__ridgelineExplorer?.load();
      return state?.kind === 'done' ? state.result.workload.levels.length : 0;
    });
    expect(new Set(progress).size).toBeGreaterThan(total);
    expect(Math.max(...progress)).toBeGreaterThan(total);
    expect(await page.getAttribute('[data-role="load-panel"]', 'data-load-state')).toBe('done');
    expect(await page.locator('[data-role="load-status"]').textContent()).toMatch(
      /requests simulated over \d+ levels; SLA pick: 16 streams/,
    );
    const cli = cliLoad([]);
    const levels = cli.points.map((p) => p.concurrency);
    for (const [chart, pick] of [
      ['load-aggregate', (p: (typeof cli.points)[number]) => p.aggregateTps],
      ['load-per-stream', (p: (typeof cli.points)[number]) => p.perStreamTps],
      ['load-ttft', (p: (typeof cli.points)[number]) => p.ttftP50Seconds],
      ['load-cache', (p: (typeof cli.points)[number]) => p.cacheHitRate],
    ] as const) {
      const drawn = await series(page, chart);
      expect(
        drawn.map(([c]) => c),
        chart,
      ).toEqual(levels);
      drawn.forEach(([, value], i) => {
        const expected = pick(cli.points[i] as (typeof cli.points)[number]);
        expect(near(value, expected), `${chart} at c = ${levels[i]}: page ${value}, CLI ${expected}`).toBe(
          true,
        );
      });
      // the blog's load-test measurements as points on every curve
      expect(
        await page.locator(`[data-chart="${chart}"] .observed-point.series-blog`).count(),
      ).toBeGreaterThan(0);
    }
    // the napkin's TTFT (F48) beside the simulation, and the table of levels
    expect(await page.locator('[data-chart="load-ttft"] path.curve-napkin').count()).toBe(1);
    expect(await page.locator('[data-role="load-levels"] tbody tr').count()).toBe(levels.length);
    expect(await page.locator('[data-role="load-fleet"] tbody tr').count()).toBe(3);
    expect(await page.locator('[data-role="load-table"] .load-sla').first().textContent()).toMatch(
      /16 streams.*per M processed tokens.*The blog’s napkin/,
    );
    // the comparison's TTFT measured under load: the worker re-ran the blog's load test (off the main thread)
    expect(
      await page.locator('.reality tr[data-measurement="blog-kimi-tp8-c16-ttft"] td.model').textContent(),
    ).toMatch(/^\d+(\.\d+)? ms$/);
    expect(errors).toEqual([]);
  }, 240_000);

  it('refuses a workload input as the CLI does, beside it, and re-simulates a new one (URL state)', async () => {
    const { page, errors } = await openExplorer(env(), 'set.workload.requests=600');
    await untilDone(page);
    const output = page.locator('[data-load-flag="output-tokens"]');
    await output.fill('0');
    await output.dispatchEvent('change');
    expect(await page.locator('[data-load-problem="output-tokens"]').textContent()).toMatch(
      /^--output-tokens '0': expected an integer from 1 to/,
    );
    expect(await output.getAttribute('aria-invalid')).toBe('true');
    // a prompt longer than the context window: the CLI's line, beside the input that made it so
    const fresh = page.locator('[data-load-flag="fresh-tokens"]');
    await fresh.fill('300000');
    await fresh.dispatchEvent('change');
    await page.waitForFunction(() => window.__ridgelineExplorer?.load().kind === 'idle');
    expect(await page.locator('[data-load-problem="fresh-tokens"]').textContent()).toMatch(
      /^--fresh-tokens 300000: inconsistent inputs: workload\.cachedTokens\.median \+ workload\.freshTokens\.median \+ workload\.outputTokens\.median \(372056 tokens\) must be <= model\.contextWindowTokens \(256000\)/,
    );
    expect(await page.locator('[data-role="load-status"]').textContent()).toMatch(
      /^The workload cannot run: inconsistent inputs/,
    );
    await fresh.fill('9400');
    await fresh.dispatchEvent('change');
    const streams = page.locator('[data-load-flag="concurrency"]');
    await streams.fill('12');
    await streams.dispatchEvent('change');
    const seen = await untilDone(page);
    expect(seen.at(-1)?.kind).toBe('done');
    expect((await series(page, 'load-aggregate')).map(([c]) => c)).toContain(12);
    await page.waitForFunction(() => location.search.includes('set.workload.concurrency=12'));
    expect(errors).toEqual([]);
  }, 240_000);
});
