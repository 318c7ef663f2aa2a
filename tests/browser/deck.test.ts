import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SLIDES } from '../../src/ui/deck/slides.ts';
import { textClashes } from './layoutChecks.ts';
import { browserEnvPerSuite, screenshotDir } from './support.ts';

// Present mode is a real deck (issues 13 and 23): every slide and build step fits 1920×1080, 1280×720 and a
// 390 px phone with no scrolling, no text on the navigation and no text over other text; at 1920×1080
// every text is ≥ 24 px and chart text ≥ 20 px, at 1280×720 chart text ≥ 16 px; the control bar hides
// while presenting; the slides tell one story (the punchline states the fleet slide's verdict); any
// scenario has a deck of its own; the presenter view has notes per build step, previews and a timer;
// a clicker's keys move the deck after a slide control was used; the live slide lands each case.

interface SlideCheck {
  readonly slide: string;
  readonly step: string;
  readonly overflow: number;
  readonly onNav: string[];
  readonly outside: string[];
  /** text over other text, outside the charts (the charts: textClashes) */
  readonly overlaps: string[];
  /** the smallest text outside the charts, and inside them, in screen px */
  readonly minBody: { size: number; text: string };
  readonly minChart: { size: number; text: string };
  readonly text: string;
}

/** Measures the slide on screen: overflow, text on the navigation or off the stage, overlaps, sizes. */
function checkSlide(page: Page): Promise<SlideCheck> {
  return page.evaluate(() => {
    const deck = document.querySelector<HTMLElement>('.deck')!;
    const slide = document.querySelector<HTMLElement>('.deck .slide')!;
    const nav = document.querySelector<HTMLElement>('.deck-nav')!.getBoundingClientRect();
    const stage = document.querySelector<HTMLElement>('.deck-stage')!.getBoundingClientRect();
    const scale = Number(deck.dataset['scale']);
    const overlap = (a: DOMRect, b: DOMRect, slack = 0.5) =>
      a.left < b.right - slack &&
      b.left < a.right - slack &&
      a.top < b.bottom - slack &&
      b.top < a.bottom - slack;
    const onNav: string[] = [];
    const outside: string[] = [];
    let minBody = { size: Number.POSITIVE_INFINITY, text: '' };
    let minChart = { size: Number.POSITIVE_INFINITY, text: '' };
    const boxes: { rect: DOMRect; text: string; parent: Element }[] = [];
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('[hidden]')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const inSvg = parent.closest('svg') !== null;
      for (const rect of range.getClientRects()) {
        if (rect.width === 0) continue;
        if (overlap(rect, nav)) onNav.push(text);
        if (rect.right > stage.right + 1 || rect.bottom > stage.bottom + 1 || rect.left < stage.left - 1)
          outside.push(text);
        if (!inSvg) boxes.push({ rect, text, parent });
      }
      // the size on screen: the stage's own pixels × its scale (1 at 1920×1080); an SVG's text also by
      // the SVG's own scale (its viewBox against its box)
      let size = Number.parseFloat(getComputedStyle(parent).fontSize) * scale;
      const svg = parent.closest('svg');
      if (svg) {
        const view = svg.viewBox.baseVal;
        const box = svg.getBoundingClientRect();
        size =
          Number.parseFloat(getComputedStyle(parent).fontSize) *
          (view?.width ? box.width / view.width : scale);
      }
      if (svg && size < minChart.size) minChart = { size, text };
      if (!svg && size < minBody.size) minBody = { size, text };
    }
    // text over text: two lines of different elements whose boxes overlap by more than a pixel
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.parent === b.parent || a.parent.contains(b.parent) || b.parent.contains(a.parent)) continue;
        if (overlap(a.rect, b.rect, 1)) overlaps.push(`${a.text.slice(0, 40)} / ${b.text.slice(0, 40)}`);
      }
    return {
      slide: deck.dataset['slide'] ?? '',
      step: deck.dataset['step'] ?? '',
      overflow: Math.max(slide.scrollHeight - slide.clientHeight, slide.scrollWidth - slide.clientWidth),
      onNav,
      outside,
      overlaps,
      minBody,
      minChart,
      text: slide.textContent ?? '',
    };
  });
}

/** Opens the deck at `slide`: on the page as it is (a fragment change), or on another scenario (`search`). */
async function openDeck(page: Page, slide = 'title', search?: string): Promise<void> {
  const here = page.url().split('#')[0]!;
  await page.goto(`${search === undefined ? here : `${here.split('?')[0]}${search}`}#present=${slide}`);
  await page.waitForSelector(`.deck[data-slide="${slide}"]`, { timeout: 60_000 });
}

