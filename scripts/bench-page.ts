// npm run bench:page: the page's performance budget, measured in headless Chromium (SwiftShader WebGPU).
//   1. initial JavaScript, gzip: (a) the static entry graph (index.html's module script + modulepreloads)
//      and (b) every script the browser fetched while loading, up to network idle (includes the lazily
//      mounted explorer; three.js loads only when the 3D view opens). Target (issue 4): (b) ≤ 250 KB.
//   2. navigation → first rendered roofline chart (performance mark 'ridgeline:first-chart') on a local
//      static server over the production build (what `vite preview` serves).
//   3. the longest main-thread task (PerformanceObserver 'longtask') during quick runs in the worker,
//      repeated (--runs N, default 3) because on a CPU adapter the kernels share the cores with the page's
//      main thread and a busy machine stretches single tasks. Issue 4: no main-thread task over 50 ms.
//      The time spent in 'ridgeline:measurements' listeners (the explorer's refresh) is shown apart.
//   4. the explorer's recompute: input event → every figure and chart updated (window.__ridgelineExplorerTimings),
//      median of 30 events. Target (issue 2): under 50 ms.
//   5. hostile share links: navigation → the shared run shown, or the link refused with a notice.
//      Target (issue 10): within 5 s.
// Targets are printed beside each figure as a ratio (figure ÷ target: under 1 meets it); none is asserted in
// a test, as CI's 2 cores are shared (issue 21).
// Usage: npx tsx scripts/bench-page.ts [--runs N]. Writes artifacts/bench-page.json too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { runScript } from '../src/cli/failure.ts';
import { UsageError } from '../src/cli/usage.ts';
import { parseDecimalInteger } from '../src/model/text/decimal.ts';
import { clipForMessage } from '../src/model/text/plainText.ts';
import { buildPage, launchChromium, openPage, repoRoot, serveFolder } from '../tests/browser/pageServer.ts';
import { sampleDocument } from '../tests/unit/charts/sampleDocument.ts';

const INITIAL_JS_TARGET_BYTES = 250e3;
const LONG_TASK_LIMIT_MS = 50;
const RECOMPUTE_TARGET_MS = 50;
const HOSTILE_ANSWER_TARGET_MS = 5000;
const RECOMPUTE_EVENTS = 30;

/** A figure against its target: "12 ms (target 50 ms: 0.24×, ok)". */
const versus = (ms: number, target: number) =>
  `${ms.toFixed(0)} ms (target ${target} ms: ${(ms / target).toFixed(2)}×, ${ms <= target ? 'ok' : 'OVER'})`;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

interface LongTask {
  readonly start: number;
  readonly duration: number;
}

const recordLongTasks = `window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });`;

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

/** `--runs N` (1 to 20, default 3): any other argument, or another value, is a usage error. */
function runsArgument(argv: readonly string[]): number {
  let runs = 3;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (name !== '--runs')
      throw new UsageError(`bench:page: unknown option '${clipForMessage(name)}' (only --runs N)`);
    const raw = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    const value = raw === undefined ? null : parseDecimalInteger(raw);
    if (value === null || value < 1 || value > 20)
      throw new UsageError(`--runs '${clipForMessage(raw ?? '')}': expected an integer from 1 to 20`);
    runs = value;
  }
  return runs;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

const longTasks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __longTasks: LongTask[] }).__longTasks);

async function quickRun(
  page: Page,
): Promise<{ state: string; seconds: number; tasks: LongTask[]; listenersMs: number; ownTasks: string[] }> {
  const start = await page.evaluate(() => performance.now());
  await page.click('#run-button');
  await page.waitForFunction(
    () =>
      !['running', 'idle'].includes(
        document.querySelector('#run-progress')?.getAttribute('data-state') ?? '',
      ),
    null,
    { timeout: 180_000 },
  );
  // The page's updates after a run (chart, table, history, the explorer's refresh) are part of the run.
  await page.waitForTimeout(500);
  const end = await page.evaluate(() => performance.now());
  const state = (await page.getAttribute('#run-progress', 'data-state')) ?? '';
  const tasks = (await longTasks(page)).filter((t) => t.start >= start && t.start <= end);
  const ownTasks = await page.evaluate(
    ([from, to]) =>
      performance
        .getEntriesByType('measure')
        .filter((e) => e.name.startsWith('ridgeline:task:') && e.startTime >= from && e.startTime <= to)
        .map((e) => `${e.name.slice('ridgeline:task:'.length)} ${e.duration.toFixed(0)} ms`),
    [start, end] as const,
  );
  const listenersMs = await page.evaluate(
    ([from, to]) =>
      Math.max(
        0,
        ...performance
          .getEntriesByName('ridgeline:measurements-listeners')
          .filter((e) => e.startTime >= from && e.startTime <= to)
          .map((e) => e.duration),
      ),
    [start, end] as const,
  );
  return { state, seconds: (end - start) / 1000, tasks, listenersMs, ownTasks };
}

