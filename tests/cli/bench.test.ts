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

function ridgeline(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['bin/ridgeline.mjs', ...args],
      { env: { ...process.env, ...env }, timeout: 120_000 },
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
    const header = stdout.split('\n').find((line) => line.startsWith('kernel '));
    expect(header?.split('|').map((cell) => cell.trim())).toEqual([
      'kernel',
      'shape',
      'samples',
      'median',
      'noise',
      'GB/s',
      'GFLOP/s',
      'AI',
      '% of roof',
      'verified',
    ]);
    expect(stdout).toMatch(/^ {2}memory roof +\d/m);
    expect(stdout).toMatch(/bandwidth +1\/[\d,]+ \(.*%\) of B200 HBM3e/);
    expect(stderr).toMatch(/bench: wrote /);
    const doc = importDocument(readFileSync(out, 'utf8'));
    expect(doc.profile).toBe('quick');
    expect(doc.status).toBe('complete');
    expect(doc.measurements.length).toBeGreaterThan(0);
    expect(doc.measurements.every((m) => m.verified)).toBe(true);
    expect(new Set(doc.measurements.map((m) => m.kernel))).toEqual(new Set(kernels.split(',')));
    expect(doc.roofs.memory).not.toBeNull();
    expect(doc.roofs.compute['f32']).toBeDefined();
    expect(stdout).toMatch(/^ {2}ridge point +f32: [\d.]+ FLOP\/byte$/m);
    expect(stdout).toMatch(/f32 vs B200 FP32 +1\/[\d,]+ .* of 90\.0 TFLOP\/s \(same precision\)/);
    for (const m of doc.measurements) expect(stdout).toContain(`${m.kernel} ${m.dtype}`);
  }, 120_000);

  it.each([
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
      /^ridgeline: --kernels: unknown kernel 'saxpy' \(known: stream-read, stream-copy.*\)\n$/,
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
