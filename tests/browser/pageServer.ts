// Node-side plumbing for driving the built page in headless Chromium: build once, serve dist on 127.0.0.1,
// launch Debian's chromium (never a downloaded browser) with SwiftShader WebGPU. No vitest import here, so
// scripts/bench-page.ts can use it too; tests import ./support.ts, which adds the per-run build id.
import { spawn } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CONTENT_TYPES } from '../../src/server/staticFiles.ts';
import { chromiumExecutable } from './chromium.ts';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
/**
 * Everything the browser tests write goes to the OS temp folder, never into the repository (a dev server
 * watching the repo would reload): the run's own folder, which tests/browser/globalSetup.ts makes and removes
 * (RIDGELINE_TEST_TMP), or for scripts outside vitest a shared folder under the temp dir. One build folder
 * per build id, so parallel runs never clobber each other.
 */
const runTmp = process.env['RIDGELINE_TEST_TMP'] ?? join(tmpdir(), 'ridgeline-page-builds');
export const buildRoot = join(runTmp, 'browser-dist');
/** Screenshots for review: kept in RIDGELINE_SCREENSHOTS when set, else removed with the run's folder. */
export const screenshotDir = process.env['RIDGELINE_SCREENSHOTS'] ?? join(runTmp, 'screenshots');

/** Flags for WebGPU on SwiftShader (a CPU Vulkan), as CI has no GPU; plus no network chatter. */
export const webgpuFlags: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];
export const quietFlags: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const completeStamp = '.build-complete';
const failedStamp = '.build-failed';
// A build on the 2-core CI box takes ~10-30 s; waiting 5 min for another process's build is generous.
const buildWaitMs = 300_000;

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function removeStaleBuilds(keep: string): void {
  if (!existsSync(buildRoot)) return;
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(buildRoot)) {
    if (name === keep || name.startsWith(`${keep}.`)) continue;
    const path = join(buildRoot, name);
    try {
      if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

function runViteBuild(outDir: string): Promise<void> {
  return new Promise((done, fail) => {
    const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    const child = spawn(
      process.execPath,
      [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done();
      else fail(new Error(`vite build failed (exit ${code}):\n${log.slice(-4000)}`));
    });
  });
}

/**
 * Builds the page once per build id (one id per vitest run, see globalSetup.ts) and returns the output
 * folder. Several test files in parallel forks share the build: the first takes a lock (an atomic mkdir),
 * the others wait for its stamp file.
 */
export async function buildPage(buildId: string): Promise<string> {
  const outDir = join(buildRoot, buildId);
  const lockDir = `${outDir}.lock`;
  if (existsSync(join(outDir, completeStamp))) return outDir;
  mkdirSync(buildRoot, { recursive: true });
  const deadline = Date.now() + buildWaitMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch {
      if (existsSync(join(outDir, completeStamp))) return outDir;
      if (existsSync(`${outDir}${failedStamp}`)) {
        throw new Error(await readFile(`${outDir}${failedStamp}`, 'utf8'));
      }
      const holder = Number.parseInt(await readFile(join(lockDir, 'pid'), 'utf8').catch(() => '0'), 10);
      if (holder > 0 && !isAlive(holder)) rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for another process to build ${outDir}`);
      await sleep(500);
    }
  }
  try {
    if (existsSync(join(outDir, completeStamp))) return outDir;
    removeStaleBuilds(buildId);
    await runViteBuild(outDir);
    writeFileSync(join(outDir, completeStamp), new Date().toISOString());
    return outDir;
  } catch (error) {
    writeFileSync(`${outDir}${failedStamp}`, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:43125/ (always ends with a slash) */
  readonly baseUrl: string;
  /** Every path requested, in order (tests check that nothing unexpected was fetched). */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A tiny static file server for a built folder, on 127.0.0.1 and a random free port. */
export async function serveFolder(root: string): Promise<StaticServer> {
  const requests: string[] = [];
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    let pathname = decodeURIComponent(url.pathname);
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = normalize(join(root, pathname));
    if (!file.startsWith(rootWithSep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * 'swiftshader': WebGPU on SwiftShader (a fallback adapter that runs on the CPU).
 * 'absent': no WebGPU flags and navigator.gpu deleted before any page script runs (a browser without WebGPU).
 * 'no-adapter': navigator.gpu exists but requestAdapter() resolves null (Chromium without the unsafe flags).
 */
export type WebGpuMode = 'swiftshader' | 'absent' | 'no-adapter';

export interface LaunchOptions {
  readonly webgpu?: WebGpuMode;
  readonly extraArgs?: readonly string[];
}

/**
 * Launches Chromium or Chrome (tests/browser/chromium.ts) headless. Playwright's launch() gives every browser a fresh temporary
 * --user-data-dir and removes it on close, so no state leaks between launches.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const mode = options.webgpu ?? 'swiftshader';
  const args = [...quietFlags, ...(mode === 'swiftshader' ? webgpuFlags : []), ...(options.extraArgs ?? [])];
  return chromium.launch({ executablePath: chromiumExecutable(), headless: true, args });
}

/** Init script for the 'absent' mode: the page sees a browser without navigator.gpu. */
const removeWebGpuScript = `try { delete Navigator.prototype.gpu; } catch {}
Object.defineProperty(Navigator.prototype, 'gpu', { configurable: true, get: () => undefined });
try { delete navigator.gpu; } catch {}`;

export interface PageSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** console.error lines and uncaught page errors, for tests to assert on. */
  readonly errors: string[];
}

/** Every Content-Security-Policy violation in the page, as "directive blocked-uri", from the first script on. */
const recordCspViolations = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.effectiveDirective + ' ' + (e.blockedURI || '(inline)') + ' ' + (e.sourceFile || ''));
});`;

/** The CSP violations the page has raised so far (openPage records them from the start). */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/**
 * Opens a fresh context + page (downloads accepted) and navigates to `url`. `initScripts` run before any
 * of the page's own scripts, on every navigation (e.g. to plant localStorage).
 */
export async function openPage(
  browser: Browser,
  url: string,
  mode: WebGpuMode = 'swiftshader',
  initScripts: readonly string[] = [],
): Promise<PageSession> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1400, height: 1000 },
  });
  if (mode === 'absent') await context.addInitScript({ content: removeWebGpuScript });
  await context.addInitScript({ content: recordCspViolations });
  for (const content of initScripts) await context.addInitScript({ content });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(url);
  return { context, page, errors };
}

/** Saves a full-page screenshot as <screenshotDir>/<name>.png and returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
