// Parses `ridgeline bench` flags (also `npm run bench:kernels`). Every flag is one row of BENCH_FLAGS: its
// name, the value it takes (null for a switch), its help line and how it changes the arguments; a new flag
// is a new row. Every mistake is a UsageError (one line naming the flag, exit 2), found before anything
// runs: that includes a --json file that could not be written (checkOutputFile).
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CpuAdapter, NodeBackend } from '../gpu/provider.node.ts';
import { deviceProfileNames } from '../kernels/deviceProfiles.ts';
import type { SuiteProfile } from '../measure/document.ts';
import { SUITE_PROFILES } from '../measure/profile.ts';
import { clipForMessage } from '../model/text/plainText.ts';
import { readFlags, wrapHelp } from './flagTable.ts';
import { UsageError } from './usage.ts';

export interface BenchArgs {
  readonly help: boolean;
  readonly profile: SuiteProfile;
  readonly kernels: readonly string[] | undefined;
  readonly budgetSeconds: number | undefined;
  readonly jsonPath: string | undefined;
  readonly backend: NodeBackend;
  /** A CPU Vulkan driver to measure on (--swiftshader, --lavapipe); null: the machine's own choice. */
  readonly cpuAdapter: CpuAdapter | null;
  /**
   * Every case's warnings in full (folded per kind otherwise: benchReport.ts), and Dawn's and the Vulkan
   * loader's own (counted in one line otherwise: nativeStderr.ts).
   */
  readonly verbose: boolean;
  /** --plan: print the suite a run would measure, without running it. */
  readonly plan: boolean;
  /** --device-profile NAME (with --plan): plan for a published device instead of this machine's adapter. */
  readonly deviceProfile: string | undefined;
}

/** With --plan, `--json` alone prints the plan's JSON on stdout; this is its jsonPath. */
export const JSON_TO_STDOUT = '-';

type MutableBenchArgs = { -readonly [K in keyof BenchArgs]: BenchArgs[K] };

export interface BenchFlag {
  /** The flag without its dashes. */
  readonly name: string;
  /** What the value is called in the usage text; null for a switch that takes no value. */
  readonly value: string | null;
  /** Usage lines (the first beside the flag, the rest indented under it). */
  readonly help: readonly string[];
  /** Reads `raw` (never empty; '' for a switch) into the arguments; throws a UsageError naming the flag. */
  apply(args: MutableBenchArgs, raw: string, knownKernels: readonly string[]): void;
  /** What the flag decides: two flags deciding the same thing are refused (flagTable.ts). */
  readonly decides?: string;
}

/** "20s", "20", "1.5s", "500ms" → seconds. */
export function parseBudget(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  const seconds = match ? Number(match[1]) / (match[2] === 'ms' ? 1000 : 1) : Number.NaN;
  if (!(seconds > 0 && seconds <= 3600)) {
    throw new UsageError(
      `--budget: expected a duration like 20s or 500ms (up to 3600s), got '${clipForMessage(text)}'`,
    );
  }
  return seconds;
}

function cpuAdapterFlag(chosen: CpuAdapter, help: readonly string[]): BenchFlag {
  return {
    name: chosen,
    value: null,
    help,
    apply(args) {
      if (args.cpuAdapter !== null && args.cpuAdapter !== chosen)
        throw new UsageError(`--${args.cpuAdapter} and --${chosen}: choose one CPU adapter`);
      args.cpuAdapter = chosen;
    },
  };
}

