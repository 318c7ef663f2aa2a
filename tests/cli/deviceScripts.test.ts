// scripts/device (issue 22 item 10): the bundle prepare.sh packs, rehearsed by measure.sh on this machine's
// lavapipe: everything comes back in at most 8 files (one gzip tarball and a summary), and a missing carried
// runtime is a non-zero exit before anything runs. Writes only into a temp folder.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../src/measure/document.ts';

const lavapipe = join(process.cwd(), '.cache/lavapipe/lvp_icd.json');
const required = process.env['RIDGELINE_REQUIRE_F16'] === '1';

function bash(script: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'bash',
      [script, ...args],
      { env: { ...process.env, ...env }, timeout: 240_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const temp = mkdtempSync(join(tmpdir(), 'ridgeline-device-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('scripts/device', () => {
  it('measure.sh exits 2 naming what is missing when the carried runtime is not there', async () => {
    const empty = join(temp, 'empty');
    mkdirSync(empty);
    const out = join(temp, 'out-empty');
    const { code, stderr } = await bash('scripts/device/measure.sh', [], {
      RIDGELINE_DEVICE_DIR: empty,
      OUT: out,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^measure\.sh: the CLI bundle \(.*bundle\/main\.mjs\) is missing: run scripts\/device\/prepare\.sh/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a dry run of the bundle on lavapipe: two files back (a gzip tarball and a summary), valid documents inside', async ({
    skip,
  }) => {
    if (!existsSync(lavapipe)) {
      if (required) throw new Error(`RIDGELINE_REQUIRE_F16=1 but ${lavapipe} is missing`);
      skip(`no lavapipe at ${lavapipe} (scripts/provision-lavapipe.sh)`);
    }
    const dev = join(temp, 'device');
    const packed = await bash('scripts/device/prepare.sh', ['--bundle-only'], { RIDGELINE_DEVICE_DIR: dev });
    expect(packed.code, packed.stderr).toBe(0);
    expect(existsSync(join(dev, 'node_modules/webgpu.tar.gz'))).toBe(true);
    const out = join(temp, 'out');
    const run = await bash('scripts/device/measure.sh', [], {
      RIDGELINE_DEVICE_DIR: dev,
      OUT: out,
      RIDGELINE_DEVICE_DRY_RUN: '1',
    });
    expect(run.code, `${run.stdout.slice(-3000)}\n${run.stderr}`).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['measurements.tar.gz', 'summary.txt']);
    expect(files.length).toBeLessThanOrEqual(8);
    const unpacked = join(temp, 'unpacked');
    mkdirSync(unpacked);
    const untar = await bash('-c', [`tar -xzf '${join(out, 'measurements.tar.gz')}' -C '${unpacked}'`], {});
    expect(untar.code).toBe(0);
    expect(readdirSync(unpacked).sort()).toEqual([
      'machine.txt',
      'plan.json',
      'plan.txt',
      'quick.json',
      'quick.txt',
      'status.txt',
    ]);
    expect(readFileSync(join(unpacked, 'status.txt'), 'utf8')).toBe(
      'plan exit status 0\nquick exit status 0\n',
    );
    const doc = importDocument(readFileSync(join(unpacked, 'quick.json'), 'utf8'));
    expect(doc.status).toBe('complete');
    expect(doc.adapter.description).toMatch(/llvmpipe/);
    expect(doc.measurements.every((m) => m.verified)).toBe(true);
    expect(doc.timerResolutionSeconds).toBeLessThan(1e-6);
    expect(readFileSync(join(out, 'summary.txt'), 'utf8')).toMatch(/dry run: lavapipe/);
  }, 300_000);
});
