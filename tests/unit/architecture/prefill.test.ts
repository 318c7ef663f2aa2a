import { describe, expect, it } from 'vitest';
import {
  activeParams,
  prefillArithmeticIntensity,
  prefillFlopsPerToken,
  uniformPlan,
  weightFormats,
} from '../../../src/model/architecture/index.ts';
import {
  gptOss120bArchitecture,
  kimiBlogArchitecture,
  llama31_70bArchitecture,
} from '../../../src/model/presets/modelArchitectures.ts';

/** 2 · active params per token, with the LM head (V × h) once per prompt: logits at the last position only */
const weightFlops = (arch: typeof llama31_70bArchitecture, fresh: number) => {
  const logits = arch.vocabSize * arch.hiddenSize;
  return 2 * (activeParams(arch) - logits) + (2 * logits) / fresh;
};

describe('prefillFlopsPerToken(arch, fresh, cached)', () => {
  it('is 2·active (the LM head once per prompt) plus 2·heads·keys·(dQK + dV) per layer, keys = cached + (fresh + 1)/2', () => {
    // Llama-3.1-70B: 80 layers, 64 query heads, head dim 128 for both QK and V.
    const fresh = 8191;
    const expected = weightFlops(llama31_70bArchitecture, fresh) + 80 * 2 * 64 * 4096 * 256;
    expect(prefillFlopsPerToken(llama31_70bArchitecture, fresh)).toBeCloseTo(expected, -3);
  });

  it('charges the LM head for the last position only: a one-token prompt pays it whole', () => {
    const logits = 128_256 * 8192;
    const one = prefillFlopsPerToken(llama31_70bArchitecture, 1);
    const long = prefillFlopsPerToken(llama31_70bArchitecture, 2048);
    expect(llama31_70bArchitecture.vocabSize * llama31_70bArchitecture.hiddenSize).toBe(logits);
    // per token the long prompt saves almost the whole 2·V·h of the head (attention grows a little)
    expect(one - long).toBeGreaterThan(2 * logits * (1 - 1 / 2048) - 80 * 2 * 64 * 1024 * 256);
  });

  it('MLA uses the expanded form: Kimi at 13K fresh after 71K cached (the blog request)', () => {
    const keys = 71_000 + 13_001 / 2;
    const attention = 61 * 2 * 64 * keys * (128 + 64 + 128);
    expect(prefillFlopsPerToken(kimiBlogArchitecture, 13_000, 71_000)).toBeCloseTo(
      weightFlops(kimiBlogArchitecture, 13_000) + attention,
      -3,
    );
    // the attention term is ≈ 2× the weight term at this context: prefill is far from 2·active FLOP/token
    expect(attention / (2 * activeParams(kimiBlogArchitecture))).toBeGreaterThan(1.5);
  });

  it('sliding-window layers stop at their window (gpt-oss: 18 layers × 128 keys)', () => {
    const long = prefillFlopsPerToken(gptOss120bArchitecture, 1, 1_000_000);
    const perLayerPerKey = 2 * 64 * 128;
    const keys = 1_000_000 + 1;
    expect(long).toBeCloseTo(
      weightFlops(gptOss120bArchitecture, 1) + perLayerPerKey * (18 * keys + 18 * 128),
      -3,
    );
  });
});

describe('prefillArithmeticIntensity', () => {
  it('a one-token chunk is decode at B=1 (≈ 2 FLOP / 0.5 B = 4 at FP4); long chunks approach the ridge', () => {
    const fp4 = uniformPlan(weightFormats.fp4);
    expect(prefillArithmeticIntensity(kimiBlogArchitecture, fp4, 1, 1)).toBeCloseTo(4, 3);
    const small = prefillArithmeticIntensity(kimiBlogArchitecture, fp4, 1, 512);
    const large = prefillArithmeticIntensity(kimiBlogArchitecture, fp4, 1, 8192);
    expect(large).toBeGreaterThan(small);
    // 8K tokens route to nearly all 384 experts, so the chunk reads ≈ all weights once: ≈1,157 FLOP/B,
    // just under the blog's B200 ridge of 1,250.
    expect(large).toBeGreaterThan(1100);
    expect(large).toBeLessThan(1250);
  });
});
