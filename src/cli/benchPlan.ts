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
import { LLC_MULTIPLE } from '../kernels/workingSet.ts';
import { PROFILES } from '../measure/profile.ts';
import { CPU_ADAPTER_RUN_ASSUMPTIONS, estimateRun, GPU_RUN_ASSUMPTIONS } from '../measure/runEstimate.ts';
import { estimateTuning, MAX_TUNING_FRACTION } from '../measure/tuningEstimate.ts';
import { type BenchArgs, JSON_TO_STDOUT } from './benchArgs.ts';

interface PlanTarget {
  readonly device: PlanDevice;
  readonly request: SuiteRequest;
  /** A CPU adapter: its run is estimated with CPU figures and untuned, as the runner runs it. */
  readonly cpuAdapter: boolean;
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
    cpuAdapter: false,
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
      cpuAdapter: traits.cpuAdapter === true,
    };
  } finally {
    session.destroy();
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 2)} MB`;

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
    `  last-level cache ${mb(d.llcBytes)}: bandwidth cases touch ${LLC_MULTIPLE} × that across their rotated buffer sets`,
    `  features ${d.features.join(', ') || 'none'}`,
    '',
    'kernel | dtype | variants | working set | bytes/dispatch | FLOP/dispatch | case',
  ];
  for (const [i, c] of plan.cases.entries()) {
    lines.push(
      [
        c.kernel,
        c.dtype,
        String(c.variants.length),
        `${mb(c.workingSetBytes)}${cacheResident[i] ? ' (cache-resident)' : ''}`,
        mb(c.bytesPerDispatch),
        c.flopsPerDispatch.toExponential(2),
        c.label,
      ].join(' | '),
    );
  }
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
  const run = estimateRun(
    plannedCases(suite.plans),
    budget,
    target.cpuAdapter ? CPU_ADAPTER_RUN_ASSUMPTIONS : GPU_RUN_ASSUMPTIONS,
    !target.cpuAdapter,
  );
  const tuning = [
    `tuning: ~${estimate.tuningSeconds.toFixed(1)} s on a GPU, ${(estimate.fraction * 100).toFixed(0)} % of a ` +
      `~${estimate.runSeconds.toFixed(0)} s run (at most ${MAX_TUNING_FRACTION * 100} %; src/measure/tuningEstimate.ts)`,
    `run: ~${run.totalSeconds.toFixed(0)} s estimated on ${target.cpuAdapter ? 'this CPU adapter' : 'a GPU'} ` +
      `(set-up ${run.setupSeconds.toFixed(1)} s, tuning ${run.tuningSeconds.toFixed(1)} s, sampling ≤ ${run.samplingSeconds.toFixed(0)} s; ` +
      'src/measure/runEstimate.ts)',
  ].join('\n');
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
