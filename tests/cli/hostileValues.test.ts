// The command line against values chosen to break it (issue 10): each one passes a naive check of its own
// and used to print NaN or Infinity with exit 0, or was read as something else (0x10 as 16). Every one must
// now be exit 2 with one line naming the user-facing flag, and nothing on stdout. Run in-process through
// the same main() as bin/ridgeline.mjs (a child process per case costs ~1.5 s on the 2-core machine); one
// spawned run at the end checks the real entry point and the bench:kernels script.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeDocument } from '../../src/cli/bench.ts';
import { checkOutputFile } from '../../src/cli/benchArgs.ts';
import { main } from '../../src/cli/commands.ts';
import { NonFiniteOutputError } from '../../src/cli/printers/finiteGuard.ts';
import { printProjectJson } from '../../src/cli/printers/projectJson.ts';
import { printProjectTable } from '../../src/cli/printers/projectTable.ts';
import { parseProjectArgs } from '../../src/cli/projectArgs.ts';
import { projectScenario } from '../../src/cli/projectScenario.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function ridgeline(args: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

/** [what, args, the line (after "ridgeline: ")] */
const REFUSED: readonly (readonly [string, readonly string[], RegExp])[] = [
  [
    'a price that overflows',
    ['--gpu-hour', '1e308'],
    /^--gpu-hour '1e308': expected a number from 0\.001 to/,
  ],
  ['a denormal API price (−Infinity savings)', ['--api-price', '1e-320'], /^--api-price '1e-320': expected/],
  ['an astronomical batch', ['--batch', '1e308'], /^--batch '1e308': expected an integer from 1 to 4,096$/],
  [
    'an astronomical context',
    ['--context', '1e308'],
    /^--context '1e308': expected an integer from 1 to 1e7/,
  ],
  [
    'a batch past 2^53 (read as 1e20)',
    ['--batch', '99999999999999999999'],
    /^--batch '99999999999999999999': expected an integer/,
  ],
  ['GPUs that overflow the node bandwidth', ['--gpus', '1e308'], /^--gpus '1e308': expected an integer/],
  [
    'hex GPUs (Number() reads 16)',
    ['--gpus', '0x10'],
    /^--gpus '0x10': expected an integer from 1 to 1,024$/,
  ],
  ['trailing junk', ['--gpus', '8abc'], /^--gpus '8abc': expected an integer/],
  ['surrounding space', ['--gpus', ' 8'], /^--gpus ' 8': expected an integer/],
  ['Infinity spelled out', ['--gpu-hour', 'Infinity'], /^--gpu-hour 'Infinity': expected a number/],
  ['digit separators', ['--context', '32_000'], /^--context '32_000': expected an integer/],
  ['an empty value', ['--batch='], /^--batch needs a value \(it was empty\)$/],
  ['a value on a switch', ['--json=yes'], /^--json takes no value \(see ridgeline project --help\)$/],
  [
    'no prompt tokens at all (NaN shares)',
    ['--set', 'request.freshTokensAvg=0', '--set', 'request.cachedTokensAvg=0'],
    /^--set request\.cachedTokensAvg=0: inconsistent inputs: request\.freshTokensAvg \+ request\.cachedTokensAvg must be > 0/,
  ],
  [
    'a denormal bandwidth',
    ['--set', 'hardware.gpuBandwidthBps=1e-320'],
    /^--set hardware\.gpuBandwidthBps='1e-320': expected a number from 1,000 to 1e15 B\/s$/,
  ],
  [
    'a KV cache of 1e308 bytes per token',
    ['--set', 'overrides.kvBytesPerToken=1e308'],
    /^--set overrides\.kvBytesPerToken='1e308': expected a number from 1 to 1e9 B, or 'auto'/,
  ],
  ['hex in --set', ['--set', 'tp8.concurrency=0x10'], /^--set tp8\.concurrency='0x10': expected an integer/],
  [
    'a pass shorter than its own fixed overhead',
    ['--set', 'empirical.fixedOverheadS=1'],
    /^--set empirical\.fixedOverheadS=1: inconsistent inputs: tp8\.perPassTimeMeasuredS .* must be > empirical\.fixedOverheadS/,
  ],
  [
    'TP 3 on 8 GPUs and 64 heads',
    ['--gpus', '8', '--tp', '3'],
    /^--tp 3: must divide the GPUs per node \(8\).*; must divide kimi-k2\.6's 64 attention heads/,
  ],
  [
    "TP that divides the node but not the model's heads",
    ['--model', 'qwen3-235b-a22b', '--gpus', '6', '--tp', '6'],
    /^--tp 6: must divide qwen3-235b-a22b's 64 attention heads.*; must divide qwen3-235b-a22b's 4 KV heads or be a multiple of them/,
  ],
  ['TP above the node', ['--gpus', '4', '--tp', '8'], /^--tp \(8\) must be <= --gpus \(4\)$/],
  [
    'a flood of --set',
    Array.from({ length: 5000 }, () => ['--set', 'empirical.mbuMeasured=0.1']).flat(),
    /^--set given more than \d+ times: at most \d+/,
  ],
  [
    'markup in a choice is quoted back as text, cut short',
    ['--model', `<img src=x onerror=alert(1)>${'x'.repeat(200)}`],
    /^--model '<img src=x onerror=alert\(1\)>x+…': allowed are kimi-k2\.6/,
  ],
  ['a control character in a flag name', ['--mo\u001bdel', 'x'], /^project: unknown flag '--mo del'/],
];

