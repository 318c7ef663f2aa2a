import { describe, expect, it } from 'vitest';
import {
  kvBytesForContext,
  kvBytesPerToken,
  kvBytesPerTokenAtContext,
  kvBytesPerValue,
} from '../../../src/model/architecture/index.ts';
import {
  deepseekV3Architecture,
  gptOss120bArchitecture,
  kimiBlogArchitecture,
  kimiK2Architecture,
  llama31_8bArchitecture,
  llama31_70bArchitecture,
  llama31_405bArchitecture,
} from '../../../src/model/presets/modelArchitectures.ts';

describe('kvBytesPerToken(arch, bytesPerValue): published BF16 figures, exactly', () => {
  it('MLA: DeepSeek-V3 and Kimi K2 cache 61 × (512 + 64) × 2 = 70,272 B', () => {
    expect(kvBytesPerToken(deepseekV3Architecture, kvBytesPerValue.bf16)).toBe(70_272);
    expect(kvBytesPerToken(kimiK2Architecture, kvBytesPerValue.bf16)).toBe(70_272);
  });

  it('GQA: Llama-3.1-70B 327,680 B, Llama-3.1-405B 516,096 B, Llama-3.1-8B 131,072 B', () => {
    expect(kvBytesPerToken(llama31_70bArchitecture, kvBytesPerValue.bf16)).toBe(327_680);
    expect(kvBytesPerToken(llama31_405bArchitecture, kvBytesPerValue.bf16)).toBe(516_096);
    expect(kvBytesPerToken(llama31_8bArchitecture, kvBytesPerValue.bf16)).toBe(131_072);
  });

  it('FP8 KV halves it: Kimi at FP8 is the spec F23 value 35,136 B', () => {
    expect(kvBytesPerToken(kimiBlogArchitecture, kvBytesPerValue.fp8)).toBe(35_136);
  });
});

describe('kvBytesForContext(arch, bytesPerValue, context)', () => {
  it('without sliding windows it is kvBytesPerToken × context (spec F24: 2.81088 GB at 80K, FP8)', () => {
    expect(kvBytesForContext(kimiBlogArchitecture, 1, 80_000)).toBe(2.81088e9);
    expect(kvBytesPerTokenAtContext(llama31_70bArchitecture, 2, 12_345)).toBeCloseTo(327_680, 6);
  });

  it('gpt-oss-120b: 18 windowed layers stop growing at 128 tokens, the 18 full layers keep growing', () => {
    const perLayerPerToken = 2 * 8 * 64 * 2; // K and V, 8 KV heads, head dim 64, BF16
    expect(kvBytesPerToken(gptOss120bArchitecture, 2)).toBe(36 * perLayerPerToken);
    expect(kvBytesForContext(gptOss120bArchitecture, 2, 100)).toBe(36 * perLayerPerToken * 100);
    expect(kvBytesForContext(gptOss120bArchitecture, 2, 100_000)).toBe(
      perLayerPerToken * (18 * 100_000 + 18 * 128),
    );
    expect(kvBytesPerTokenAtContext(gptOss120bArchitecture, 2, 100_000)).toBeCloseTo(
      18 * perLayerPerToken * (1 + 128 / 100_000),
      6,
    );
  });
});
