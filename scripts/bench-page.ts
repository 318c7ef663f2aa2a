// npm run bench:page: the page's performance budget, measured in headless Chromium (SwiftShader WebGPU).
//   1. initial JavaScript, gzip: (a) the static entry graph (index.html's module script + modulepreloads)
//      and (b) every script the browser fetched while loading, up to the first idle moment (includes the
//      lazily mounted explorer; three.js loads only when the 3D view opens). Target: (b) ≤ 250 KB.
//   2. navigation → first rendered roofline chart (performance mark 'ridgeline:first-chart') on a local
//      static server over the production build (what `vite preview` serves).
//   3. the longest main-thread task (PerformanceObserver 'longtask') during a quick run in the worker.
//      Issue 4: no main-thread task over 50 ms during a run.
// Writes artifacts/bench-page.json too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildPage, launchChromium, openPage, repoRoot, serveFolder } from '../tests/browser/pageServer.ts';

const INITIAL_JS_TARGET_BYTES = 250e3;
const LONG_TASK_LIMIT_MS = 50;

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

function entryGraph(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? '');
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  return [...new Set([...scripts, ...preloads])].filter((p) => p !== '');
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

async function main(): Promise<void> {
  const dist = await buildPage(`bench-${Date.now()}-${process.pid}`);
  const server = await serveFolder(dist);
  const browser = await launchChromium({ webgpu: 'swiftshader' });
  try {
    const entry = entryGraph(dist);
    const entryGzip = entry.reduce((sum, path) => sum + gzipBytes(join(dist, path.replace(/^\.\//, ''))), 0);

    // Long tasks are recorded from the very start of the document (init script before any page script).
    const { page, context: pageContext } = await openPage(browser, 'about:blank');
    await pageContext.addInitScript({
      content: `window.__longTasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
          .observe({ type: 'longtask', buffered: true });`,
    });
    const scripts = new Set<string>();
    page.on('response', (response) => {
      const url = response.url();
      if (url.startsWith(server.baseUrl) && url.endsWith('.js') && !/worker/i.test(url))
        scripts.add(url.slice(server.baseUrl.length));
    });
    await page.goto(`${server.baseUrl}index.html`);
    await page.waitForSelector('#measure[data-ready="true"]', { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const firstChartMs = await page.evaluate(
      () => performance.getEntriesByName('ridgeline:first-chart')[0]?.startTime ?? null,
    );
    const loadedGzip = [...scripts].reduce((sum, path) => sum + gzipBytes(join(dist, path)), 0);
    const loadTasks = await page.evaluate(
      () => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
    );

    const runStart = await page.evaluate(() => performance.now());
    await page.click('#run-button');
    await page.waitForFunction(
      () =>
        !['running', 'idle'].includes(
          document.querySelector('#run-progress')?.getAttribute('data-state') ?? '',
        ),
      null,
      { timeout: 180_000 },
    );
    const runEnd = await page.evaluate(() => performance.now());
    const state = await page.getAttribute('#run-progress', 'data-state');
    const tasks = await page.evaluate(
      () => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
    );
    const runTasks = tasks.filter((t) => t.start >= runStart && t.start <= runEnd);
    const longestRunTaskMs = runTasks.reduce((max, t) => Math.max(max, t.duration), 0);
    if (process.env['BENCH_PAGE_VERBOSE'])
      console.log(
        'run tasks (ms after Run, duration):',
        runTasks.map((t) => [Math.round(t.start - runStart), Math.round(t.duration)]),
        'run ms',
        Math.round(runEnd - runStart),
      );
    const longestLoadTaskMs = loadTasks.reduce((max, t) => Math.max(max, t.duration), 0);

    const report = {
      date: new Date().toISOString(),
      browser: `Chromium ${browser.version()} headless, SwiftShader WebGPU`,
      initialJs: {
        entryGraphGzipBytes: entryGzip,
        entryGraphFiles: entry,
        loadedGzipBytes: loadedGzip,
        loadedFiles: [...scripts],
        targetBytes: INITIAL_JS_TARGET_BYTES,
        withinTarget: loadedGzip <= INITIAL_JS_TARGET_BYTES,
      },
      navigationToFirstChartMs: firstChartMs,
      quickRun: {
        state,
        seconds: (runEnd - runStart) / 1000,
        longTasks: runTasks.length,
        longestMainThreadTaskMs: longestRunTaskMs,
        limitMs: LONG_TASK_LIMIT_MS,
        withinLimit: longestRunTaskMs <= LONG_TASK_LIMIT_MS,
      },
      pageLoad: { longTasks: loadTasks.length, longestMainThreadTaskMs: longestLoadTaskMs },
    };
    mkdirSync(join(repoRoot, 'artifacts'), { recursive: true });
    writeFileSync(join(repoRoot, 'artifacts', 'bench-page.json'), `${JSON.stringify(report, null, 2)}\n`);
    const lines = [
      `ridgeline page benchmark (${report.browser})`,
      `initial JS, gzip: ${kb(loadedGzip)} loaded before idle (${scripts.size} files; target ≤ ${kb(INITIAL_JS_TARGET_BYTES)}: ${report.initialJs.withinTarget ? 'ok' : 'OVER'}), entry graph ${kb(entryGzip)}`,
      `navigation → first rendered chart: ${firstChartMs === null ? 'not rendered' : `${firstChartMs.toFixed(0)} ms`}`,
      `quick run: ${state} in ${report.quickRun.seconds.toFixed(1)} s; longest main-thread task ${longestRunTaskMs.toFixed(0)} ms (${runTasks.length} tasks > 50 ms; limit ${LONG_TASK_LIMIT_MS} ms: ${report.quickRun.withinLimit ? 'ok' : 'OVER'})`,
      `page load: longest main-thread task ${longestLoadTaskMs.toFixed(0)} ms (${loadTasks.length} tasks > 50 ms)`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:page failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