/** The explorer's recompute on RECOMPUTE_EVENTS input events of the batch field, as the page timed it. */
async function explorerRecompute(page: Page): Promise<{ recomputeMs: number; nextFrameMs: number }> {
  await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  const samples = await page.evaluate(async (events) => {
    const input = document.querySelector<HTMLInputElement>('input[type="number"][data-knob="batch"]');
    if (!input) throw new Error('no batch input');
    // no named helper functions in here: tsx's keepNames would wrap them in a __name the page lacks
    const frames: number[] = [];
    for (let i = 0; i < events; i++) {
      await new Promise<void>((done) => requestAnimationFrame(() => done()));
      input.value = String(i % 2 === 0 ? 8 : 32);
      const started = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise<void>((done) => requestAnimationFrame(() => done()));
      frames.push(performance.now() - started);
    }
    const timings = (window as unknown as { __ridgelineExplorerTimings?: number[] })
      .__ridgelineExplorerTimings;
    return { frames, recompute: (timings ?? []).slice(-events) };
  }, RECOMPUTE_EVENTS);
  return { recomputeMs: median(samples.recompute), nextFrameMs: median(samples.frames) };
}

const shareHash = (bytes: Buffer) =>
  `#run=${deflateRawSync(bytes).toString('base64').replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}`;

/** Navigation → the page's answer to a share link (the run shown, or a notice), on the page's own clock. */
async function hostileLinks(browser: Browser, baseUrl: string): Promise<{ what: string; ms: number }[]> {
  const links: [string, string, string][] = [
    [
      'a valid shared run, shown',
      shareHash(Buffer.from(JSON.stringify(sampleDocument()))),
      '.legend li[data-origin="shared"]',
    ],
    [
      'a 20 MB inflation bomb, refused',
      shareHash(Buffer.alloc(20_000_000, 0x20)),
      '[data-topic="share"][data-kind="error"]',
    ],
    [
      'a 40,000-character link, refused',
      `#run=${'A'.repeat(40_000)}`,
      '[data-topic="share"][data-kind="error"]',
    ],
  ];
  const out: { what: string; ms: number }[] = [];
  for (const [what, hash, answer] of links) {
    const { page, context } = await openPage(browser, `${baseUrl}index.html${hash}`);
    await page.waitForSelector(answer, { timeout: 60_000 });
    out.push({ what, ms: await page.evaluate(() => performance.now()) });
    await context.close();
  }
  return out;
}

