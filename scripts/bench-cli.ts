// `npm run bench:cli [-- --runs N]`: the command line's start-up, against a bare `node -e 0` on the same
// machine in the same run (issue 21: `ridgeline --help` within 4× of it, which needs the CLI compiled to
// JavaScript rather than transpiled on every call), and how soon a bad flag is refused (issue 10: well
// under a second, before any adapter or kernel). Prints wall times (median and fastest of N runs,
// alternated so a busy spell hits every command alike) and each ratio to its target; never fails on
// speed: CI's 2 cores are shared.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { runScript } from '../src/cli/failure.ts';
import { UsageError } from '../src/cli/usage.ts';
import { parseDecimalInteger } from '../src/model/text/decimal.ts';
import { clipForMessage } from '../src/model/text/plainText.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const bin = join(repoRoot, 'bin', 'ridgeline.mjs');
const HELP_TARGET_RATIO = 4;
const REFUSAL_TARGET_MS = 1000;

interface Command {
  readonly label: string;
  readonly args: readonly string[];
  /** The exit code the command is meant to end with. */
  readonly code: number;
}

const COMMANDS: readonly Command[] = [
  { label: 'node -e 0 (the baseline)', args: ['-e', '0'], code: 0 },
  { label: 'ridgeline --help', args: [bin, '--help'], code: 0 },
  { label: 'ridgeline --version', args: [bin, '--version'], code: 0 },
  { label: 'ridgeline project --help', args: [bin, 'project', '--help'], code: 0 },
  { label: 'ridgeline project (the summary)', args: [bin, 'project'], code: 0 },
  { label: 'ridgeline bench --budget 0x10 (refused)', args: [bin, 'bench', '--budget', '0x10'], code: 2 },
];

function runsArgument(argv: readonly string[]): number {
  if (argv.length === 0) return 10;
  const [flag, raw] = argv[0]?.includes('=')
    ? (argv[0].split('=', 2) as [string, string])
    : [argv[0], argv[1]];
  const runs = raw === undefined ? null : parseDecimalInteger(raw);
  if (
    flag !== '--runs' ||
    runs === null ||
    runs < 1 ||
    runs > 100 ||
    argv.length > (argv[0]?.includes('=') ? 1 : 2)
  )
    throw new UsageError(
      `bench:cli: expected at most '--runs N' (1 to 100), got '${clipForMessage(argv.join(' '))}'`,
    );
  return runs;
}

function timeOnce(command: Command): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, command.args, { cwd: repoRoot, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== command.code)
    throw new Error(
      `${command.label} ended with ${run.status} (expected ${command.code}): ${clipForMessage(run.stderr.trim().split('\n')[0] ?? '')}`,
    );
  return ms;
}

await runScript(async () => {
  const runs = runsArgument(process.argv.slice(2));
  if (!existsSync(join(repoRoot, 'dist-cli', 'cli', 'main.js')))
    throw new UsageError('bench:cli: the compiled CLI is missing (dist-cli/); run npm run build:cli first');
  const times = new Map<string, number[]>(COMMANDS.map((c) => [c.label, []]));
  for (const command of COMMANDS) timeOnce(command); // warm the file cache once
  for (let i = 0; i < runs; i++)
    for (const command of COMMANDS) times.get(command.label)?.push(timeOnce(command));
  const median = (values: readonly number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const baseline = median(times.get(COMMANDS[0]?.label ?? '') ?? []);
  console.log(
    `ridgeline CLI start-up (Node ${process.version}; ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(1)}; ${runs} runs each, wall time)`,
  );
  for (const command of COMMANDS) {
    const samples = times.get(command.label) ?? [];
    const med = median(samples);
    const ratio = med / baseline;
    let target = '';
    if (command.label.startsWith('ridgeline --help'))
      target = `; target ${HELP_TARGET_RATIO}× node -e 0: ${(ratio / HELP_TARGET_RATIO).toFixed(2)} of it (${ratio <= HELP_TARGET_RATIO ? 'ok' : 'OVER'})`;
    if (command.code === 2)
      target = `; target ${REFUSAL_TARGET_MS} ms: ${(med / REFUSAL_TARGET_MS).toFixed(2)}× (${med <= REFUSAL_TARGET_MS ? 'ok' : 'OVER'})`;
    console.log(
      `${command.label.padEnd(42)} median ${med.toFixed(0).padStart(5)} ms, fastest ${Math.min(...samples)
        .toFixed(0)
        .padStart(5)} ms = ${ratio.toFixed(2)}× node -e 0${target}`,
    );
  }
  return 0;
});
