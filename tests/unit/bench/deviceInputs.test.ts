// Inputs made on the device (issue 22 item 8): planning holds no input data in JavaScript; every large input
// is a seeded fill whose values the CPU reference recomputes, identical to the shader's hash.
import { describe, expect, it } from 'vitest';
import { planSuite } from '../../../src/bench/suite.ts';
import { loadShaderSources } from '../../../src/gpu/shaders.node.ts';
import { DEVICE_PROFILES } from '../../../src/kernels/deviceProfiles.ts';
import { f16BitsToF32, f32ToF16Bits } from '../../../src/kernels/f16.ts';
import {
  draw,
  elementAt,
  f16Value,
  f32Value,
  fillSpec,
  fillUniform,
  lowbias32,
  scaleValue,
} from '../../../src/kernels/fill.ts';

const shaderSources = loadShaderSources();

describe('seeded fills', () => {
  it('lowbias32 is the published function (hash-prospector: 0x7feb352d, 0x846ca68b)', () => {
    // reference values computed from the C definition (Python, 32-bit wrapping arithmetic)
    expect(lowbias32(0)).toBe(0);
    expect(lowbias32(1)).toBe(0x688990c0);
    expect(lowbias32(0xdeadbeef)).toBe(0xe628c683);
    expect(lowbias32(12345)).toBe(0x912efcf7);
    const seen = new Set(Array.from({ length: 4096 }, (_, i) => lowbias32(i)));
    expect(seen.size).toBe(4096); // a bijection: no collisions
  });

  it('values are exact in their type: f32 k·2^-23 − 1, f16 k·2^-10 − 1, scales (1 + k)·2^-9', () => {
    for (let n = 0; n < 2000; n++) {
      const a = f32Value(99, n);
      expect(Math.fround(a)).toBe(a);
      expect(a >= -1 && a < 1).toBe(true);
      const h = f16Value(99, n);
      expect(f16BitsToF32(f32ToF16Bits(h))).toBe(h);
      const s = scaleValue(99, n);
      expect(f16BitsToF32(f32ToF16Bits(s))).toBe(s);
      expect(s >= 2 ** -9 && s <= 16 * 2 ** -9).toBe(true);
    }
    expect(draw(1, 5)).not.toBe(draw(2, 5));
  });

  it('a padded matrix reads 0 in its padding and the unpadded counter inside', () => {
    const fill = fillSpec(shaderSources, 'f32', 7, { rows: 3, cols: 5, paddedCols: 8, paddedRows: 4 });
    expect(fill.words).toBe(32);
    expect(elementAt(fill, 1, 2)).toBe(f32Value(7, 1 * 5 + 2));
    expect(elementAt(fill, 1, 5)).toBe(0);
    expect(elementAt(fill, 3, 0)).toBe(0);
    expect([...fillUniform(fill)]).toEqual([0, 7, 3, 5, 8, 32, 0, 0]);
    expect(fillSpec(shaderSources, 'f16', 7, { rows: 1, cols: 5, paddedCols: 8 }).words).toBe(4);
    expect(fillSpec(shaderSources, 'q4', 7, { rows: 2, cols: 13, paddedCols: 32 }).words).toBe(8);
  });
});

describe('planning holds no input data', () => {
  it.each(DEVICE_PROFILES.map((p) => [p.name, p] as const))(
    '%s full plan: every input over 64 KB is filled on the device (routing tables and coefficients are uploaded), none carries JavaScript data',
    (_name, profile) => {
      const { plans } = planSuite({
        profile: 'full',
        shaderSources,
        features: profile.features,
        limits: profile.limits,
        device: profile,
      });
      for (const plan of plans) {
        for (const buffer of plan.buffers.filter((b) => b.role === 'read-only-storage')) {
          if (buffer.byteLength > 65_536) {
            expect(buffer.fill, `${plan.label} ${buffer.name}`).toBeDefined();
            expect(buffer.data, `${plan.label} ${buffer.name}`).toBeUndefined();
            expect(buffer.fill!.words * 4).toBeLessThanOrEqual(buffer.byteLength + 3);
          }
        }
      }
    },
  );
});
