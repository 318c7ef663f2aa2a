import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../src/model/evaluate.ts';
import { presetInputs } from '../../src/model/scenario/scenarioPresets.ts';
import { horizontalOverflow, textClashes } from './layoutChecks.ts';
import { browserEnvPerSuite, screenshotDir } from './support.ts';

// The explorer tells the deck's story (issue 23, items 1, 6 and 7): the decision figures three ways with
// why they part, one decode-intensity definition on show, no headline on the blog's 2 FLOP/B, bound words
// from the operator breakdown, no clipped or colliding labels (after a run too), "rounds to" where a
// difference is rounding, no spec codes in prose, the batch rule, the interconnect's roof and worked
// questions, at 1920×1080, 1280×720 and 390 px.

const run = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'swiftshader-quick.json'), 'utf8'),
) as unknown;

const defaults = presetInputs('default');
const defaultResult = evaluateScenario(defaults);

describe('the explorer tells one story', () => {
  const env = browserEnvPerSuite();

  it('at 1920, 1280 and 390 px: the story panel, the chapters’ lines, consistent labels, worked questions', async () => {
    const { page, errors } = await env().open('index.html');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });

    // 1. the decision figures three ways, labelled, with why
    const row = (id: string) => page.locator(`.story-panel tr[data-story="${id}"]`);
    await expect(row('users').locator('td.model').textContent()).resolves.toBe('37 streams');
    await expect(row('users').locator('td.napkin').textContent()).resolves.toBe('340 streams');
    await expect(row('users').locator('td.measured').textContent()).resolves.toMatch(/^32 streams/);
    await expect(row('ttft').locator('td.measured').textContent()).resolves.toMatch(/^1\.57 s/);
    // the model's verdict as the model computes it today (the engine profile's calibration moves it)
    const tier = defaultResult.projection.fleetByTier.find(
      (r) => r.sizingTier === defaults.scenario.fleetSizingTier,
    );
    const loss = Math.round(-(tier?.savingsPerMonthUsd ?? 0)).toLocaleString('en-US');
    await expect(row('verdict').locator('td.model').textContent()).resolves.toBe(`loses $${loss} a month`);
    await expect(row('verdict').locator('td.napkin').textContent()).resolves.toBe('saves $18,559 a month');
    for (const id of ['users', 'ttft', 'per-stream', 'aggregate', 'verdict'])
      expect((await row(id).locator('td.why').textContent())?.length, id).toBeGreaterThan(40);
    expect(await page.textContent('.story-panel thead')).toMatch(
      /ridgeline’s model.*the blog’s napkin.*measured/,
    );
    // the same line in its chapter, above the napkin's card of 340 users
    const kvLine = await page.textContent('section[data-chapter="kv"] p.story-line[data-story="users"]');
    expect(kvLine).toMatch(
      /ridgeline’s model 37 streams · the blog’s napkin 340 streams · measured 32 streams/,
    );

    // 6. one decode-intensity definition on show; no headline on the blog's 2 FLOP/B
    const headlines = await page.$$eval(
      'section[data-chapter="roofline"] .headline-figures [data-figure-id]',
      (els) => els.map((el) => el.getAttribute('data-figure-id')),
    );
    expect(headlines).not.toContain('roof.decode_intensity');
    expect(headlines).not.toContain('roof.ridge_over_decode');
    await expect(
      page.textContent('section[data-chapter="roofline"] p.story-line[data-story="intensity"]'),
    ).resolves.toMatch(/whole pass.*3\.4 FLOP\/B.*The blog’s formula counts the weights alone: 4 FLOP\/B/);
    await expect(page.textContent('[data-figure-id="roof.decode_intensity"] .figure-label')).resolves.toBe(
      'Decode intensity at B=1, weights alone (the blog’s formula)',
    );
    // bound words from the operator breakdown: the first prefill chunk's dominant bound, as the model says
    const bound = defaultResult.projection.prefill?.firstChunk.boundBy ?? 'none';
    await expect(page.textContent('section[data-chapter="prefill"] .lede')).resolves.toContain(
      `the first chunk is ${bound}-bound`,
    );
    await expect(page.textContent('[data-chart="prefill-ops"] figcaption')).resolves.toMatch(
      new RegExp(`^One prefill chunk, stacked by operator: ${bound}-bound`),
    );
    // "rounds to" where only the printed digits differ
    const savings = page.locator('.figure[data-figure-id="bill.savings"]');
    await savings.evaluate((el) => {
      for (let node = el.parentElement; node; node = node.parentElement)
        if (node instanceof HTMLDetailsElement) node.open = true;
    });
    await savings.locator('summary').click();
    await expect(savings.locator('[data-role="blog-line"]').getAttribute('data-blog')).resolves.toBe(
      'rounds',
    );
    // no spec codes (F12, I-29) in what a reader reads (the how panel's formula tag aside)
    const prose = await page.evaluate(() => {
      const clone = document.querySelector('#explorer')!.cloneNode(true) as HTMLElement;
      for (const tag of clone.querySelectorAll('.formula-id, code, input, select, textarea')) tag.remove();
      return clone.textContent ?? '';
    });
    expect(prose.match(/\b(F\d{1,2}|I-\d{1,2})\b/g) ?? []).toEqual([]);

    // 7. the rule the slider shows, the interconnect's roof where a collective bounds a step, questions
    await expect(page.textContent('[data-field="batch-rule"]')).resolves.toMatch(
      /^The rule: decode intensity grows about linearly with B/,
    );
    expect(await page.$('[data-chart="roofline"] svg [data-roof="link"]')).not.toBeNull();
    await expect(page.textContent('[data-legend="roofline"]')).resolves.toMatch(
      /the NVLink 5 roof, 900 GB\/s/,
    );
    await page.waitForSelector('.worked-questions li[data-question]');
    const questions = page.locator('.worked-questions li[data-question]');
    const count = await questions.count();
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(5);
    expect(
      await page.$$eval('.worked-questions details.answer', (els) =>
        els.some((el) => (el as HTMLDetailsElement).open),
      ),
    ).toBe(false);
    await expect(questions.first().locator('.question').textContent()).resolves.toBe(
      'At what batch B does Kimi K2.6 decode on an NVIDIA B200 turn compute-bound?',
    );
    await questions.first().locator('summary').click();
    await expect(questions.first().locator('details.answer').textContent()).resolves.toMatch(
      /ridge is the NVIDIA B200’s FP4 peak ÷ its bandwidth: 1,250 FLOP\/B/,
    );

    // fit at every size, before and after a run lands: no clipped labels, no colliding text
    await page.evaluate((document) => {
      window.dispatchEvent(new CustomEvent('ridgeline:measurements', { detail: { documents: [document] } }));
    }, run);
    await page.waitForSelector('[data-chart="roofline"] svg [data-roof="local"]');
    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(700); // the charts redraw at the new width once the resize settles
      expect(await textClashes(page, '#explorer svg'), `${width}`).toEqual([]);
      // every VRAM bar label starts inside its chart
      const cut = await page.$$eval('[data-chart="vram"] svg text', (els) =>
        els.filter((el) => (el as SVGGraphicsElement).getBBox().x < 0).map((el) => el.textContent),
      );
      expect(cut, `${width}`).toEqual([]);
      // nothing scrolls sideways, and nothing of the explorer sticks out of the window
      expect((await horizontalOverflow(page)).overflow, `${width}`).toBe(0);
      const outside = await page.$$eval('#explorer *', (els) =>
        els
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > document.documentElement.clientWidth + 0.5;
          })
          .map((el) => `${el.tagName}.${el.className}`),
      );
      expect(outside, `${width}`).toEqual([]);
      await page
        .locator('.story-panel')
        .screenshot({ path: join(screenshotDir, `explorer-story-${width}.png`) });
      await page.locator('section[data-chapter="roofline"]').screenshot({
        path: join(screenshotDir, `explorer-roofline-${width}.png`),
      });
    }
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  }, 300_000);

  it('another scenario: Llama 3.1 70B on 8×H100 tells its own story, the napkin absent where it rests on the blog’s load test', async () => {
    const { page } = await env().open('index.html?model=llama-3.1-70b&gpu=h100-sxm');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    await expect(page.textContent('.story-panel tr[data-story="ttft"] td.napkin')).resolves.toBe('—');
    await expect(page.textContent('.story-panel [data-role="verdict"]')).resolves.toMatch(
      /^ridgeline’s model: Self-hosting the trough saves/,
    );
    await page.waitForSelector('.worked-questions li[data-question="compute-bound-batch"]');
    await expect(
      page.textContent('.worked-questions li[data-question="compute-bound-batch"] .question'),
    ).resolves.toBe(
      'At what batch B does Llama 3.1 70B decode on an NVIDIA H100 SXM5 80GB turn compute-bound?',
    );
    const text = (await page.textContent('.story-panel')) ?? '';
    for (const kimi of ['340 streams', '$18,559', '1.57 s']) expect(text, kimi).not.toContain(kimi);
  }, 120_000);
});
