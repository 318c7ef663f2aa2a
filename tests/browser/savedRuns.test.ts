// Saved runs never break or vanish (issue 20), on the built page in headless Chromium: a run saved by an
// older build, an entry with an unknown key nested deep and a bad entry in the history; the page's own
// export and share link of an old run; a shared run reached by a fragment-only change; a name of wide
// glyphs; damaged #present= links; a hostile presenter message; explorer links with inconsistent inputs;
// and a storage that is really full. Each case failed before its fix.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importDocument, type MeasurementDocument } from '../../src/measure/document.ts';
import { sampleDocument, sampleVersion1Document } from '../unit/charts/sampleDocument.ts';
import { repoRoot } from './explorerHelpers.ts';
import { documents, openMeasure, RUN_TIMEOUT_MS, sampleFile, waitForRunEnd } from './measurePage.ts';
import { browserEnvPerSuite } from './support.ts';

const version1 = (description = 'Old GPU') => sampleVersion1Document(description);

const entry = (id: string, document: unknown) => ({ id, savedAt: '2026-11-27T10:00:00.000Z', document });

/** 256 wide glyphs, no break opportunity: the name that pushed the legend's × off-screen. */
const WIDE = 'Ｗ'.repeat(256);

/**
 * The planted history, as text: a version 1 run, a run with an unknown key nested 20,000 deep (JSON.parse
 * reads it, JSON.stringify cannot write it), a bad entry, a run named in wide glyphs and a current one.
 */
function plantedHistory(): string {
  const deep = { ...sampleDocument(), adapter: { ...sampleDocument().adapter, description: 'Deep GPU' } };
  const wide = { ...sampleDocument(), adapter: { ...sampleDocument().adapter, description: WIDE } };
  return JSON.stringify([
    entry('old-run', version1()),
    entry('deep', { ...deep, futureField: 0 }),
    entry('bad', { ...sampleDocument(), createdAt: 'yesterday' }),
    entry('wide', wide),
    entry('current', sampleDocument()),
  ]).replace('"futureField":0', `"futureField":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`);
}

const plant = (text: string) => `if (!sessionStorage.getItem('planted')) {
  sessionStorage.setItem('planted', '1');
  localStorage.setItem('ridgeline:history:v1', ${JSON.stringify(text)});
}`;

const hashOf = (document: unknown) =>
  `#run=${deflateRawSync(Buffer.from(JSON.stringify(document))).toString('base64url')}`;

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync((await file.path())!, 'utf8');
}

async function showFromHistory(page: Page, id: string): Promise<void> {
  const before = await page.$$eval('details.run-results', (nodes) => nodes.length);
  await page.click(`li[data-history="${id}"] button:has-text("Show")`);
  await page.waitForFunction(
    (n) => document.querySelectorAll('details.run-results table.results').length > n,
    before,
    { timeout: 10_000 },
  );
}

/** Nothing wider than the window, and the × of every run in the legend on screen. */
async function fitsTheWindow(page: Page): Promise<{ scroll: number; width: number; offscreen: number }> {
  return page.evaluate(() => ({
    scroll: document.scrollingElement!.scrollWidth,
    width: window.innerWidth,
    offscreen: [...document.querySelectorAll('.legend li button[data-remove]')].filter((b) => {
      const r = b.getBoundingClientRect();
      return r.left < 0 || r.right > window.innerWidth;
    }).length,
  }));
}

