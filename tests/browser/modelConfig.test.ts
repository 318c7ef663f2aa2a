// Any model from its config.json, on the built page (issue 18): a file given to the explorer's file input
// becomes the served model, its counts are shown beside the picker, every figure equals
// `ridgeline project --model-config` for the same file, and the share link carries the architecture
// (arch.*), not the file, so opening it reproduces the scenario. A bad config is one message beside the
// input; a hostile one stays text; a link's out-of-range field is named and the default model used.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openExplorer, pageFigures, repoRoot, sameNumber } from './explorerHelpers.ts';
import { browserEnvPerSuite, cspViolations } from './support.ts';

const fixture = resolve(repoRoot, 'tests/fixtures/hf-configs/openai--gpt-oss-120b.json');

function cliFigures(args: readonly string[]): Record<string, number> {
  const run = spawnSync(process.execPath, ['bin/ridgeline.mjs', 'project', '--json', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return (JSON.parse(run.stdout) as { figures: Record<string, number> }).figures;
}

describe('explorer: a model from its config.json', () => {
  const env = browserEnvPerSuite();

  it('a loaded file is the served model, its counts are shown, the link reproduces it', async () => {
    const { page, errors } = await openExplorer(env(), 'gpu=h200&weights=fp8');
    await page.setInputFiles('[data-role="model-config-file"]', fixture);
    await page.waitForFunction(
      () =>
        (document.querySelector('select[data-knob="model"]') as HTMLSelectElement | null)?.value === 'config',
      null,
      { timeout: 30_000 },
    );
    // gpt-oss-120b's card: 116.83B total, 5.13B active (the input embedding not counted)
    const summary = (await page.textContent('[data-role="model-summary"]')) ?? '';
    expect(summary).toMatch(
      /^117 B parameters, 5\.13 B active per token \(5\.71 B with the input embedding\) · KV /,
    );
    expect(await page.textContent('select[data-knob="model"] option[value="config"]')).toBe(
      'GptOssForCausalLM (config.json)',
    );
    const cli = cliFigures(['--model-config', fixture, '--gpu', 'h200', '--weights', 'fp8']);
    const shown = await pageFigures(page);
    const ids = Object.keys(cli).filter((id) => id in shown);
    expect(ids.length).toBeGreaterThan(60);
    for (const id of ids) expect(sameNumber(shown[id] ?? Number.NaN, cli[id] ?? 0), id).toBe(true);
    // the link: the architecture's fields, not the file
    await expect.poll(() => new URL(page.url()).searchParams.get('model'), { timeout: 5000 }).toBe('config');
    const link = new URL(page.url());
    expect(link.searchParams.get('arch.hiddenSize')).toBe('2880');
    expect(link.searchParams.get('arch.slidingWindowLayers')).toBe('18');
    expect(link.search).not.toContain('model_type');
    expect(await page.textContent('[data-role="cli"]')).toContain('--model-config config.json');
    expect(errors).toEqual([]);

    const reopened = await openExplorer(env(), link.search.slice(1));
    expect(await reopened.page.textContent('[data-role="model-summary"]')).toBe(summary);
    const again = await pageFigures(reopened.page);
    for (const id of ids) expect(sameNumber(again[id] ?? Number.NaN, shown[id] ?? 0), id).toBe(true);
    expect(await reopened.page.textContent('.explorer-notices')).toBe('');
  }, 240_000);

  it('a bad or hostile config is one message beside the input, as text; a bad link field is named', async () => {
    const { page } = await openExplorer(env(), '');
    await page.click('.model-config-paste > summary');
    await page.fill('[data-role="model-config-text"]', '{"model_type": "rwkv", "hidden_size": 4096}');
    await page.click('[data-action="model-config-apply"]');
    const problem = page.locator('[data-role="model-config-problem"]');
    await expect
      .poll(() => problem.textContent())
      .toMatch(/^config\.json: model_type 'rwkv' is not supported/);
    expect(await page.inputValue('select[data-knob="model"]')).toBe('kimi-k2.6');

    const hostile = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>;
    hostile['_name_or_path'] = '<img src=x onerror=alert(1) data-injected>';
    await page.fill('[data-role="model-config-text"]', JSON.stringify(hostile));
    await page.click('[data-action="model-config-apply"]');
    await expect.poll(() => page.inputValue('select[data-knob="model"]')).toBe('config');
    expect(await problem.isHidden()).toBe(true);
    expect(await page.textContent('select[data-knob="model"] option[value="config"]')).toBe(
      '<img src=x onerror=alert(1) data-injected> (config.json)',
    );
    expect(await page.locator('[data-injected]').count()).toBe(0);
    expect(await cspViolations(page)).toEqual([]);

    // the address follows the inputs a moment later (the URL state is written after the recompute)
    await expect.poll(() => new URL(page.url()).searchParams.get('model')).toBe('config');
    const link = new URL(page.url());
    link.searchParams.set('arch.hiddenSize', '0');
    const bad = await openExplorer(env(), link.search.slice(1));
    expect(await bad.page.textContent('.explorer-notices')).toMatch(
      /“model=config” is not valid \(arch\.hiddenSize = '0': expected an integer from 1/,
    );
    expect(await bad.page.inputValue('select[data-knob="model"]')).toBe('kimi-k2.6');
  }, 240_000);
});
