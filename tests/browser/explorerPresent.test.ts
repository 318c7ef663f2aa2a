import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gemvCase, roofCase } from '../unit/explorer/syntheticRun.ts';
import { batchingSeries, openExplorer } from './explorerHelpers.ts';
import { browserEnvPerSuite, cspViolations, screenshotDir } from './support.ts';

// The 3D batching landscape: a non-empty WebGL canvas whose current-context slice is the 2D curve, and
// "your GPU beside the B200". (Present mode, the slide deck, is tests/browser/deck.test.ts.)

describe('explorer 3D landscape and your GPU', () => {
  const env = browserEnvPerSuite();

  it('draws the 3D landscape on a non-empty WebGL canvas whose slice equals the 2D batching curve', async () => {
    const { page, errors } = await openExplorer(env(), 'context=32000');
    const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    // three.js comes in its own chunk, fetched only when the 3D view opens
    expect((await loaded()).some((name) => /landscape-[\w-]+\.js$/.test(name))).toBe(false);
    await page.click('button[data-action="open-3d"]');
    await page.waitForSelector('.landscape-host[data-slice]', { timeout: 60_000 });
    expect((await loaded()).some((name) => /landscape-[\w-]+\.js$/.test(name))).toBe(true);
    const pixels = await page.$eval('canvas.landscape-canvas', (canvas) => {
      const c = canvas as HTMLCanvasElement;
      const probe = document.createElement('canvas');
      probe.width = c.width;
      probe.height = c.height;
      const ctx = probe.getContext('2d');
      if (!ctx) return { width: 0, colors: 0 };
      ctx.drawImage(c, 0, 0);
      const data = ctx.getImageData(0, 0, probe.width, probe.height).data;
      const colors = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97)
        colors.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return { width: c.width, colors: colors.size };
    });
    expect(pixels.width).toBeGreaterThan(100);
    expect(pixels.colors).toBeGreaterThan(20); // a surface, a wall and a plane, not a blank clear colour
    const slice = JSON.parse((await page.getAttribute('.landscape-host', 'data-slice')) ?? '[]') as number[];
    const series = await batchingSeries(page);
    // the surface spans B = 1…512; past the KV capacity (where the 2D curve ends) it lies flat at 0
    expect(slice).toHaveLength(512);
    expect(series.length).toBeGreaterThan(8);
    series.forEach(([, , aggregate], i) => {
      // the surface buffer is Float32: equal to single precision
      expect(Math.abs((slice[i] ?? 0) - aggregate) / aggregate).toBeLessThan(1e-6);
    });
    expect(slice.slice(series.length).every((v) => v === 0)).toBe(true);
    await page.waitForTimeout(200);
    await page
      .locator('.landscape-dialog')
      .screenshot({ path: join(screenshotDir, 'explorer-3d-landscape.png') });
    // a changed input redraws the landscape and its slice still matches
    await page.selectOption('[data-role="landscape-metric"]', 'perStream');
    await page.fill('input[type="number"][data-knob="context"]', '8000');
    await page.dispatchEvent('input[type="number"][data-knob="context"]', 'input');
    const slice8k = JSON.parse(
      (await page.getAttribute('.landscape-host', 'data-slice')) ?? '[]',
    ) as number[];
    const series8k = await batchingSeries(page);
    series8k.forEach(([, perStream], i) => {
      expect(Math.abs((slice8k[i] ?? 0) - perStream) / perStream).toBeLessThan(1e-6);
    });
    await page.click('button[data-action="close-3d"]');
    expect(await page.$('canvas.landscape-canvas')).toBeNull();
    // the lazily loaded three.js chunk and its WebGL canvas run under the page's policy
    expect(await cspViolations(page)).toEqual([]);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  }, 120_000);

  it('says so instead of drawing when WebGL is unavailable', async () => {
    const { page, context } = await openExplorer(env(), '');
    await context.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (
        this: HTMLCanvasElement,
        kind: string,
        ...rest: unknown[]
      ) {
        if (kind.startsWith('webgl')) return null;
        return (original as (...a: unknown[]) => RenderingContext | null).call(this, kind, ...rest);
      } as typeof HTMLCanvasElement.prototype.getContext;
    });
    await page.reload();
    await page.waitForSelector('#explorer[data-ready="true"]');
    await page.click('button[data-action="open-3d"]');
    const message = await page.waitForSelector('.landscape-message');
    expect(await message.textContent()).toMatch(/WebGL is not available/);
    expect(await page.$('canvas.landscape-canvas')).toBeNull();
  }, 120_000);

  it('puts your measured GPU beside the B200 and overlays its batched-GEMV curve on the batching chart', async () => {
    const { page } = await openExplorer(env(), '');
    expect(await page.getAttribute('.your-gpu', 'data-state')).toBe('empty');
    const documents = [
      {
        createdAt: '2026-11-26T23:00:00.000Z',
        adapter: { description: 'Synthetic 400 GB/s GPU', device: '', architecture: 'test' },
        // the roofs the explorer uses are those its verified stream and FMA cases support
        measurements: [
          roofCase('stream-read', 400e9, 0),
          roofCase('fma-peak', 0, 20e12),
          ...[1, 2, 4, 8, 16].map((B, i) => gemvCase(B, [1e-3, 1.02e-3, 1.1e-3, 1.6e-3, 2.9e-3][i]!)),
        ],
      },
    ];
    const announceSyntheticRun = () =>
      page.evaluate(
        (detail) => {
          window.dispatchEvent(new CustomEvent('ridgeline:measurements', { detail }));
        },
        { documents },
      );
    await announceSyntheticRun();
    await page.waitForSelector('.your-gpu[data-state="measured"]');
    // Kimi K2.6 reads 16 GB per token at B=1: 400 GB/s gives 25 tok/s; 500 GB of weights need 32 × 16 GB
    expect(Number(await page.getAttribute('[data-local="decode-ceiling"]', 'data-value'))).toBe(25);
    expect(Number(await page.getAttribute('[data-local="gpus-to-load"]', 'data-value'))).toBe(32);
    expect(await page.locator('[data-local="bandwidth-multiple"] .figure-value').textContent()).toContain(
      '×20',
    );
    // the B200's FP32 peak is the preset's 90 TFLOP/s, as on the Measure chart: 90 ÷ 20 = ×4.5
    expect(await page.locator('[data-local="flops-multiple"] .figure-value').textContent()).toContain('×4.5');
    expect(await page.getAttribute('[data-chart="batching"] path.curve-measured', 'd')).toMatch(
      /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}$/,
    );
    await page.locator('.your-gpu').screenshot({ path: join(screenshotDir, 'explorer-your-gpu.png') });

    // your GPU's memory (WebGPU cannot see it) is an input too: it changes the count and lives in the link
    await page.fill('[data-role="local-memory"]', '80');
    await page.press('[data-role="local-memory"]', 'Enter');
    await page.waitForFunction(() => location.search.includes('your-gpu-memory=80'));
    // 500 GB of weights over 80 GB GPUs: 7
    expect(Number(await page.getAttribute('[data-local="gpus-to-load"]', 'data-value'))).toBe(7);
    await page.reload();
    await page.waitForSelector('#explorer[data-ready="true"]');
    await announceSyntheticRun();
    await page.waitForSelector('.your-gpu[data-state="measured"]');
    expect(Number(await page.getAttribute('[data-local="gpus-to-load"]', 'data-value'))).toBe(7);
    expect(await page.inputValue('[data-role="local-memory"]')).toBe('80');

    // your GPU as the hardware: ridgeline's model on the measured roofs (Llama 3.1 8B INT4 fits 80 GB)
    await page.selectOption('select[data-knob="model"]', 'llama-3.1-8b');
    await page.selectOption('select[data-knob="weights"]', 'int4');
    // 80K tokens of FP8 KV are 5.2 GB per stream: B=8 fits 80 GB beside the weights
    await page.fill('input[type="number"][data-knob="batch"]', '8');
    await page.dispatchEvent('input[type="number"][data-knob="batch"]', 'input');
    await page.click('button[data-action="use-your-gpu"]');
    await page.waitForFunction(() => location.search.includes('gpu=your-gpu'));
    expect(await page.inputValue('select[data-knob="gpu"]')).toBe('your-gpu');
    expect(await page.locator('[data-role="cli"]').textContent()).toMatch(/^none: your GPU is measured/);
    const evaluation = await page.evaluate(() => {
      const e = window.__ridgelineExplorer?.evaluation();
      return {
        bandwidth: e?.inputs?.hardware.gpuBandwidthBps,
        memory: e?.inputs?.hardware.gpuMemBytes,
        weights: e?.result?.projection.memory?.weightBytesPerGpu ?? 0,
      };
    });
    expect(evaluation.bandwidth).toBe(400e9);
    expect(evaluation.memory).toBe(80e9);
    const yours = await batchingSeries(page);
    expect(yours.length).toBeGreaterThan(1);
    // B=1 decode under the raw bandwidth over the weights: 400 GB/s ÷ the INT4 weights
    expect(yours[0]?.[1] ?? Infinity).toBeLessThan(400e9 / evaluation.weights);
    expect(await page.locator('[data-chart="decode-ops"] .op-row').count()).toBeGreaterThan(5);
    expect(await page.locator('#explorer').textContent()).not.toMatch(/NaN|Infinity/);
  }, 120_000);
});
