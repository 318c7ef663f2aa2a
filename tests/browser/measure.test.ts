import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importDocument, isValidMeasurement } from '../../src/measure/document.ts';
import { sampleDocument } from '../unit/charts/sampleDocument.ts';
import {
  documents,
  openMeasure,
  plottedPoints,
  RUN_TIMEOUT_MS,
  sampleFile,
  shot,
  waitForRunEnd,
} from './measurePage.ts';
import { serveFolder } from './pageServer.ts';
import { browserEnvPerSuite, cspViolations, screenshotDir } from './support.ts';

// The measurement page in headless Chromium on SwiftShader WebGPU: a real quick run in the worker, export
// and re-import, cancel, bad imports, and the page without WebGPU.

/** Each table row's rates, per run, as the page shows them (unrounded data-value). */
async function tableFigures(page: Page, runId: string): Promise<string[]> {
  return page.$$eval(`details[data-run="${runId}"] tbody tr[data-kernel]`, (rows) =>
    rows.map((row) =>
      [...row.querySelectorAll('[data-field="bytes-per-second"], [data-field="flops-per-second"]')]
        .map((cell) => cell.getAttribute('data-value'))
        .join('|'),
    ),
  );
}

describe('measurement page', () => {
  const env = browserEnvPerSuite();

  it(
    'Run (quick): every kernel verified, finite points on the chart, progress at the end; export → import gives the same figures',
    async () => {
      const { page, errors, outside } = await openMeasure(env());
      await expect(page.textContent('#device-panel [data-field="architecture"]')).resolves.toBe(
        'swiftshader',
      );
      expect(await page.isVisible('[data-notice="fallback-adapter"]')).toBe(true);
      expect(await page.isChecked('input[name="profile"][value="quick"]')).toBe(true);

      await page.click('#run-button');
      expect(await page.isEnabled('#cancel-button')).toBe(true);
      // how long the quick run takes is bench:page's to print; the test only waits for it to end
      expect(await waitForRunEnd(page)).toBe('done');

      const progress = await page.$eval('#run-progress', (bar) => [
        (bar as HTMLProgressElement).value,
        (bar as HTMLProgressElement).max,
      ]);
      expect(progress[0]).toBe(progress[1]);

      const [run] = await documents(page);
      expect(run?.status).toBe('complete');
      const doc = run!;
      expect(doc.measurements.length).toBeGreaterThanOrEqual(6);
      expect(
        doc.measurements.filter((m) => !isValidMeasurement(m)).map((m) => `${m.label}: ${m.error}`),
      ).toEqual([]);
      expect(await page.$$('#results-card tbody tr[data-valid="false"]')).toHaveLength(0);

      const points = await plottedPoints(page);
      const expected = doc.measurements.filter(
        (m) =>
          !['stream-read', 'stream-copy', 'fma-peak'].includes(m.kernel) && (m.arithmeticIntensity ?? 0) > 0,
      );
      expect(points.length).toBe(expected.length);
      expect(points.length).toBeGreaterThanOrEqual(3);
      for (const [x, y] of points) {
        expect(Number.isFinite(x) && x > 0).toBe(true);
        expect(Number.isFinite(y) && y > 0).toBe(true);
      }
      const transforms = await page.$$eval('#roofline .point', (nodes) =>
        nodes.map((n) => n.getAttribute('transform') ?? ''),
      );
      expect(transforms.join(' ')).not.toMatch(/NaN|Infinity/);
      // the quick profile's bandwidth cases fit any cache: the f32 FMA roof is drawn, no memory slope and no
      // ridge, and the comparison says which GPU is faster and why bandwidth is missing; each case's row
      // names its variant and working set
      expect(doc.roofs.memory).toBeNull();
      expect(await page.$$('#roofline [data-roof="run-1"] path')).toHaveLength(1);
      expect(await page.$$('#roofline [data-roof="run-1"] circle.ridge')).toHaveLength(0);
      await expect(page.textContent('[data-field="comparison"]')).resolves.toMatch(
        /^The B200 does ×[\d,.]+ this GPU's FP32 FLOP per second.*\. Bandwidth not measured: its cases were cache-resident \(run the full profile for DRAM\)\.$/,
      );
      const streamDetails = await page.textContent(
        'details[data-run="run-1"] tr[data-kernel="stream-read"] + tr.case-notes [data-field="details"]',
      );
      expect(streamDetails).toMatch(
        /^variant wg128 \(not tuned: a CPU adapter measures each case’s first variant\)working set [\d.]+ [kM]B over its rotated buffer sets — cache-resident/,
      );

      await shot(page, 'measure-finished');
      await page.locator('#roofline-card').screenshot({ path: join(screenshotDir, 'measure-roofline.png') });

      // Export the JSON document and read it back with the document importer.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
      const exported = readFileSync((await download.path())!, 'utf8');
      expect(download.suggestedFilename()).toMatch(/^ridgeline-.*\.json$/);
      const back = importDocument(exported);
      expect(back).toEqual(doc);

      // Import it into the page: a second run whose table shows the same figures.
      await page.setInputFiles('#import-file', {
        name: 'exported.json',
        mimeType: 'application/json',
        buffer: Buffer.from(exported),
      });
      await page.waitForSelector('details[data-run="run-2"]');
      expect((await documents(page)).length).toBe(2);
      expect(await tableFigures(page, 'run-2')).toEqual(await tableFigures(page, 'run-1'));
      expect((await plottedPoints(page)).length).toBe(2 * expected.length);
      expect(await page.textContent('.legend [data-run="run-2"]')).toContain('exported.json');

      // CSV, SVG and PNG exports.
      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      const csvLines = readFileSync((await csv.path())!, 'utf8')
        .trim()
        .split(/\r\n/);
      expect(csvLines[0]).toMatch(/^kernel,dtype,shape,label,bytes_per_dispatch/);
      expect(csvLines.length).toBe(doc.measurements.length + 1);
      const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
      const svgText = readFileSync((await svg.path())!, 'utf8');
      expect(svgText).toMatch(/^<\?xml/);
      expect(svgText.match(/class="point measured"/g)?.length).toBe(2 * expected.length);
      // a chart on its own carries its title, the legend, the device measured and the date
      expect(svgText).toContain('<title>Roofline: your GPU beside the NVIDIA B200</title>');
      expect(svgText).toMatch(/class="export-device"[^>]*>Measured: This GPU: .* · \d{4}-\d\d-\d\d</);
      expect(svgText).toMatch(/class="export-legend"[^>]*>NVIDIA B200 \(blog: 192 GB/);
      expect(svgText).toContain('How to Save Millions by Self-Hosting LLMs');
      const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
      const pngBytes = readFileSync((await png.path())!);
      expect([...pngBytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

      // The run went to the history.
      expect(await page.$$('#history li[data-history]')).toHaveLength(1);
      // The page runs under its Content-Security-Policy, and nothing above (load, the worker's run, the
      // import, the JSON/CSV/SVG/PNG exports) violated it.
      const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "worker-src 'self'",
        "style-src 'self';",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ])
        expect(policy).toContain(directive);
      expect(policy).not.toContain('unsafe');
      expect(await cspViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
    },
    RUN_TIMEOUT_MS + 60_000,
  );

  it(
    'Cancel mid-run keeps the measurements finished before it',
    async () => {
      const { page, errors } = await openMeasure(env());
      await page.click('#run-button');
      // Wait until a few cases are done (the roofs and the first GEMV), then cancel.
      await page.waitForFunction(
        () => {
          const text = document.querySelector('[data-field="current-kernel"]')?.textContent ?? '';
          const match = /^(\d+) of (\d+)/.exec(text);
          return match !== null && Number(match[1]) >= 5;
        },
        null,
        { timeout: RUN_TIMEOUT_MS },
      );
      // A person looking at the screenshots sees the progress bar, the current kernel and the time left.
      await page.locator('#run-card').screenshot({ path: join(screenshotDir, 'measure-running.png') });
      await page.click('#cancel-button');
      expect(await waitForRunEnd(page)).toBe('cancelled');
      const [run] = await documents(page);
      expect(run?.status).toBe('cancelled');
      const kept = run!.measurements;
      expect(kept.length).toBeGreaterThanOrEqual(4);
      expect(kept.every(isValidMeasurement)).toBe(true);
      // they stay on screen: table rows, the local f32 roof (the quick streams are cache-resident: no memory
      // roof) and at least the first GEMV point
      expect(await page.$$('details[data-run="run-1"] tbody tr[data-kernel]')).toHaveLength(kept.length);
      expect(await page.$$('#roofline [data-roof="run-1"] path')).toHaveLength(1);
      expect((await plottedPoints(page)).length).toBeGreaterThanOrEqual(1);
      await expect(page.textContent('[data-topic="run"]')).resolves.toMatch(
        /^Run cancelled: the \d+ kernel cases finished before the cancel are kept/,
      );
      await shot(page, 'measure-cancelled');
      expect(errors).toEqual([]);
    },
    RUN_TIMEOUT_MS + 30_000,
  );

  it('importing a malformed file shows an error and keeps the chart and earlier results', async () => {
    const { page, errors } = await openMeasure(env());
    await page.setInputFiles('#import-file', sampleFile());
    await page.waitForSelector('details[data-run="run-1"]');
    const before = await plottedPoints(page);
    expect(before.length).toBe(6);

    await page.setInputFiles('#import-file', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "ridgeline-measurements", '),
    });
    const notice = await page.textContent('[data-topic="import"][data-kind="error"]');
    expect(notice).toMatch(
      /^Not imported \(earlier results are kept\): broken\.json: measurement document is not JSON/,
    );
    const wrongShape = { ...sampleDocument(), measurements: 'none' };
    await page.setInputFiles('#import-file', {
      name: 'wrong.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(wrongShape)),
    });
    // the broken.json notice is still on screen until the second file is read: wait for the new one
    const wrongNotice = await page.waitForSelector(
      '[data-topic="import"][data-kind="error"]:has-text("wrong.json")',
    );
    expect(await wrongNotice.textContent()).toMatch(/wrong\.json: .*measurements/);

    expect(await plottedPoints(page)).toEqual(before);
    expect((await documents(page)).length).toBe(1);
    expect(await page.$$('#roofline [data-roof="ref-b200"] path')).toHaveLength(2);
    await shot(page, 'measure-import-error');
    expect(errors).toEqual([]);
  });

  it("each case shows its noise (CV) and the runner's warnings, as the CLI prints them", async () => {
    const { page, errors } = await openMeasure(env());
    const doc = sampleDocument();
    const note = 'shrunk from stream-read f32 n=67108864: one dispatch took 80.0 ms (> 50 ms, watchdog risk)';
    const noted = {
      ...doc,
      measurements: doc.measurements.map((m, i) => (i === 0 ? { ...m, warnings: [note, 'noisy'] } : m)),
    };
    await page.setInputFiles('#import-file', {
      name: 'noted.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(noted)),
    });
    await page.waitForSelector('details[data-run="run-1"]');
    const cells = await page.$$eval('details[data-run="run-1"] tbody tr[data-kernel]', (rows) =>
      rows.map((row) => {
        const next = row.nextElementSibling;
        const notes = next?.classList.contains('case-notes') ? next : null;
        return {
          cv: row.querySelector('[data-field="cv"]')?.textContent,
          warnings: [...(notes?.querySelectorAll('[data-field="warnings"] div') ?? [])].map(
            (d) => d.textContent,
          ),
        };
      }),
    );
    // The notes line sits right under its case, spanning the table (after the case's details).
    expect(cells[0]).toEqual({ cv: '2 %', warnings: [`⚠ ${note}`, '⚠ noisy'] });
    expect(cells.slice(1).every((c) => c.warnings.length === 0)).toBe(true);
    // a case with no spread (failed, or one timed pass) says so rather than 0 %
    expect(cells.map((c) => c.cv)).toContain('—');
    await page.click('details[data-run="run-1"] > summary');
    await page.locator('details[data-run="run-1"] table').scrollIntoViewIfNeeded();
    await shot(page, 'measure-warnings');
    expect(errors).toEqual([]);
  });

  it('a share link carries the run in the URL hash and opens it on another page', async () => {
    const first = await openMeasure(env());
    await first.page.setInputFiles('#import-file', sampleFile());
    await first.page.waitForSelector('details[data-run="run-1"]');
    await first.page.click('#share-link');
    await first.page.waitForSelector('#share-output:not([hidden])');
    const link = await first.page.inputValue('#share-output');
    expect(link).toMatch(/#run=[A-Za-z0-9_-]+$/);
    const second = await openMeasure(env(), 'swiftshader', link.slice(env().server.baseUrl.length));
    await second.page.waitForSelector('.legend li[data-origin="shared"]');
    const [shared] = await documents(second.page);
    expect(shared).toEqual(sampleDocument());
  });

  it('without WebGPU the page says so, Run is disabled, and the reference roofline and imports still work', async () => {
    const { page, errors, outside } = await openMeasure(env(), 'absent');
    expect(await page.textContent('[data-notice="no-webgpu"]')).toMatch(
      /^WebGPU is not available in this browser/,
    );
    expect(await page.isDisabled('#run-button')).toBe(true);
    // B200 reference: the 8 TB/s slope and the 10 PFLOP/s FP4 roof with the ridge at 1,250 FLOP/B
    expect(await page.$$('#roofline [data-roof="ref-b200"] path')).toHaveLength(2);
    await expect(page.textContent('#roofline')).resolves.toContain('ridge 1,250 FLOP/B');
    // model operating points on the B200 (decode B = 1, 16, 64, 256 and prefill)
    expect(await page.$$('#roofline path.point.operating')).toHaveLength(5);
    await shot(page, 'measure-no-webgpu');
    await page.setInputFiles('#import-file', sampleFile());
    await page.waitForSelector('details[data-run="run-1"]');
    expect((await plottedPoints(page)).length).toBe(6);
    // the explorer section still mounts
    expect(await page.$$('#explorer > *')).not.toHaveLength(0);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('with WebGPU but no adapter the page says so', async () => {
    const { page } = await openMeasure(env(), 'no-adapter');
    expect(await page.textContent('[data-notice="no-adapter"]')).toMatch(
      /^WebGPU is present but no adapter is available/,
    );
    expect(await page.isDisabled('#run-button')).toBe(true);
  });

  it('works served from a subfolder (relative base): the chart renders and the worker starts a run', async () => {
    const parent = await serveFolder(dirname(env().dist));
    try {
      const { page, errors } = await env().open(`${parent.baseUrl}${basename(env().dist)}/index.html`);
      await page.waitForSelector('#measure[data-ready="true"]', { timeout: 30_000 });
      expect(await page.$$('#roofline [data-roof="ref-b200"] path')).toHaveLength(2);
      await page.click('#run-button');
      await page.waitForFunction(
        () =>
          /^\d+ of \d+: /.test(document.querySelector('[data-field="current-kernel"]')?.textContent ?? ''),
        null,
        { timeout: RUN_TIMEOUT_MS },
      );
      await page.click('#cancel-button');
      expect(await waitForRunEnd(page)).toBe('cancelled');
      expect(parent.requests.every((path) => path.startsWith(`/${basename(env().dist)}/`))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await parent.close();
    }
  });

  it('the dark theme renders the chart with the dark palette', async () => {
    const { page } = await openMeasure(env());
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setInputFiles('#import-file', sampleFile());
    await page.waitForSelector('details[data-run="run-1"]');
    const background = await page.getAttribute('#roofline rect.background', 'fill');
    expect(background).toBe('#171b22');
    await page
      .locator('#roofline-card')
      .screenshot({ path: join(screenshotDir, 'measure-roofline-dark.png') });
  });
});
