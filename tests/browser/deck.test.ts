import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SLIDES } from '../../src/ui/deck/slides.ts';
import { textClashes } from './layoutChecks.ts';
import { browserEnvPerSuite, screenshotDir } from './support.ts';

// Present mode is a real deck (issue 13): every slide and build step fits 1920×1080 and 1280×720 with no
// scrolling and no text on the navigation, body text ≥ 24 px and chart text ≥ 16 px at 1920, the rest of
// the page not rendered, a URL per slide, a presenter view in step both ways, nothing fetched from
// elsewhere, and the live "measure this laptop" slide landing a quick run beside the B200.

interface SlideCheck {
  readonly slide: string;
  readonly step: string;
  readonly overflow: number;
  readonly onNav: string[];
  readonly outside: string[];
  readonly smallBody: string[];
  readonly smallChart: string[];
}

/** Measures the slide on screen: overflow, text on the navigation or off the stage, small text. */
function checkSlide(page: Page): Promise<SlideCheck> {
  return page.evaluate(() => {
    const deck = document.querySelector<HTMLElement>('.deck')!;
    const slide = document.querySelector<HTMLElement>('.deck .slide')!;
    const nav = document.querySelector<HTMLElement>('.deck-nav')!.getBoundingClientRect();
    const stage = document.querySelector<HTMLElement>('.deck-stage')!.getBoundingClientRect();
    const scale = Number(deck.dataset['scale']);
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const onNav: string[] = [];
    const outside: string[] = [];
    const smallBody: string[] = [];
    const smallChart: string[] = [];
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width === 0) continue;
        if (overlap(rect, nav)) onNav.push(text);
        if (rect.right > stage.right + 1 || rect.bottom > stage.bottom + 1 || rect.left < stage.left - 1)
          outside.push(text);
      }
      // the size on screen: the stage's own pixels × its scale (1 at 1920×1080)
      const size = Number.parseFloat(getComputedStyle(parent).fontSize) * scale;
      const inChart = parent.closest('svg, .chart-legend') !== null;
      if (inChart && size < 16) smallChart.push(`${text} ${size}`);
      if (!inChart && size < 24) smallBody.push(`${text} ${size}`);
    }
    return {
      slide: deck.dataset['slide'] ?? '',
      step: deck.dataset['step'] ?? '',
      overflow: Math.max(slide.scrollHeight - slide.clientHeight, slide.scrollWidth - slide.clientWidth),
      onNav,
      outside,
      smallBody,
      smallChart,
    };
  });
}

async function openDeck(page: Page, slide = 'title'): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#present=${slide}`);
  await page.waitForSelector(`.deck[data-slide="${slide}"]`, { timeout: 60_000 });
}

