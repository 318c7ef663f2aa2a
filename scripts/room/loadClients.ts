// bench:room's load generator, in a process of its own: the clients that submit documents and time each
// reply. It runs apart from the bench's event-stream watcher and the Chromium driver so that their work
// never sits between a reply's arrival and its timestamp in the same event loop; the latency is still what
// a client sees, from just before its request is written to the reply's last byte. The process reports its
// own CPU time and event-loop delay beside the latencies, so a reader can see how much of a tail is the
// load generator's own.
//
// Protocol: argv[2] is the JSON LoadConfig; the process prints 'ready', waits for one line on stdin
// (the bench samples the server's CPU meanwhile), runs, and prints one line of JSON (LoadReport).
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoadConfig {
  readonly base: string;
  readonly code: string;
  readonly submissions: number;
  readonly clients: number;
  readonly fixturePath: string;
}

export interface LoadReport {
  /** Client-observed milliseconds per submission, in completion order. */
  readonly latencies: number[];
  /** The server's Server-Timing phases per reply (read, check, store, room), milliseconds. */
  readonly serverPhases: Record<string, number[]>;
  readonly statuses: Record<string, number>;
  readonly wallSeconds: number;
  /** This process's CPU (user + system) over the run, milliseconds. */
  readonly clientCpuMs: number;
  /** How late this process's event loop ran its callbacks over the run (perf_hooks), milliseconds. */
  readonly clientLoopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** `name;dur=ms` entries of a Server-Timing header. */
function phases(header: string | string[] | undefined): [string, number][] {
  const out: [string, number][] = [];
  for (const match of String(header ?? '').matchAll(/([\w-]+);dur=([\d.]+)/g))
    out.push([match[1]!, Number(match[2])]);
  return out;
}

async function run(config: LoadConfig): Promise<LoadReport> {
  const fixture = readFileSync(config.fixturePath);
  const agent = new Agent({ keepAlive: true, maxSockets: config.clients });
  const { hostname, port } = new URL(config.base);
  const latencies: number[] = [];
  const serverPhases: Record<string, number[]> = {};
  const statuses: Record<string, number> = {};
  const send = (n: number) =>
    new Promise<{ status: number; timing: [string, number][] }>((done, fail) => {
      const request = httpRequest(
        {
          agent,
          host: hostname,
          port,
          method: 'POST',
          path: `/api/rooms/${config.code}/results?nickname=attendee%20${n}`,
          headers: {
            'content-type': 'application/json',
            'content-length': fixture.length,
            // each submission from its own attendee address (the server runs with --trust-proxy)
            'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            done({ status: response.statusCode ?? 0, timing: phases(response.headers['server-timing']) }),
          );
        },
      );
      request.on('error', fail);
      request.end(fixture);
    });
  // the loop's own stalls: how late this process's timers and callbacks run (resolution 1 ms)
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: config.clients }, async () => {
      for (let n = next++; n < config.submissions; n = next++) {
        const t0 = performance.now();
        const { status, timing } = await send(n);
        latencies.push(performance.now() - t0);
        for (const [name, ms] of timing) {
          const times = serverPhases[name] ?? [];
          times.push(ms);
          serverPhases[name] = times;
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  delay.disable();
  agent.destroy();
  return {
    latencies,
    serverPhases,
    statuses,
    wallSeconds,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    clientLoopDelayMs: {
      p50: delay.percentile(50) / 1e6,
      p99: delay.percentile(99) / 1e6,
      max: delay.max / 1e6,
    },
  };
}

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  run(config).then(
    (report) => {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`bench:room load: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
});
