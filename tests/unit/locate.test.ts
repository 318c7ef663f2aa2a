// locateFile: the environment variable first (and only), then PATH, then the usual places; a miss lists them all.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocateRequest, locateFile } from '../../src/gpu/locate.node.ts';

const dir = mkdtempSync(join(tmpdir(), 'ridgeline-locate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const binDir = mkdtempSync(join(dir, 'bin-'));
const onPath = join(binDir, 'fancy-browser');
writeFileSync(onPath, '#!/bin/sh\n');
chmodSync(onPath, 0o755);
const atUsualPlace = join(dir, 'usual.json');
writeFileSync(atUsualPlace, '{}');

const request: LocateRequest = {
  what: 'fancy browser',
  envVar: 'FANCY_BROWSER',
  commands: ['fancy-browser'],
  paths: [join(dir, 'absent'), atUsualPlace],
  remedy: 'install one or set FANCY_BROWSER',
};

describe('locateFile', () => {
  it('the environment variable wins, and a wrong one is named, not silently passed over', () => {
    expect(locateFile(request, { FANCY_BROWSER: atUsualPlace, PATH: binDir })).toEqual({
      found: atUsualPlace,
    });
    expect(locateFile(request, { FANCY_BROWSER: join(dir, 'nope'), PATH: binDir })).toEqual({
      found: null,
      message: `fancy browser: FANCY_BROWSER=${join(dir, 'nope')} is not a file; point FANCY_BROWSER at one`,
    });
  });

  it('then PATH, then the usual paths in order', () => {
    expect(locateFile(request, { PATH: binDir })).toEqual({ found: onPath });
    expect(locateFile(request, { PATH: '' })).toEqual({ found: atUsualPlace });
  });

  it('a miss lists every place looked in and the remedy', () => {
    const miss = locateFile({ ...request, paths: [join(dir, 'absent')] }, { PATH: '' });
    expect(miss).toEqual({
      found: null,
      message: `no fancy browser: looked in FANCY_BROWSER (not set), PATH (fancy-browser), ${join(dir, 'absent')}; install one or set FANCY_BROWSER`,
    });
  });
});
