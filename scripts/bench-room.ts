// npm run bench:room: the room under a room's load, on loopback. `ridgeline room` runs in a child process
// (as at a venue); 50 concurrent clients send 1,000 measurement documents (the SwiftShader fixture, ~12
// KB each), each from its own address through --trust-proxy's X-Forwarded-For (1,000 attendees, 50 at a
// time). The speaker's page in headless Chromium and a plain SSE client watch the room's events.
// Targets (issue 24): none lost (1,000 × 201, 1,000 stored, 1,000 events to each watcher), p99 latency of a
// submission under 100 ms, the server's memory bounded. Figures only: this is a benchmark, not a test.
// Usage: npx tsx scripts/bench-room.ts [--submissions N] [--clients N] [--no-browser (the SSE client only)] [--profile DIR (the server's CPU profile)]. Writes artifacts/bench-room.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runScript } from '../src/cli/failure.ts';
import { UsageError } from '../src/cli/usage.ts';
import { parseDecimalInteger } from '../src/model/text/decimal.ts';
import { clipForMessage } from '../src/model/text/plainText.ts';
import { locateChromium } from '../tests/browser/chromium.ts';
import { buildPage, launchChromium, openPage, repoRoot } from '../tests/browser/pageServer.ts';
import type { LoadConfig, LoadReport } from './room/loadClients.ts';

const P99_TARGET_MS = 100;

/** The server's phases of a submission, as its Server-Timing header names them. */
const PHASES: Record<string, string> = {
  read: 'the body arriving',
  check: 'parse and validate (readDocumentText), the room entry',
  store: "the log's durable write (O_DSYNC), with the group it joined",
};

interface Options {
  submissions: number;
  clients: number;
  browser: boolean;
  /** --profile DIR: the server runs under `node --cpu-prof`, its profile written to DIR when it stops. */
  profileDir: string | null;
}

function options(argv: readonly string[]): Options {
  const result: Options = { submissions: 1000, clients: 50, browser: true, profileDir: null };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i] ?? '';
    if (name === '--no-browser') {
      result.browser = false;
      continue;
    }
    if (name === '--profile' && argv[i + 1] !== undefined) {
      result.profileDir = resolve(argv[i + 1]!);
      i++;
      continue;
    }
    const key = name === '--submissions' ? 'submissions' : name === '--clients' ? 'clients' : null;
    const value = parseDecimalInteger(argv[i + 1] ?? '');
    if (key === null || value === null || value < 1 || value > 100_000)
      throw new UsageError(
        `bench:room: unknown option or value '${clipForMessage(name)}' (--submissions N, --clients N, --no-browser, --profile DIR)`,
      );
    result[key] = value;
    i++;
  }
  return result;
}

function rssBytes(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null; // not Linux: no /proc
  }
}

