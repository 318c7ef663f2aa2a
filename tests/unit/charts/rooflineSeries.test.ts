import { describe, expect, it } from 'vitest';
import {
  batchOf,
  computeRoofFor,
  documentRoofs,
  measuredPoints,
  measuredRoofSeries,
  presetRoofSeries,
} from '../../../src/charts/rooflineSeries.ts';
import { gpuPreset } from '../../../src/model/presets/index.ts';
import { sampleDocument } from './sampleDocument.ts';

const identity = { id: 'local', label: 'This GPU', color: 'series-local' };

describe('rooflineSeries', () => {
  it('measuredRoofSeries(doc) takes the memory roof from stream-read and the f32 roof from fma-peak', () => {
    const roof = measuredRoofSeries(sampleDocument(), identity);
    expect(roof.bandwidthBytesPerSecond).toBeCloseTo(10e9, 0);
    expect(roof.computeRoofs).toEqual([
      { dtype: 'f32', label: 'f32 FMA', flopsPerSecond: expect.closeTo(40e9, 0) },
    ]);
    expect(roof.dashed).toBe(false);
  });

  it('measuredPoints(doc) never plots a failed or unverified kernel, nor the roof kernels', () => {
    const points = measuredPoints(sampleDocument(), identity, true);
    const captions = points.map((p) => p.caption);
    expect(captions).toEqual(['gemv f32', 'gemv q4', 'B=1', 'B=16', 'B=4', 'gemm f32']);
    expect(points.some((p) => p.label.includes('f16'))).toBe(false);
    for (const p of points) {
      expect(Number.isFinite(p.intensityFlopsPerByte) && p.intensityFlopsPerByte > 0).toBe(true);
      expect(Number.isFinite(p.flopsPerSecond) && p.flopsPerSecond > 0).toBe(true);
    }
  });

  it('joins the batched-GEMV sweep into one path per dtype and gives it diamonds', () => {
    const sweep = measuredPoints(sampleDocument(), identity, false).filter((p) => p.pathKey !== null);
    expect(new Set(sweep.map((p) => p.pathKey))).toEqual(new Set(['local:gemv-batched:f32']));
    expect(sweep.every((p) => p.shape === 'diamond' && p.caption === null)).toBe(true);
  });

  it('tooltips give bytes, FLOP, time, % of the roof above and verification', () => {
    const gemv = measuredPoints(sampleDocument(), identity, true)[0]!;
    const rows = Object.fromEntries(gemv.tooltip.map((r) => [r.name, r.value]));
    expect(rows['bytes / dispatch']).toBe('4.2 MB');
    expect(rows['FLOP / dispatch']).toBe('2.1 MFLOP');
    expect(rows['time (median)']).toBe('512 µs');
    // 4,198,400 B / 512.5 µs = 8.19 GB/s of a 10 GB/s roof: memory-bound at 81.9 %
    expect(rows['% of roof above']).toBe('81.9 %');
    expect(rows['working set']).toBe('16.8 MB');
    expect(rows['variant']).toBe('wg128');
    expect(rows['verified']).toMatch(/^yes/);
  });

  it('q4 kernels are held to the f32 roof; batchOf reads B, batch or N', () => {
    const roofs = documentRoofs(sampleDocument());
    expect(computeRoofFor(roofs, 'q4')).toBeCloseTo(40e9, 0);
    expect(batchOf({ M: 1, B: 8 })).toBe(8);
    expect(batchOf({ batch: 4 })).toBe(4);
    expect(batchOf({ M: 1 })).toBeNull();
  });

  it('presetRoofSeries(B200) carries the blog 8 TB/s and 10 PFLOP/s FP4 and skips precisions a GPU lacks', () => {
    const b200 = presetRoofSeries(gpuPreset('b200'), ['fp4', 'fp8', 'bf16'], {
      id: 'ref',
      label: 'B200',
      color: 'series-reference',
    });
    expect(b200.bandwidthBytesPerSecond).toBe(8e12);
    expect(b200.computeRoofs.map((c) => [c.dtype, c.flopsPerSecond])).toEqual([
      ['fp4', 10e15],
      ['fp8', 5e15],
      ['bf16', 2.5e15],
    ]);
    const h100 = presetRoofSeries(gpuPreset('h100-sxm'), ['fp4', 'fp8'], {
      id: 'h',
      label: 'H100',
      color: 'series-1',
    });
    expect(h100.computeRoofs.map((c) => c.dtype)).toEqual(['fp8']);
  });
});
