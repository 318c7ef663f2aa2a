import { describe, expect, it } from 'vitest';
import { browserEnvPerSuite } from './support.ts';

// The support module itself: the page is built and served from 127.0.0.1, Chromium gets a SwiftShader
// WebGPU adapter in one mode and none in the others.
describe('browser test support', () => {
  const env = browserEnvPerSuite();

  it('serves the built page on 127.0.0.1 and 404s paths outside the build', async () => {
    expect(env().server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(new URL('index.html', env().server.baseUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('ridgeline');
    const outside = await fetch(new URL('..%2f..%2fpackage.json', env().server.baseUrl));
    expect(outside.status).toBe(404);
  });

  it('launches Chromium with a SwiftShader WebGPU adapter (a fallback adapter)', async () => {
    const { page } = await env().open('index.html', 'swiftshader');
    const info = await page.evaluate(async () => {
      const adapter = await navigator.gpu?.requestAdapter();
      return adapter
        ? { architecture: adapter.info.architecture, fallback: adapter.info.isFallbackAdapter }
        : null;
    });
    expect(info).toEqual({ architecture: 'swiftshader', fallback: true });
  });

  it("'absent' hides navigator.gpu and 'no-adapter' gets a null adapter", async () => {
    const absent = await env().open('index.html', 'absent');
    expect(await absent.page.evaluate(() => typeof navigator.gpu)).toBe('undefined');
    const noAdapter = await env().open('index.html', 'no-adapter');
    expect(await noAdapter.page.evaluate(async () => (await navigator.gpu.requestAdapter()) === null)).toBe(
      true,
    );
  });
});
