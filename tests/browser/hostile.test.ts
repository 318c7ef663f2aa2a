// The built page against a stranger's data (issue 10), in headless Chromium: hostile share links, imports,
// a planted history and a hostile explorer link, several per page load (the machine is slow). Whatever
// arrives, no dialog opens, no element is injected, no request leaves the page's origin, the
// Content-Security-Policy is never violated, the page answers with a clear message, and earlier results
// stay. How soon it answers is timed by `npm run bench:page`, not asserted here (CI's 2 cores are shared).
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MeasurementDocument } from '../../src/measure/document.ts';
import { sampleDocument } from '../unit/charts/sampleDocument.ts';
import { documents, openMeasure, plottedPoints } from './measurePage.ts';
import { type BrowserEnv, browserEnvPerSuite, cspViolations } from './support.ts';

/** Markup that would act if it ever became markup: a dialog, a request off the origin, a marked element. */
const MARKUP = [
  '<img src=x onerror=alert(1) data-injected>',
  '<svg data-injected><foreignObject><img src=x onerror=alert(2)></foreignObject></svg>',
  '<iframe data-injected src=//evil.example/></iframe>',
  '<style data-injected>*{display:none}</style>',
  '<script data-injected>alert(3)</script>',
].join('');
/** A label a spreadsheet would run as a formula. */
const FORMULA = '=HYPERLINK("http://evil.example","x")';

/** Markup (and a formula) in every string field of the sample document. */
function markupDocument(): MeasurementDocument {
  const doc = sampleDocument();
  const text = (s: string) => `${s} ${MARKUP}`.slice(0, 250);
  return {
    ...doc,
    runtime: text('runtime'),
    adapter: {
      ...doc.adapter,
      vendor: text('vendor'),
      architecture: text('arch'),
      device: text('device'),
      description: text('GPU'),
    },
    skipped: [text('skipped')],
    measurements: doc.measurements.map((m, i) => ({
      ...m,
      label: i === 0 ? FORMULA : text(m.label),
      verifyMessage: text('verify'),
      warnings: [text('warning')],
      error: m.error === null ? null : text('error'),
    })),
  };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const hashOf = (bytes: Buffer) =>
  `#run=${deflateRawSync(bytes).toString('base64').replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}`;

/** A small valid history entry (no measurements keeps 800 of them well inside the storage quota). */
const entry = (id: string, savedAt: string, document: unknown) => ({ id, savedAt, document });
const small = { ...sampleDocument(), measurements: [] };
const plantedHistory = [
  entry('bad-date', 'not a date', small),
  entry('markup', '2026-11-27T10:00:00.000Z', markupDocument()),
  entry('bad-doc', '2026-11-27T10:00:00.000Z', { format: 'ridgeline-measurements', version: 1 }),
  ...Array.from({ length: 800 }, (_, i) => entry(`run-${i}`, '2026-11-27T10:00:00.000Z', small)),
];

/** Plants the history before the page's first script, once (a reload keeps what the page cleaned). */
const plantHistory = (history: unknown) => `if (!sessionStorage.getItem('planted')) {
  sessionStorage.setItem('planted', '1');
  localStorage.setItem('ridgeline:history:v1', ${JSON.stringify(JSON.stringify(history))});
}`;

/** What must hold whatever the page was fed. */
async function expectUnharmed(page: Page, dialogs: string[], outside: string[]): Promise<void> {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __dialogs: string[] }).__dialogs)).toEqual([]);
  expect(outside).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  const injected = await page.evaluate(
    () =>
      document.querySelectorAll(
        '[data-injected], iframe, object, embed, foreignObject, body script:not([src])',
      ).length,
  );
  expect(injected).toBe(0);
  // the page still has its chart and its explorer
  expect(await page.$$('#roofline [data-roof="ref-b200"] path')).toHaveLength(2);
  expect(await page.textContent('#explorer')).toContain('Projection explorer');
}

/** Dialogs the page opened: recorded (and dismissed) from before its first script. */
const recordDialogs = `window.__dialogs = [];
for (const name of ['alert', 'confirm', 'prompt']) {
  window[name] = (message) => { window.__dialogs.push(name + ': ' + message); return null; };
}`;