const EVERY_STEP = SLIDES.flatMap((s) => Array.from({ length: s.steps + 1 }, (_, k) => `${s.id}:${k}`));

/** Raw ids ("fleet.replicas"), a lone dash as a figure, NaN: what a deck never shows. */
const RAW_ID = /\b(fleet|decode|prefill|kv|mem|ttft|bill|pass|tps|tp4|roof|little|cost)\.[a-z][a-z_0-9]+/;

/**
 * Walks every slide and build step at the page's size: fit, sizes, overlap, screenshots. Returns what it
 * saw and the smallest text per kind.
 */
async function walk(
  page: Page,
  name: string,
  sizes: { body: number; chart: number } | null,
  each?: (check: SlideCheck) => Promise<void>,
): Promise<{ seen: string[]; minBody: number; minChart: number; overlaps: number; clashes: number }> {
  const seen: string[] = [];
  let minBody = Number.POSITIVE_INFINITY;
  let minChart = Number.POSITIVE_INFINITY;
  let overlaps = 0;
  let clashes = 0;
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(450); // the slide's entrance and the chart's move settle
    const check = await checkSlide(page);
    seen.push(`${check.slide}:${check.step}`);
    const where = `${name} ${check.slide}:${check.step}`;
    expect(check.overflow, where).toBeLessThanOrEqual(1);
    expect(check.onNav, where).toEqual([]);
    expect(check.outside, where).toEqual([]);
    expect(check.overlaps, where).toEqual([]);
    const svgClashes = await textClashes(page, '.deck svg');
    expect(svgClashes, where).toEqual([]);
    overlaps += check.overlaps.length;
    clashes += svgClashes.length;
    minBody = Math.min(minBody, check.minBody.size);
    minChart = Math.min(minChart, check.minChart.size);
    if (sizes) {
      expect(check.minBody.size, `${where}: ${check.minBody.text}`).toBeGreaterThanOrEqual(sizes.body - 0.01);
      expect(check.minChart.size, `${where}: ${check.minChart.text}`).toBeGreaterThanOrEqual(
        sizes.chart - 0.01,
      );
    }
    expect(check.text, where).not.toMatch(RAW_ID);
    expect(check.text, where).not.toMatch(/NaN|undefined|Infinity/);
    expect(
      await page.$$eval('.deck .deck-value', (els) => els.map((el) => el.textContent?.trim() ?? '')),
      where,
    ).not.toContain('—');
    // a URL per slide
    expect(new URL(page.url()).hash).toBe(`#present=${check.slide}`);
    await each?.(check);
    await page.screenshot({
      path: join(
        screenshotDir,
        `deck-${name}-${String(i).padStart(2, '0')}-${check.slide}-${check.step}.png`,
      ),
    });
    if (check.slide === SLIDES.at(-1)!.id) break;
    await page.keyboard.press(i % 3 === 0 ? 'ArrowRight' : i % 3 === 1 ? 'Space' : 'PageDown');
  }
  return { seen, minBody, minChart, overlaps, clashes };
}

