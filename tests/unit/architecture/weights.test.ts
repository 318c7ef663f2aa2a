import { describe, expect, it } from 'vitest';
import {
  bytesPerParam,
  expertQuantizedPlan,
  int4Format,
  paramsByGroup,
  totalParams,
  totalWeightBytes,
  uniformPlan,
  weightBytesByGroup,
  weightFormats,
} from '../../../src/model/architecture/index.ts';
import { gptOss120bArchitecture, kimiK2Architecture } from '../../../src/model/presets/modelArchitectures.ts';

describe('bytesPerParam(format)', () => {
  it('counts the value bits plus one scale per group', () => {
    expect(bytesPerParam(weightFormats.bf16)).toBe(2);
    expect(bytesPerParam(weightFormats.fp8)).toBe(1);
    expect(bytesPerParam(weightFormats.fp4)).toBe(0.5); // the blog's convention, scales ignored (I-4)
    expect(bytesPerParam(weightFormats.nvfp4)).toBe(0.5625); // + 1 B E4M3 scale per 16
    expect(bytesPerParam(weightFormats.mxfp4)).toBe(0.53125); // + 1 B E8M0 scale per 32
    expect(bytesPerParam(weightFormats.int4)).toBe(0.5625); // + 2 B bf16 scale per 32
    expect(bytesPerParam(int4Format(128, 2))).toBe(0.515625);
    expect(bytesPerParam(weightFormats.fp8Block128)).toBeCloseTo(1 + 4 / 16_384, 12);
  });
});

describe('weightBytesByGroup(arch, plan)', () => {
  it('a uniform FP4 plan is totalParams × 0.5 (spec F5 on derived params)', () => {
    expect(totalWeightBytes(kimiK2Architecture, uniformPlan(weightFormats.fp4))).toBe(
      totalParams(kimiK2Architecture) * 0.5,
    );
  });

  it('mixed precision: INT4 routed experts with BF16 elsewhere', () => {
    const plan = expertQuantizedPlan(weightFormats.int4);
    const params = paramsByGroup(kimiK2Architecture);
    const bytes = weightBytesByGroup(kimiK2Architecture, plan);
    expect(bytes.routedExperts).toBe(params.routedExperts * 0.5625);
    expect(bytes.attention).toBe(params.attention * 2);
    expect(bytes.sharedExperts).toBe(params.sharedExperts * 2);
    // ≈ 571 GB routed + 23.5 GB the rest: the size class of the published K2-Thinking INT4 checkpoint (≈594 GB)
    expect(totalWeightBytes(kimiK2Architecture, plan) / 1e9).toBeCloseTo(594.2, 0);
  });

  it('gpt-oss-120b as shipped (MXFP4 experts, BF16 rest) is ≈ 65 GB', () => {
    const bytes = totalWeightBytes(gptOss120bArchitecture, expertQuantizedPlan(weightFormats.mxfp4));
    expect(bytes / 1e9).toBeGreaterThan(63);
    expect(bytes / 1e9).toBeLessThan(66);
  });
});
