// The page for keyboard and screen-reader users (issue 21), in headless Chromium: every form control has a
// name of its own (the Batch and Context fields once shared one label with their sliders); a log2 slider
// says the value it sets, not its exponent; the many "how" and "reset" controls say which figure or input
// they are for; and keyboard focus follows a run, to Cancel while it runs and back to Run after. Names
// are read through Playwright's accessibility queries (getByRole), which compute them as a browser does.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openExplorer } from './explorerHelpers.ts';
import { openMeasure, RUN_TIMEOUT_MS, waitForRunEnd } from './measurePage.ts';
import { browserEnvPerSuite } from './support.ts';

/** Every form control on the page that has no name of its own, or shares its label with another. */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('input, select, textarea')].filter(
      (el) => (el as HTMLInputElement).type !== 'hidden',
    );
    const describe = (el: HTMLElement) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.attributes]
        .filter((a) => a.name.startsWith('data-') || a.name === 'name' || a.name === 'type')
        .map((a) => `[${a.name}=${a.value}]`)
        .join('')}`;
    const labelled = new Map<HTMLLabelElement, HTMLElement[]>();
    const problems: string[] = [];
    for (const el of controls) {
      const labels = [...((el as HTMLInputElement).labels ?? [])];
      for (const label of labels) labelled.set(label, [...(labelled.get(label) ?? []), el]);
      const aria = (el.getAttribute('aria-label') ?? '').trim();
      const by = (el.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
        .join('');
      const fromLabels = labels.map((l) => l.textContent?.trim() ?? '').join('');
      if (aria === '' && by === '' && fromLabels === '') problems.push(`no name: ${describe(el)}`);
    }
    for (const [label, els] of labelled)
      if (els.length > 1) problems.push(`one label for ${els.length}: ${label.textContent?.trim()}`);
    return problems;
  });
}

describe('accessibility', () => {
  const env = browserEnvPerSuite();

  it('every control has its own name; sliders say their value; "how" and "reset" say what they are for', async () => {
    const { page } = await openExplorer(env(), '');
    expect(await unnamedControls(page)).toEqual([]);

    // the number fields are named by their own labels, the sliders beside them by theirs
    await expect(
      page.getByRole('spinbutton', { name: 'Batch B (concurrent streams)', exact: true }).count(),
    ).resolves.toBe(1);
    await expect(
      page.getByRole('spinbutton', { name: 'Context per stream (tokens)', exact: true }).count(),
    ).resolves.toBe(1);
    const batchSlider = page.getByRole('slider', {
      name: 'Batch B (concurrent streams): slider (powers of 2)',
    });
    const contextSlider = page.getByRole('slider', {
      name: 'Context per stream (tokens): slider (powers of 2)',
    });
    await expect(batchSlider.getAttribute('aria-valuetext')).resolves.toBe('16 concurrent streams');
    await expect(contextSlider.getAttribute('aria-valuetext')).resolves.toBe(
      '80,000 tokens of context per stream',
    );
    // the roofline chapter's batch slider is the same knob: it says the same value
    const rooflineSlider = page.locator('[data-role="roofline-batch"] input[type="range"]');
    await expect(rooflineSlider.getAttribute('aria-valuetext')).resolves.toBe('16 concurrent streams');
    // a slider moved by the keyboard announces the batch it set
    await batchSlider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(batchSlider.getAttribute('aria-valuetext')).resolves.toBe('32 concurrent streams');
    await expect(page.inputValue('input[type="number"][data-knob="batch"]')).resolves.toBe('32');

    // "how": one per figure, each named for its figure
    const hows = await page.$$eval('#explorer .figure:not(.unavailable) details > summary', (summaries) =>
      summaries.map((s) => ({
        name: s.getAttribute('aria-label') ?? '',
        figure: s.closest('.figure')?.querySelector('.figure-label')?.textContent ?? '',
      })),
    );
    expect(hows.length).toBeGreaterThan(50);
    for (const { name, figure } of hows) expect(name).toBe(`how: ${figure}`);

    // "reset": one per input row, each named for its input, no two alike
    const resets = await page.$$eval('[data-reset]', (buttons) =>
      buttons.map((b) => [b.getAttribute('aria-label') ?? '', b.getAttribute('data-reset') ?? '']),
    );
    expect(resets.length).toBeGreaterThan(50);
    for (const [name, path] of resets) expect(name).toBe(`reset: ${path}`);
    expect(new Set(resets.map(([name]) => name)).size).toBe(resets.length);
    await expect(
      page
        .getByRole('button', { name: 'reset: empirical.mbuMeasured', exact: true, includeHidden: true })
        .count(),
    ).resolves.toBe(1);
  }, 120_000);

  it(
    'keyboard focus goes to Cancel while a run goes, and back to Run when it ends',
    async () => {
      const { page } = await openMeasure(env());
      await page.waitForSelector('#run-button:not([disabled])', { timeout: 60_000 });
      await page.focus('#run-button');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#cancel-button:not([disabled])', { timeout: 60_000 });
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('cancel-button');
      // cancelling by the keyboard too: Enter on the focused Cancel
      await page.keyboard.press('Enter');
      expect(await waitForRunEnd(page)).toMatch(/^(cancelled|done)$/);
      await page.waitForSelector('#run-button:not([disabled])', { timeout: RUN_TIMEOUT_MS });
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('run-button');
    },
    RUN_TIMEOUT_MS + 60_000,
  );
});
