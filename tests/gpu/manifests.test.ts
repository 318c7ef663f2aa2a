// The pure side of the kernel suite (no GPU): encodings, the WGSL text generator, layouts, the registry.
import { describe, expect, it } from 'vitest';
import { batchedTiles, tileColumns, tileWorkgroupBytes } from '../../src/kernels/batchedTiles.ts';
import { DEVICE_PROFILES } from '../../src/kernels/deviceProfiles.ts';
import { f16BitsToF32, f32ToF16Bits } from '../../src/kernels/f16.ts';
import { draw, q4Word } from '../../src/kernels/fill.ts';
import { planFmaPeak } from '../../src/kernels/fmaPeak.ts';
import { planGemm } from '../../src/kernels/gemm.ts';
import { planGemv } from '../../src/kernels/gemv.ts';
import { KERNELS, kernelEntry } from '../../src/kernels/index.ts';
import { planMoeGemv } from '../../src/kernels/moeGemv.ts';
import { expectedTouchedExperts, routeTokens } from '../../src/kernels/moeRouting.ts';
import { COMPAT_LIMITS, type KernelLimits, resolveLimits } from '../../src/kernels/options.ts';
import { nibbleAt, packNibbles, q4WeightAt } from '../../src/kernels/q4.ts';
import { randomFloats } from '../../src/kernels/rng.ts';
import { composeWgsl, specialiseElement } from '../../src/kernels/wgsl.ts';
import { shaderSources } from './device.ts';

describe('f32ToF16Bits / f16BitsToF32', () => {
  it('encodes known values exactly (IEEE 754 binary16)', () => {
    expect(f32ToF16Bits(1)).toBe(0x3c00);
    expect(f32ToF16Bits(-2)).toBe(0xc000);
    expect(f32ToF16Bits(65504)).toBe(0x7bff);
    expect(f32ToF16Bits(1e6)).toBe(0x7c00);
    expect(f32ToF16Bits(2 ** -24)).toBe(0x0001);
    expect(f32ToF16Bits(2 ** -14)).toBe(0x0400);
    expect(f32ToF16Bits(1 / 3)).toBe(0x3555);
    expect(f32ToF16Bits(Number.NaN) & 0x7e00).toBe(0x7e00);
  });

  it('rounds to nearest, ties to even', () => {
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to the even mantissa (1).
    expect(f32ToF16Bits(1 + 2 ** -11)).toBe(0x3c00);
    expect(f32ToF16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(f32ToF16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01);
  });

  it('round-trips every finite half', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue;
      const back = f32ToF16Bits(f16BitsToF32(bits));
      expect(back === bits || (bits === 0x8000 && back === 0x8000)).toBe(true);
    }
  });
});

describe('q4 packing', () => {
  it('puts weight k in nibble k mod 8 of word k / 8, low nibble first, value (nibble − 8) × group scale', () => {
    const nibbles = Uint32Array.from({ length: 64 }, (_, i) => i % 16);
    const packed = packNibbles(nibbles, 1, 64);
    expect(packed[0]).toBe(0x76543210);
    expect(packed[1]).toBe(0xfedcba98);
    const matrix = { rows: 1, cols: 64, groupSize: 32, packed, scales: Float32Array.of(0.5, 0.25) };
    expect(nibbleAt(matrix, 0, 15)).toBe(15);
    expect(q4WeightAt(matrix, 0, 15)).toBe(7 * 0.5);
    expect(q4WeightAt(matrix, 0, 40)).toBe((8 - 8) * 0.25);
    expect(q4WeightAt(matrix, 0, 33)).toBe((1 - 8) * 0.25);
  });

  it('q4Word hashes 8 nibbles a word and pads columns beyond K with nibble 8 (weight 0)', () => {
    // 2 rows of 13 weights padded to 16: words 1 and 3 hold columns 8–15, of which 13–15 are padding
    const packed = Uint32Array.from({ length: 4 }, (_, i) => q4Word(7, i, 13, 16));
    expect(packed[0]).toBe(draw(7, 0));
    expect(packed[1]! >>> 20).toBe(0x888);
    expect(packed[1]! & 0xfffff).toBe(draw(7, 1) & 0xfffff);
    const matrix = { rows: 2, cols: 16, groupSize: 16, packed, scales: Float32Array.of(1, 1) };
    expect(q4WeightAt(matrix, 1, 13)).toBe(0);
    expect(q4WeightAt(matrix, 0, 12)).toBe(((draw(7, 1) >>> 16) & 15) - 8);
  });

  it('rejects out-of-range nibbles and ragged rows', () => {
    expect(() => packNibbles(Uint32Array.of(16, 0, 0, 0, 0, 0, 0, 0), 1, 8)).toThrow('nibble 16');
    expect(() => packNibbles(new Uint32Array(12), 1, 12)).toThrow('multiple of 8');
  });
});

