// The command line runs compiled JavaScript (dist-cli/, `npm run build:cli`, run by `npm install` and
// `npm ci` through `prepare`) while that build is newer than its sources, else the sources through tsx
// (bin/ridgeline.mjs). Both must answer alike: the compiled build is checked against the sources here
// whenever it is current (always after `npm ci` on a fresh clone); how fast it starts is bench:cli's.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

const repoRoot = resolve(import.meta.dirname, '../..');

function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      'node',
      [file, ...args],
      { cwd: repoRoot, maxBuffer: 1 << 24, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The check bin/ridgeline.mjs makes: every source of the build is older than the build. */
function compiledIsCurrent(): boolean {
  const manifestPath = join(repoRoot, 'dist-cli', 'manifest.json');
  if (!existsSync(manifestPath)) return false;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { builtAtMs: number; inputs: string[] };
  return manifest.inputs.every((path) => {
    const full = join(repoRoot, path);
    return existsSync(full) && statSync(full).mtimeMs <= manifest.builtAtMs;
  });
}

describe('the compiled command line', () => {
  it('--version prints the package version, through bin/ridgeline.mjs and from the sources', async () => {
    for (const env of [{}, { RIDGELINE_FROM_SOURCE: '1' }]) {
      const version = await run('bin/ridgeline.mjs', ['--version'], env);
      expect(version).toEqual({ code: 0, stdout: `ridgeline ${packageJson.version}\n`, stderr: '' });
    }
  });

  it('answers --help, project and project --json exactly as the sources do (when dist-cli is current)', async () => {
    const current = compiledIsCurrent();
    const compiled = current ? join('dist-cli', 'cli', 'main.js') : 'bin/ridgeline.mjs';
    for (const args of [
      ['--help'],
      ['project'],
      ['project', '--json', '--gpu', 'h100'],
      ['project', '--gpu', 'tpu'],
    ]) {
      const [built, source] = await Promise.all([
        run(compiled, args),
        run('bin/ridgeline.mjs', args, { RIDGELINE_FROM_SOURCE: '1' }),
      ]);
      expect(built, args.join(' ')).toEqual(source);
    }
    if (!current)
      console.log(
        'dist-cli/ is missing or older than its sources: compared bin/ridgeline.mjs (sources) only',
      );
  }, 60_000);
});
