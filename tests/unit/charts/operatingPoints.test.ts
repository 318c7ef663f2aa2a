import { describe, expect, it } from 'vitest';
import { decodeStall, operatingPoints } from '../../../src/charts/operatingPoints.ts';
import { gpuPreset, modelPreset } from '../../../src/model/presets/index.ts';

const base = {
  model: modelPreset('kimi-k2.6'),
  gpu: gpuPreset('b200'),
  precision: 'fp4' as const,
  kvBytesPerValue: 1,
  contextTokens: 0,
  prefillFreshTokens: 13_000,
  prefillCachedTokens: 71_000,
};

describe('operatingPoints(options)', () => {
  it('decode at B = 1 with no context sits at the blog F16 intensity: 2 FLOP/param ÷ 0.5 B/param ≈ 4', () => {
    const points = operatingPoints(base);
    expect(points.map((p) => p.label)).toEqual([
      'decode B=1',
      'decode B=16',
      'decode B=64',
      'decode B=256',
      'prefill',
    ]);
    const b1 = points[0]!;
    // the routed experts read at B=1 and the shared weights give ~4 FLOP/B (F16), a little under it
    expect(b1.intensityFlopsPerByte).toBeGreaterThan(3);
    expect(b1.intensityFlopsPerByte).toBeLessThanOrEqual(4.01);
    // on the memory slope: 8 TB/s × intensity
    expect(b1.flopsPerSecond).toBeCloseTo(8e12 * b1.intensityFlopsPerByte, -6);
  });

  it('intensity grows with the batch and prefill reaches the FP4 compute roof', () => {
    const points = operatingPoints({ ...base, contextTokens: 80_000 });
    const decode = points.slice(0, 4).map((p) => p.intensityFlopsPerByte);
    expect([...decode].sort((a, b) => a - b)).toEqual(decode);
    const prefill = points[4]!;
    expect(prefill.intensityFlopsPerByte).toBeGreaterThan(1250);
    expect(prefill.flopsPerSecond).toBe(10e15);
  });

  it('a GPU without the precision gets no operating points', () => {
    expect(operatingPoints({ ...base, gpu: gpuPreset('h100-sxm') })).toEqual([]);
  });
});

describe('why each point sits where it does, and where decode stalls', () => {
  it('says memory-bound with the arithmetic for decode, compute-bound for prefill', () => {
    const points = operatingPoints({ ...base, contextTokens: 80_000 });
    expect(points[0]!.why).toMatch(/^memory-bound: 3\.\d+ FLOP\/B is left of the ridge \(1,250 FLOP\/B\)/);
    expect(points[0]!.why).toMatch(/8 TB\/s × /);
    expect(points.at(-1)!.why).toMatch(/^compute-bound/);
  });

  it('adds and highlights the scenario B among the shown batch sizes', () => {
    const points = operatingPoints({ ...base, highlightBatch: 32 });
    expect(points.map((p) => p.id)).toEqual([
      'decode-1',
      'decode-16',
      'decode-32',
      'decode-64',
      'decode-256',
      'prefill',
    ]);
    expect(points.filter((p) => p.highlight).map((p) => p.label)).toEqual(['your B=32']);
  });

  it('at 80K context decode stalls far left of the ridge: each stream reads its own KV cache', () => {
    const stall = decodeStall({ ...base, contextTokens: 80_000 }, 16, 340)!;
    // FLOP per token (~2 × 32 B active + attention) over 2.81 GB of KV per token
    expect(stall.limitFlopsPerByte).toBeGreaterThan(20);
    expect(stall.limitFlopsPerByte).toBeLessThan(60);
    expect(stall.atBatchFlopsPerByte).toBeLessThan(stall.limitFlopsPerByte);
    expect(stall.sentence).toMatch(/stalls near/);
    expect(stall.sentence).toMatch(/340 streams/);
    // weights only: nothing stops B but the ridge
    expect(decodeStall(base, 16, null)!.sentence).toMatch(/until decode meets the ridge/);
  });
});