describe('randomFloats', () => {
  it('is deterministic per seed, in range, and never all zeros', () => {
    const a = randomFloats(1000, 42);
    expect(randomFloats(1000, 42)).toEqual(a);
    expect(randomFloats(1000, 43)).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThan(1);
    expect(a.filter((v) => v === 0).length).toBe(0);
  });
});

describe('specialiseElement(source, elem) — the one f32/f16 text generator', () => {
  const gemm = shaderSources['gemm.wgsl']!;

  it('returns f32 text unchanged', () => {
    expect(specialiseElement(gemm, 'f32')).toBe(gemm);
  });

  it('f16: enables the extension first and swaps only the alias line', () => {
    const f16 = specialiseElement(gemm, 'f16');
    const lines = f16.split('\n');
    expect(lines[0]).toBe('enable f16;');
    expect(f16).toContain('\nalias Elem = f16;\n');
    expect(f16).not.toContain('alias Elem = f32;');
    expect(lines.slice(1).join('\n')).toBe(gemm.replace('alias Elem = f32;', 'alias Elem = f16;'));
  });

  it('every typed shader declares the alias exactly once; a file without it is refused', () => {
    for (const file of ['fma-peak.wgsl', 'gemv.wgsl', 'gemv-batched.wgsl', 'gemm.wgsl']) {
      expect(() => specialiseElement(shaderSources[file]!, 'f16'), file).not.toThrow();
    }
    expect(() => specialiseElement(shaderSources['stream-read.wgsl']!, 'f16')).toThrow(
      "exactly one 'alias Elem = f32;' line (found 0)",
    );
  });

  it('f16 plans embed the generated text with enables hoisted above every declaration', () => {
    const features = ['shader-f16', 'subgroups'];
    const gemv = planGemv({ dtype: 'f16', shape: { M: 5, K: 9 }, seed: 1, shaderSources, features });
    expect(gemv.shaderSource.startsWith('enable f16;\nenable subgroups;\n')).toBe(true);
    expect(gemv.shaderSource.match(/^\s*enable /gm)?.length).toBe(2);
    expect(gemv.requiredFeatures).toEqual(['shader-f16', 'subgroups']);
    expect(gemv.bytesPerDispatch).toBe((5 * 12 + 12) * 2 + 5 * 4);
  });
});

describe('shader loaders', () => {
  it('the Vite glob bundle (browser) and the fs loader (Node) give the same files and texts', async () => {
    const { shaderSources: bundled } = await import('../../src/bench/shaders.vite.ts');
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(shaderSources).sort());
    expect(Object.keys(bundled)).toContain('gemv-batched.wgsl');
    for (const [name, text] of Object.entries(shaderSources)) expect(bundled[name], name).toBe(text);
  });
});

describe('composeWgsl', () => {
  it('hoists and deduplicates enable directives', () => {
    const text = composeWgsl(['enable f16;\nfn a() {}', 'enable subgroups;\nenable f16;\nfn b() {}']);
    expect(text).toBe('enable f16;\nenable subgroups;\nfn a() {}\nfn b() {}');
  });
});

