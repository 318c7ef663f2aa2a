// `npm run bench:hostile`: how long the page's parsers take over a stranger's data, the speed targets that
// the hostile-input tests used to assert (issues 10 and 21): a hostile explorer link parsed and evaluated
// (target 500 ms each), any text as a share link decoded or refused (1 s each), a 20 MB inflation bomb
// refused (2 s), 800 planted history entries cleaned (2 s), the roofline laid out over denormal and huge
// roofs (500 ms). The tests check what the code does with such data (never throws, bounded notices, finite
// coordinates); the time lives here, printed as a ratio to its target (under 1 meets it), never failing on
// speed: CI's 2 cores are shared. Inputs are drawn by fast-check from a fixed seed, so runs compare.
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { rooflineLayout } from '../src/charts/rooflineLayout.ts';
import { runScript } from '../src/cli/failure.ts';
import { UsageError } from '../src/cli/usage.ts';
import { INPUT_PATHS } from '../src/model/scenario/inputPaths.ts';
import { clipForMessage } from '../src/model/text/plainText.ts';
import { evaluateQuery, queryChoices } from '../src/ui/explorer/evaluation.ts';
import { parseQuery, QUERY_PARAMS } from '../src/ui/explorer/urlState.ts';
import { cleanHistory, HISTORY_KEY } from '../src/ui/measure/history.ts';
import { documentFromShare } from '../src/ui/measure/share.ts';
import { sampleDocument } from '../tests/unit/charts/sampleDocument.ts';

const SEED = 21;

interface Timed {
  readonly what: string;
  readonly count: number;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly targetMs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function timeEach<T>(
  what: string,
  targetMs: number,
  inputs: readonly T[],
  run: (input: T) => unknown,
): Promise<Timed> {
  const times: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    try {
      await run(input);
    } catch {
      // a refusal is an answer too: its time counts the same
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { what, count: inputs.length, medianMs: quantile(times, 0.5), maxMs: times.at(-1) ?? 0, targetMs };
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('1e308', '1e-320', '5e-324', '0x10', 'NaN', '-1', '99999999999999999999', 'x'.repeat(5000)),
  fc.double().map(String),
);
const names = [...QUERY_PARAMS.map((p) => p.param), ...INPUT_PATHS.map((p) => `set.${p.path}`)];
const hostileQuery = fc
  .array(fc.tuple(fc.constantFrom(...names), hostileText), { maxLength: 20 })
  .map((pairs) => `?${new URLSearchParams(pairs).toString()}`);

const base64Url = (bytes: Buffer) =>
  bytes.toString('base64').replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const shareText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,400}$/),
  fc.jsonValue().map((v) => base64Url(deflateRawSync(Buffer.from(JSON.stringify(v) ?? '')))),
);

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

function plantedHistory(): MemoryStorage {
  const storage = new MemoryStorage();
  const slim = { ...sampleDocument(), measurements: sampleDocument().measurements.slice(0, 2) };
  const planted = Array.from({ length: 800 }, (_, i) => ({
    id: `run-${i}`,
    savedAt: '2026-11-27T10:00:00.000Z',
    document: slim,
  }));
  storage.setItem(HISTORY_KEY, JSON.stringify(planted));
  return storage;
}

const HOSTILE_ROOFS = [1e-320, 5e-324, 1e308, Number.NaN, Number.POSITIVE_INFINITY, -1, 0];

function hostileRoofline(value: number) {
  return rooflineLayout({
    roofs: [
      {
        id: 'r0',
        label: 'hostile',
        color: 'series-1',
        bandwidthBytesPerSecond: value,
        computeRoofs: [{ dtype: 'f32', label: 'roof', flopsPerSecond: value }],
        dashed: false,
      },
    ],
    points: [],
    operatingPoints: [],
    shadedRoofId: 'r0',
  });
}

await runScript(async () => {
  const given = process.argv.slice(2);
  if (given.length > 0)
    throw new UsageError(`bench:hostile takes no options (got '${clipForMessage(given[0] ?? '')}')`);
  const choices = queryChoices();
  const results: Timed[] = [
    await timeEach(
      'hostile explorer link: parsed and evaluated',
      500,
      fc.sample(hostileQuery, { numRuns: 300, seed: SEED }),
      (q) => evaluateQuery(parseQuery(q, choices).query),
    ),
    await timeEach(
      'any text as a share link: decoded or refused',
      1000,
      fc.sample(shareText, { numRuns: 200, seed: SEED }),
      (packed) => documentFromShare(packed),
    ),
    await timeEach(
      'a 20 MB inflation bomb as a share link: refused',
      2000,
      [base64Url(deflateRawSync(Buffer.alloc(20_000_000, 0x20), { level: 9 }))],
      (packed) => documentFromShare(packed),
    ),
    await timeEach('800 planted history entries: cleaned', 2000, [0, 1, 2].map(plantedHistory), (storage) =>
      cleanHistory(storage),
    ),
    await timeEach('roofline laid out over a hostile roof value', 500, HOSTILE_ROOFS, hostileRoofline),
  ];
  console.log(`ridgeline hostile-input benchmark (Node ${process.version}; fast-check seed ${SEED})`);
  for (const r of results) {
    const ratio = r.maxMs / r.targetMs;
    console.log(
      `${r.what.padEnd(50)} max ${r.maxMs.toFixed(1)} ms, median ${r.medianMs.toFixed(1)} ms over ${r.count}; target ${r.targetMs} ms each: ${ratio.toFixed(3)}× (${ratio <= 1 ? 'ok' : 'OVER'})`,
    );
  }
  return 0;
});
