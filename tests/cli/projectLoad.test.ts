// `ridgeline project --load` as a user runs it (issue 19, items 7 and 9): the load table, projection.load
// in --json with exactly the names other tools read, and a workload that cannot run refused in one line
// naming the flag (exit 2). The runs use a small request count: the CI machine is a busy 2-core box.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Run, runCli } from './runCli.ts';

/** the names projection.load.points carries (issue 19, item 7): other tools read them */
const POINT_NAMES = [
  'concurrency',
  'ttftP50Seconds',
  'ttftP99Seconds',
  'itlP50Seconds',
  'itlP99Seconds',
  'perStreamTps',
  'aggregateTps',
  'cacheHitRate',
  'kvUtilisation',
  'completedRequests',
];

const SMALL = ['--requests', '600'];

describe('ridgeline project --load', () => {
  let table: Run;
  let json: Run;
  beforeAll(async () => {
    [table, json] = await Promise.all([
      runCli(['--load', ...SMALL]),
      runCli(['--load', '--json', ...SMALL, '--qps', '0.3']),
    ]);
  }, 120_000);

  it('prints the load table: one row per level, the SLA pick, $/M, the napkin beside, the fleet', () => {
    expect(table.code).toBe(0);
    const out = table.stdout;
    expect(out).toMatch(/^LOAD \(ridgeline's serving simulator/m);
    expect(out).toMatch(
      /streams\s+TTFT p50\s+TTFT p90\s+TTFT p99\s+ITL p50\s+ITL p99\s+per-stream\s+aggregate/,
    );
    expect(out).toMatch(/streams\s+processed\s+cache hit\s+KV use\s+evicted\s+requests/);
    // every line within 100 columns (two tables rather than one too wide to read)
    for (const line of out.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(100);
    expect(out).toMatch(/^ {2}16 \(SLA\)\s/m);
    expect(out).toMatch(/SLA pick \(§5\.6\).*16 streams/);
    expect(out).toMatch(/per M processed tokens/);
    expect(out).toMatch(
      /the blog's napkin: TTFT 1\.93 s at c = 16 \(F48; its load test measured p50 1\.57 s\)/,
    );
    expect(out).toMatch(/^ {4}P99\s/m);
    expect(out).not.toMatch(/NaN|Infinity/);
  });

  it('--json adds projection.load { workload, points } with exactly the names other tools read', () => {
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    const load = doc.projection.load;
    expect(load.workload.cachedTokens.median).toBe(71_000);
    expect(load.workload.freshTokens.median).toBe(9400);
    expect(load.workload.outputTokens.median).toBe(1056);
    expect(load.workload.arrival).toBe('open');
    expect(load.workload.qps).toBe(0.3);
    expect(load.points.length).toBeGreaterThanOrEqual(8);
    for (const point of load.points) {
      for (const name of POINT_NAMES) expect(typeof point[name], name).toBe('number');
    }
    expect(load.points.map((p: { concurrency: number }) => p.concurrency)).toContain(16);
    expect(load.openLoop.concurrency).toBeGreaterThan(0);
    expect(load.sla.concurrency).toBe(16);
    // without --load there is none
    expect(json.stdout).not.toMatch(/NaN|Infinity/);
  });

  const BAD: readonly (readonly [string, readonly string[], RegExp])[] = [
    [
      'zero output tokens',
      ['--output-tokens', '0'],
      /^ridgeline: --output-tokens '0': expected an integer from 1 to/,
    ],
    ['QPS of 0', ['--qps', '0'], /^ridgeline: --qps '0': expected a number from 1e-6 to/],
    ['a negative QPS', ['--qps', '-1'], /^ridgeline: --qps '-1': expected a number/],
    [
      'a prompt longer than the context window',
      ['--fresh-tokens', '300000'],
      /^ridgeline: --fresh-tokens 300000: inconsistent inputs: workload\.cachedTokens\.median \+ workload\.freshTokens\.median \+ workload\.outputTokens\.median \(372056 tokens\) must be <= model\.contextWindowTokens \(256000\)/,
    ],
    [
      'a request larger than the KV cache',
      [
        '--model',
        'llama-3.1-8b',
        '--gpu',
        'rtx-4090',
        '--weights',
        'bf16',
        '--context',
        '20000',
        '--cached-tokens',
        '100000',
        '--load',
      ],
      /^ridgeline: --cached-tokens 100000: the load simulation cannot run: workload: a median request \(102566 prompt and output tokens\) needs more KV cache than the replica holds \(\d+ tokens\)/,
    ],
    ['--requests of 0', ['--requests', '0'], /^ridgeline: --requests '0': expected an integer from 1 to/],
    [
      'a sweep too long to simulate',
      ['--load', '--output-tokens', '100000', '--requests', '100000'],
      /^ridgeline: --output-tokens 100000: the load simulation cannot run: workload: the sweep would simulate about [\d,]+ steps/,
    ],
  ];
  for (const [name, args, message] of BAD) {
    it(`refuses ${name} in one line, exit 2`, async () => {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }, 60_000);
  }
});