async function main(): Promise<number> {
  const runs = runsArgument(process.argv.slice(2));
  const dist = await buildPage(`bench-${Date.now()}-${process.pid}`);
  const server = await serveFolder(dist);
  const browser = await launchChromium({ webgpu: 'swiftshader' });
  try {
    const entry = entryGraph(dist);
    const entryGzip = entry.reduce((sum, path) => sum + gzipBytes(join(dist, path.replace(/^\.\//, ''))), 0);

    const { page, context } = await openPage(browser, 'about:blank');
    await context.addInitScript({ content: recordLongTasks });
    const scripts = new Set<string>();
    page.on('response', (response) => {
      const url = response.url();
      if (url.startsWith(server.baseUrl) && url.endsWith('.js') && !/worker/i.test(url)) {
        scripts.add(url.slice(server.baseUrl.length));
      }
    });
    await page.goto(`${server.baseUrl}index.html`);
    await page.waitForSelector('#measure[data-ready="true"]', { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const firstChartMs = await page.evaluate(
      () => performance.getEntriesByName('ridgeline:first-chart')[0]?.startTime ?? null,
    );
    const loadedGzip = [...scripts].reduce((sum, path) => sum + gzipBytes(join(dist, path)), 0);
    const loadTasks = await longTasks(page);
    const longestLoadTaskMs = Math.max(0, ...loadTasks.map((t) => t.duration));

    const results: {
      state: string;
      seconds: number;
      longestTaskMs: number;
      longTasks: number;
      measurementsListenersMs: number;
      pageUpdates: string[];
    }[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await quickRun(page);
      results.push({
        state: run.state,
        seconds: run.seconds,
        longestTaskMs: Math.max(0, ...run.tasks.map((t) => t.duration)),
        longTasks: run.tasks.length,
        measurementsListenersMs: run.listenersMs,
        pageUpdates: run.ownTasks,
      });
    }
    const explorer = await explorerRecompute(page);
    const hostile = await hostileLinks(browser, server.baseUrl);
    const longest = results.map((r) => r.longestTaskMs).sort((a, b) => a - b);
    const medianLongest = longest[Math.floor(longest.length / 2)] ?? 0;

    const report = {
      date: new Date().toISOString(),
      browser: `Chromium ${browser.version()} headless, SwiftShader WebGPU`,
      machine: { cpus: cpus().length, loadAverage1m: loadavg()[0] },
      initialJs: {
        entryGraphGzipBytes: entryGzip,
        entryGraphFiles: entry,
        loadedGzipBytes: loadedGzip,
        loadedFiles: [...scripts],
        targetBytes: INITIAL_JS_TARGET_BYTES,
        withinTarget: loadedGzip <= INITIAL_JS_TARGET_BYTES,
      },
      navigationToFirstChartMs: firstChartMs,
      quickRuns: results,
      medianLongestRunTaskMs: medianLongest,
      longTaskLimitMs: LONG_TASK_LIMIT_MS,
      pageLoad: { longTasks: loadTasks.length, longestMainThreadTaskMs: longestLoadTaskMs },
      explorer: { ...explorer, events: RECOMPUTE_EVENTS, targetMs: RECOMPUTE_TARGET_MS },
      hostileLinks: { answers: hostile, targetMs: HOSTILE_ANSWER_TARGET_MS },
    };
    mkdirSync(join(repoRoot, 'artifacts'), { recursive: true });
    writeFileSync(join(repoRoot, 'artifacts', 'bench-page.json'), `${JSON.stringify(report, null, 2)}\n`);
    const lines = [
      `ridgeline page benchmark (${report.browser}; ${report.machine.cpus} CPUs, load ${report.machine.loadAverage1m?.toFixed(1)})`,
      `initial JS, gzip: ${kb(loadedGzip)} loaded before idle (${scripts.size} files; target ≤ ${kb(INITIAL_JS_TARGET_BYTES)}: ${report.initialJs.withinTarget ? 'ok' : 'OVER'}); entry graph alone ${kb(entryGzip)}`,
      `navigation → first rendered chart: ${firstChartMs === null ? 'not rendered' : `${firstChartMs.toFixed(0)} ms`}`,
      ...results.map(
        (r, i) =>
          `quick run ${i + 1}: ${r.state} in ${r.seconds.toFixed(1)} s; longest main-thread task ${r.longestTaskMs.toFixed(0)} ms (${r.longTasks} over 50 ms); 'ridgeline:measurements' listeners (the explorer) ${r.measurementsListenersMs.toFixed(0)} ms; page updates: ${r.pageUpdates.join(', ')}`,
      ),
      `longest main-thread task during a run, median of ${runs}: ${medianLongest.toFixed(0)} ms (limit ${LONG_TASK_LIMIT_MS} ms: ${medianLongest <= LONG_TASK_LIMIT_MS ? 'ok' : 'OVER'})`,
      `page load: longest main-thread task ${longestLoadTaskMs.toFixed(0)} ms (${loadTasks.length} over 50 ms)`,
      `explorer recompute (input event → every figure and chart), median of ${RECOMPUTE_EVENTS}: ${versus(explorer.recomputeMs, RECOMPUTE_TARGET_MS)}; to the next frame ${explorer.nextFrameMs.toFixed(0)} ms`,
      ...hostile.map(
        (h) => `share link, ${h.what}: ${versus(h.ms, HOSTILE_ANSWER_TARGET_MS)} after navigation`,
      ),
    ];
    console.log(lines.join('\n'));
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

// Errors end as the CLI's do: one line, exit 2 for a mistake in the flags, 1 otherwise.
await runScript(main);