/** CPU seconds the process has used (user + system), from /proc; null where there is no /proc. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // fields after the name: utime and stime are the 12th and 13th, in clock ticks (USER_HZ = 100 on Linux)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (v: number | null) => (v === null ? 'n/a' : `${(v / 1e6).toFixed(1)} MB`);

/** Counts 'result' events on the room's stream until `expected` arrive; resolves with the count. */
async function watchEvents(url: string, expected: number, signal: AbortSignal): Promise<() => number> {
  let results = 0;
  const response = await fetch(url, { signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      while (results < expected) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          if (buffer.slice(0, end).includes('event: result\n')) results += 1;
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return () => results;
}

async function main(): Promise<number> {
  const { submissions, clients, browser: withBrowser, profileDir } = options(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'ridgeline-bench-room-'));
  const dist = await buildPage('bench-room');
  const fixturePath = join(repoRoot, 'tests', 'fixtures', 'swiftshader-quick.json');
  const fixture = readFileSync(fixturePath, 'utf8');
  const child = spawn(
    process.execPath,
    [
      ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
      join(repoRoot, 'bin', 'ridgeline.mjs'),
      'room',
      '--port',
      '0',
      '--data',
      join(work, 'data'),
      '--dist',
      dist,
      '--trust-proxy',
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const { base, code, token } = await new Promise<{ base: string; code: string; token: string }>(
    (done, fail) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const join = /^join: (\S+)\/room\/(\w+)$/m.exec(out);
        const speaker = /\?speaker=(\S+)$/m.exec(out);
        if (join && speaker) done({ base: join[1]!, code: join[2]!, token: speaker[1]! });
      });
      child.on('exit', (status) => fail(new Error(`ridgeline room exited (${status}) before it was ready`)));
    },
  );
  const pid = child.pid!;
  const stop = new AbortController();
  const rssStart = rssBytes(pid);
  let rssPeak = rssStart ?? 0;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssBytes(pid) ?? 0);
  }, 50);

  // the watchers: a plain SSE client, and the speaker's page in Chromium when there is one
  const sseCount = await watchEvents(`${base}/api/rooms/${code}/events`, submissions, stop.signal);
  const chromium = withBrowser && locateChromium().found !== null;
  const browser = chromium ? await launchChromium() : null;
  const speaker = browser ? await openPage(browser, `${base}/room/${code}?speaker=${token}`) : null;
  await speaker?.page.waitForSelector('.room-board[data-status="live"]', { timeout: 60_000 });
  await speaker?.page.evaluate(() => performance.clearMeasures('ridgeline:task:room-draw'));

  console.log(
    `bench:room — ${submissions} submissions of a ${(fixture.length / 1e3).toFixed(1)} KB document from ${clients} concurrent clients on loopback; ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)}`,
  );
  // the clients run in a process of their own (scripts/room/loadClients.ts): see there why
  const config: LoadConfig = {
    base,
    code,
    submissions,
    clients,
    fixturePath,
  };
  const load = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'scripts', 'room', 'loadClients.ts'), JSON.stringify(config)],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let loadOut = '';
  load.stdout.on('data', (chunk: Buffer) => {
    loadOut += chunk.toString();
  });
  await new Promise<void>((ready, fail) => {
    const check = () => {
      if (loadOut.startsWith('ready\n')) {
        load.stdout.off('data', check);
        ready();
      }
    };
    load.stdout.on('data', check);
    load.on('exit', (status) => fail(new Error(`the load generator exited (${status}) before it started`)));
  });
  const cpuStart = cpuSeconds(pid);
  load.stdin.end('go\n');
  const exitStatus = await new Promise<number | null>((done) => load.on('exit', done));
  const cpuEnd = cpuSeconds(pid);
  if (exitStatus !== 0) throw new Error(`the load generator failed (exit ${exitStatus})`);
  const report = JSON.parse(loadOut.slice('ready\n'.length)) as LoadReport;
  const { latencies, wallSeconds } = report;
  const statuses = new Map(Object.entries(report.statuses).map(([k, v]) => [Number(k), v]));
  const serverTimes = report.serverPhases['room'] ?? [];
  const cpuPerSubmissionMs =
    cpuStart !== null && cpuEnd !== null ? ((cpuEnd - cpuStart) * 1000) / submissions : null;
  const stored = ((await (await fetch(`${base}/api/rooms/${code}/results`)).json()) as unknown[]).length;
  // the watchers get until 30 s after the last reply to see every result
  const deadline = Date.now() + 30_000;
  let pageCount = 0;
  while (Date.now() < deadline) {
    pageCount = speaker ? Number(await speaker.page.getAttribute('.room-board', 'data-count')) : submissions;
    if (sseCount() >= submissions && pageCount >= submissions) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const draws = speaker
    ? await speaker.page.evaluate(() =>
        performance.getEntriesByName('ridgeline:task:room-draw').map((e) => e.duration),
      )
    : [];
  const received = speaker
    ? await speaker.page.evaluate(() => document.querySelector('.room-board')?.getAttribute('data-count'))
    : null;
  clearInterval(sampler);
  const rssEnd = rssBytes(pid);

  const sorted = [...latencies].sort((a, b) => a - b);
  const serverSorted = [...serverTimes].sort((a, b) => a - b);
  const p99 = quantile(sorted, 0.99);
  const created = statuses.get(201) ?? 0;
  const drawSorted = [...draws].sort((a, b) => a - b);
  const lines = [
    `  accepted (201)           ${created} of ${submissions}${created === submissions ? '' : `   other statuses: ${JSON.stringify(Object.fromEntries(statuses))}`}`,
    `  stored (GET results)     ${stored}`,
    `  SSE client received      ${sseCount()} result events`,
    `  speaker page (Chromium)  ${speaker ? `${received} devices on the board; ${draws.length} redraws, median ${ms(quantile(drawSorted, 0.5))}, max ${ms(drawSorted.at(-1) ?? 0)}` : withBrowser ? 'not run: no Chromium found' : 'not run (--no-browser)'}`,
    `  latency                  p50 ${ms(quantile(sorted, 0.5))}, p95 ${ms(quantile(sorted, 0.95))}, p99 ${ms(p99)}, max ${ms(sorted.at(-1) ?? 0)}   target p99 < ${P99_TARGET_MS} ms: ${p99 < P99_TARGET_MS ? 'met' : 'MISSED'}`,
    `  server's share           p50 ${ms(quantile(serverSorted, 0.5))}, p99 ${ms(quantile(serverSorted, 0.99))} (from the request's headers to the reply; the rest is the sockets, the client, and waiting for a CPU)`,
    ...['read', 'check', 'store'].map((phase) => {
      const times = [...(report.serverPhases[phase] ?? [])].sort((a, b) => a - b);
      return `    ${phase.padEnd(22)} p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}   ${PHASES[phase]}`;
    }),
    `  load generator           ${(report.clientCpuMs / submissions).toFixed(2)} ms CPU per submission (its own process); its event loop ran late by p50 ${ms(report.clientLoopDelayMs.p50)}, p99 ${ms(report.clientLoopDelayMs.p99)}, max ${ms(report.clientLoopDelayMs.max)}`,
    `  server CPU               ${cpuPerSubmissionMs === null ? 'n/a (no /proc)' : `${cpuPerSubmissionMs.toFixed(2)} ms per submission (user + system, 10 ms ticks): one idle core takes ${Math.floor(1000 / Math.max(cpuPerSubmissionMs, 0.01))} a second`}`,
    `  throughput               ${(submissions / wallSeconds).toFixed(0)} submissions/s (${wallSeconds.toFixed(2)} s)`,
    `  server memory (RSS)      start ${mb(rssStart)}, peak ${mb(rssPeak)}, end ${mb(rssEnd)}; bounded by design: ≤ 5,000 results a room (~1 KB each), bodies ≤ 2 MB, ≤ 512 streams`,
    `  none lost                ${created === submissions && stored === submissions && sseCount() >= submissions && (speaker === null || pageCount >= submissions) ? 'yes' : 'NO'}`,
  ];
  console.log(lines.join('\n'));
  mkdirSync(join(repoRoot, 'artifacts'), { recursive: true });
  writeFileSync(
    join(repoRoot, 'artifacts', 'bench-room.json'),
    `${JSON.stringify(
      {
        submissions,
        clients,
        created,
        stored,
        sse: sseCount(),
        page: pageCount,
        latencyMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99, max: sorted.at(-1) },
        serverMs: { p50: quantile(serverSorted, 0.5), p99: quantile(serverSorted, 0.99) },
        serverPhaseMs: Object.fromEntries(
          Object.entries(report.serverPhases).map(([name, times]) => {
            const sortedTimes = [...times].sort((a, b) => a - b);
            return [name, { p50: quantile(sortedTimes, 0.5), p99: quantile(sortedTimes, 0.99) }];
          }),
        ),
        loadGenerator: {
          cpuPerSubmissionMs: report.clientCpuMs / submissions,
          loopDelayMs: report.clientLoopDelayMs,
        },
        browser: speaker !== null,
        cpuPerSubmissionMs,
        load: loadavg()[0],
        wallSeconds,
        rss: { start: rssStart, peak: rssPeak, end: rssEnd },
        draws: draws.length,
        drawMedianMs: quantile(drawSorted, 0.5),
        drawMaxMs: drawSorted.at(-1) ?? null,
      },
      null,
      2,
    )}\n`,
  );
  stop.abort();
  await browser?.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  rmSync(work, { recursive: true, force: true });
  return created === submissions && stored === submissions ? 0 : 1;
}

await runScript(main);
