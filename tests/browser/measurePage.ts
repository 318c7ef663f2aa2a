// Helpers for the measurement page's browser tests (measure.test.ts, measureFaults.test.ts): open the page
// and wait for it, read the documents on the chart, wait for a run to end, read the plotted points.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { MeasurementDocument } from '../../src/measure/document.ts';
import { sampleDocument } from '../unit/charts/sampleDocument.ts';
import { type BrowserEnv, screenshotDir } from './support.ts';

export const RUN_TIMEOUT_MS = 120_000;

/** Opens the page (default: SwiftShader WebGPU), records requests outside the server, waits for ready. */
export async function openMeasure(
  env: BrowserEnv,
  mode: Parameters<BrowserEnv['open']>[1] = 'swiftshader',
  path = 'index.html',
  initScripts: readonly string[] = [],
) {
  const session = await env.open(path, mode, initScripts);
  const outside: string[] = [];
  session.page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(env.server.baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:'))
      outside.push(url);
  });
  await session.page.waitForSelector('#measure[data-ready="true"]', { timeout: 30_000 });
  return { ...session, outside };
}

/** The documents on the chart, this browser's run first (the page's 'ridgeline:measurements' state). */
export async function documents(page: Page): Promise<MeasurementDocument[]> {
  return page.evaluate(
    () =>
      (window as unknown as { __ridgelineMeasurements: { documents: MeasurementDocument[] } })
        .__ridgelineMeasurements.documents,
  );
}

/** Waits for the progress bar to leave 'running'; returns its end state (done, cancelled, failed). */
export async function waitForRunEnd(page: Page): Promise<string> {
  await page.waitForFunction(
    () => {
      const state = document.querySelector('#run-progress')?.getAttribute('data-state');
      return state !== 'running' && state !== 'idle';
    },
    null,
    { timeout: RUN_TIMEOUT_MS },
  );
  return (await page.getAttribute('#run-progress', 'data-state')) ?? '';
}

/** Waits until the progress text says at least `done` cases of the run have finished. */
export async function waitForCasesDone(page: Page, done: number): Promise<void> {
  await page.waitForFunction(
    (least) => {
      const text = document.querySelector('[data-field="current-kernel"]')?.textContent ?? '';
      const match = /^(\d+) of (\d+)/.exec(text);
      // "k of n: label" names the case running now (k − 1 finished); "k of n" alone, k finished
      return match !== null && Number(match[1]) - (text.includes(':') ? 1 : 0) >= least;
    },
    done,
    { timeout: RUN_TIMEOUT_MS },
  );
}

/** [intensity, FLOP/s] of every measured point on the chart. */
export async function plottedPoints(page: Page): Promise<[number, number][]> {
  return page.$$eval('#roofline path.point.measured', (nodes) =>
    nodes.map(
      (n) =>
        [Number(n.getAttribute('data-intensity')), Number(n.getAttribute('data-flops'))] as [number, number],
    ),
  );
}

/** Screenshot of the Measure section only (the explorer below has its own). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.locator('#measure').screenshot({ path: join(screenshotDir, `${name}.png`) });
}

export function sampleFile(name = 'sample.json') {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(sampleDocument())) };
}