describe('present mode: a slide deck', () => {
  const env = browserEnvPerSuite();

  it('every slide and step fits 1920×1080, 1280×720 and a 390 px phone: large type, nothing overlaps, one story', async () => {
    const { page, errors } = await env().open('index.html');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    // the page's load simulation of the scenario (which the story's TTFT then tells) has finished, so the
    // walk below sees one state rather than racing it
    await page.waitForFunction(() => window.__ridgelineExplorer?.load().kind === 'done', null, {
      timeout: 120_000,
    });
    await openDeck(page);
    // the rest of the page is not rendered
    expect(await page.$eval('main', (el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.$eval('header.app-header', (el) => getComputedStyle(el).display)).toBe('none');
    // the control bar hides while presenting, and comes back on a pointer move and on keyboard focus
    await page.waitForSelector('.deck[data-controls="hidden"]', { timeout: 20_000 });
    // (it fades out)
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.deck-nav')!).opacity === '0');
    await page.mouse.move(400, 400);
    await page.mouse.move(420, 410);
    await page.waitForSelector('.deck[data-controls="shown"]');
    await page.waitForSelector('.deck[data-controls="hidden"]', { timeout: 20_000 });
    await page.focus('.deck-nav button[data-nav="next"]');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.deck-nav')!).opacity === '1');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    const report: Record<string, unknown> = {};
    let fleetSavings = '';
    const at1920 = await walk(page, '1920', { body: 24, chart: 20 }, async (check) => {
      if (check.slide === 'fleet') {
        fleetSavings = (await page.getAttribute('.deck .slide', 'data-model-savings')) ?? '';
        // the bill says ridgeline's model; the napkin's bar stands beside it, labelled
        expect(check.text).toContain('ridgeline’s model');
      }
      if (check.slide === 'kv') {
        // one answer to "how many users fit", labelled: the model's 37, the napkin's 340 beside it, and why
        expect(await page.textContent('.deck [data-story="users"] .deck-value')).toBe('37 streams');
        expect(check.text).toMatch(/the blog’s napkin\s*340 streams/);
        expect(check.text).toContain('not split across the tensor-parallel ranks');
      }
      if (check.slide === 'prefill') {
        // TTFT: the model's, the napkin's and the measured 1.57 s, labelled, with why; the model's is the
        // serving simulator's median, the same figure the explorer's story shows (one story)
        expect(check.text).toMatch(/measured\s*1\.57 s/);
        expect(check.text).toContain('serving simulator');
        const deckTtft = await page.textContent('.deck [data-story="ttft"] .deck-value');
        expect(deckTtft).toBe(await page.textContent('.story-panel tr[data-story="ttft"] td.model'));
      }
    });
    expect(at1920.seen).toEqual(EVERY_STEP);
    // the punchline states the model's verdict, the fleet slide's, with the napkin's beside it
    const verdict = await page.getAttribute('.deck [data-role="verdict"]', 'data-model-savings');
    expect(verdict).toBe(fleetSavings);
    expect(Number(verdict)).toBeLessThan(0);
    const loss = Math.round(-Number(verdict)).toLocaleString('en-US');
    expect(
      (await page.textContent('.deck [data-role="verdict"]'))?.startsWith(
        `Self-hosting the trough costs $${loss} a month more than all-API`,
      ),
    ).toBe(true);
    expect(await page.textContent('.deck [data-role="napkin-verdict"]')).toMatch(
      /the blog’s napkin\s*\$18,559 a month saved/,
    );
    expect(await page.textContent('.deck .slide')).not.toMatch(/month a month/);
    report['1920x1080'] = { minBody: at1920.minBody, minChart: at1920.minChart, overlaps: at1920.overlaps };

    for (const [width, height, name] of [
      [1280, 720, '1280'],
      [390, 844, '390'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.keyboard.press('Home');
      await page.waitForSelector('.deck[data-slide="title"]');
      const result = await walk(page, name, name === '1280' ? { body: 16, chart: 16 } : null);
      expect(result.seen).toEqual(EVERY_STEP);
      report[`${width}x${height}`] = {
        minBody: result.minBody,
        minChart: result.minChart,
        overlaps: result.overlaps,
      };
    }
    mkdirSync(screenshotDir, { recursive: true });
    writeFileSync(join(screenshotDir, 'deck-text-sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('deck text sizes (px on screen):', JSON.stringify(report));

    // ← walks back, Esc leaves and the page comes back
    await page.keyboard.press('ArrowLeft');
    expect(await page.getAttribute('.deck', 'data-slide')).toBe(SLIDES.at(-2)!.id);
    await page.keyboard.press('Escape');
    expect(await page.isHidden('.deck')).toBe(true);
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.$eval('main', (el) => getComputedStyle(el).display)).not.toBe('none');
    // offline from the build: every resource came from the page's own origin
    const origins = await page.evaluate(() => [
      ...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).origin)),
    ]);
    expect(origins).toEqual([new URL(page.url()).origin]);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  }, 600_000);

  it('another scenario has its own deck: Llama 3.1 70B on 8×H100, no raw ids, no lone dashes, no Kimi figures', async () => {
    const { page, errors } = await env().open('index.html');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openDeck(page, 'title', '?model=llama-3.1-70b&gpu=h100-sxm');
    const texts: string[] = [];
    const result = await walk(page, 'llama', { body: 24, chart: 20 }, async (check) => {
      texts.push(check.text);
    });
    expect(result.seen).toEqual(EVERY_STEP);
    const all = texts.join(' ');
    expect(all).toContain('Llama 3.1 70B on 8× NVIDIA H100');
    expect(all).toContain('The NVIDIA H100 SXM5 80GB’s roofs');
    for (const kimi of [
      '3,125',
      '956 GB',
      '340 streams',
      '$18,559',
      '1,250 FLOP/B',
      'B200’s roofs',
      'blog §',
    ])
      expect(all, kimi).not.toContain(kimi);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  }, 300_000);

  it('the roofline slide: fixed axes over every build step, only streams that fit, the point animated; PageDown after the slider moves the deck', async () => {
    const { page } = await env().open('index.html');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openDeck(page, 'roofline');
    const ticks = () =>
      page.$$eval('.deck svg.roofline text.tick', (els) => els.map((el) => el.textContent).join('|'));
    const axes: string[] = [];
    for (let step = 0; step <= 3; step++) {
      await page.waitForSelector(`.deck[data-step="${step}"]`);
      axes.push(await ticks());
      // only streams whose KV fits (37 on the blog's scenario) are plotted
      const batches = JSON.parse((await page.getAttribute('.deck svg.roofline', 'data-batches')) ?? '[]');
      for (const b of batches) expect(b).toBeLessThanOrEqual(37);
      if (step < 3) await page.keyboard.press('ArrowRight');
    }
    expect(new Set(axes).size).toBe(1);
    expect(await page.getAttribute('input[data-role="deck-batch"]', 'aria-label')).toBe(
      'Batch B, 1 to 37 streams',
    );
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft'); // step 1: decode at B = 1
    await page.waitForSelector('.deck[data-step="1"]');
    await page.waitForTimeout(800);
    const position = () =>
      page.$eval('.deck path.point.operating[data-highlight="true"]', (el) => {
        const r = el.getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2];
      });
    const [x1, y1] = await position();
    const max = await page.getAttribute('input[data-role="deck-batch"]', 'max');
    await page.fill('input[data-role="deck-batch"]', max ?? '6'); // B = 37, the KV capacity
    await page.dispatchEvent('input[data-role="deck-batch"]', 'input');
    expect(await page.evaluate(() => document.getAnimations().length)).toBeGreaterThan(0);
    await page.waitForTimeout(900);
    const [x2, y2] = await position();
    // up and to the right along the slope (the axes hold every step's points, so the move is short)
    expect(x2).toBeGreaterThan(x1! + 10);
    expect(y2).toBeLessThan(y1! - 5);
    await expect(page.textContent('.deck [data-field="decode-stall"]')).resolves.toMatch(/stalls near/);
    expect(await ticks()).toBe(axes[0]);
    // a clicker after the speaker touched the slider: PageDown moves the deck, not the slider
    await page.focus('input[data-role="deck-batch"]');
    const value = await page.inputValue('input[data-role="deck-batch"]');
    await page.keyboard.press('PageDown');
    await page.waitForSelector('.deck[data-step="2"]');
    await page.keyboard.press('PageUp');
    await page.waitForSelector('.deck[data-step="1"]');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.waitForSelector('.deck[data-slide="measure"]');
    expect(value).toBe(max);
    await page.screenshot({ path: join(screenshotDir, 'deck-after-slider-pagedown.png') });
  }, 180_000);

  it('a presenter view follows the deck and drives it: notes per build step, previews, a timer that starts with the talk and resets', async () => {
    const deck = await env().open('index.html#present=decode');
    await deck.page.setViewportSize({ width: 1280, height: 720 });
    await deck.page.waitForSelector('.deck[data-slide="decode"]', { timeout: 60_000 });
    const presenter = await deck.context.newPage();
    await presenter.setViewportSize({ width: 1280, height: 800 });
    await presenter.goto(new URL('index.html#presenter', env().server.baseUrl).href);
    await presenter.waitForSelector('[data-field="presenter-current"][data-slide="decode"]', {
      timeout: 30_000,
    });
    // the presenter view loads alone: no measurement page, no explorer
    expect(await presenter.$('#roofline')).toBeNull();
    await expect(presenter.textContent('[data-field="presenter-notes"]')).resolves.toContain(
      'Each token reads every active weight once: 16 GB',
    );
    await expect(presenter.textContent('[data-field="presenter-next"]')).resolves.toMatch(
      /^Next: The roofline/,
    );
    // the talk has not started: the timer waits for the first move
    expect(await presenter.getAttribute('[data-field="presenter-timer"]', 'data-running')).toBe('false');
    // previews of this slide and the next
    await presenter.waitForSelector('[data-preview="now"] .deck-stage[data-slide="decode"] svg');
    await presenter.waitForSelector('[data-preview="next"] .deck-stage[data-slide="roofline"]');
    // the deck moves → the presenter follows, with the notes of the build step on screen
    await deck.page.keyboard.press('ArrowRight');
    await presenter.waitForSelector('[data-field="presenter-current"][data-slide="roofline"][data-step="0"]');
    await expect(presenter.textContent('[data-field="presenter-position"]')).resolves.toMatch(/step 1 of 4/);
    await presenter.waitForSelector('[data-field="presenter-timer"][data-running="true"]');
    const notes0 = await presenter.textContent('[data-field="presenter-notes"]');
    await expect(presenter.textContent('[data-field="presenter-next"]')).resolves.toBe(
      'Next: build step 2 of 4',
    );
    // the presenter drives → the deck follows
    await presenter.click('button[data-command="next"]');
    await deck.page.waitForSelector('.deck[data-step="1"]');
    await presenter.waitForSelector('[data-field="presenter-current"][data-step="1"]');
    expect(await presenter.textContent('[data-field="presenter-notes"]')).not.toBe(notes0);
    await presenter.waitForSelector('[data-preview="now"] .deck-stage[data-slide="roofline"][data-step="1"]');
    await presenter.waitForSelector(
      '[data-preview="next"] .deck-stage[data-slide="roofline"][data-step="2"]',
    );
    // the timer resets on demand: its start moves to now
    const started = Number(await presenter.getAttribute('[data-field="presenter-timer"]', 'data-started-at'));
    await presenter.click('button[data-command="reset-timer"]');
    await presenter.waitForFunction(
      (before) =>
        Number(document.querySelector('[data-field="presenter-timer"]')?.getAttribute('data-started-at')) >
        before,
      started,
    );
    await presenter.click('button[data-command="previous"]');
    await presenter.click('button[data-command="previous"]');
    await deck.page.waitForSelector('.deck[data-slide="decode"]');
    await presenter.screenshot({ path: join(screenshotDir, 'deck-presenter-view.png') });
  }, 180_000);

  it('the live slide measures this device: Run disabled while running, what runs now, points landing one by one, labelled, and its distance from the B200', async () => {
    const { page, errors } = await env().open('index.html');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForSelector('#measure[data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    await openDeck(page, 'measure');
    await expect(page.textContent('[data-field="deck-measure-status"]')).resolves.toMatch(/CPU fallback/);
    // every count of points the chart shows during the run, in order
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { __points: number[] }).__points = seen;
      new MutationObserver(() => {
        const n = Number(document.querySelector('.deck svg.roofline')?.getAttribute('data-points') ?? 0);
        if (seen.at(-1) !== n) seen.push(n);
      }).observe(document.querySelector('.deck .slide')!, {
        subtree: true,
        attributes: true,
        childList: true,
      });
    });
    await page.click('button[data-role="deck-run"]');
    expect(await page.isDisabled('button[data-role="deck-run"]')).toBe(true);
    // a second click mid-run never reports a missing adapter
    await page.click('button[data-role="deck-run"]', { force: true });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-field="deck-measure-now"]')?.textContent?.startsWith('Now measuring'),
      null,
      { timeout: 60_000 },
    );
    expect(await page.textContent('[data-field="deck-measure-now"]')).toMatch(
      /^Now measuring (the memory roof|the compute roof|a GEMV|a GEMM|a batched GEMV|a mixture-of-experts GEMV)/,
    );
    await page.screenshot({ path: join(screenshotDir, 'deck-measure-running.png') });
    expect(await page.textContent('[data-field="deck-measure-status"]')).not.toMatch(/No WebGPU adapter/);
    await page.waitForSelector('.deck .slide[data-run="done"]', { timeout: 240_000 });
    const counts = await page.evaluate(() => (window as unknown as { __points: number[] }).__points);
    // the points landed one case at a time, never all at once at the end
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const points = await page.$$('.deck svg.roofline path.point.measured');
    expect(points.length).toBeGreaterThan(1);
    // each point labelled
    expect((await page.$$('.deck svg.roofline text.point-caption')).length).toBeGreaterThanOrEqual(
      points.length - 1,
    );
    expect(await page.isDisabled('button[data-role="deck-run"]')).toBe(false);
    // one sentence: how far this device is from the B200
    await expect(page.textContent('[data-field="deck-measure-status"]')).resolves.toMatch(
      /× below (one NVIDIA B200|its FP32 peak)/,
    );
    // on a CPU adapter the talk profile's streams stay in cache (talk.ts): no memory roof, and the slide says so
    if (!(await page.getAttribute('.deck svg.roofline', 'data-memory-roof')))
      await expect(page.textContent('[data-field="deck-measure-missing"]')).resolves.toMatch(
        /^No memory roof/,
      );
    expect(await textClashes(page, '.deck svg')).toEqual([]);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(screenshotDir, 'deck-measure-after-run.png') });
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  }, 300_000);
});
