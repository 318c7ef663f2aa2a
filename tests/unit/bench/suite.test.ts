import { describe, expect, it } from 'vitest';
import { knownKernelNames, planSuite, shrinkPlan } from '../../../src/bench/suite.ts';
import { loadShaderSources } from '../../../src/gpu/shaders.node.ts';
import { KERNELS } from '../../../src/kernels/index.ts';

const shaderSources = loadShaderSources();
const limits = { maxStorageBufferBindingSize: 134_217_728, maxBufferSize: 268_435_456 };

describe('planSuite', () => {
  it('plans every registered kernel for the quick profile and skips f16 without shader-f16, saying why', () => {
    const { plans, skipped } = planSuite({ profile: 'quick', shaderSources, features: [], limits });
    // every kernel but the experimental matrix GEMM, which needs Chromium's subgroup matrices
    expect(new Set(plans.map((p) => p.kernel))).toEqual(
      new Set(knownKernelNames().filter((k) => k !== 'gemm-subgroup-matrix')),
    );
    expect(skipped).toContain(
      'gemm-subgroup-matrix f16 needs shader-f16, subgroups, chromium-experimental-subgroup-matrix',
    );
    expect(plans.every((p) => p.dtype !== 'f16')).toBe(true);
    expect(skipped).toContain('gemm f16 needs shader-f16');
    expect(plans.filter((p) => p.kernel === 'gemv').map((p) => p.dtype)).toEqual(['f32', 'q4', 'q4']);
  });

  it('with shader-f16 the f16 variants are planned', () => {
    const { plans, skipped } = planSuite({
      profile: 'quick',
      shaderSources,
      features: ['shader-f16'],
      limits,
    });
    expect(plans.some((p) => p.kernel === 'gemm' && p.dtype === 'f16')).toBe(true);
    expect(skipped.filter((s) => s.includes('shader-f16'))).toEqual([]);
  });

  it('runs only the named kernels, and refuses an unknown name listing the known ones', () => {
    const { plans } = planSuite({
      profile: 'quick',
      kernels: ['stream-copy'],
      shaderSources,
      features: [],
      limits,
    });
    expect(plans.map((p) => p.label)).toEqual(['stream-copy f32 n=16384']);
    expect(() =>
      planSuite({ profile: 'quick', kernels: ['saxpy'], shaderSources, features: [], limits }),
    ).toThrow(/^unknown kernel saxpy \(known: stream-read, stream-copy, /);
  });

  it('a manifest that cannot plan (here: its shader was not loaded) is reported as skipped, not fatal', () => {
    const { 'gemm.wgsl': _dropped, ...partial } = shaderSources;
    const { plans, skipped } = planSuite({ profile: 'quick', shaderSources: partial, features: [], limits });
    expect(plans.some((p) => p.kernel === 'gemm')).toBe(false);
    expect(plans.some((p) => p.kernel === 'stream-read')).toBe(true);
    expect(skipped.some((s) => s.startsWith('gemm f32: shader file gemm.wgsl was not loaded'))).toBe(true);
  });
});

describe('shrinking a case for a slow device (KernelEntry.shrink, shrinkPlan)', () => {
  const entry = (name: string) => KERNELS.find((k) => k.name === name)!;
  const request = { profile: 'full' as const, shaderSources, features: [], limits };

  it('streams shrink n in 16 KB steps to about the factor asked, never below 256 KB', () => {
    expect(entry('stream-read').shrink({ n: 67_108_864 }, 0.1)).toEqual({ n: 6_709_248 });
    expect(entry('stream-copy').shrink({ n: 67_108_864 }, 1e-6)).toEqual({ n: 65_536 });
    expect(entry('stream-read').shrink({ n: 65_536 }, 0.5)).toBeNull();
  });

  it('fma-peak gives up iterations first, then invocations (whole workgroups of 256), so the product shrinks by the factor', () => {
    const shape = { invocations: 524_288, iterations: 2048 };
    expect(entry('fma-peak').shrink(shape, 0.25)).toEqual({ invocations: 524_288, iterations: 512 });
    const deep = entry('fma-peak').shrink(shape, 0.001)!;
    expect(deep['iterations']).toBe(64);
    expect(deep['invocations']! % 256).toBe(0);
    expect(deep['invocations']! * deep['iterations']!).toBeCloseTo(524_288 * 2048 * 0.001, -5);
    expect(entry('fma-peak').shrink({ invocations: 512, iterations: 64 }, 0.5)).toBeNull();
  });

  it('GEMV keeps K (the ratio target is stated at K ≥ 4096) and drops rows; GEMM shrinks every side', () => {
    expect(entry('gemv').shrink({ M: 8192, K: 8192 }, 0.1)).toEqual({ M: 816, K: 8192 });
    expect(entry('gemv-batched').shrink({ M: 4096, K: 4096, B: 64 }, 0.5)).toEqual({
      M: 2048,
      K: 4096,
      B: 64,
    });
    expect(entry('gemm').shrink({ M: 2048, N: 2048, K: 2048 }, 1 / 8)).toEqual({ M: 1024, N: 1024, K: 1024 });
    // The quick profile's padded-odd GEMM is below one tile: it never grows.
    expect(entry('gemm').shrink({ M: 33, N: 47, K: 61 }, 0.5)).toBeNull();
    expect(entry('moe-gemv').shrink({ experts: 64, topK: 8, B: 8, M: 256, K: 2048 }, 0.25)).toMatchObject({
      M: 64,
      K: 2048,
    });
    // at its smallest rows and K, a MoE case gives up experts (fewer touched, fewer workgroups)
    expect(entry('moe-gemv').shrink({ experts: 384, topK: 8, B: 128, M: 16, K: 256 }, 0.25)).toMatchObject({
      experts: 96,
      M: 16,
      K: 256,
    });
  });

  it('shrinkPlan plans the smaller case as planSuite would: same kernel, dtype and seed, less work', () => {
    const [gemv] = planSuite({ ...request, kernels: ['gemv'] }).plans;
    const smaller = shrinkPlan(request, gemv!, 0.1)!;
    expect(smaller.kernel).toBe('gemv');
    expect(smaller.dtype).toBe(gemv!.dtype);
    expect(smaller.bytesPerDispatch / gemv!.bytesPerDispatch).toBeCloseTo(0.1, 1);
    expect(smaller.label).not.toBe(gemv!.label);
    const [quick] = planSuite({ ...request, profile: 'quick', kernels: ['stream-read'] }).plans;
    expect(shrinkPlan(request, quick!, 0.5)).toBeNull();
  });
});
