// `ridgeline bench` as a user runs it: a child process through bin/ridgeline.mjs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../src/measure/document.ts';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function ridgeline(args: string[], env: NodeJS.ProcessEnv = {}, base = process.env): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['bin/ridgeline.mjs', ...args],
      { env: { ...base, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('ridgeline bench', () => {
  it('--quick --swiftshader --json out: exit 0, the report on stdout and a valid document on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ridgeline-bench-'));
    tempDirs.push(dir);
    const out = join(dir, 'out.json');
    // A subset keeps this test short: SwiftShader compiles the gemv-batched and gemm pipelines in 4–13 s each
    // on a 2-core machine; tests/gpu/runner.test.ts runs the whole quick registry once.
    const kernels = 'stream-read,stream-copy,fma-peak,gemv';
    const args = ['bench', '--quick', '--swiftshader', '--kernels', kernels, '--budget', '3s', '--json', out];
    const { code, stdout, stderr } = await ridgeline(args);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^# Device$/m);
    const header = stdout.split('\n').find((line) => line.split('|')[2]?.trim() === 'median');
    expect(header?.split('|').map((cell) => cell.trim())).toEqual([
      '#',
      'kernel',
      'median',
      'noise',
      'GB/s',
      'GFLOP/s',
      'AI',
      '% of roof',
      'verified',
    ]);
    // every line within 100 columns; the tables before the warnings
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(stdout.indexOf('# Measurements')).toBeLessThan(stdout.indexOf('# Warnings'));
    // The quick profile's streams fit any cache: they are marked, and no memory roof comes from them.
    expect(stdout).toMatch(/^#1 +\| stream-read f32 .*\| [\d.]+ [kM]B cache$/m);
    expect(stdout).toContain("  not tuned: each case's first variant was measured");
    expect(stdout).toMatch(/^ {2}! cache-resident: \d+ cases \(#1, #2/m);
    expect(stdout).toContain('  memory roof   not measured: the streams were cache-resident');
    expect(stdout).toContain("  not tuned: each case's first variant was measured");
    expect(stderr).toMatch(/bench: wrote /);
    const doc = importDocument(readFileSync(out, 'utf8'));
    expect(doc.profile).toBe('quick');
    expect(doc.status).toBe('complete');
    expect(doc.measurements.length).toBeGreaterThan(0);
    expect(doc.measurements.every((m) => m.verified)).toBe(true);
    expect(new Set(doc.measurements.map((m) => m.kernel))).toEqual(new Set(kernels.split(',')));
    expect(doc.roofs.memory).toBeNull();
    expect(doc.measurements.find((m) => m.kernel === 'stream-read')!.cacheResident).toBe(true);
    expect(doc.roofs.compute['f32']).toBeDefined();
    expect(stdout).toMatch(/f32 vs B200 FP32 +1\/[\d,]+ .* of 90 TFLOP\/s \(same precision\)/);
    for (const m of doc.measurements) expect(stdout).toContain(`${m.kernel} ${m.dtype}`);
  }, 120_000);

  it('--plan --device-profile h100-sxm --json: the plan as JSON on stdout, without a GPU', async () => {
    const { code, stdout, stderr } = await ridgeline([
      'bench',
      '--plan',
      '--device-profile',
      'h100-sxm',
      '--json',
    ]);
    expect(code, stderr).toBe(0);
    const plan = JSON.parse(stdout);
    expect(Object.keys(plan)).toEqual(['device', 'cases']);
    expect(plan.device.name).toBe('h100-sxm');
    expect(plan.device.llcBytes).toBe(50 << 20);
    const gemv = plan.cases.find(
      (c: { kernel: string; dtype: string }) => c.kernel === 'gemv' && c.dtype === 'f32',
    );
    expect(gemv.variants).toEqual(['wg128 rows1', 'wg128 rows4', 'wg256 rows1', 'wg256 rows4']);
    expect(gemv.workingSetBytes).toBeGreaterThanOrEqual(4 * plan.device.llcBytes);
    expect(gemv.workgroups.default).toBe(gemv.workgroups.variants['wg128 rows1']);
  }, 60_000);

  it("--plan --quick --swiftshader: a table for this machine's adapter, cache-resident cases marked, the estimates", async () => {
    const { code, stdout, stderr } = await ridgeline(['bench', '--plan', '--quick', '--swiftshader']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^ridgeline bench --plan · quick profile · SwiftShader/);
    expect(stdout).toMatch(/^#1 +\| stream-read f32 +\| +2 \| +\d+, \d+ \| +[\d.]+ [kM]B \(\d+\) cache \|/m);
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(stdout).toMatch(/^tuning: none \(the quick profile measures each case's first variant/m);
    expect(stdout).toMatch(/^run: ~[\d.,]+ m?s estimated on this CPU adapter/m);
    // the input speed comes from a timed fill on the adapter, not an assumption
    expect(stdout).toMatch(
      /^inputs: made on the device at [\d.,]+ [kMG]?B\/s \(measured: one seeded fill of/m,
    );
  }, 60_000);

  it.each([
    [
      ['bench', '--plan', '--device-profile', 'a100'],
      "ridgeline: --device-profile: unknown device 'a100' (known: h100-sxm, h200, b200, mi300x, rtx-4090, m3-max)",
    ],
    [
      ['bench', '--frobnicate'],
      "ridgeline: bench: unknown option '--frobnicate' (see ridgeline bench --help)",
    ],
    [
      ['bench', '--budget', 'soon'],
      "ridgeline: --budget: expected a duration like 20s or 500ms (up to 3600s), got 'soon'",
    ],
    [['bench', '--backend', 'metal'], "ridgeline: --backend: expected vulkan or opengl, got 'metal'"],
    [['bench', '--json'], 'ridgeline: --json needs a value (see ridgeline bench --help)'],
  ])(
    'bad flags %j → exit 2 with one line',
    async (args, message) => {
      const { code, stdout, stderr } = await ridgeline(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`${message}\n`);
    },
    60_000,
  );

  it('an unknown kernel → exit 2 naming the known kernels', async () => {
    const { code, stderr } = await ridgeline(['bench', '--kernels', 'stream-read,saxpy']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^ridgeline: --kernels: unknown kernel 'saxpy' \(known: stream-read, stream-copy.*dispatch-overhead\)\n$/,
    );
  }, 60_000);

  it('no adapter → exit 1 with a clear one-line message', async () => {
    // A Vulkan loader pointed at a driver that does not exist offers no adapter.
    const { code, stderr } = await ridgeline(['bench', '--quick', '--backend', 'vulkan'], {
      VK_ICD_FILENAMES: '/nonexistent/icd.json',
      VK_DRIVER_FILES: '/nonexistent/icd.json',
    });
    expect(code).toBe(1);
    // Dawn's and the Vulkan loader's own warnings are kept off the terminal: ridgeline's line is the only one.
    expect(stderr).toMatch(/^ridgeline: no WebGPU adapter: [^\n]*--swiftshader[^\n]*\n$/);
  }, 60_000);

  it('--verbose shows the native warnings too, before the same last line', async () => {
    const { code, stderr } = await ridgeline(['bench', '--quick', '--backend', 'vulkan', '--verbose'], {
      VK_ICD_FILENAMES: '/nonexistent/icd.json',
      VK_DRIVER_FILES: '/nonexistent/icd.json',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/vkCreateInstance/);
    expect(stderr.trimEnd().split('\n').at(-1)).toMatch(/^ridgeline: no WebGPU adapter: /);
  }, 60_000);

  it("a run that went well folds Dawn's own warnings into one line (lavapipe prints two); --verbose shows them", async (ctx) => {
    const args = ['bench', '--quick', '--lavapipe', '--kernels', 'stream-read', '--budget', '2s'];
    // --lavapipe defers to a driver already chosen, and this test process chose SwiftShader (which prints
    // nothing of its own): the child starts without that choice
    const { VK_ICD_FILENAMES: _icd, VK_DRIVER_FILES: _driver, ...clean } = process.env;
    const run = (extra: string[] = []) => ridgeline([...args, ...extra], {}, clean);
    const folded = await run();
    if (folded.code !== 0 && /no lavapipe driver|no adapter from lavapipe/.test(folded.stderr)) {
      // lavapipe is the f16 tests' adapter: where CI requires it (RIDGELINE_REQUIRE_F16), it must be here
      if (process.env['RIDGELINE_REQUIRE_F16'] === '1') throw new Error(folded.stderr);
      ctx.skip();
    }
    expect(folded.code, folded.stderr).toBe(0);
    expect(folded.stderr).toMatch(
      /^ridgeline: Dawn and the Vulkan loader printed \d+ lines? of their own warnings \(hidden; --verbose shows them\)$/m,
    );
    expect(folded.stderr).not.toMatch(/artificially reduced/);
    const verbose = await run(['--verbose']);
    expect(verbose.code, verbose.stderr).toBe(0);
    expect(verbose.stderr).toMatch(/artificially reduced/);
    expect(verbose.stderr).not.toContain('of their own warnings (hidden');
  }, 120_000);

  it('--swiftshader with no SwiftShader driver says where it looked and how to point at one', async () => {
    const { code, stderr } = await ridgeline(['bench', '--quick', '--swiftshader'], {
      RIDGELINE_VK_ICD: '/nonexistent/vk_swiftshader_icd.json',
      VK_ICD_FILENAMES: '',
      VK_DRIVER_FILES: '',
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'ridgeline: SwiftShader Vulkan driver (vk_swiftshader_icd.json, shipped with Chromium and Chrome): ' +
        'RIDGELINE_VK_ICD=/nonexistent/vk_swiftshader_icd.json is not a file; point RIDGELINE_VK_ICD at one\n',
    );
  }, 60_000);
});