describe('ridgeline project refuses what it cannot compute (exit 2, one line naming the flag)', () => {
  it.each(REFUSED)('%s', async (_, args, line) => {
    const run = await ridgeline(['project', ...args]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith('ridgeline: ')).toBe(true);
    expect(lines[0]?.slice('ridgeline: '.length)).toMatch(line);
    expect(run.stderr).not.toMatch(/NaN|Infinity(?!')|\n\s+at /);
  });

  it('accepts what is physical: TP that splits heads and replicates KV heads (Llama 3.1 8B, TP16 on 16 GPUs)', async () => {
    const run = await ridgeline([
      'project',
      '--json',
      '--model',
      'llama-3.1-8b',
      '--gpus',
      '16',
      '--tp',
      '16',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('accepts decimal spellings of the same number (32000, 32e3, 3.2e4) and a decimal price (.5)', async () => {
    const outcomes = ['32000', '32e3', '3.2e4'].map(
      (context) => projectScenario(parseProjectArgs(['--context', context, '--api-price', '.5'])).inputs,
    );
    expect(outcomes.map((inputs) => inputs.scenario.kvContextTokens)).toEqual([32_000, 32_000, 32_000]);
    expect(outcomes[0]?.pricing.apiPricePerMTokUsd).toBe(0.5);
  });

  it('the JSON never carries NaN, Infinity or a null figure, at the extremes of every flag range', async () => {
    const extremes = [
      ['--gpu-hour', '1000', '--api-price', '1e-4'],
      ['--gpu-hour', '0.001', '--api-price', '10000'],
      ['--batch', '4096', '--context', '10000000'],
      ['--batch', '1', '--context', '1'],
      ['--gpu', 'gb200', '--gpus', '1024', '--tp', '64'],
    ];
    for (const args of extremes) {
      const run = await ridgeline(['project', '--json', ...args]);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      const doc = JSON.parse(run.stdout) as { figures: Record<string, unknown> };
      expect(Object.values(doc.figures).every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
      expect(run.stdout).not.toMatch(/NaN|Infinity/);
    }
  });
});

describe('the printers refuse a non-finite figure (the last guard, behind the range checks)', () => {
  const outcome = projectScenario(parseProjectArgs([]));
  const broken = (value: number) => ({
    ...outcome,
    result: {
      ...outcome.result,
      figures: {
        ...outcome.result.figures,
        'bill.savings': { ...outcome.result.figures['bill.savings']!, value },
      },
    },
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    '%s in the table or in JSON',
    (value) => {
      expect(() => printProjectTable(broken(value))).toThrow(NonFiniteOutputError);
      expect(() => printProjectJson(broken(value))).toThrow(
        /refusing to print a non-finite value \(figures\.bill\.savings/,
      );
    },
  );

  it('a non-finite number anywhere the JSON reaches (the sweep) is refused, not written as null', () => {
    const sweep = { ...outcome.result.sweep, perStreamTps: Float64Array.from([Number.NaN]) };
    expect(() => printProjectJson({ ...outcome, result: { ...outcome.result, sweep } })).toThrow(
      NonFiniteOutputError,
    );
  });
});

describe('ridgeline bench checks its arguments before running', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ridgeline-hostile-'));
  const file = join(folder, 'a-file');
  writeFileSync(file, '');
  const fifo = join(folder, 'a-fifo');
  execFileSync('mkfifo', [fifo]);

  it.each([
    [
      ['--json', '/nonexistent/dir/out.json'],
      /^--json \/nonexistent\/dir\/out\.json: the folder \/nonexistent\/dir does not exist$/,
    ],
    [['--json', join(file, 'out.json')], /: the folder .*a-file does not exist$/],
    [['--json', folder], /: that is a folder; give a file name$/],
    [['--json='], /^--json needs a value \(it was empty\)$/],
    [['--quick=yes'], /^--quick takes no value/],
    [['--swiftshader=1'], /^--swiftshader takes no value/],
    [['--budget='], /^--budget needs a value \(it was empty\)$/],
    [['--kernels='], /^--kernels needs a value \(it was empty\)$/],
    [['--budget', '0x10'], /^--budget: expected a duration like 20s/],
    [['--kernels', '<script>'], /^--kernels: unknown kernel '<script>'/],
    // a device and a FIFO pass a plain writability test, then swallow or refuse the document after the run
    // (issue 20): anything but a regular file, or a new one in a writable folder, is refused before it
    [
      ['--json', '/dev/full'],
      /^--json \/dev\/full: that is not a regular file \(a device, a pipe or a socket\); give a file name$/,
    ],
    [['--json', '/dev/null'], /^--json \/dev\/null: that is not a regular file/],
    [['--json', fifo], /: that is not a regular file \(a device, a pipe or a socket\); give a file name$/],
  ])('%j: exit 2 at once, one line naming the flag', async (args, line) => {
    const run = await ridgeline(['bench', '--quick', '--swiftshader', ...args]);
    expect(run.code).toBe(2);
    // refused before any adapter or kernel: nothing measured, nothing printed but the one line
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr.slice('ridgeline: '.length).trimEnd()).toMatch(line);
  });

  it('a regular file, or a new file in a writable folder, is accepted', () => {
    expect(() => checkOutputFile('--json', file)).not.toThrow();
    expect(() => checkOutputFile('--json', join(folder, 'new.json'))).not.toThrow();
  });

  it('a disk that fills up during the run: the document is saved to the temporary folder and the error says where', () => {
    const name = `ridgeline-test-${process.pid}.json`;
    const fallback = join(tmpdir(), name);
    try {
      expect(() => writeDocument('/dev/full', '{"run": 1}\n', name)).toThrow(
        `--json /dev/full: the document could not be written (ENOSPC); it was saved to ${fallback}`,
      );
      expect(readFileSync(fallback, 'utf8')).toBe('{"run": 1}\n');
    } finally {
      if (existsSync(fallback)) rmSync(fallback);
    }
  });

  it('a file that exists but cannot be written is refused (where permissions apply: root may write it)', () => {
    const locked = join(folder, 'locked.json');
    writeFileSync(locked, '');
    chmodSync(locked, 0o444);
    if (process.getuid?.() === 0) expect(() => checkOutputFile('--json', locked)).not.toThrow();
    else
      expect(() => checkOutputFile('--json', locked)).toThrow(
        /--json .*locked\.json: the file is not writable/,
      );
  });
});

function spawn(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run bench:kernels says what the CLI says', () => {
  it('without an adapter: the same one line, no stack trace, exit 1', async () => {
    const noAdapter = { VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: '/nonexistent/icd.json' };
    const [cli, script] = await Promise.all([
      spawn('node', ['bin/ridgeline.mjs', 'bench', '--quick', '--backend', 'vulkan'], noAdapter),
      spawn(
        'node',
        ['--import', 'tsx', 'scripts/bench-kernels.ts', '--quick', '--backend', 'vulkan'],
        noAdapter,
      ),
    ]);
    const last = (run: Run) => run.stderr.trimEnd().split('\n').at(-1);
    expect(cli.code).toBe(1);
    expect(script.code).toBe(1);
    expect(last(cli)).toMatch(/^ridgeline: no WebGPU adapter: /);
    expect(last(script)).toBe(last(cli));
    // (Dawn's native warnings above it carry C++ source lines; no JavaScript stack may appear)
    expect(script.stderr).not.toMatch(/NoAdapterError|\.ts:\d+|node:internal/);
  }, 60_000);

  it('with a --json folder that does not exist: exit 2 before running', async () => {
    const run = await spawn(
      'node',
      ['--import', 'tsx', 'scripts/bench-kernels.ts', '--json', '/nonexistent/x.json'],
      {},
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'ridgeline: --json /nonexistent/x.json: the folder /nonexistent does not exist\n',
    );
  }, 60_000);
});
