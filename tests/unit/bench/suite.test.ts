import { describe, expect, it } from 'vitest';
import { knownKernelNames, planSuite } from '../../../src/bench/suite.ts';
import { loadShaderSources } from '../../../src/gpu/shaders.node.ts';

const shaderSources = loadShaderSources();
const limits = { maxStorageBufferBindingSize: 134_217_728, maxBufferSize: 268_435_456 };

describe('planSuite', () => {
  it('plans every registered kernel for the quick profile and skips f16 without shader-f16, saying why', () => {
    const { plans, skipped } = planSuite({ profile: 'quick', shaderSources, features: [], limits });
    expect(new Set(plans.map((p) => p.kernel))).toEqual(new Set(knownKernelNames()));
    expect(plans.every((p) => p.dtype !== 'f16')).toBe(true);
    expect(skipped).toContain('gemm f16 needs shader-f16');
    expect(plans.filter((p) => p.kernel === 'gemv').map((p) => p.dtype)).toEqual(['f32', 'q4']);
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
