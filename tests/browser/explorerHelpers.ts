// Helpers for the explorer browser tests: open the page at a scenario URL, read the figures the page
// exposes (data-figure-id / data-value, unrounded), and run `ridgeline project --json` for the same flags.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { BrowserEnv, PageSession, WebGpuMode } from './support.ts';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export interface CliProjection {
  figures: Record<string, number>;
  /** ridgeline's model at B = 1, 2, 4, …, 512: null past the streams whose KV fits */
  sweep: {
    batches: number[];
    perStreamTps: (number | null)[];
    aggregateTps: (number | null)[];
    maxUsers: number;
  };
  economics: { fleetByTier: { sizingTier: string; selfHostCostPerMonthUsd: number }[] };
  projection: { fits: boolean; decode: { batch: number; perStreamTps: number | null }[] };
  inputs: { scenario: { batch: number; kvContextTokens: number; fleetSizingTier: string } };
}

/** `ridgeline project --json` with the flags that correspond to a query string (same names). */
export function cliProject(query: string): CliProjection {
  const args: string[] = [];
  for (const [name, value] of new URLSearchParams(query)) {
    if (name.startsWith('set.')) args.push('--set', `${name.slice(4)}=${value}`);
    else args.push(`--${name}`, value);
  }
  const run = spawnSync(process.execPath, ['bin/ridgeline.mjs', 'project', '--json', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`ridgeline project ${args.join(' ')} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as CliProjection;
}

export async function openExplorer(
  env: BrowserEnv,
  query: string,
  mode: WebGpuMode = 'swiftshader',
): Promise<PageSession> {
  const session = await env.open(`index.html${query ? `?${query}` : ''}`, mode);
  // attached, not visible: while the deck is open (#present=…) the page under it has no box
  await session.page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  return session;
}

export async function pageFigures(page: Page): Promise<Record<string, number>> {
  return page.$$eval('#explorer [data-figure-id][data-value]', (elements) =>
    Object.fromEntries(
      elements.map((el) => [el.getAttribute('data-figure-id') ?? '', Number(el.getAttribute('data-value'))]),
    ),
  );
}

/**
 * [batch, perStream, aggregate] rows of the batching chart as drawn (data-series on its <svg>): ridgeline's
 * model at B = 1 … the streams whose KV fits.
 */
export async function batchingSeries(page: Page): Promise<[number, number, number][]> {
  const text = await page.getAttribute('[data-chart="batching"] svg.chart', 'data-series');
  return JSON.parse(text ?? '[]') as [number, number, number][];
}

/** Same double arithmetic in Node and Chromium: equal up to the last bits of a transcendental. */
export function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}
