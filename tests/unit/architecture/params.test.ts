import { describe, expect, it } from 'vitest';
import {
  activeParams,
  architectureProblems,
  moeLayerCount,
  paramsByGroup,
  sumGroups,
  totalParams,
} from '../../../src/model/architecture/index.ts';
import { modelPresets } from '../../../src/model/presets/index.ts';
import {
  deepseekV3Architecture,
  gptOss120bArchitecture,
  kimiBlogArchitecture,
  kimiK2Architecture,
  llama31_8bArchitecture,
  llama31_70bArchitecture,
  llama31_405bArchitecture,
  mixtral8x7bArchitecture,
  qwen3_235bArchitecture,
} from '../../../src/model/presets/modelArchitectures.ts';

const relativeError = (value: number, reference: number): number => Math.abs(value - reference) / reference;

// Convention under test (params.ts): active = all weights except unselected routed experts and the
// input-embedding table (a lookup); the LM head counts.
describe('totalParams / activeParams against published figures', () => {
  it('DeepSeek-V3: 671B total, 37B active, each within 2%', () => {
    expect(relativeError(totalParams(deepseekV3Architecture), 671e9)).toBeLessThan(0.02);
    expect(relativeError(activeParams(deepseekV3Architecture), 37e9)).toBeLessThan(0.02);
    expect(totalParams(deepseekV3Architecture)).toBe(671_026_419_200);
  });

  it('Mixtral-8x7B: 46.7B total, 12.9B active, each within 2%', () => {
    expect(relativeError(totalParams(mixtral8x7bArchitecture), 46.7e9)).toBeLessThan(0.02);
    expect(relativeError(activeParams(mixtral8x7bArchitecture), 12.9e9)).toBeLessThan(0.02);
  });

  it('gpt-oss-120b reproduces its model card (116.83B / 5.13B, same convention) within 0.1%', () => {
    expect(relativeError(totalParams(gptOss120bArchitecture), 116.83e9)).toBeLessThan(0.001);
    expect(relativeError(activeParams(gptOss120bArchitecture), 5.13e9)).toBeLessThan(0.001);
  });

  it('Llama-3.1 8B / 70B / 405B totals within 1% of 8.03B / 70.6B / 405.9B; dense active = total − embedding', () => {
    expect(relativeError(totalParams(llama31_8bArchitecture), 8.03e9)).toBeLessThan(0.01);
    expect(relativeError(totalParams(llama31_70bArchitecture), 70.6e9)).toBeLessThan(0.01);
    expect(relativeError(totalParams(llama31_405bArchitecture), 405.9e9)).toBeLessThan(0.01);
    const groups = paramsByGroup(llama31_70bArchitecture);
    expect(activeParams(llama31_70bArchitecture)).toBe(
      totalParams(llama31_70bArchitecture) - groups.embedding,
    );
  });

  it('Qwen3-235B-A22B: total within 1% of 235B; active 21.57B is 2% under the card, which counts the embedding', () => {
    expect(relativeError(totalParams(qwen3_235bArchitecture), 235e9)).toBeLessThan(0.01);
    const withEmbedding =
      activeParams(qwen3_235bArchitecture) + paramsByGroup(qwen3_235bArchitecture).embedding;
    expect(relativeError(withEmbedding, 22e9)).toBeLessThan(0.01);
  });

  it('Kimi K2 config-exact is 1.026T total (the blog rounds to 1T) and 31.7B active (blog 32B)', () => {
    const total = totalParams(kimiK2Architecture);
    expect(total).toBeGreaterThan(1.02e12);
    expect(total).toBeLessThan(1.04e12);
    expect(total).toBe(1_026_408_232_448);
    expect(relativeError(activeParams(kimiK2Architecture), 32e9)).toBeLessThan(0.02);
  });

  it('the blog reading (61 MoE layers) adds one layer of 384 experts: 1.043T, the spec I-5 "≈1.04T"', () => {
    expect(moeLayerCount(kimiBlogArchitecture)).toBe(61);
    expect(moeLayerCount(kimiK2Architecture)).toBe(60);
    expect(totalParams(kimiBlogArchitecture) / 1e12).toBeCloseTo(1.043, 3);
  });
});

describe('paramsByGroup', () => {
  it('groups add up to the total and routed experts are E × L_moe × 3 × h × moe_inter', () => {
    const groups = paramsByGroup(kimiK2Architecture);
    expect(sumGroups(groups)).toBe(totalParams(kimiK2Architecture));
    expect(groups.routedExperts).toBe(60 * 384 * 3 * 7168 * 2048);
    expect(groups.sharedExperts).toBe(60 * 1 * 3 * 7168 * 2048);
    expect(groups.denseFfn).toBe(1 * 3 * 7168 * 18432);
    expect(groups.lmHead).toBe(163_840 * 7168);
  });

  it('a tied model counts its embedding once, and as active (it is the LM head)', () => {
    const tied = { ...llama31_8bArchitecture, tiedEmbeddings: true };
    const groups = paramsByGroup(tied);
    expect(groups.lmHead).toBe(0);
    expect(activeParams(tied)).toBe(totalParams(tied));
  });

  it('every preset architecture is valid and has active ≤ total', () => {
    for (const preset of modelPresets) {
      expect(architectureProblems(preset.architecture), preset.id).toEqual([]);
      expect(activeParams(preset.architecture)).toBeLessThanOrEqual(totalParams(preset.architecture));
    }
  });

  it('architectureProblems names a bad field in one line', () => {
    const bad = { ...mixtral8x7bArchitecture, moe: { ...mixtral8x7bArchitecture.moe!, expertsPerToken: 9 } };
    expect(architectureProblems(bad)).toEqual(['moe.expertsPerToken must be in 1..routedExperts']);
  });
});
