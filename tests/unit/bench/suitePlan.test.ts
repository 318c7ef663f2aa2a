// `bench --plan` without a GPU: the suite planned for every published device profile meets the working-set
// policy (4 × the last-level cache, or cacheResident), fits the device's limits, keeps the tuning under
// 30 % of a run, and prints exactly the JSON the issue names.
import { describe, expect, it } from 'vitest';
import { planSuite } from '../../../src/bench/suite.ts';
import { describeSuitePlan, planDeviceOf, plannedCases } from '../../../src/bench/suitePlan.ts';
import { loadShaderSources } from '../../../src/gpu/shaders.node.ts';
import {
  DEFAULT_LLC_BYTES,
  DEVICE_PROFILES,
  type DeviceProfile,
  deviceProfile,
  traitsForAdapter,
  UNKNOWN_DEVICE,
} from '../../../src/kernels/deviceProfiles.ts';
import { maxBindingBytes } from '../../../src/kernels/elements.ts';
import { KERNELS } from '../../../src/kernels/index.ts';
import { resolveLimits } from '../../../src/kernels/options.ts';
import { LLC_MULTIPLE } from '../../../src/kernels/workingSet.ts';
import { PROFILES } from '../../../src/measure/profile.ts';
import { estimateTuning, MAX_TUNING_FRACTION } from '../../../src/measure/tuningEstimate.ts';

const shaderSources = loadShaderSources();
const measures = (kernel: string) => KERNELS.find((k) => k.name === kernel)!.measures;

const planFor = (profile: DeviceProfile, suite: 'quick' | 'full') =>
  planSuite({
    profile: suite,
    shaderSources,
    features: profile.features,
    limits: profile.limits,
    device: profile,
    subgroupMatrixConfigs: profile.subgroupMatrixConfigs,
    subgroupMaxSize: profile.subgroupMaxSize,
  });

describe('device profiles', () => {
  it('name the six published devices, each with limits, features, a last-level cache and sources', () => {
    expect(DEVICE_PROFILES.map((p) => p.name)).toEqual([
      'h100-sxm',
      'h200',
      'b200',
      'mi300x',
      'rtx-4090',
      'm3-max',
    ]);
    for (const p of DEVICE_PROFILES) {
      expect(p.llcBytes, p.name).toBeGreaterThanOrEqual(32 << 20);
      expect(p.features, p.name).toContain('shader-f16');
      expect(p.limits.maxComputeInvocationsPerWorkgroup, p.name).toBeGreaterThanOrEqual(256);
      expect(p.sources.length, p.name).toBeGreaterThanOrEqual(3);
    }
    // Apple publishes no system-level cache size: the policy's 256 MB default stands, and the source says so.
    const m3 = DEVICE_PROFILES.find((p) => p.name === 'm3-max')!;
    expect(m3.llcBytes).toBe(DEFAULT_LLC_BYTES);
    expect(m3.sources.join(' ')).toMatch(/not published by Apple.*assumption/);
  });
});

describe('the adapter in hand', () => {
  it("gets its profile's cache and compute units when its name matches, the 256 MB default otherwise", () => {
    const adapter = (description: string) => traitsForAdapter({ description, device: '' });
    expect(adapter('NVIDIA H100 80GB HBM3')).toMatchObject({ llcBytes: 50 << 20, computeUnits: 132 });
    expect(adapter('NVIDIA GeForce RTX 4090')).toMatchObject({ llcBytes: 72 << 20, computeUnits: 128 });
    expect(adapter('AMD Instinct MI300X')).toMatchObject({ llcBytes: 256 << 20, computeUnits: 304 });
    expect(adapter('SwiftShader Device (Subzero)')).toEqual(UNKNOWN_DEVICE);
    expect(adapter('NVIDIA H1000')).toEqual(UNKNOWN_DEVICE);
    expect(adapter('NVIDIA H100 PCIe')).toEqual(UNKNOWN_DEVICE);
    expect(() => deviceProfile('a100')).toThrow(
      "unknown device profile 'a100' (known: h100-sxm, h200, b200,",
    );
  });
});