async function openHostile(env: BrowserEnv, path: string, initScripts: readonly string[] = []) {
  const session = await openMeasure(env, 'swiftshader', path, [recordDialogs, ...initScripts]);
  const dialogs: string[] = [];
  session.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { ...session, dialogs };
}

describe('hostile input never harms the page', () => {
  const env = browserEnvPerSuite();

  it('one page load: a markup share link, a hostile explorer link, a planted history of 803 entries; then hostile imports, a hostile memory value and the exports', async () => {
    const query = new URLSearchParams([
      ['model', '<script>alert(4)</script>'],
      ['gpus', '0x10'],
      ['batch', '1e308'],
      ['context', '99999999999999999999'],
      ['api-price', '1e-320'],
      ['set.empirical.mbuMeasured', '<img src=x onerror=alert(5) data-injected>'],
      ['set.hardware.gpuBandwidthBps', '1e-320'],
      ['your-gpu-memory', '5e-324'],
      ['<img src=x onerror=alert(6) data-injected>', '1'],
    ]).toString();
    const { page, errors, outside, dialogs } = await openHostile(
      env(),
      `index.html?${query}${hashOf(json(markupDocument()))}`,
      [plantHistory(plantedHistory)],
    );
    // the shared run is shown, its markup as text (how soon after navigation: npm run bench:page)
    await page.waitForSelector('.legend li[data-origin="shared"]', { timeout: 60_000 });
    await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    await page.waitForFunction(
      () => document.querySelector('[data-legend="roofline"]')?.textContent?.includes('<img') ?? false,
      null,
      { timeout: 60_000 },
    );
    expect(await page.textContent('.legend li[data-origin="shared"]')).toContain(
      '<img src=x onerror=alert(1)',
    );
    expect(await page.textContent('[data-legend="roofline"]')).toContain('<img src=x onerror=alert(1)');
    expect(await page.textContent('.your-gpu .local-name')).toContain('<img src=x onerror=alert(1)');
    // the explorer names each refused parameter, as text, and computes the default scenario
    const notices = (await page.textContent('.explorer-notices')) ?? '';
    for (const refused of [
      'model=<script>',
      'gpus=0x10',
      'batch=1e308',
      'api-price=1e-320',
      'your-gpu-memory=5e-324',
    ])
      expect(notices).toContain(refused);
    // quoted back as text, cut to 40 characters
    expect(notices).toContain('Unknown parameter “<img src=x onerror=alert(6) data-inject…” ignored.');
    expect(await page.textContent('.scenario-problems')).toMatch(
      /set\.empirical\.mbuMeasured=<img src=x.*ignored/,
    );
    expect(await page.locator('#explorer').textContent()).not.toMatch(/NaN|Infinity/);
    // the history: at most 12, none of them invalid, the storage cleaned, and said so
    expect(await page.$$('#history li[data-history]')).toHaveLength(12);
    expect(await page.textContent('#history')).not.toContain('Invalid Date');
    expect(await page.textContent('[data-topic="history"]')).toMatch(
      /^791 saved entries were not valid or over the limit/,
    );
    const stored = await page.evaluate(
      () => JSON.parse(localStorage.getItem('ridgeline:history:v1') ?? '[]').length,
    );
    expect(stored).toBe(12);
    // History → Show of the entry with markup everywhere: on the chart, as text
    await page.click('.history-box > summary');
    await page.click('li[data-history="markup"] button:has-text("Show")');
    await page.waitForSelector('.legend li[data-origin="history"]', { timeout: 60_000 });
    expect(await page.textContent('.legend li[data-origin="history"]')).toContain(
      '<img src=x onerror=alert(1)',
    );
    await expectUnharmed(page, dialogs, outside);

    // hostile imports, several files at once; the shared run (the earlier result) stays
    const before = await plottedPoints(page);
    const bigFile = Buffer.alloc(3_000_000, 0x20);
    await page.setInputFiles('#import-file', [
      { name: 'markup.json', mimeType: 'application/json', buffer: json(markupDocument()) },
      {
        name: 'date.json',
        mimeType: 'application/json',
        buffer: json({ ...sampleDocument(), createdAt: '<iframe src=//evil.example/> 2020' }),
      },
      { name: 'denormal.json', mimeType: 'application/json', buffer: json(withRate(5e-324)) },
      { name: 'huge.json', mimeType: 'application/json', buffer: json(withRate(1e308)) },
      { name: 'big.json', mimeType: 'application/json', buffer: bigFile },
      {
        name: '<img src=x onerror=alert(7) data-injected>.json',
        mimeType: 'application/json',
        buffer: Buffer.from('[[[[[[[['),
      },
    ]);
    const notice = await page.waitForSelector('[data-topic="import"][data-kind="error"]', {
      timeout: 60_000,
    });
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(/^Not imported \(earlier results are kept\): /);
    expect(text).toContain('date.json: measurement document createdAt: expected an ISO 8601 date and time');
    expect(text).toContain(
      'denormal.json: measurement document measurements[0].bytesPerSecond: expected a number in 1 kB/s–1 PB/s',
    );
    expect(text).toContain('huge.json: measurement document measurements[0].bytesPerSecond');
    expect(text).toMatch(
      /big\.json: the file is too large \(3 MB; a measurement document may be at most 2 MB\)/,
    );
    expect(text).toContain(
      '<img src=x onerror=alert(7) data-injected>.json: measurement document is not JSON',
    );
    // the shared run and the one shown from history stay; markup.json joins them
    expect((await documents(page)).length).toBe(3);
    expect((await plottedPoints(page)).length).toBe((before.length * 3) / 2);

    // a hostile memory value in the your-GPU card: refused beside the field
    await page.fill('[data-role="local-memory"]', '1e-320');
    await page.dispatchEvent('[data-role="local-memory"]', 'change');
    await expect(page.textContent('.local-memory-problem')).resolves.toMatch(
      /^your GPU's memory '1e-320': expected a number from 0\.1 to 10,000 GB$/,
    );

    // exports of a run whose labels are markup and formulas: CSV neutralised, SVG and PNG under the policy
    await page.selectOption('select[name="export-run"]', { index: 0 });
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    // markup in labels is escaped text in the file (&lt;img …), never an element
    expect(readFileSync((await svg.path())!, 'utf8')).not.toMatch(
      /<(img|script|iframe|style|foreignObject)\b/,
    );
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect([...readFileSync((await png.path())!).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await expectUnharmed(page, dialogs, outside);
    expect(errors).toEqual([]);
  }, 120_000);

  it('share links that must be refused: markup in the date, a denormal rate, an inflation bomb, a link too long', async () => {
    const links: readonly (readonly [string, string, RegExp])[] = [
      [
        'markup in createdAt',
        hashOf(json({ ...sampleDocument(), createdAt: '<style data-injected>*{display:none}</style> 2020' })),
        /createdAt: expected an ISO 8601 date and time/,
      ],
      [
        'a denormal rate',
        hashOf(json(withRate(1e-320))),
        /bytesPerSecond: expected a number in 1 kB\/s–1 PB\/s/,
      ],
      [
        'a 20 MB inflation bomb',
        hashOf(Buffer.alloc(20_000_000, 0x20)),
        /the shared run is too large: it unpacks to more than 2 MB/,
      ],
      ['a link too long', `#run=${'A'.repeat(40_000)}`, /the shared link is too large \(40,000 characters/],
    ];
    for (const [what, hash, message] of links) {
      const { page, errors, outside, dialogs } = await openHostile(env(), `index.html${hash}`, [
        // an earlier result: this browser's history, listed before the link is read
        plantHistory([entry('earlier', '2026-11-27T10:00:00.000Z', sampleDocument())]),
      ]);
      // refused with a notice (how soon after navigation: npm run bench:page)
      const notice = await page.waitForSelector('[data-topic="share"][data-kind="error"]', {
        timeout: 60_000,
      });
      expect(await notice.textContent(), what).toMatch(/^The shared run could not be shown: /);
      expect(await notice.textContent(), what).toMatch(message);
      expect(await page.$$('#history li[data-history]')).toHaveLength(1);
      await expectUnharmed(page, dialogs, outside);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 120_000);
});

function withRate(bytesPerSecond: number): MeasurementDocument {
  const doc = sampleDocument();
  return {
    ...doc,
    measurements: doc.measurements.map((m, i) => (i === 0 ? { ...m, bytesPerSecond } : m)),
  };
}