describe('saved runs never break or vanish', () => {
  const env = browserEnvPerSuite();

  it('the history: old, deep, bad and wide entries; Show, import, exports and share link of an old run; #run= by hashchange', async () => {
    const { page, errors } = await openMeasure(env(), 'absent', 'index.html', [plant(plantedHistory())]);
    await page.click('.history-box > summary');
    // the readable entries stay; the bad one is skipped and reported, naming why
    expect(
      await page.$$eval('#history li[data-history]', (nodes) =>
        nodes.map((n) => n.getAttribute('data-history')),
      ),
    ).toEqual(['old-run', 'deep', 'wide', 'current']);
    await expect(page.textContent('[data-topic="history"]')).resolves.toMatch(
      /^1 saved entry was not valid .*the others are kept: 1 could not be read \(entry 3: measurement document createdAt: expected an ISO 8601/,
    );
    // stored again in the current version, without the unknown key
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('ridgeline:history:v1')!));
    expect(stored.map((e: { document: { version: number } }) => e.document.version)).toEqual([2, 2, 2, 2]);
    expect(JSON.stringify(stored)).not.toContain('futureField');

    // bug 1: Show of a version 1 run draws its table, and later imports are drawn too
    await showFromHistory(page, 'old-run');
    await page.setInputFiles('#import-file', [sampleFile()]);
    await expect(page.textContent('[data-topic="import"]')).resolves.toBe('Imported 1 document.');
    await page.waitForFunction(
      () => document.querySelectorAll('details.run-results table.results').length === 2,
    );
    // bug 1 and 2: its CSV has no "undefined"; its JSON is version 2 and imports again
    await page.selectOption('select[name="export-run"]', { index: 0 });
    expect(await download(page, '#export-csv')).not.toContain('undefined');
    const exported = importDocument(await download(page, '#export-json'));
    expect(exported.version).toBe(2);
    expect(exported.adapter.description).toBe('Old GPU');
    // its share link opens: reached by a fragment-only change (no reload), it is shown
    await page.click('#share-link');
    await page.waitForSelector('#share-output:not([hidden])');
    const link = await page.inputValue('#share-output');
    const before = (await documents(page)).length;
    await page.evaluate((hash) => {
      location.hash = hash;
    }, new URL(link).hash);
    await page.waitForSelector('.legend li[data-origin="shared"]', { timeout: 10_000 });
    const shared = (await documents(page))[before] as MeasurementDocument;
    expect(shared.adapter.description).toBe('Old GPU');
    expect(shared.version).toBe(2);

    // bug 6: the run with the deep unknown key exports (it was rebuilt without it)
    await showFromHistory(page, 'deep');
    const runs = await page.$$eval('select[name="export-run"] option', (o) => o.map((x) => x.textContent));
    await page.selectOption('select[name="export-run"]', {
      index: runs.findIndex((r) => r?.startsWith('Deep GPU')),
    });
    const deep = await download(page, '#export-json');
    expect(deep).not.toContain('futureField');
    expect(importDocument(deep).adapter.description).toBe('Deep GPU');

    // bug 8: a name of 256 wide glyphs wraps; the page does not scroll sideways and its × stays on screen
    await showFromHistory(page, 'wide');
    for (const width of [1400, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300);
      const fit = await fitsTheWindow(page);
      expect(fit.scroll, `at ${width} px`).toBeLessThanOrEqual(fit.width);
      expect(fit.offscreen, `at ${width} px`).toBe(0);
    }
    expect(
      await page.$eval('.legend li:has-text("ＷＷＷ") .legend-text', (n) => n.getAttribute('title')),
    ).toContain(WIDE);
    expect(errors).toEqual([]);
  }, 120_000);

  it('a storage that cannot be read is said, never shown as "no saved runs yet"', async () => {
    const blocked = `Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('access is denied', 'SecurityError'); },
    });`;
    const { page, errors } = await openMeasure(env(), 'absent', 'index.html', [blocked]);
    await expect(page.textContent('[data-topic="history"]')).resolves.toMatch(
      /^The history cannot be read from this browser’s storage \(access is denied\); nothing in it was changed\.$/,
    );
    await expect(page.textContent('#history')).resolves.toBe('The history is not available in this browser.');
    expect(errors).toEqual([]);
  }, 60_000);

  it('a shared run of version 1 opens from a link, and a second one from a fragment-only change', async () => {
    const { page, errors } = await openMeasure(env(), 'absent', `index.html${hashOf(version1('First'))}`);
    await page.waitForSelector('.legend li[data-origin="shared"]');
    await page.evaluate(
      (hash) => {
        location.hash = hash;
      },
      hashOf(version1('Second')),
    );
    await page.waitForFunction(
      () => document.querySelectorAll('.legend li[data-origin="shared"]').length === 2,
    );
    expect((await documents(page)).map((d) => d.adapter.description)).toEqual(['First', 'Second']);
    expect(errors).toEqual([]);
  }, 60_000);

  it('a damaged #present= link opens the deck at its first slide with one message; Esc leaves', async () => {
    for (const hash of ['%', '%E0%A4%A', '%ZZ', 'title%', '%F0%9F']) {
      const { page, errors, context } = await env().open(`index.html#present=${hash}`, 'absent');
      await page.waitForSelector('.deck[data-slide="title"]', { timeout: 60_000 });
      await expect(page.textContent('[data-field="deck-notice"]')).resolves.toMatch(
        /^This link’s slide name does not decode \(a damaged link\?\): the deck opens at/,
      );
      expect(await page.$eval('.deck .slide', (n) => (n.textContent ?? '').length)).toBeGreaterThan(20);
      // the first move takes the message away; Esc leaves the deck
      await page.keyboard.press('ArrowRight');
      expect(await page.isHidden('[data-field="deck-notice"]')).toBe(true);
      await page.keyboard.press('Escape');
      await page.waitForSelector('.deck', { state: 'hidden' });
      expect(errors, hash).toEqual([]);
      await context.close();
    }
  }, 240_000);

  it('a damaged #present= link reached by a fragment-only change opens the deck too', async () => {
    const { page, errors } = await openMeasure(env(), 'absent');
    await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    await page.evaluate(() => {
      location.hash = '#present=%ZZ';
    });
    await page.waitForSelector('.deck[data-slide="title"]', { timeout: 60_000 });
    await expect(page.textContent('[data-field="deck-notice"]')).resolves.toMatch(/does not decode/);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.deck', { state: 'hidden' });
    expect(errors).toEqual([]);
  }, 90_000);

  it('the presenter view ignores a start of the talk far from now (no "2.99e+303:48")', async () => {
    // every text the timer shows, from the first script on
    const recordTimer = `window.__timerTexts = [];
      new MutationObserver(() => {
        const timer = document.querySelector('[data-field="presenter-timer"]');
        if (timer) window.__timerTexts.push(timer.textContent);
      }).observe(document, { subtree: true, childList: true, characterData: true });`;
    const { page, context } = await env().open('index.html#presenter', 'absent', [recordTimer]);
    await page.waitForSelector('[data-field="presenter-timer"]');
    const sender = await context.newPage();
    await sender.goto(new URL('index.html#presenter', env().server.baseUrl).href);
    await sender.evaluate(() => {
      const channel = new BroadcastChannel('ridgeline-deck');
      for (const startedAt of [-1e308, 1e308, 0, Date.now() + 86_400_000])
        channel.postMessage({ type: 'state', slide: 1, step: 0, startedAt });
      // a good one after them is followed
      channel.postMessage({ type: 'state', slide: 2, step: 0, startedAt: Date.now() - 65_000 });
    });
    await page.waitForSelector('[data-field="presenter-current"][data-slide="decode"]');
    await expect(page.textContent('[data-field="presenter-timer"]')).resolves.toMatch(/^1:0\d$/);
    const shown = await page.evaluate(() => (window as unknown as { __timerTexts: string[] }).__timerTexts);
    expect(shown.length).toBeGreaterThan(0);
    for (const text of shown) expect(text).toMatch(/^\d{1,3}:\d\d$/);
  }, 60_000);

  it('explorer links with inconsistent inputs: refused with the CLI’s line beside the input, no NaN or Infinity', async () => {
    const links = [
      ['model=llama-3.1-70b&set.architecture.kvBytesPerToken=auto', 'architecture.kvBytesPerToken'],
      ['set.model.expertsPerToken=500', 'model.expertsPerToken'],
      ['set.tp8.gpusPerReplica=16', 'tp8.gpusPerReplica'],
      ['set.request.freshTokensAvg=0&set.request.cachedTokensAvg=0', 'request.cachedTokensAvg'],
    ] as const;
    for (const [link, blamed] of links) {
      const args = [...new URLSearchParams(link)].flatMap(([name, value]) =>
        name.startsWith('set.') ? ['--set', `${name.slice(4)}=${value}`] : [`--${name}`, value],
      );
      const cli = spawnSync(process.execPath, ['bin/ridgeline.mjs', 'project', ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(cli.status, link).toBe(2);
      const line = cli.stderr.trim().replace(/^ridgeline: /, '');
      const { page, errors, context } = await env().open(`index.html?${link}`, 'absent');
      await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
      expect(await page.textContent('#explorer'), link).not.toMatch(/NaN|Infinity/);
      // a long refusal wraps beside its input: the page never scrolls sideways
      expect(
        await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth),
        link,
      ).toBeLessThanOrEqual(0);
      await expect(page.textContent(`[data-problem-for="${blamed}"]`)).resolves.toBe(line);
      expect(await page.isVisible(`[data-problem-for="${blamed}"]`), link).toBe(true);
      await expect(page.textContent('.scenario-problems')).resolves.toContain(line);
      expect(errors, link).toEqual([]);
      await context.close();
    }
  }, 240_000);

  it(
    'a really full storage: the oldest saved runs leave the history to make room, and the page says which',
    async () => {
      // this browser's storage holds two history entries at most (a QuotaExceededError past them)
      const quota = `{
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key === 'ridgeline:history:v1' && JSON.parse(value).length > 2)
          throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    }`;
      const small = (name: string) => ({
        ...sampleDocument(),
        measurements: [],
        adapter: { ...sampleDocument().adapter, description: name },
      });
      const planted = JSON.stringify([
        entry('newer', small('Newer GPU')),
        entry('older', small('Older GPU')),
      ]);
      const { page, errors } = await openMeasure(env(), 'swiftshader', 'index.html?fault=device-loss', [
        plant(planted),
        quota,
      ]);
      await page.click('#run-button');
      await waitForRunEnd(page);
      await page.waitForSelector('[data-topic="history"]', { timeout: 10_000 });
      await expect(page.textContent('[data-topic="history"]')).resolves.toMatch(
        /^This browser’s storage is full: the oldest saved run was removed from the history to make room: .*\(Older GPU \(CPU fallback\)\)\.$/,
      );
      const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('ridgeline:history:v1')!));
      expect(stored.map((e: { id: string }) => e.id).slice(1)).toEqual(['newer']);
      expect(errors).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );
});
