import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeParams,
  decodeArithmeticIntensity,
  decodeBytesPerPass,
  decodeBytesPerToken,
  decodeFlopsPerPass,
  expectedUniqueExperts,
  expertBytes,
  sharedWeightBytesPerPass,
  uniformPlan,
  weightBytesByGroup,
  weightFormats,
} from '../../../src/model/architecture/index.ts';
import { modelPresets } from '../../../src/model/presets/index.ts';
import {
  kimiBlogArchitecture,
  llama31_70bArchitecture,
} from '../../../src/model/presets/modelArchitectures.ts';

const fp4 = uniformPlan(weightFormats.fp4);

describe('decodeBytesPerPass(arch, plan, kvBytesPerValue, B, context)', () => {
  it('Kimi (blog reading) at FP4: expert 22,020,096 B and routed bytes = F26 × 61 × F27 (spec F28)', () => {
    expect(expertBytes(kimiBlogArchitecture, fp4)).toBe(22_020_096);
    const pass = decodeBytesPerPass(kimiBlogArchitecture, fp4, 1, 16, 80_000);
    expect(pass.routedExpertBytes).toBeCloseTo(expectedUniqueExperts(384, 8, 16) * 61 * 22_020_096, 0);
    expect(pass.routedExpertBytes / 1e9).toBeCloseTo(147.512, 3);
    expect(pass.kvBytes).toBeCloseTo(16 * 35_136 * 80_000, 0); // spec F29: 44.974 GB
    expect(pass.embeddingRowBytes).toBe(16 * 7168 * 0.5);
    expect(pass.total).toBe(
      pass.sharedWeightBytes + pass.embeddingRowBytes + pass.routedExpertBytes + pass.kvBytes,
    );
  });

  it('shared weights are everything read whatever the batch; for Kimi (blog reading) at FP4 5.10 GB (spec I-6 derives 5.25 GB from the stated 32B)', () => {
    const g = weightBytesByGroup(kimiBlogArchitecture, fp4);
    expect(sharedWeightBytesPerPass(kimiBlogArchitecture, fp4)).toBe(
      g.attention + g.denseFfn + g.sharedExperts + g.normsRouter + g.lmHead,
    );
    expect(sharedWeightBytesPerPass(kimiBlogArchitecture, fp4) / 1e9).toBeCloseTo(5.099, 3);
  });

  it('a dense model reads all its weights every pass: bytes at B=1, context 0 = active params × bytes/param + one row', () => {
    const bf16 = uniformPlan(weightFormats.bf16);
    const pass = decodeBytesPerPass(llama31_70bArchitecture, bf16, 2, 1, 0);
    expect(pass.routedExpertBytes).toBe(0);
    expect(pass.total).toBe(activeParams(llama31_70bArchitecture) * 2 + 8192 * 2);
  });

  it('bytes per pass never decrease with B, bytes per token never increase (no context)', () => {
    const archs = modelPresets.map((p) => p.architecture);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: archs.length - 1 }),
        fc.integer({ min: 1, max: 511 }),
        fc.integer({ min: 0, max: 256_000 }),
        (index, B, context) => {
          const arch = archs[index]!;
          const now = decodeBytesPerPass(arch, fp4, 1, B, context).total;
          const next = decodeBytesPerPass(arch, fp4, 1, B + 1, context).total;
          const perTokenNow = decodeBytesPerToken(arch, fp4, 1, B, 0);
          const perTokenNext = decodeBytesPerToken(arch, fp4, 1, B + 1, 0);
          return next >= now && perTokenNext <= perTokenNow * (1 + 1e-12) && Number.isFinite(next);
        },
      ),
    );
  });
});

describe('decode arithmetic intensity', () => {
  it('is 2·active·B FLOP over the pass bytes, and grows with B', () => {
    const ai1 = decodeArithmeticIntensity(kimiBlogArchitecture, fp4, 1, 1, 80_000);
    const pass1 = decodeBytesPerPass(kimiBlogArchitecture, fp4, 1, 1, 80_000).total;
    expect(ai1).toBeCloseTo((2 * activeParams(kimiBlogArchitecture)) / pass1, 12);
    expect(decodeArithmeticIntensity(kimiBlogArchitecture, fp4, 1, 64, 0)).toBeGreaterThan(
      decodeArithmeticIntensity(kimiBlogArchitecture, fp4, 1, 16, 0),
    );
  });

  it('with the attention term, MLA decode at 80K adds 2·64·80,000·(576+512) FLOP per layer per token', () => {
    const withAttention = decodeFlopsPerPass(kimiBlogArchitecture, 1, 80_000, true);
    const weightsOnly = decodeFlopsPerPass(kimiBlogArchitecture, 1, 80_000);
    expect(withAttention - weightsOnly).toBe(61 * 2 * 64 * 80_000 * (576 + 512));
  });
});
