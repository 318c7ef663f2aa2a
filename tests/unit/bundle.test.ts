// The static build (issue 21): no source maps unless asked for (RIDGELINE_SOURCEMAP=1), third-party code in
// chunks named for what they hold, and three.js bounded rather than left to warn: its one chunk stays
// under vite.config.ts's CHUNK_LIMIT_KB (the build's warning limit, so no chunk-size warning is left
// unexplained) and outside the page's initial load (the 3D landscape imports it when it opens). The build is
// the one the browser tests serve (tests/browser/pageServer.ts: one per test run).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CHUNK_LIMIT_KB } from '../../vite.config.ts';
import { buildPage } from '../browser/pageServer.ts';

let dist = '';
beforeAll(async () => {
  dist = await buildPage(inject('ridgelineBuildId') ?? `file-${process.pid}`);
}, 300_000);

const assets = () => readdirSync(join(dist, 'assets'));
const kB = (file: string) => statSync(join(dist, 'assets', file)).size / 1000;

describe('the static build', () => {
  it('ships no source maps by default', () => {
    expect(assets().filter((file) => file.endsWith('.map'))).toEqual([]);
    for (const file of assets().filter((f) => f.endsWith('.js')))
      expect(readFileSync(join(dist, 'assets', file), 'utf8'), file).not.toContain('sourceMappingURL');
  });

  it('names its chunks for what they hold: vendor-d3, vendor-three, shared; none after the preload helper', () => {
    const names = assets().map((file) => file.replace(/-[\w-]{8}\.(js|css)$/, ''));
    for (const name of ['vendor-d3', 'vendor-three', 'shared']) expect(names).toContain(name);
    expect(names.filter((name) => name.includes('preload-helper'))).toEqual([]);
  });

  it(`keeps every chunk under ${CHUNK_LIMIT_KB} kB, and three.js out of the initial load`, () => {
    const sizes = Object.fromEntries(
      assets()
        .filter((f) => f.endsWith('.js'))
        .map((f) => [f, kB(f)]),
    );
    expect(Object.entries(sizes).filter(([, size]) => size > CHUNK_LIMIT_KB)).toEqual([]);
    // three.js is the only chunk near the limit; the rest stay well below it
    const others = Object.entries(sizes).filter(([file]) => !file.startsWith('vendor-three-'));
    expect(Math.max(...others.map(([, size]) => size))).toBeLessThan(CHUNK_LIMIT_KB / 2);
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).not.toContain('vendor-three');
    expect(html).toMatch(/vendor-d3-[\w-]{8}\.js/);
  });
});