describe('verify with f16 outputs (CPU-simulated, since SwiftShader lacks shader-f16)', () => {
  const features = ['shader-f16'];

  it('fma-peak f16 accepts its reference rounded to f16 and rejects a 10% error', () => {
    const plan = planFmaPeak({
      dtype: 'f16',
      shape: { invocations: 128, iterations: 32 },
      seed: 3,
      shaderSources,
      features,
    });
    expect(plan.buffers[1]!.byteLength).toBe(128 * 2);
    const out = new Uint16Array(128);
    const probe = plan.verify(out.buffer);
    expect(probe.ok).toBe(false);
    // After 32 contractions by a ≤ 0.9 every start class sits within f16 precision of the fixed point.
    const expected = Number(/expected (-?[\d.e+-]+)/.exec(probe.message)?.[1]);
    expect(Math.abs(expected)).toBeGreaterThan(1);
    out.fill(f32ToF16Bits(expected));
    expect(plan.verify(out.buffer).ok).toBe(true);
    out[77] = f32ToF16Bits(expected * 1.1);
    expect(plan.verify(out.buffer).message).toContain('element 77 ');
  });

  it('gemm f16 uses the f16 tolerance (√K·u16) on f16-rounded inputs', () => {
    const plan = planGemm({ dtype: 'f16', shape: { M: 2, N: 3, K: 64 }, seed: 9, shaderSources, features });
    expect(plan.buffers[0]!.byteLength).toBe(64 * 64 * 2);
    expect(plan.bytesPerDispatch).toBe(3 * 64 * 64 * 2);
    const zeros = plan.verify(new Uint16Array(64 * 64).buffer);
    expect(zeros.ok).toBe(false);
  });
});

describe('batchedTiles (gemv-batched tiled path)', () => {
  it('fits the limits it is given, compatibility (128 invocations, 16 KB) and core, f32 and f16', () => {
    const core = {
      ...COMPAT_LIMITS,
      maxComputeInvocationsPerWorkgroup: 256,
      maxComputeWorkgroupStorageSize: 32_768,
    };
    for (const limits of [COMPAT_LIMITS, core]) {
      for (let B = 5; B <= 256; B++) {
        for (const bytes of [4, 2]) {
          const tiles = batchedTiles(B, limits, bytes);
          expect(tiles.length).toBeGreaterThanOrEqual(1);
          expect(tiles.length).toBeLessThanOrEqual(2);
          expect(tiles[0]!.colThreads * tiles[0]!.rowThreads).toBe(128);
          for (const t of tiles) {
            expect(t.colThreads * t.rowThreads).toBeLessThanOrEqual(limits.maxComputeInvocationsPerWorkgroup);
            expect(tileWorkgroupBytes(t, bytes)).toBeLessThanOrEqual(limits.maxComputeWorkgroupStorageSize);
            expect(t.rm * t.rb).toBeLessThanOrEqual(16);
          }
        }
      }
    }
  });

  it('widens the batch tile with B (to 32 columns: double-buffered slices of 32 K fill 32 KB) and never pads a batch past the next power of two', () => {
    const core = {
      ...COMPAT_LIMITS,
      maxComputeInvocationsPerWorkgroup: 256,
      maxComputeWorkgroupStorageSize: 32_768,
    };
    expect(batchedTiles(8, core, 4).map(tileColumns)).toEqual([8, 8]);
    expect(Math.max(...batchedTiles(256, core, 4).map(tileColumns))).toBe(32);
    for (const B of [8, 16, 32]) expect(Math.max(...batchedTiles(B, core, 4).map(tileColumns))).toBe(B);
  });
});

describe('moe-gemv rotation sets', () => {
  it('route the same batch to disjoint experts, set by set, up to the cache policy; offsets and tokens stay', () => {
    const plan = planMoeGemv({
      dtype: 'f32',
      shape: { experts: 64, topK: 2, B: 3, M: 4, K: 8 },
      seed: 5,
      shaderSources,
      features: [],
    });
    const U = plan.metrics!['uniqueExperts']!;
    expect(plan.rotateSets).toBe(Math.floor(64 / U));
    const routing = plan.buffers[2]!;
    const tables = Array.from({ length: plan.rotateSets }, (_, set) => routing.setData!(set) as Uint32Array);
    expect([...tables[0]!]).toEqual([...(routing.data as Uint32Array)]);
    const experts = tables.flatMap((t) => [...t.subarray(0, U)]);
    expect(new Set(experts).size).toBe(U * plan.rotateSets);
    for (const t of tables) expect([...t.subarray(U)]).toEqual([...tables[0]!.subarray(U)]);
    // each set writes its own y, so set 0's is the one verified whatever pass wrote last
    expect(plan.buffers[3]!.rotate).toBe(true);
    expect(plan.workingSetBytes).toBe(
      plan.rotateSets * (U * 4 * 8 * 4 + routing.byteLength + 3 * 2 * 4 * 4) + 3 * 8 * 4,
    );
  });
});

