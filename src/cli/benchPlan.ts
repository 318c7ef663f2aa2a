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
import { PROFILES } from '../measure/profile.ts';
import { estimateTuning, MAX_TUNING_FRACTION } from '../measure/tuningEstimate.ts';
import { percent, seconds, si } from '../model/units/format.ts';
import { type BenchArgs, JSON_TO_STDOUT } from './benchArgs.ts';
import { table } from './benchReport.ts';

interface PlanTarget {
  readonly device: PlanDevice;
  readonly request: SuiteRequest;
}

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
  };
}

async function adapterTarget(args: BenchArgs): Promise<PlanTarget> {
  if (args.cpuAdapter !== null) useCpuAdapterIfNoDriverChosen(args.cpuAdapter);
  const session = await openGpuSession(nodeGpu({ backend: args.backend }));
  try {
    const traits = traitsForAdapter(session.adapter);
    const a = session.adapter;
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
    };
  } finally {
    session.destroy();
  }
}

const bytes = (value: number) => si(value, 'B');

function planText(
  plan: SuitePlanDocument,
  cacheResident: readonly boolean[],
  profile: BenchArgs['profile'],
  skipped: readonly string[],
  tuning: string,
): string {
  const d = plan.device;
  const lines = [
    `ridgeline bench --plan · ${profile} profile · ${d.name}`,
    `  last-level cache ${bytes(d.llcBytes)}: bandwidth cases touch twice that across their rotated buffer sets`,
    `  features ${d.features.join(', ') || 'none'}`,
  ];
  const rows = plan.cases.map((c, i) => [
    `#${i + 1}`,
    c.kernel,
    c.dtype,
    String(c.variants.length),
    `${bytes(c.workingSetBytes)}${cacheResident[i] ? ' cache' : ''}`,
    bytes(c.bytesPerDispatch),
    si(c.flopsPerDispatch, 'FLOP'),
  ]);
  // two parts so every line fits 100 columns: the figures by case number, then each case's full name
  lines.push(
    '',
    '# Cases ("cache": the working set is below 2 × the last-level cache, so a cache figure, not DRAM)',
    ...table(
      [['#', 'kernel', 'dtype', 'variants', 'working set', 'bytes/dispatch', 'FLOP/dispatch'], ...rows],
      3,
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
  const estimate = estimateTuning(plannedCases(suite.plans), budget);
  const tuning =
    `tuning: ~${seconds(estimate.tuningSeconds)} on a GPU, ${percent(estimate.fraction, 2)} of a ` +
    `~${seconds(estimate.runSeconds)} run (at most ${MAX_TUNING_FRACTION * 100} %; src/measure/tuningEstimate.ts)`;
  const json = `${JSON.stringify(plan, null, 2)}\n`;
  if (args.jsonPath === JSON_TO_STDOUT) {
    process.stdout.write(json);
    return 0;
  }
  const cacheResident = suite.plans.map((p) => p.cacheResident);
  process.stdout.write(planText(plan, cacheResident, args.profile, suite.skipped, tuning));
  if (args.jsonPath) {
    writeFileSync(args.jsonPath, json);
    process.stderr.write(`bench: wrote ${args.jsonPath}\n`);
  }
  return 0;
}
