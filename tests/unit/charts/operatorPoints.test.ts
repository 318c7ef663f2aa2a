import { describe, expect, it } from 'vitest';
import { operatorPoints } from '../../../src/charts/operatorPoints.ts';
import { rooflineLayout } from '../../../src/charts/rooflineLayout.ts';

const ops = [
  { name: 'attention.qkv', bytes: 1e9, flops: 2e9, seconds: 1e-3, boundBy: 'memory' },
  { name: 'experts.routed', bytes: 1e9, flops: 1e15, seconds: 0.2, boundBy: 'compute' },
  { name: 'lm_head', bytes: 5e8, flops: 1e9, seconds: 5e-4, boundBy: 'memory' },
  { name: 'comm.tp_allreduce', bytes: 1e7, flops: 0, seconds: 1e-4, boundBy: 'communication' },
];

describe('operatorPoints(ops, options)', () => {
  const points = operatorPoints(ops, {
    phase: 'decode',
    stepLabel: 'decode B=16',
    color: 'series-1',
    captions: 2,
  });

  it('puts each operator at FLOP ÷ bytes and FLOP ÷ its time; collectives are not on a roofline', () => {
    expect(points.map((p) => p.id)).toEqual([
      'op-decode-attention.qkv',
      'op-decode-experts.routed',
      'op-decode-lm_head',
    ]);
    expect(points[0]?.intensityFlopsPerByte).toBe(2);
    expect(points[0]?.flopsPerSecond).toBe(2e12);
    expect(points[1]?.intensityFlopsPerByte).toBe(1e6);
    expect(points[1]?.flopsPerSecond).toBe(5e15);
  });

  it('marks compute-bound operators as squares, captions only the longest, and explains each in its tooltip', () => {
    expect(points.map((p) => p.shape)).toEqual(['circle', 'square', 'circle']);
    expect(points.map((p) => p.caption)).toEqual(['attention.qkv', 'experts.routed', null]);
    const rows = Object.fromEntries(points[0]?.tooltip.map((r) => [r.name, r.value]) ?? []);
    expect(rows['bound by']).toBe('memory');
    expect(rows['intensity']).toBe('2 FLOP/B');
    expect(rows['achieved']).toBe('2 TFLOP/s');
  });

  it('lays out on the roofline chart beside the roofs (no NaN anywhere)', () => {
    const layout = rooflineLayout({
      roofs: [
        {
          id: 'gpu',
          label: 'B200',
          color: 'series-reference',
          bandwidthBytesPerSecond: 8e12,
          computeRoofs: [{ dtype: 'fp4', label: 'FP4 dense', flopsPerSecond: 1e16 }],
          dashed: true,
        },
      ],
      points,
      operatingPoints: [],
      shadedRoofId: 'gpu',
    });
    expect(layout.points).toHaveLength(3);
    expect(JSON.stringify(layout.points.map((p) => [p.x, p.y]))).not.toMatch(/NaN|null/);
  });
});