describe('routeTokens / expectedTouchedExperts', () => {
  it('routes each token to k distinct experts and groups assignments by touched expert', () => {
    const r = routeTokens(64, 32, 4, 7);
    for (let t = 0; t < 64; t++) expect(new Set(r.experts.subarray(t * 4, t * 4 + 4)).size).toBe(4);
    expect(r.offsets[r.touched.length]).toBe(256);
    for (let u = 0; u < r.touched.length; u++) {
      for (let i = r.offsets[u]!; i < r.offsets[u + 1]!; i++) {
        expect(r.experts[r.assignmentIds[i]!]).toBe(r.touched[u]);
      }
    }
  });

  it('touches about E·(1 − (1 − k/E)^B) experts on average', () => {
    let total = 0;
    for (let seed = 0; seed < 200; seed++) total += routeTokens(8, 64, 4, seed).touched.length;
    const expected = expectedTouchedExperts(64, 4, 8);
    expect(expected).toBeCloseTo(64 * (1 - (60 / 64) ** 8), 12);
    expect(Math.abs(total / 200 - expected)).toBeLessThan(0.5);
  });
});

describe('resolveLimits', () => {
  it('reads limits exposed as prototype getters (as GPUSupportedLimits does) and defaults the rest', () => {
    class Limits {
      get maxStorageBufferBindingSize() {
        return 1 << 30;
      }
    }
    const limits = resolveLimits(new Limits() as Partial<KernelLimits>);
    expect(limits.maxStorageBufferBindingSize).toBe(1 << 30);
    expect(limits.maxComputeInvocationsPerWorkgroup).toBe(128);
  });
});

describe('registry', () => {
  it('lists the nine kernels with their dtypes, the dispatch overhead last', () => {
    expect(KERNELS.map((k) => `${k.name}:${k.dtypes.join('/')}`)).toEqual([
      'stream-read:f32',
      'stream-copy:f32',
      'fma-peak:f32/f16',
      'gemv:f32/f16/q4',
      'gemv-batched:f32/f16',
      'gemm:f32/f16',
      'moe-gemv:f32',
      'gemm-subgroup-matrix:f16',
      'dispatch-overhead:f32',
    ]);
    expect(() => kernelEntry('nope' as never)).toThrow('unknown kernel nope');
  });

  it('full shapes shrink to a small device: every buffer fits a 4 MB binding, at most 4 bindings', () => {
    const limits = { ...COMPAT_LIMITS, maxStorageBufferBindingSize: 4 << 20 };
    const m3 = DEVICE_PROFILES.find((p) => p.name === 'm3-max')!;
    const matrix = { subgroupMatrixConfigs: m3.subgroupMatrixConfigs, subgroupMaxSize: m3.subgroupMaxSize };
    const features = ['shader-f16', 'subgroups', 'chromium-experimental-subgroup-matrix'];
    for (const entry of KERNELS) {
      for (const dtype of entry.dtypes) {
        for (const shape of entry.shapes('full', limits, dtype)) {
          const plan = entry.plan({ dtype, shape, seed: 1, shaderSources, features, limits, ...matrix });
          for (const buffer of plan.buffers)
            expect(buffer.byteLength, plan.label).toBeLessThanOrEqual(4 << 20);
          expect(
            plan.workgroups.every((n) => n <= 65_535),
            plan.label,
          ).toBe(true);
        }
      }
    }
  });

  it('full shapes on a large device: 256 MiB streams, K ≥ 4096 GEMVs, q4 in both scale formats', () => {
    const limits = { ...COMPAT_LIMITS, maxStorageBufferBindingSize: 1 << 30, maxBufferSize: 1 << 30 };
    expect(kernelEntry('stream-read').shapes('full', limits)).toEqual([{ n: 64 << 20 }]);
    expect(kernelEntry('gemv').shapes('full', limits, 'f32')).toEqual([{ M: 8192, K: 8192 }]);
    expect(kernelEntry('gemv').shapes('full', limits, 'q4')).toEqual([
      { M: 16_384, K: 8192, groupSize: 32, scaleBytes: 4 },
      { M: 16_384, K: 8192, groupSize: 32, scaleBytes: 2 },
    ]);
    expect(
      kernelEntry('gemv-batched')
        .shapes('full', limits)
        .map((s) => s['B']),
    ).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
  });
});
