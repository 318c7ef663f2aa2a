// The measurement page when a run goes wrong, in headless Chromium on SwiftShader WebGPU, through the page's
// fault-injection test hook (`?fault=…`, src/bench/faults.ts): the device lost under the runner, and the
// bench worker dying mid-run. Either way the page says what happened, the finished cases stay on the chart
// and in the table, earlier results (an imported run) are kept, and Run works again.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WORKER_CRASH_MESSAGE } from '../../src/bench/faults.ts';
import { isValidMeasurement, type MeasurementDocument } from '../../src/measure/document.ts';
import {
  documents,
  openMeasure,
  plottedPoints,
  RUN_TIMEOUT_MS,
  sampleFile,
  shot,
  waitForCasesDone,
  waitForRunEnd,
} from './measurePage.ts';
import { type BrowserEnv, browserEnvPerSuite } from './support.ts';

/** Opens the page with a fault armed and imports the sample document (the earlier result to keep). */
async function openWithEarlierResult(env: BrowserEnv, fault: string) {
  const session = await openMeasure(env, 'swiftshader', `index.html?fault=${fault}`);
  const { page } = session;
  await expect(page.textContent('[data-topic="fault"]')).resolves.toContain(`fault “${fault}”`);
  // the explorer reads the same query string: `fault` is not a scenario parameter, and not an unknown one
  await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  await expect(page.textContent('#explorer')).resolves.not.toContain('Unknown parameter');
  await page.setInputFiles('#import-file', sampleFile());
  await page.waitForSelector('details[data-run="run-1"]');
  expect(await plottedPoints(page)).toHaveLength(6);
  return session;
}

/** This browser's run, the imported one kept beside it. */
async function localAndImported(page: Page): Promise<[MeasurementDocument, MeasurementDocument]> {
  const docs = await documents(page);
  expect(docs).toHaveLength(2);
  const local = await page.getAttribute('.legend li[data-origin="this-browser"]', 'data-run');
  expect(local).toBe('run-2');
  return [docs[0]!, docs[1]!];
}

/** The kept cases are on screen: one table row each, the stream marked cache-resident, the imported run's points. */
async function expectKeptOnScreen(page: Page, kept: MeasurementDocument, status: string): Promise<void> {
  expect(await page.$$('details[data-run="run-2"] tbody tr[data-kernel]')).toHaveLength(
    kept.measurements.length,
  );
  expect(await page.$$('details[data-run="run-1"] tbody tr[data-kernel]')).not.toHaveLength(0);
  // the first quick case is stream-read: cache-resident (quick shapes fit any cache), so no memory roof, and
  // its row says so
  expect(kept.measurements[0]?.cacheResident).toBe(true);
  expect(kept.roofs.memory).toBeNull();
  await expect(
    page.textContent(
      'details[data-run="run-2"] tr[data-kernel="stream-read"] [data-field="bytes-per-second"]',
    ),
  ).resolves.toMatch(/\(cache\)$/);
  expect((await plottedPoints(page)).length).toBeGreaterThanOrEqual(6);
  await expect(page.textContent('.legend li[data-origin="this-browser"]')).resolves.toContain(`(${status})`);
  // the run that just arrived is the one Export acts on, not the earlier import
  expect(await page.inputValue('select[name="export-run"]')).toBe('run-2');
}

/** A second Run on the same page: the (fresh) worker measures again; cancelled after its first case. */
async function expectRunWorksAgain(page: Page): Promise<void> {
  await page.click('#run-button');
  await waitForCasesDone(page, 1);
  await page.click('#cancel-button');
  expect(await waitForRunEnd(page)).toBe('cancelled');
  const [again] = await documents(page);
  expect(again?.status).toBe('cancelled');
  expect(again!.measurements.length).toBeGreaterThanOrEqual(1);
  expect(again!.measurements.every(isValidMeasurement)).toBe(true);
  // the imported run is still there
  expect(await page.$$('details[data-run="run-1"] tbody tr[data-kernel]')).not.toHaveLength(0);
}

