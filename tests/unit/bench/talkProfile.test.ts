// The talk profile (a live demo) without a GPU: four points, DRAM-true memory cases on every published GPU,
// dispatches long enough to time, and a run that fits ~30 s on a laptop GPU and ~60 s on a CPU adapter,
// estimated from the plan (never timed here).
import { describe, expect, it } from 'vitest';
import { planSuite } from '../../../src/bench/suite.ts';
import { plannedCases } from '../../../src/bench/suitePlan.ts';
import { loadShaderSources } from '../../../src/gpu/shaders.node.ts';
import {
  CPU_ADAPTER,
  DEVICE_PROFILES,
  type DeviceTraits,
  traitsForAdapter,
  UNKNOWN_DEVICE,
} from '../../../src/kernels/deviceProfiles.ts';
import { KERNELS } from '../../../src/kernels/index.ts';
import { ASSUMED_GPU_BYTES_PER_SECOND } from '../../../src/kernels/talk.ts';
import { LLC_MULTIPLE } from '../../../src/kernels/workingSet.ts';
import { PROFILES, SUITE_PROFILES } from '../../../src/measure/profile.ts';
import {
  CPU_ADAPTER_RUN_ASSUMPTIONS,
  estimateRun,
  GPU_RUN_ASSUMPTIONS,
} from '../../../src/measure/runEstimate.ts';

const shaderSources = loadShaderSources();
const measures = (kernel: string) => KERNELS.find((k) => k.name === kernel)!.measures;
/** What SwiftShader offers in Node here (1 GiB bindings, 256 invocations, 32 KiB workgroup memory). */
const SWIFTSHADER_LIMITS = {
  maxStorageBufferBindingSize: 1 << 30,
  maxBufferSize: 1 << 30,
  maxComputeWorkgroupStorageSize: 32_768,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupsPerDimension: 65_535,
};
const LAPTOP_LIMITS = { ...SWIFTSHADER_LIMITS, maxStorageBufferBindingSize: 2 ** 31 - 4 };

const talk = (device: DeviceTraits, limits: Record<string, number>, features: readonly string[]) =>
  planSuite({ profile: 'talk', shaderSources, features, limits, device });

/** The plan's estimated run: tuned on a GPU, untuned on a CPU adapter (as the runner runs them). */
const estimatedSeconds = (plans: Parameters<typeof plannedCases>[0], cpu: boolean) =>
  estimateRun(
    plannedCases(plans),
    PROFILES.talk.budgetSeconds,
    cpu ? CPU_ADAPTER_RUN_ASSUMPTIONS : GPU_RUN_ASSUMPTIONS,
    !cpu,
  ).totalSeconds;

describe('the talk profile', () => {
  it('is a suite profile beside quick and full, with its own stop policy and budget', () => {
    expect(SUITE_PROFILES).toEqual(['quick', 'full', 'talk']);
    expect(PROFILES.talk.budgetSeconds).toBeGreaterThan(0);
    expect(PROFILES.talk.stop.minSamples).toBeGreaterThanOrEqual(5);
  });

  it('a fallback adapter plans as a CPU adapter; a GPU no profile names as the unknown device', () => {
    expect(traitsForAdapter({ description: 'SwiftShader', device: '', isFallbackAdapter: true })).toEqual(
      CPU_ADAPTER,
    );
    expect(traitsForAdapter({ description: 'Apple M2', device: '', isFallbackAdapter: false })).toEqual(
      UNKNOWN_DEVICE,
    );
  });

  describe.each(DEVICE_PROFILES.map((p) => [p.name, p] as const))('on %s', (_name, profile) => {
    const suite = talk(profile, profile.limits, profile.features);

    it('measures four f32 points in order: memory roof, FMA roof, a GEMV, a GEMM; nothing skipped', () => {
      expect(suite.plans.map((p) => `${p.kernel} ${p.dtype}`)).toEqual([
        'stream-read f32',
        'fma-peak f32',
        'gemv f32',
        'gemm f32',
      ]);
      expect(suite.skipped).toEqual([]);
    });

    it('reads DRAM: working sets ≥ 4 × the last-level cache, dispatches ≥ 100 µs at the spec bandwidth', () => {
      for (const plan of suite.plans.filter((p) => measures(p.kernel) === 'bandwidth')) {
        expect(plan.workingSetBytes, plan.label).toBeGreaterThanOrEqual(LLC_MULTIPLE * profile.llcBytes);
        expect(plan.cacheResident, plan.label).toBe(false);
        expect(plan.bytesPerDispatch / profile.memoryBytesPerSecond, plan.label).toBeGreaterThanOrEqual(1e-4);
      }
    });

    it('fits ~30 s on a GPU (estimated from the plan)', () => {
      expect(estimatedSeconds(suite.plans, false)).toBeLessThanOrEqual(30);
    });
  });

  it('on a laptop GPU no profile names: DRAM-true within ~30 s, each memory dispatch ≥ 100 µs at 200 GB/s', () => {
    const suite = talk(UNKNOWN_DEVICE, LAPTOP_LIMITS, ['subgroups', 'timestamp-query']);
    expect(suite.plans).toHaveLength(4);
    for (const plan of suite.plans.filter((p) => measures(p.kernel) === 'bandwidth')) {
      expect(plan.workingSetBytes, plan.label).toBeGreaterThanOrEqual(LLC_MULTIPLE * UNKNOWN_DEVICE.llcBytes);
      expect(plan.cacheResident).toBe(false);
      expect(plan.bytesPerDispatch / ASSUMED_GPU_BYTES_PER_SECOND).toBeGreaterThanOrEqual(1e-4);
    }
    expect(estimatedSeconds(suite.plans, false)).toBeLessThanOrEqual(30);
  });

  it('on a CPU adapter: small shapes, the memory cases marked cache-resident, within ~60 s untuned', () => {
    const suite = talk(CPU_ADAPTER, SWIFTSHADER_LIMITS, ['subgroups', 'timestamp-query']);
    expect(suite.plans.map((p) => p.kernel)).toEqual(['stream-read', 'fma-peak', 'gemv', 'gemm']);
    for (const plan of suite.plans.filter((p) => measures(p.kernel) === 'bandwidth')) {
      expect(plan.cacheResident, plan.label).toBe(plan.workingSetBytes < LLC_MULTIPLE * CPU_ADAPTER.llcBytes);
      expect(plan.bytesPerDispatch, plan.label).toBeLessThanOrEqual(2.1e6);
    }
    expect(suite.plans.find((p) => p.kernel === 'gemm')!.shape).toEqual({ M: 128, N: 128, K: 128 });
    expect(estimatedSeconds(suite.plans, true)).toBeLessThanOrEqual(60);
  });
});