describe('present mode: a slide deck', () => {
  const env = browserEnvPerSuite();

  for (const [width, height] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    it(`every slide and step fits ${width}×${height}: no scrolling, nothing on the navigation, large type`, async () => {
      const { page, errors } = await env().open('index.html');
      await page.setViewportSize({ width, height });
      await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
      await openDeck(page);
      // the rest of the page is not rendered
      expect(await page.$eval('main', (el) => getComputedStyle(el).display)).toBe('none');
      expect(await page.$eval('header.app-header', (el) => getComputedStyle(el).display)).toBe('none');
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.waitForTimeout(450); // the slide's entrance and the chart's move settle
        const check = await checkSlide(page);
        seen.push(`${check.slide}:${check.step}`);
        expect(check.overflow, check.slide).toBeLessThanOrEqual(1);
        expect(check.onNav, check.slide).toEqual([]);
        expect(check.outside, check.slide).toEqual([]);
        if (width === 1920) {
          expect(check.smallBody, check.slide).toEqual([]);
          expect(check.smallChart, check.slide).toEqual([]);
        }
        expect(await textClashes(page, '.deck svg'), check.slide).toEqual([]);
        // a URL per slide
        expect(new URL(page.url()).hash).toBe(`#present=${check.slide}`);
        await page.screenshot({
          path: join(
            screenshotDir,
            `deck-${width}-${String(i).padStart(2, '0')}-${check.slide}-${check.step}.png`,
          ),
        });
        if (check.slide === SLIDES.at(-1)!.id) break;
        await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'Space');
      }
      // every slide, and every build step, in the blog's order
      const expected = SLIDES.flatMap((s) => Array.from({ length: s.steps + 1 }, (_, k) => `${s.id}:${k}`));
      expect(seen).toEqual(expected);
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
    }, 240_000);
  }

  it('the roofline slide moves the decode point along the roof as B grows, animated, and says where it stalls', async () => {
    const { page } = await env().open('index.html#present=roofline');
    await page.waitForSelector('.deck[data-slide="roofline"]', { timeout: 60_000 });
    const position = () =>
      page.$eval('.deck path.point.operating[data-highlight="true"]', (el) => {
        const r = el.getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2];
      });
    await page.keyboard.press('ArrowRight'); // step 1: decode at B = 1
    await page.waitForTimeout(800);
    const [x1, y1] = await position();
    await page.fill('input[data-role="deck-batch"]', '8'); // B = 256
    await page.dispatchEvent('input[data-role="deck-batch"]', 'input');
    // the point is on its way (an animation runs) …
    const animating = await page.evaluate(() => document.getAnimations().length);
    expect(animating).toBeGreaterThan(0);
    await page.waitForTimeout(900);
    const [x2, y2] = await position();
    // … and lands up and to the right along the slope
    expect(x2).toBeGreaterThan(x1! + 20);
    expect(y2).toBeLessThan(y1! - 20);
    await expect(page.textContent('.deck [data-field="decode-stall"]')).resolves.toMatch(/stalls near/);
  }, 120_000);

  it('a presenter view in a second window follows the deck and drives it', async () => {
    const deck = await env().open('index.html#present=decode');
    await deck.page.waitForSelector('.deck[data-slide="decode"]', { timeout: 60_000 });
    const presenter = await deck.context.newPage();
    await presenter.goto(new URL('index.html#presenter', env().server.baseUrl).href);
    await presenter.waitForSelector('[data-field="presenter-current"][data-slide="decode"]', {
      timeout: 30_000,
    });
    // the presenter view loads alone: no measurement page, no explorer
    expect(await presenter.$('#roofline')).toBeNull();
    await expect(presenter.textContent('[data-field="presenter-notes"]')).resolves.toContain(
      'Each token reads every active weight once',
    );
    await expect(presenter.textContent('[data-field="presenter-next"]')).resolves.toMatch(
      /^Next: The roofline/,
    );
    await expect(presenter.textContent('[data-field="presenter-timer"]')).resolves.toMatch(/^\d+:\d\d$/);
    // the deck moves → the presenter follows
    await deck.page.keyboard.press('ArrowRight');
    await presenter.waitForSelector('[data-field="presenter-current"][data-slide="roofline"]');
    await expect(presenter.textContent('[data-field="presenter-position"]')).resolves.toMatch(/step 1 of 4/);
    // the presenter drives → the deck follows
    await presenter.click('button[data-command="next"]');
    await deck.page.waitForSelector('.deck[data-step="1"]');
    await presenter.click('button[data-command="previous"]');
    await presenter.click('button[data-command="previous"]');
    await deck.page.waitForSelector('.deck[data-slide="decode"]');
    await presenter.screenshot({ path: join(screenshotDir, 'deck-presenter-view.png') });
  }, 120_000);

  it('the measure slide runs the quick profile and lands this device beside the B200', async () => {
    const { page, errors } = await env().open('index.html');
    await page.waitForSelector('#measure[data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    await openDeck(page, 'measure');
    await expect(page.textContent('[data-field="deck-measure-status"]')).resolves.toMatch(/CPU fallback/);
    await page.click('button[data-role="deck-run"]');
    await page.waitForFunction(
      () => Number(document.querySelector('.deck svg.roofline')?.getAttribute('data-points')) > 0,
      null,
      { timeout: 180_000 },
    );
    expect(await page.$$('.deck svg.roofline path.point.measured')).not.toHaveLength(0);
    await expect(page.textContent('[data-field="deck-measure-status"]')).resolves.toMatch(
      /kernels on the chart/,
    );
    expect(await textClashes(page, '.deck svg')).toEqual([]);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(screenshotDir, 'deck-measure-after-run.png') });
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  }, 240_000);
});
