// `ridgeline bench --plan`: what a run would measure, without running it: for this machine's adapter (its
// limits and features; its cache where its name matches a device profile) or for a published device
// (--device-profile). JSON on stdout with `--json` alone, or to a file; otherwise a table with the tuning's
// estimated share of the run.
import { writeFileSync } from 'node:fs';
import { planSuite, type SuiteRequest } from '../bench/suite.ts';
import {
  describeSuitePlan,
  type PlanDevice,
  planDeviceOf,
  plannedCases,
  type SuitePlanDocument,
} from '../bench/suitePlan.ts';
import { openGpuSession } from '../gpu/openGpuSession.ts';
import { nodeGpu, useCpuAdapterIfNoDriverChosen } from '../gpu/provider.node.ts';
import { loadShaderSources } from '../gpu/shaders.node.ts';
import { deviceProfile, traitsForAdapter } from '../kernels/deviceProfiles.ts';
import { maxBindingBytes } from '../kernels/elements.ts';
import { fillSpec } from '../kernels/fill.ts';
import { resolveLimits } from '../kernels/options.ts';
import { LLC_MULTIPLE } from '../kernels/workingSet.ts';
import { PROFILES } from '../measure/profile.ts';
import { CPU_ADAPTER_RUN_ASSUMPTIONS, estimateRun, GPU_RUN_ASSUMPTIONS } from '../measure/runEstimate.ts';
import { estimateTuning, MAX_TUNING_FRACTION } from '../measure/tuningEstimate.ts';
import { percent, seconds, si } from '../model/units/format.ts';
import { type BenchArgs, JSON_TO_STDOUT } from './benchArgs.ts';
import { table } from './benchReport.ts';
import { fitLine } from './textWrap.ts';

interface PlanTarget {
  readonly device: PlanDevice;
  readonly request: SuiteRequest;
  /** A CPU adapter: its run is estimated with CPU figures and untuned, as the runner runs it. */
  readonly cpuAdapter: boolean;
  /** How fast the device makes seeded inputs (kernels/fill.ts), bytes/s, and where the figure comes from. */
  readonly inputBytesPerSecond: number;
  readonly inputSpeedSource: string;
}

/**
 * A published device's input speed, unmeasured: the fill kernel only writes, so it streams near the memory's
 * bandwidth; half of the spec figure is a deliberately low guess (assumption).
 */
const FILL_SHARE_OF_SPEC = 0.5;

/** Bytes the adapter's fill probe writes: 64 MiB on a GPU, 16 MiB on a CPU adapter (~tens of ms either way). */
const FILL_PROBE_BYTES = { gpu: 64 << 20, cpu: 16 << 20 } as const;

function profileTarget(args: BenchArgs, name: string): PlanTarget {
  const profile = deviceProfile(name);
  return {
    device: planDeviceOf(profile),
    request: {
      profile: args.profile,
      kernels: args.kernels,
      shaderSources: loadShaderSources(),
      features: profile.features,
      limits: profile.limits,
      device: profile,
      subgroupMatrixConfigs: profile.subgroupMatrixConfigs,
      subgroupMaxSize: profile.subgroupMaxSize,
    },
    cpuAdapter: false,
    inputBytesPerSecond: profile.memoryBytesPerSecond * FILL_SHARE_OF_SPEC,
    inputSpeedSource: `assumed: half the ${(profile.memoryBytesPerSecond / 1e12).toPrecision(3)} TB/s spec bandwidth`,
  };
}

async function adapterTarget(args: BenchArgs): Promise<PlanTarget> {
  if (args.cpuAdapter !== null) useCpuAdapterIfNoDriverChosen(args.cpuAdapter);
  const session = await openGpuSession(nodeGpu({ backend: args.backend }));
  try {
    const traits = traitsForAdapter(session.adapter);
    const a = session.adapter;
    const cpu = traits.cpuAdapter === true;
    const probeBytes = Math.min(
      FILL_PROBE_BYTES[cpu ? 'cpu' : 'gpu'],
      Math.floor(maxBindingBytes(resolveLimits(session.limits)) / 16) * 16,
    );
    const probe = fillSpec(loadShaderSources(), 'f32', 1, {
      rows: 1,
      cols: probeBytes / 4,
      paddedCols: probeBytes / 4,
    });
    const measured = (await session.fillBytesPerSecond?.(probe)) ?? null;
    const fallback = (cpu ? CPU_ADAPTER_RUN_ASSUMPTIONS : GPU_RUN_ASSUMPTIONS).inputBytesPerSecond;
    return {
      device: {
        name: a.description || a.device || a.vendor || 'unknown adapter',
        llcBytes: traits.llcBytes,
        limits: { ...session.limits },
        features: [...session.features],
      },
      request: {
        profile: args.profile,
        kernels: args.kernels,
        shaderSources: loadShaderSources(),
        features: session.features,
        limits: session.limits,
        device: traits,
        subgroupMatrixConfigs: session.subgroupMatrixConfigs,
        subgroupMaxSize: session.subgroupMaxSize,
      },
      cpuAdapter: cpu,
      inputBytesPerSecond: measured ?? fallback,
      inputSpeedSource:
        measured === null
          ? 'assumed (the fill probe gave no time)'
          : `measured: one seeded fill of ${bytes(probeBytes)} on this adapter`,
    };
  } finally {
    session.destroy();
  }
}

