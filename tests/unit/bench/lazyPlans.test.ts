// Planning a suite makes no input data: a full-profile plan's seeded inputs (64–256 MB each, over 2 GB for
// the suite) are made when the runner first reads them and dropped when its case is done.
import { describe, expect, it, vi } from 'vitest';
import { planSuite } from '../../../src/bench/suite.ts';
import { loadShaderSources } from '../../../src/gpu/shaders.node.ts';
import { lazyInputs } from '../../../src/kernels/lazyInputs.ts';
import * as rng from '../../../src/kernels/rng.ts';

vi.mock('../../../src/kernels/rng.ts', { spy: true });

const shaderSources = loadShaderSources();
const limits = { maxStorageBufferBindingSize: 134_217_728, maxBufferSize: 4_294_967_296 };

describe('lazy plan inputs', () => {
  it('lazyInputs makes once, remakes after release', () => {
    let made = 0;
    const inputs = lazyInputs(() => ({ id: ++made }));
    expect(made).toBe(0);
    expect(inputs()).toBe(inputs());
    expect(made).toBe(1);
    inputs.release();
    expect(inputs().id).toBe(2);
  });

  it('planning the full suite draws no large random array; reading a buffer draws it, once', () => {
    vi.mocked(rng.randomFloats).mockClear();
    const { plans } = planSuite({ profile: 'full', shaderSources, features: ['shader-f16'], limits });
    expect(plans.length).toBeGreaterThan(20);
    const large = () => vi.mocked(rng.randomFloats).mock.calls.filter(([count]) => count > 4096).length;
    expect(large()).toBe(0);

    const gemv = plans.find((p) => p.kernel === 'gemv' && p.dtype === 'f32')!;
    const weights = gemv.buffers[0]!;
    const first = weights.data!;
    expect(first.byteLength).toBe(weights.byteLength);
    expect(weights.data === first).toBe(true);
    expect(large()).toBe(2); // W and x
    gemv.releaseInputs!();
    const again = weights.data!;
    expect(again === first).toBe(false);
    // Seeded: the remade inputs are the same bytes.
    const bytes = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, 4096);
    expect(bytes(again)).toEqual(bytes(first));
  });

  it('every plan with a large input can release it', () => {
    const { plans } = planSuite({ profile: 'full', shaderSources, features: ['shader-f16'], limits });
    for (const plan of plans) {
      const big = plan.buffers.some((b) => b.role === 'read-only-storage' && b.byteLength > 1 << 20);
      if (big) expect(plan.releaseInputs, plan.label).toBeTypeOf('function');
    }
  });
});
