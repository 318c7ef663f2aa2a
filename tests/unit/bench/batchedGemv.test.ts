// gemv-batched fills the device (issue 22 item 4): on the H100, B200 and MI300X profiles every variant at
// every B ≥ 8 of the full profile puts ≥ 2 workgroups on each SM / CU (split-K where the tiles alone fall
// short), stages K 32 at a time, and pads K to whole slices.
import { describe, expect, it } from 'vitest';
import { planSuite } from '../../../src/bench/suite.ts';
import { loadShaderSources } from '../../../src/gpu/shaders.node.ts';
import { BATCHED_TILE_K } from '../../../src/kernels/batchedTiles.ts';
import { deviceProfile } from '../../../src/kernels/deviceProfiles.ts';

const shaderSources = loadShaderSources();
const count = (w: readonly number[]) => w[0]! * w[1]! * w[2]!;

describe.each(['h100-sxm', 'b200', 'mi300x'])('gemv-batched on %s', (name) => {
  const profile = deviceProfile(name);
  const plans = planSuite({
    profile: 'full',
    kernels: ['gemv-batched'],
    shaderSources,
    features: profile.features,
    limits: profile.limits,
    device: profile,
  }).plans;

  it('every variant at every B ≥ 8 has ≥ 2 workgroups per compute unit', () => {
    const batched = plans.filter((p) => (p.shape['B'] ?? 0) >= 8);
    expect(batched.length).toBe(12); // B = 8 … 256, f32 and f16
    for (const plan of batched) {
      for (const v of plan.variants) {
        expect(count(v.workgroups) / profile.computeUnits!, `${plan.label} ${v.name}`).toBeGreaterThanOrEqual(
          2,
        );
        expect(v.constants['K_VEC4']! % ((BATCHED_TILE_K / 4) * v.constants['SPLIT_K']!)).toBe(0);
        if (v.constants['SPLIT_K']! > 1) expect(v.reduce?.entryPoint).toBe('reduce');
      }
    }
  });

  it('the few-column path (B ≤ 4) runs a workgroup per row or two: thousands', () => {
    for (const plan of plans.filter((p) => (p.shape['B'] ?? 0) <= 4))
      for (const v of plan.variants) expect(count(v.workgroups)).toBeGreaterThanOrEqual(1024);
  });
});
