// Parses `ridgeline bench` flags. Every mistake is a UsageError (one line, exit 2).
import type { CpuAdapter, NodeBackend } from '../gpu/provider.node.ts';
import { deviceProfileNames } from '../kernels/deviceProfiles.ts';
import type { SuiteProfile } from '../measure/document.ts';
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
  /** --plan: print the suite a run would measure, without running it. */
  readonly plan: boolean;
  /** --device-profile NAME (with --plan): plan for a published device instead of this machine's adapter. */
  readonly deviceProfile: string | undefined;
}

/** With --plan, `--json` alone prints the plan's JSON on stdout; this is its jsonPath. */
export const JSON_TO_STDOUT = '-';

export function benchUsage(knownKernels: readonly string[]): string {
  return `Usage: ridgeline bench [options]

Runs the WGSL kernel suite on this machine's GPU through Dawn and prints the measured roofs.

Options:
  --quick                 small shapes and few samples (CPU adapters, CI)
  --kernels a,b           only these kernels, comma-separated: ${knownKernels.join(', ')}
  --budget 20s            target wall time of the suite (default 20s; 10s with --quick); also 500ms, 1.5
  --json out.json         also write the measurement document (JSON) to this file
  --profile quick|full    the profile by name (--quick is --profile quick)
  --plan                  print what a run would measure (cases, variants, working sets, bytes, FLOP)
                          without running it; with --json alone, as JSON on stdout
  --device-profile NAME   with --plan: plan for a published device instead of this machine's adapter:
                          ${deviceProfileNames().join(', ')}
  --backend vulkan|opengl Dawn backend (default: Dawn's choice)
  --swiftshader           use the SwiftShader CPU adapter unless VK_ICD_FILENAMES is set
  --lavapipe              use Mesa's lavapipe CPU adapter (has shader-f16, so the f16 kernels run);
                          scripts/provision-lavapipe.sh sets it up on Debian
  -h, --help              this text

Exit status: 0 when every case ran and matched its CPU reference; 1 when a case failed, the run ended
early (device lost, out of memory, Ctrl-C) or there is no adapter; 2 for a mistake in the flags.`;
}

/** "20s", "20", "1.5s", "500ms" → seconds. */
export function parseBudget(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  const seconds = match ? Number(match[1]) / (match[2] === 'ms' ? 1000 : 1) : Number.NaN;
  if (!(seconds > 0 && seconds <= 3600)) {
    throw new UsageError(`--budget: expected a duration like 20s or 500ms (up to 3600s), got '${text}'`);
  }
  return seconds;
}

export function parseBenchArgs(argv: readonly string[], knownKernels: readonly string[]): BenchArgs {
  let profile: SuiteProfile = 'full';
  let help = false;
  let kernels: string[] | undefined;
  let budgetSeconds: number | undefined;
  let jsonPath: string | undefined;
  let backend: NodeBackend = 'default';
  let cpuAdapter: CpuAdapter | null = null;
  let deviceProfile: string | undefined;
  const args = argv.flatMap((a) =>
    a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a],
  );
  const plan = args.includes('--plan');
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--'))
        throw new UsageError(`${flag} needs a value (see ridgeline bench --help)`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--quick':
        profile = 'quick';
        break;
      case '--kernels': {
        kernels = value()
          .split(',')
          .map((k) => k.trim())
          .filter((k) => k !== '');
        const unknown = kernels.filter((k) => !knownKernels.includes(k));
        if (unknown.length > 0 || kernels.length === 0) {
          throw new UsageError(
            `--kernels: unknown kernel '${unknown.join(',')}' (known: ${knownKernels.join(', ')})`,
          );
        }
        break;
      }
      case '--budget':
        budgetSeconds = parseBudget(value());
        break;
      case '--json': {
        // A plan is printed, not measured: `--json` alone (or before another flag) means stdout.
        const next = args[i + 1];
        jsonPath = plan && (next === undefined || next.startsWith('--')) ? JSON_TO_STDOUT : value();
        break;
      }
      case '--plan':
        break;
      case '--profile': {
        const p = value();
        if (p !== 'quick' && p !== 'full')
          throw new UsageError(`--profile: expected quick or full, got '${p}'`);
        profile = p;
        break;
      }
      case '--device-profile': {
        const name = value();
        const known = deviceProfileNames();
        if (!known.includes(name))
          throw new UsageError(`--device-profile: unknown device '${name}' (known: ${known.join(', ')})`);
        deviceProfile = name;
        break;
      }
      case '--backend': {
        const b = value();
        if (b !== 'vulkan' && b !== 'opengl')
          throw new UsageError(`--backend: expected vulkan or opengl, got '${b}'`);
        backend = b;
        break;
      }
      case '--swiftshader':
      case '--lavapipe': {
        const chosen = flag.slice(2) as CpuAdapter;
        if (cpuAdapter !== null && cpuAdapter !== chosen)
          throw new UsageError(`--${cpuAdapter} and ${flag}: choose one CPU adapter`);
        cpuAdapter = chosen;
        break;
      }
      default:
        throw new UsageError(`bench: unknown option '${flag}' (see ridgeline bench --help)`);
    }
  }
  if (deviceProfile !== undefined && !plan) {
    throw new UsageError('--device-profile plans for a published device: use it with --plan');
  }
  return { help, profile, kernels, budgetSeconds, jsonPath, backend, cpuAdapter, plan, deviceProfile };
}
