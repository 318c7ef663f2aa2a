// Item 7 of issue 22: the f16 GEMVs compute in f32, so they are judged against the f32 FMA roof (and the
// memory roof), not the f16 one; the f16 GEMM and FMA peak against f16's.
import { describe, expect, it } from 'vitest';
import { computeRoofFor } from '../../../src/charts/rooflineSeries.ts';
import { arithmeticDtype } from '../../../src/kernels/arithmetic.ts';

describe('arithmeticDtype', () => {
  it('f16 GEMVs and q4 compute in f32; the f16 GEMM and FMA peak in f16', () => {
    expect(arithmeticDtype('gemv', 'f16')).toBe('f32');
    expect(arithmeticDtype('gemv-batched', 'f16')).toBe('f32');
    expect(arithmeticDtype('gemv', 'q4')).toBe('f32');
    expect(arithmeticDtype('gemm', 'f16')).toBe('f16');
    expect(arithmeticDtype('fma-peak', 'f16')).toBe('f16');
    expect(arithmeticDtype('gemm', 'f32')).toBe('f32');
  });

  it('the roofline judges an f16 GEMV against the f32 roof, an f16 GEMM against the f16 one', () => {
    const roofs = {
      memory: { value: 1e12, label: 'stream' },
      compute: { f32: { value: 5e13, label: 'fma f32' }, f16: { value: 1e14, label: 'fma f16' } },
    };
    expect(computeRoofFor(roofs, 'f16', 'gemv')).toBe(5e13);
    expect(computeRoofFor(roofs, 'f16', 'gemv-batched')).toBe(5e13);
    expect(computeRoofFor(roofs, 'f16', 'gemm')).toBe(1e14);
  });
});
