import { describe, expect, it } from 'vitest';
import type { MeasurementDocument } from '../../../src/measure/document.ts';
import { documentsFromDetail, localGpuFrom, normaliseCurve } from '../../../src/ui/explorer/measuredRoofs.ts';
import { gemvCase, roofCase } from './syntheticRun.ts';

const doc = {
  createdAt: '2026-11-26T23:00:00.000Z',
  adapter: { description: 'Test GPU', device: '', architecture: 'test' },
  // the document's own roofs field is not what counts: the measurements below are
  roofs: { memory: { value: 1e-320, label: 'forged' }, compute: { f32: { value: 1e308, label: 'forged' } } },
  measurements: [
    roofCase('stream-read', 400e9, 0),
    roofCase('fma-peak', 0, 20e12),
    gemvCase(1, 1e-3),
    gemvCase(2, 1.02e-3),
    gemvCase(4, 1.1e-3),
    gemvCase(8, 1.6e-3),
    gemvCase(1, 5e-3, 8192, 8192), // another M×K: a different curve, not mixed in
    { ...gemvCase(16, 1e-9), verified: false }, // unverified: ignored
  ],
} as unknown as MeasurementDocument;

describe('localGpuFrom(documents)', () => {
  it('takes the roofs (recomputed from its verified measurements) and the batched-GEMV curve (B / median seconds) of the latest document', () => {
    const gpu = localGpuFrom([doc]);
    expect(gpu?.name).toBe('Test GPU');
    expect(gpu?.bandwidthBps).toBe(400e9);
    expect(gpu?.flopsByDtype).toEqual({ f32: 20e12 });
    expect(gpu?.gemvCurve.map((p) => p.batch)).toEqual([1, 2, 4, 8]);
    expect(gpu?.gemvCurve[3]?.tokensPerSecond).toBeCloseTo(8 / 1.6e-3, 6);
  });

  it('returns null without a memory roof, and reads the event detail in either shape', () => {
    const noRoof = {
      ...doc,
      measurements: doc.measurements.filter((m) => m.kernel !== 'stream-read'),
    } as unknown as MeasurementDocument;
    expect(localGpuFrom([noRoof])).toBeNull();
    expect(documentsFromDetail({ documents: [doc] })).toHaveLength(1);
    expect(documentsFromDetail([doc])).toHaveLength(1);
    expect(documentsFromDetail(undefined)).toEqual([]);
  });
});

describe('normaliseCurve(measured, modelAggregateAt)', () => {
  it("scales the measured peak onto the model's aggregate at the same batch", () => {
    const curve = localGpuFrom([doc])?.gemvCurve ?? [];
    const scaled = normaliseCurve(curve, (batch) => batch * 30);
    expect(scaled.at(-1)?.aggregateTps).toBeCloseTo(240, 9);
    expect(scaled[0]?.aggregateTps).toBeCloseTo((240 * (1 / 1e-3)) / (8 / 1.6e-3), 9);
    expect(normaliseCurve(curve, () => null)).toEqual([]);
  });
});