describe.each(DEVICE_PROFILES.map((p) => [p.name, p] as const))('the full plan for %s', (_name, profile) => {
  const suite = planFor(profile, 'full');

  it('measures every bandwidth case over at least 4 × the last-level cache: none is cache-resident', () => {
    const bandwidth = suite.plans.filter((p) => measures(p.kernel) === 'bandwidth');
    expect(bandwidth.length).toBeGreaterThan(20);
    for (const plan of bandwidth) {
      expect(plan.workingSetBytes, plan.label).toBeGreaterThanOrEqual(LLC_MULTIPLE * profile.llcBytes);
      expect(plan.cacheResident, plan.label).toBe(false);
      expect(plan.llcBytes).toBe(profile.llcBytes);
    }
    // Only the experimental matrix GEMM is left out, and only where the device lacks subgroup matrices.
    const matrix = profile.features.includes('chromium-experimental-subgroup-matrix');
    expect(suite.skipped).toEqual(
      matrix ? [] : ['gemm-subgroup-matrix f16 needs chromium-experimental-subgroup-matrix'],
    );
    expect(suite.plans.some((p) => p.kernel === 'gemm-subgroup-matrix')).toBe(matrix);
  });

  it("stays within the device's limits: bindings, workgroups per dimension", () => {
    const binding = maxBindingBytes(resolveLimits(profile.limits));
    for (const plan of suite.plans) {
      for (const buffer of plan.buffers) expect(buffer.byteLength, plan.label).toBeLessThanOrEqual(binding);
      for (const variant of plan.variants)
        expect(Math.max(...variant.workgroups), `${plan.label} ${variant.name}`).toBeLessThanOrEqual(65_535);
    }
  });

  it('tunes within 30 % of a full run on the GPU (estimated from the plan)', () => {
    const estimate = estimateTuning(plannedCases(suite.plans), PROFILES.full.budgetSeconds);
    expect(estimate.tuningSeconds).toBeGreaterThan(0);
    expect(estimate.fraction).toBeLessThanOrEqual(MAX_TUNING_FRACTION);
  });

  it('quick plans are cache-resident, and say so', () => {
    for (const plan of planFor(profile, 'quick').plans) {
      expect(plan.cacheResident, plan.label).toBe(measures(plan.kernel) === 'bandwidth');
    }
  });
});

describe('an adapter no profile matches', () => {
  it('plans for the 256 MB default cache and meets it where the limits allow (4 GiB bindings)', () => {
    const limits = { ...DEVICE_PROFILES[0]!.limits };
    const suite = planSuite({
      profile: 'full',
      shaderSources,
      features: ['shader-f16', 'subgroups'],
      limits,
    });
    for (const plan of suite.plans.filter((p) => measures(p.kernel) === 'bandwidth')) {
      expect(plan.llcBytes).toBe(DEFAULT_LLC_BYTES);
      expect(plan.workingSetBytes, plan.label).toBeGreaterThanOrEqual(LLC_MULTIPLE * DEFAULT_LLC_BYTES);
    }
  });

  it('on a small device (128 MiB bindings) a case that cannot outgrow the cache is marked cacheResident', () => {
    const suite = planSuite({ profile: 'full', shaderSources, features: [], limits: {} });
    const moe = suite.plans.filter((p) => p.kernel === 'moe-gemv');
    expect(moe.length).toBeGreaterThan(0);
    for (const plan of moe) {
      expect(plan.cacheResident, plan.label).toBe(plan.workingSetBytes < LLC_MULTIPLE * DEFAULT_LLC_BYTES);
    }
    expect(moe.some((p) => p.cacheResident)).toBe(true);
  });
});

describe('describeSuitePlan (bench --plan --json)', () => {
  it('has exactly the fields the issue names', () => {
    const profile = DEVICE_PROFILES[0]!;
    const doc = describeSuitePlan(planDeviceOf(profile), planFor(profile, 'quick').plans);
    expect(Object.keys(doc)).toEqual(['device', 'cases']);
    expect(Object.keys(doc.device)).toEqual(['name', 'llcBytes', 'limits', 'features']);
    expect(doc.device).toMatchObject({ name: 'h100-sxm', llcBytes: 50 << 20 });
    for (const c of doc.cases) {
      expect(Object.keys(c)).toEqual([
        'kernel',
        'dtype',
        'label',
        'shape',
        'variants',
        'workingSetBytes',
        'rotateSets',
        'cacheResident',
        'workgroups',
        'bytesPerDispatch',
        'flopsPerDispatch',
      ]);
      expect(c.variants.length).toBeGreaterThanOrEqual(1);
      expect(Object.keys(c.workgroups.variants)).toEqual(c.variants);
      expect(c.workgroups.default).toBe(c.workgroups.variants[c.variants[0]!]);
      expect(c.rotateSets).toBeGreaterThanOrEqual(1);
      expect(typeof c.cacheResident).toBe('boolean');
    }
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe('dispatch overhead (issue 22)', () => {
  it.each(DEVICE_PROFILES.map((p) => [p.name, p] as const))(
    '%s: every memory-bound dispatch lasts ≥ 100 µs at the spec bandwidth, or the plan measures the overhead',
    (_name, profile) => {
      for (const suite of ['quick', 'full'] as const) {
        const { plans } = planFor(profile, suite);
        const short = plans.filter(
          (p) =>
            measures(p.kernel) === 'bandwidth' && p.bytesPerDispatch / profile.memoryBytesPerSecond < 1e-4,
        );
        const measured = plans.some((p) => p.kernel === 'dispatch-overhead');
        expect(short.length === 0 || measured, `${suite}: ${short.map((p) => p.label).join(', ')}`).toBe(
          true,
        );
      }
    },
  );
});