const bytes = (value: number) => si(value, 'B');

function planText(
  plan: SuitePlanDocument,
  profile: BenchArgs['profile'],
  skipped: readonly string[],
  tuning: string,
): string {
  const d = plan.device;
  const lines = [
    `ridgeline bench --plan · ${profile} profile · ${d.name}`,
    `  last-level cache ${bytes(d.llcBytes)}: bandwidth cases touch ${LLC_MULTIPLE} × that across their rotated buffer sets`,
    `  features ${d.features.join(', ') || 'none'}`,
  ];
  const rows = plan.cases.map((c, i) => [
    `#${i + 1}`,
    `${c.kernel} ${c.dtype}`,
    String(c.variants.length),
    [c.workgroups.default, ...c.variants.slice(1).map((v) => c.workgroups.variants[v])].join(', '),
    `${bytes(c.workingSetBytes)} (${c.rotateSets})${c.cacheResident ? ' cache' : ''}`,
    bytes(c.bytesPerDispatch),
    si(c.flopsPerDispatch, 'FLOP'),
  ]);
  // two parts so every line fits 100 columns: the figures by case number, then each case's full name
  lines.push(
    '',
    `# Cases (workgroups: the default variant's, then the others'; working set over its rotated sets;`,
    `#   "cache": below ${LLC_MULTIPLE} × the last-level cache, so a cache figure, not DRAM)`,
    ...table(
      [['#', 'kernel', 'vars', 'workgroups', 'working set (sets)', 'B/disp.', 'FLOP/disp.'], ...rows],
      2,
    ),
    '',
    ...plan.cases.map((c, i) => `  #${i + 1} ${c.label}`),
  );
  for (const s of skipped) lines.push(`  skipped: ${s}`);
  lines.push('', tuning);
  return `${lines.join('\n')}\n`;
}

export async function runBenchPlan(args: BenchArgs): Promise<number> {
  const target = args.deviceProfile ? profileTarget(args, args.deviceProfile) : await adapterTarget(args);
  const suite = planSuite(target.request);
  const plan = describeSuitePlan(target.device, suite.plans);
  const budget = args.budgetSeconds ?? PROFILES[args.profile].budgetSeconds;
  const inputs = { inputBytesPerSecond: target.inputBytesPerSecond };
  const estimate = estimateTuning(plannedCases(suite.plans), budget, inputs);
  const tunes = PROFILES[args.profile].tune;
  const run = estimateRun(
    plannedCases(suite.plans),
    budget,
    { ...(target.cpuAdapter ? CPU_ADAPTER_RUN_ASSUMPTIONS : GPU_RUN_ASSUMPTIONS), ...inputs },
    tunes && !target.cpuAdapter,
  );
  const tuning = [
    tunes
      ? `tuning: ~${seconds(estimate.tuningSeconds)} on a GPU, ${percent(estimate.fraction, 2)} of a ` +
        `~${seconds(estimate.runSeconds)} run (at most ${MAX_TUNING_FRACTION * 100} %; src/measure/tuningEstimate.ts)`
      : `tuning: none (the ${args.profile} profile measures each case's first variant: its shapes are too small for a variant choice to mean anything)`,
    `run: ~${seconds(run.totalSeconds)} estimated on ${target.cpuAdapter ? 'this CPU adapter' : 'a GPU'} ` +
      `(set-up ${seconds(run.setupSeconds)}, tuning ${seconds(run.tuningSeconds)}, sampling ≤ ${seconds(run.samplingSeconds)}; ` +
      'src/measure/runEstimate.ts)',
    `inputs: made on the device at ${si(target.inputBytesPerSecond, 'B/s')} (${target.inputSpeedSource})`,
  ]
    .flatMap((line) => fitLine(line, 2))
    .join('\n');
  const json = `${JSON.stringify(plan, null, 2)}\n`;
  if (args.jsonPath === JSON_TO_STDOUT) {
    process.stdout.write(json);
    return 0;
  }
  process.stdout.write(planText(plan, args.profile, suite.skipped, tuning));
  if (args.jsonPath) {
    writeFileSync(args.jsonPath, json);
    process.stderr.write(`bench: wrote ${args.jsonPath}\n`);
  }
  return 0;
}
