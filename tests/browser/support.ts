// Shared support for browser tests (the measurement page and the explorer): build the page once per vitest
// run, serve it on 127.0.0.1, launch headless Chromium with SwiftShader WebGPU (or without WebGPU).
//
//   const env = browserEnvPerSuite();                    // in a describe block: started and closed around it
//   const { page } = await env().open('index.html');     // or env().open('index.html', 'absent')
//   await saveScreenshot(page, 'measure-finished');
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { locateChromium } from './chromium.ts';
import {
  buildPage,
  launchChromium,
  openPage,
  type PageSession,
  type StaticServer,
  serveFolder,
  type WebGpuMode,
} from './pageServer.ts';

export {
  cspViolations,
  type PageSession,
  saveScreenshot,
  screenshotDir,
  type WebGpuMode,
} from './pageServer.ts';

export interface BrowserEnv {
  /** The built page's folder (served at the server's root). */
  readonly dist: string;
  readonly server: StaticServer;
  /**
   * Opens `path` (relative to the served root, or an absolute URL) in a fresh context of a browser launched
   * for `mode`; `initScripts` run before the page's own scripts.
   */
  open(path?: string, mode?: WebGpuMode, initScripts?: readonly string[]): Promise<PageSession>;
  close(): Promise<void>;
}

function buildId(): string {
  // Without the globalSetup (e.g. a config that lacks it) each test file builds its own copy.
  return inject('ridgelineBuildId') ?? `file-${process.pid}`;
}

export async function startBrowserEnv(): Promise<BrowserEnv> {
  const dist = await buildPage(buildId());
  const server = await serveFolder(dist);
  // 'absent' and 'no-adapter' share one launch without the WebGPU flags; the init script makes the difference.
  const browsers = new Map<'webgpu' | 'plain', Promise<Browser>>();
  const browserFor = (mode: WebGpuMode): Promise<Browser> => {
    const key = mode === 'swiftshader' ? 'webgpu' : 'plain';
    let browser = browsers.get(key);
    if (!browser) {
      browser = launchChromium({ webgpu: mode });
      browsers.set(key, browser);
    }
    return browser;
  };
  const sessions: PageSession[] = [];
  return {
    dist,
    server,
    async open(path = 'index.html', mode: WebGpuMode = 'swiftshader', initScripts: readonly string[] = []) {
      const url = new URL(path, server.baseUrl).href;
      const session = await openPage(await browserFor(mode), url, mode, initScripts);
      sessions.push(session);
      return session;
    },
    async close() {
      for (const session of sessions) await session.context.close().catch(() => undefined);
      for (const browser of browsers.values()) await (await browser).close().catch(() => undefined);
      await server.close();
    },
  };
}

/**
 * One BrowserEnv for the enclosing describe block: started in beforeAll (the hook timeout covers the page
 * build), closed in afterAll. Tests call the returned function to get it.
 */
export function browserEnvPerSuite(): () => BrowserEnv {
  let env: BrowserEnv | undefined;
  beforeAll(async () => {
    // Without a browser, tests/support/requirementsSetup.ts skips (or, where required, fails) every test here.
    if (locateChromium().found === null) return;
    env = await startBrowserEnv();
  });
  afterAll(async () => {
    await env?.close();
  });
  return () => {
    if (!env)
      throw new Error('the browser environment has not started (its beforeAll failed or has not run)');
    return env;
  };
}