describe('measurement page: faults mid-run (test hook ?fault=)', () => {
  const env = browserEnvPerSuite();

  it(
    'device loss after the first case: the notice names it, the finished case and the imported run stay, Run works again',
    async () => {
      const { page, errors } = await openWithEarlierResult(env(), 'device-loss');
      await page.click('#run-button');
      expect(await waitForRunEnd(page)).toBe('failed');

      const [local, imported] = await localAndImported(page);
      expect(local.status).toBe('device-lost');
      expect(local.statusReason).toMatch(/^device lost \(destroyed\)/);
      expect(local.measurements.map((m) => m.kernel)).toEqual(['stream-read']);
      expect(local.measurements.every(isValidMeasurement)).toBe(true);
      expect(imported.status).toBe('complete');
      await expect(page.textContent('[data-topic="run"][data-kind="error"]')).resolves.toMatch(
        /^The GPU device was lost \(device lost \(destroyed\).*\); the 1 case measured before that is kept\./,
      );
      await expectKeptOnScreen(page, local, 'device-lost');
      await shot(page, 'measure-device-lost');

      await expectRunWorksAgain(page);
      expect(errors).toEqual([]);
    },
    2 * RUN_TIMEOUT_MS,
  );

  it(
    'worker crash after the first case: the notice says the run failed and how many cases are kept; they stay, Run works again',
    async () => {
      const { page, errors } = await openWithEarlierResult(env(), 'worker-crash');
      await page.click('#run-button');
      expect(await waitForRunEnd(page)).toBe('failed');

      const [local, imported] = await localAndImported(page);
      expect(local.status).toBe('failed');
      expect(local.statusReason).toContain(WORKER_CRASH_MESSAGE);
      expect(local.statusReason).toMatch(/^the benchmark worker failed: /);
      expect(local.measurements.map((m) => m.kernel)).toEqual(['stream-read']);
      expect(imported.status).toBe('complete');
      await expect(page.textContent('[data-topic="run"][data-kind="error"]')).resolves.toMatch(
        /^The run failed \(the benchmark worker failed: .*injected worker crash.*\); the 1 case measured before that is kept\./,
      );
      await expect(page.textContent('[data-field="current-kernel"]')).resolves.toBe(
        'Stopped (failed) after 1 case.',
      );
      await expectKeptOnScreen(page, local, 'failed');
      await shot(page, 'measure-worker-crash');

      await expectRunWorksAgain(page);
      // the client handles the worker's error event (preventDefault), so nothing reaches the console
      expect(errors).toEqual([]);
    },
    2 * RUN_TIMEOUT_MS,
  );

  it(
    'a worker that dies silently after the first case (it closes itself: no error event) is caught by its heartbeat: the run ends as failed with the case kept; Cancel in the first second of the next run keeps it',
    async () => {
      const { page, errors } = await openWithEarlierResult(env(), 'worker-silent');
      await page.click('#run-button');
      expect(await waitForRunEnd(page)).toBe('failed');

      const [local, imported] = await localAndImported(page);
      expect(local.status).toBe('failed');
      expect(local.statusReason).toMatch(
        /^the benchmark worker stopped answering \(no sign of life for \d+ s\)$/,
      );
      expect(local.measurements.map((m) => m.kernel)).toEqual(['stream-read']);
      expect(imported.status).toBe('complete');
      await expect(page.textContent('[data-topic="run"][data-kind="error"]')).resolves.toMatch(
        /^The run failed \(the benchmark worker stopped answering .*\); the 1 case measured before that is kept\./,
      );
      await expectKeptOnScreen(page, local, 'failed');

      // Run, then Cancel at once: nothing finishes, and the run above is not replaced by an empty one
      await page.click('#run-button');
      await page.click('#cancel-button');
      expect(await waitForRunEnd(page)).toBe('cancelled');
      const after = await documents(page);
      expect(after).toHaveLength(2);
      expect(after[0]).toEqual(local);
      await expect(page.textContent('[data-topic="run"]')).resolves.toMatch(
        /^The run was cancelled before any case finished: nothing new to show, earlier results are kept\.$/,
      );
      expect(await page.$$('details[data-run="run-2"] tbody tr[data-kernel]')).toHaveLength(1);
      expect(errors).toEqual([]);
    },
    2 * RUN_TIMEOUT_MS,
  );

  it(
    'a wrong result (first verification readback corrupted): the case is reported as failed, never plotted, and the run goes on',
    async () => {
      const { page, errors } = await openWithEarlierResult(env(), 'wrong-result');
      await page.click('#run-button');
      expect(await waitForRunEnd(page)).toBe('done');

      const [local, imported] = await localAndImported(page);
      expect(local.status).toBe('complete');
      const [failed, ...rest] = local.measurements;
      expect(failed?.kernel).toBe('stream-read');
      expect(failed?.verified).toBe(false);
      expect(failed?.error).toMatch(/^verification failed: /);
      expect(failed?.bytesPerSecond).toBeNull();
      // every other case ran, verified, and no roof comes from the failed case
      expect(rest.length).toBeGreaterThan(0);
      expect(rest.every((m) => m.verified)).toBe(true);
      expect(local.roofs.memory).toBeNull();
      expect(imported.status).toBe('complete');
      await expect(page.textContent('[data-topic="run"]')).resolves.toMatch(
        /1 case failed and is not plotted: stream-read .*\(verification failed: /,
      );
      const row = page.locator('details[data-run="run-2"] tbody tr[data-kernel]', { hasText: 'stream-read' });
      await expect(row.textContent()).resolves.toMatch(/verification failed|no/);
      expect(await page.$$('details[data-run="run-1"] tbody tr[data-kernel]')).not.toHaveLength(0);
      await shot(page, 'measure-wrong-result');
      expect(errors).toEqual([]);
    },
    2 * RUN_TIMEOUT_MS,
  );
});