export const BENCH_FLAGS: readonly BenchFlag[] = [
  {
    name: 'quick',
    value: null,
    decides: 'the profile',
    help: ['small shapes and few samples (CPU adapters, CI)'],
    apply(args) {
      args.profile = 'quick';
    },
  },
  {
    name: 'kernels',
    value: 'a,b',
    help: ['only these kernels, comma-separated: KNOWN'],
    apply(args, raw, knownKernels) {
      const kernels = raw
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== '');
      const unknown = kernels.filter((k) => !knownKernels.includes(k));
      if (unknown.length > 0 || kernels.length === 0) {
        throw new UsageError(
          `--kernels: unknown kernel '${clipForMessage(unknown.join(','))}' (known: ${knownKernels.join(', ')})`,
        );
      }
      args.kernels = kernels;
    },
  },
  {
    name: 'budget',
    value: '20s',
    help: ['target wall time of the suite (default 20s; 10s with --quick); also 500ms, 1.5'],
    apply(args, raw) {
      args.budgetSeconds = parseBudget(raw);
    },
  },
  {
    name: 'json',
    value: 'out.json',
    help: ['also write the measurement document (JSON) to this file'],
    apply(args, raw) {
      args.jsonPath = raw;
    },
  },
  {
    name: 'profile',
    value: 'quick|full|talk',
    decides: 'the profile',
    help: [
      'the profile by name (--quick is --profile quick); talk: a live demo, four points',
      '(DRAM memory roof, FMA roof, a GEMV, a GEMM) sized to the device',
    ],
    apply(args, raw) {
      const profile = SUITE_PROFILES.find((p) => p === raw);
      if (profile === undefined)
        throw new UsageError(
          `--profile: expected ${SUITE_PROFILES.join(', ')}, got '${clipForMessage(raw)}'`,
        );
      args.profile = profile;
    },
  },
  {
    name: 'plan',
    value: null,
    help: [
      'print what a run would measure (cases, variants, working sets, bytes, FLOP)',
      'without running it; with --json alone, as JSON on stdout',
    ],
    apply(args) {
      args.plan = true;
    },
  },
  {
    name: 'device-profile',
    value: 'NAME',
    help: ["with --plan: plan for a published device instead of this machine's adapter:", 'DEVICES'],
    apply(args, raw) {
      const known = deviceProfileNames();
      if (!known.includes(raw))
        throw new UsageError(
          `--device-profile: unknown device '${clipForMessage(raw)}' (known: ${known.join(', ')})`,
        );
      args.deviceProfile = raw;
    },
  },
  {
    name: 'backend',
    value: 'vulkan|opengl',
    help: ["Dawn backend (default: Dawn's choice)"],
    apply(args, raw) {
      if (raw !== 'vulkan' && raw !== 'opengl')
        throw new UsageError(`--backend: expected vulkan or opengl, got '${clipForMessage(raw)}'`);
      args.backend = raw;
    },
  },
  cpuAdapterFlag('swiftshader', [
    'use the SwiftShader CPU adapter (found with Chromium or Chrome, or named by',
    'RIDGELINE_VK_ICD) unless VK_ICD_FILENAMES is set',
  ]),
  cpuAdapterFlag('lavapipe', [
    "use Mesa's lavapipe CPU adapter (has shader-f16, so the f16 kernels run);",
    'scripts/provision-lavapipe.sh sets it up on Debian',
  ]),
  {
    name: 'verbose',
    value: null,
    help: [
      "every case's warnings in full (folded to one line per kind otherwise), and Dawn's and the Vulkan loader's own (otherwise one line says how many)",
    ],
    apply(args) {
      args.verbose = true;
    },
  },
  {
    name: 'help',
    value: null,
    help: ['this text (also -h)'],
    apply(args) {
      args.help = true;
    },
  },
];

export function benchUsage(knownKernels: readonly string[]): string {
  const options = BENCH_FLAGS.flatMap((flag) => {
    const usage = `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
    const text = flag.help
      .map((line) =>
        line.replace('KNOWN', knownKernels.join(', ')).replace('DEVICES', deviceProfileNames().join(', ')),
      )
      .join(' ');
    return wrapHelp(`  ${usage}`, text, 26);
  });
  return `Usage: ridgeline bench [options]

Runs the WGSL kernel suite on this machine's GPU through Dawn and prints the measured roofs.

Options:
${options.join('\n')}

Exit status: 0 when every case ran and matched its CPU reference; 1 when a case failed, the run
ended early (device lost, out of memory, Ctrl-C) or there is no adapter; 2 for a mistake in the
flags.`;
}

export function parseBenchArgs(argv: readonly string[], knownKernels: readonly string[]): BenchArgs {
  const args: MutableBenchArgs = {
    help: false,
    profile: 'full',
    kernels: undefined,
    budgetSeconds: undefined,
    jsonPath: undefined,
    backend: 'default',
    cpuAdapter: null,
    verbose: false,
    plan: false,
    deviceProfile: undefined,
  };
  const rows = BENCH_FLAGS.map((flag) => ({
    ...flag,
    apply: (state: MutableBenchArgs, raw: string) => flag.apply(state, raw, knownKernels),
  }));
  // A plan is printed, not measured: there `--json` alone (last, or before another flag) means stdout.
  const plan = argv.includes('--plan');
  const line = argv.map((arg, i) =>
    plan && arg === '--json' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--'))
      ? `--json=${JSON_TO_STDOUT}`
      : arg,
  );
  readFlags(line, rows, args, {
    command: 'bench',
    unknown: (arg) =>
      new UsageError(`bench: unknown option '${clipForMessage(arg)}' (see ridgeline bench --help)`),
  });
  if (args.deviceProfile !== undefined && !args.plan)
    throw new UsageError('--device-profile plans for a published device: use it with --plan');
  return args;
}

/**
 * Checks before a run that `path` can be written: a regular file that is writable, or a new file in a
 * folder that exists and is writable. A run takes seconds to minutes; finding out afterwards loses it. A
 * device (/dev/full), a FIFO or a socket passes a plain writability test and then swallows or refuses the
 * document once the run is over, so anything but a regular file is refused here.
 */
export function checkOutputFile(flag: string, path: string): void {
  const full = resolve(path);
  const folder = dirname(full);
  const shown = clipForMessage(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(`${flag} ${shown}: the folder ${clipForMessage(folder)} does not exist`);
  const exists = existsSync(full);
  if (exists) {
    const stat = statSync(full);
    if (stat.isDirectory()) throw new UsageError(`${flag} ${shown}: that is a folder; give a file name`);
    if (!stat.isFile())
      throw new UsageError(
        `${flag} ${shown}: that is not a regular file (a device, a pipe or a socket); give a file name`,
      );
  }
  try {
    accessSync(exists ? full : folder, constants.W_OK);
  } catch {
    throw new UsageError(
      `${flag} ${shown}: ${exists ? 'the file' : `the folder ${clipForMessage(folder)}`} is not writable`,
    );
  }
}
