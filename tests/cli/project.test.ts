// `ridgeline project` as a user runs it: a child process through bin/ridgeline.mjs.
import { beforeAll, describe, expect, it } from 'vitest';
import { printProjectJson } from '../../src/cli/printers/projectJson.ts';
import { parseProjectArgs } from '../../src/cli/projectArgs.ts';
import { projectScenario } from '../../src/cli/projectScenario.ts';
import { modelIds } from '../../src/model/presets/index.ts';
import { golden } from '../fixtures/golden.ts';
import { type Run, runCli } from './runCli.ts';

/** Run many invocations with a little parallelism (the CI machine has 2 cores). */
async function runAll(cases: readonly (readonly string[])[]): Promise<Run[]> {
  const results: Run[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCli(cases[i] ?? []);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return results;
}

const BAD_INPUTS: readonly (readonly [string, readonly string[], RegExp])[] = [
  ['unknown preset', ['--preset', 'fast'], /--preset 'fast': allowed are default, blog_compat/],
  [
    'unknown model',
    ['--model', 'gpt-5'],
    /--model 'gpt-5': did you mean gpt-oss-120b(, gpt-oss-20b)?\? allowed are kimi-k2\.6/,
  ],
  ['unknown gpu', ['--gpu', 'tpu-v5'], /--gpu 'tpu-v5': allowed are b200/],
  ['unknown engine', ['--engine', 'tgi'], /--engine 'tgi': allowed are vllm, vllm-blog, sglang, trtllm/],
  ['unknown --set key', ['--set', 'empirical.nope=1'], /--set: unknown input 'empirical\.nope'/],
  [
    '--set without =',
    ['--set', 'empirical.mbuMeasured'],
    /--set 'empirical\.mbuMeasured': expected path=value/,
  ],
  [
    'NaN in --set',
    ['--set', 'empirical.mbuMeasured=NaN'],
    /--set empirical\.mbuMeasured='NaN': expected a number from 1e-6 to 1$/,
  ],
  ['NaN flag', ['--gpu-hour', 'NaN'], /--gpu-hour 'NaN': expected a number from 0\.001 to 1,000 USD$/],
  ['negative price', ['--api-price', '-0.3'], /--api-price '-0\.3': expected a number from 1e-4 to/],
  ['zero GPUs', ['--gpus', '0'], /--gpus '0': expected an integer from 1 to 1,024$/],
  ['zero batch', ['--batch', '0'], /--batch '0': expected an integer from 1 to 4,096$/],
  ['fractional context', ['--context', '1.5'], /--context '1\.5': expected an integer from 1 to 1e7 tokens$/],
  [
    'negative --set',
    ['--set', 'hardware.gpuMemBytes=-1'],
    /--set hardware\.gpuMemBytes='-1': expected a number from 1e8 to 1e13 B$/,
  ],
  ['TP larger than the GPU count', ['--gpus', '4', '--tp', '8'], /--tp \(8\) must be <= --gpus \(4\)/],
  ['TP larger than the preset node', ['--tp', '16'], /--tp \(16\) must be <= the b200 node's 8 GPUs/],
  ['TP not dividing the node', ['--tp', '3'], /^ridgeline: --tp 3: must divide the GPUs per node \(8\)/],
  [
    'EP not dividing the experts',
    ['--ep', '5'],
    /scenario\.expertParallel \(5\) must divide the routed experts \(384\)/,
  ],
  ['EP on a dense model', ['--model', 'llama-3.1-8b', '--ep', '2'], /needs a mixture-of-experts model/],
  ['zero pipeline stages', ['--pp', '0'], /--pp '0': expected an integer from 1 to 64/],
  ['--ops with a value', ['--ops=1'], /--ops takes no value/],
  [
    'unknown weights',
    ['--weights', 'fp2'],
    /--weights 'fp2': did you mean fp4, fp8, fp4-experts\? allowed are fp4, fp8, bf16, int4, int4-experts, fp4-experts/,
  ],
  [
    'a typo in a GPU',
    ['--gpu', 'h10o'],
    /--gpu 'h10o': did you mean h100-sxm(, h100-pcie)?\? allowed are b200/,
  ],
  [
    'an ambiguous short name',
    ['--model', 'llama'],
    /--model 'llama' could be llama-3\.1-8b, llama-3\.1-70b, llama-3\.1-405b, llama-2-7b: give more of the name$/,
  ],
  [
    'a flag given twice',
    ['--batch', '8', '--batch', '16'],
    /^ridgeline: --batch given twice \('8', then '16'\): give it once$/,
  ],
  [
    '--json and --full',
    ['--json', '--full'],
    /^ridgeline: --json and --full both choose the output: give one of them$/,
  ],
  ['--json and --ops', ['--ops', '--json'], /--ops prints operator tables; --json carries them already/],
  ['an unknown help topic', ['--help=flags'], /--help=flags: expected set/],
  ['unknown kv', ['--kv', 'int8'], /--kv 'int8': allowed are fp8, bf16/],
  ['unknown flag', ['--fast'], /unknown flag '--fast': allowed are --model/],
  ['missing value', ['--model'], /--model needs a value/],
  [
    'PP inside a node whose GPUs have no link between them',
    ['--gpu', 'm4-max', '--gpus', '2', '--tp', '1', '--pp', '2', '--model', 'llama-3.1-8b'],
    /^ridgeline: --pp 2: .*scenario\.pipelineParallel \(2\) .*this hardware has no link between its GPUs/,
  ],
  [
    'EP over GPUs with no link between them',
    ['--gpu', 'm4-max', '--gpus', '2', '--tp', '1', '--ep', '2', '--model', 'mixtral-8x7b'],
    /^ridgeline: --ep 2: .*scenario\.expertParallel \(2\) .*this hardware has no link between its GPUs/,
  ],
  [
    'PP over nodes with no network between them',
    ['--gpu', 'rtx-4090', '--pp', '2', '--model', 'llama-3.1-8b'],
    /^ridgeline: --pp 2: .*scenario\.pipelineParallel \(2\) .*on 2 nodes of 1 GPU: this hardware has no network between nodes/,
  ],
  [
    'inconsistent inputs',
    ['--set', 'model.expertsPerToken=500'],
    /model\.expertsPerToken \(500\) must be <= model\.nRoutedExperts/,
  ],
];

const REQUIRED_FOR_EVERY_MODEL = [
  'model.total_params',
  'model.active_params',
  'mem.weight_bytes',
  'kv.bytes_per_token',
  'decode.bytes_per_token_b1',
  'roof.ridge',
  'decode.ceiling_tps',
  'prefill.theoretical_tps',
];

let defaultJson: Run;
let compatJson: Run;
let tableRun: Run;
let summaryRun: Run;
let shortNamesRun: Run;
let helpRun: Run;
let helpSetRun: Run;
let misfitRun: Run;
let opsRun: Run;
let badRuns: Run[];

beforeAll(async () => {
  [defaultJson, compatJson, tableRun, helpRun, misfitRun, opsRun, summaryRun, helpSetRun, shortNamesRun] =
    (await runAll([
      ['--json'],
      ['--json', '--preset', 'blog_compat'],
      ['--full'],
      ['--help'],
      ['--json', '--model', 'llama-3.1-405b', '--gpu', 'h100-sxm', '--weights', 'bf16'],
      [
        '--ops',
        '--model',
        'llama-3.1-70b',
        '--gpu',
        'h100-sxm',
        '--weights',
        'bf16',
        '--context',
        '2048',
        '--batch',
        '1',
        '--full',
      ],
      [],
      ['--help', 'set'],
      ['--json', '--gpu', 'H100', '--model', 'kimi', '--weights', 'BF16', '--gpus', '8', '--pp', '2'],
    ])) as [Run, Run, Run, Run, Run, Run, Run, Run, Run];
  badRuns = await runAll(BAD_INPUTS.map(([, args]) => args));
}, 300_000);

function figuresOf(run: Run): Record<string, number> {
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { figures: Record<string, number> }).figures;
}

describe('ridgeline project --json', () => {
  it('reproduces every golden engine value for the Kimi default scenario (default and blog_compat)', () => {
    const byPreset: Record<string, Record<string, number>> = {
      default: figuresOf(defaultJson),
      blog_compat: figuresOf(compatJson),
    };
    const entries = [...golden.entries, ...golden.not_reproducible];
    for (const entry of entries) {
      const value = byPreset[entry.preset]?.[entry.id.replace(/\.compat$/, '')];
      expect(value, entry.id).toBeTypeOf('number');
      expect(Math.abs((value ?? Number.NaN) - entry.engine_value), entry.id).toBeLessThanOrEqual(
        1e-9 * Math.abs(entry.engine_value),
      );
    }
  });

  it('is one object with model, gpu, inputs and figures', () => {
    const doc = JSON.parse(defaultJson.stdout) as Record<string, unknown>;
    expect(doc['model']).toMatchObject({ id: 'kimi-k2.6' });
    expect(doc['gpu']).toMatchObject({ id: 'b200', gpusPerNode: 8 });
    expect(doc['inputs']).toMatchObject({ empirical: { mbuMeasured: 0.11 } });
    expect(Object.keys(doc['figures'] as object).length).toBeGreaterThanOrEqual(122);
  });

  it('gives the required figures, finite, for every model preset (in-process: same parser, scenario and printer)', () => {
    for (const id of modelIds) {
      const doc = JSON.parse(
        printProjectJson(projectScenario(parseProjectArgs(['--json', '--model', id]))),
      ) as {
        figures: Record<string, number>;
      };
      for (const figure of REQUIRED_FOR_EVERY_MODEL) {
        expect(Number.isFinite(doc.figures[figure]), `${id} ${figure}`).toBe(true);
        expect(doc.figures[figure], `${id} ${figure}`).toBeGreaterThan(0);
      }
    }
  });

  it('applies --set, --gpu-hour, --api-price, --batch and --preset to the inputs and figures (in-process)', () => {
    const outcome = projectScenario(
      parseProjectArgs([
        '--set',
        'empirical.mbuMeasured=0.13',
        '--gpu-hour=4',
        '--api-price',
        '0.5',
        '--batch',
        '32',
        '--preset',
        'blog_compat',
      ]),
    );
    expect(outcome.inputs.empirical.mbuMeasured).toBe(0.13);
    expect(outcome.result.figures['decode.mbu_measured']?.value).toBe(0.13);
    expect(outcome.result.figures['cost.node_per_hour']?.value).toBe(32);
    expect(outcome.result.figures['price.api']?.value).toBe(0.5);
    expect(outcome.result.figures['pass.expert_slots_naive']?.value).toBe(256);
    expect(outcome.result.figures['kv.bytes_per_token']?.value).toBe(35_000);
  });

  it('explains a model that does not fit instead of failing: no throughput or cost, the GPUs it needs', () => {
    const doc = JSON.parse(misfitRun.stdout) as {
      fits: boolean;
      warnings: string[];
      figures: Record<string, number>;
      projection: {
        fits: boolean;
        decode: { batch: number; stepSeconds: number | null; aggregateTps: number | null }[];
        prefill: unknown;
        ttftSeconds: number | null;
        costPerMTokensUsd: number | null;
        slaBatch: number | null;
        ops: unknown[];
      };
    };
    expect(misfitRun.code).toBe(0);
    expect(doc.fits).toBe(false);
    // 405B in BF16 (811 GB) on 8×H100: 12 GPUs at least (TP4 × PP3 over 2 nodes)
    expect(doc.warnings[0]).toMatch(/^does not fit: needs 12 GPUs \(TP4 × PP3 over 2 nodes\)/);
    expect(doc.figures['cost.tp8_per_m']).toBeUndefined();
    expect(doc.projection.fits).toBe(false);
    expect(doc.projection.decode.every((d) => d.stepSeconds === null && d.aggregateTps === null)).toBe(true);
    expect(doc.projection.prefill).toBeNull();
    expect(doc.projection.ttftSeconds).toBeNull();
    expect(doc.projection.costPerMTokensUsd).toBeNull();
    expect(doc.projection.slaBatch).toBeNull();
    expect(doc.projection.ops).toEqual([]);
  });

  it('carries `projection` with exactly the names other tools read', () => {
    const doc = JSON.parse(defaultJson.stdout) as { projection: Record<string, unknown> };
    const p = doc.projection;
    expect(Object.keys(p).sort()).toEqual(
      ['costPerMTokensUsd', 'decode', 'fits', 'hardware', 'ops', 'prefill', 'slaBatch', 'ttftSeconds'].sort(),
    );
    const decode = p['decode'] as Record<string, unknown>[];
    expect(decode.map((d) => d['batch'])).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
    for (const entry of decode) {
      expect(Object.keys(entry).sort()).toEqual(
        ['aggregateTps', 'batch', 'boundBy', 'mbu', 'mfu', 'perStreamTps', 'stepSeconds'].sort(),
      );
    }
    // past the KV capacity (37 streams at 80K) a batch has no figures
    expect(decode.find((d) => d['batch'] === 64)?.['stepSeconds']).toBeNull();
    const b16 = decode.find((d) => d['batch'] === 16) ?? {};
    expect(['memory', 'compute', 'communication']).toContain(b16['boundBy']);
    expect(b16['mbu']).toBeGreaterThan(0);
    expect(b16['mbu']).toBeLessThanOrEqual(1);
    expect(Object.keys(p['prefill'] as object).sort()).toEqual(['mfu', 'promptTokens', 'seconds', 'tps']);
    const ops = p['ops'] as Record<string, unknown>[];
    expect(ops.map((op) => op['name'])).toContain('comm.tp_allreduce');
    for (const op of ops)
      expect(Object.keys(op).sort()).toEqual(['boundBy', 'bytes', 'flops', 'name', 'seconds']);
    expect(p['costPerMTokensUsd']).toBeGreaterThan(0);
    expect(p['slaBatch']).toBeGreaterThan(16);
  });
});

describe('ridgeline project (table)', () => {
  it('groups the figures like the blog, each row with formula id and section', () => {
    expect(tableRun.code, tableRun.stderr).toBe(0);
    for (const title of [
      'Node cost (§2.1)',
      'Weights and VRAM budget (§3–4)',
      'Decode bandwidth ceiling (§4.2–4.3)',
      'Roofline (§4.5)',
      'Prefill and TTFT (§4.7–4.9)',
      'KV cache capacity (§4.10)',
      'Per-pass decode model (§5.10 steps 1–3)',
      "Request lifecycle, Little's law, $/M and TTFT (§5.10 steps 6–8)",
      'TP4 replicas (§5.11)',
      'Fleet and monthly bill (§6–7.1)',
      'Savings table (§7.2)',
      'Batch sweep B = 1…512',
    ]) {
      expect(tableRun.stdout).toContain(title);
    }
    expect(tableRun.stdout).toMatch(/Max concurrent users at 80000 tokens\s+340 users\s+F25\s+§4\.10\.2/);
    expect(tableRun.stdout).toMatch(/TP8 cost per M processed tokens\s+\$0\.425\/Mtok\s+F47/);
    expect(tableRun.stdout).toContain("THE BLOG'S NAPKIN");
    expect(tableRun.stdout).toContain("RIDGELINE'S MODEL");
    expect(tableRun.stdout).toMatch(
      /regions \(model\): linear 1–\d+, bend \d+–\d+, plateau \d+–37, cliff 38–512/,
    );
    expect(tableRun.stdout).toContain('regions (napkin): linear 1–10, bend 11–340, cliff 341–512');
    for (const run of [tableRun, opsRun])
      expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    // the napkin's break-even rests on the blog's measurements: its scenario only, the model's verdict beside
    expect(tableRun.stdout).toMatch(/^Break-even the blog's napkin \(§7\.3\)/m);
    expect(tableRun.stdout).toMatch(/^ {11}ridgeline's model: the fleet sized to trough/m);
    expect(opsRun.stdout).not.toContain('Break-even');
    expect(tableRun.stdout).toMatch(/16\s+\S+ ms \(measured 36\.8 ms\)/);
  });

  it('--ops prints the operator table at the chosen B: bytes, FLOP, time, bound, including the TP all-reduce', () => {
    expect(opsRun.code, opsRun.stderr).toBe(0);
    expect(opsRun.stdout).toContain('Operators of one decode step at B=1, 2048 tokens of context');
    expect(opsRun.stdout).toMatch(/ffn\.dense\s+\S+ GB\s+\S+ GFLOP\s+\S+ [mµn]?s\s+\S+ %\s+memory/);
    expect(opsRun.stdout).toMatch(/comm\.tp_allreduce\s+.*communication/);
    expect(opsRun.stdout).toContain('Operators of the first prefill chunk');
    expect(opsRun.stdout).toMatch(/lm_head/);
  });

  it('--help: at most 60 lines of at most 100 columns, every flag; --help set: every --set path', () => {
    expect(helpRun.code).toBe(0);
    const lines = helpRun.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(60);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(helpRun.stdout).toContain('--set PATH=VALUE');
    for (const flag of ['--pp N', '--ep N', '--dp N', '--ops', '--full', '--json', '--help'])
      expect(helpRun.stdout).toContain(flag);
    expect(helpRun.stdout).toContain('--help set');
    expect(helpSetRun.code).toBe(0);
    for (const path of [
      'empirical.mbuMeasured',
      'projection.efficiency.gemvBandwidthShare',
      'model.totalParams',
    ])
      expect(helpSetRun.stdout).toContain(path);
    expect(Math.max(...helpSetRun.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
  });
});

describe('ridgeline project (summary, the default)', () => {
  it('answers first: at most 40 lines of at most 100 columns, model and napkin labelled side by side', () => {
    expect(summaryRun.code, summaryRun.stderr).toBe(0);
    const lines = summaryRun.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(summaryRun.stdout).toMatch(/ridgeline's model\s+the blog's napkin/);
    expect(summaryRun.stdout).toMatch(/^Fits {7}yes: /m);
    expect(summaryRun.stdout).toMatch(/TTFT at B=16 \(one prompt, no queue\)\s+\S+ ms\s+1\.93 s \(F48\)/);
    expect(summaryRun.stdout).toMatch(/SLA pick .*B=\d+/);
    expect(summaryRun.stdout).toMatch(
      /\$ per M processed tokens, TP8 at B=16\s+\$\S+\/Mtok\s+\$0\.425\/Mtok \(F47\)/,
    );
    expect(summaryRun.stdout).toMatch(/^Break-even the blog's napkin \(§7\.3\): saves \$222,711\/yr/m);
    expect(summaryRun.stdout).toMatch(/^ {11}ridgeline's model: /m);
  });

  it('takes preset names in any case and by an unambiguous start (H100 → h100-sxm, kimi → kimi-k2.6)', () => {
    expect(shortNamesRun.code, shortNamesRun.stderr).toBe(0);
    const doc = JSON.parse(shortNamesRun.stdout) as {
      model: { id: string };
      gpu: { id: string };
      inputs: { projection: { weights: string } };
    };
    expect([doc.model.id, doc.gpu.id, doc.inputs.projection.weights]).toEqual([
      'kimi-k2.6',
      'h100-sxm',
      'bf16',
    ]);
  });
});

describe('ridgeline project bad input: exit 2, one line naming the flag, no stack trace', () => {
  BAD_INPUTS.forEach(([name, args, message], i) => {
    it(`${name} (${args.join(' ')})`, () => {
      const run = badRuns[i];
      expect(run?.code).toBe(2);
      expect(run?.stdout).toBe('');
      const lines = (run?.stderr ?? '').trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(run?.stderr).not.toMatch(/\n\s+at /);
    });
  });
});

describe('--engine: the serving engine’s profile', () => {
  it('defaults to vLLM, keeps the blog’s own calibration for the blog’s model, and changes the step', () => {
    const run = (args: readonly string[]) => {
      const outcome = projectScenario(parseProjectArgs(args));
      return {
        engine: outcome.inputs.projection.engine,
        step: outcome.result.projection.chosen?.step.seconds ?? Number.NaN,
      };
    };
    const base = ['--model', 'llama-3.1-8b', '--gpu', 'h100-sxm', '--gpus', '1', '--batch', '1'];
    expect(run(base).engine).toBe('vllm');
    expect(run([]).engine).toBe('vllm-blog');
    const eager = run([...base, '--engine', 'llamacpp-no-graphs']);
    const graphs = run([...base, '--engine', 'llamacpp']);
    expect(eager.engine).toBe('llamacpp-no-graphs');
    // CUDA graphs off costs more per kernel launched
    expect(eager.step).toBeGreaterThan(graphs.step);
    expect(run([...base, '--engine', 'trtllm']).step).not.toBe(run(base).step);
  });
});
