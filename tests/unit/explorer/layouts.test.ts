import { describe, expect, it } from 'vitest';
import { layoutBatching } from '../../../src/charts/explorer/batchingLayout.ts';
import { defaultFrame } from '../../../src/charts/explorer/frame.ts';
import { layoutLine } from '../../../src/charts/explorer/lineLayout.ts';
import { layoutOpsBreakdown } from '../../../src/charts/explorer/opsBreakdownLayout.ts';
import { layoutStackedBars } from '../../../src/charts/explorer/stackedBarsLayout.ts';
import { layoutVram } from '../../../src/charts/explorer/vramLayout.ts';
import { compactNumber } from '../../../src/model/units/format.ts';

const left = defaultFrame.margin.left;
const right = defaultFrame.width - defaultFrame.margin.right;

function fitCurve(batches: number[]) {
  // the blog's linear fit (F33): 5.2 ms + 1.65 ms × B per pass
  return batches.map((batch) => {
    const perStreamTps = 1 / (5.2e-3 + 1.65e-3 * batch);
    return { batch, perStreamTps, aggregateTps: batch * perStreamTps };
  });
}

describe('layoutBatching(input, frame)', () => {
  const points = fitCurve([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
  const layout = layoutBatching({
    points,
    regions: [
      { region: 'linear', fromBatch: 1, toBatch: 8 },
      { region: 'cliff', fromBatch: 340, toBatch: 512 },
    ],
    kvCliffBatch: 340,
    slaPerStreamTps: 20,
    chosenBatch: 16,
    currentBatch: 8,
    observed: [{ batch: 32, perStreamTps: 44, aggregateTps: 1408, seriesId: 'lambda', label: 'Lambda' }],
    overlay: [],
  });

  it('puts B=1 at the left edge and B=512 at the right edge of a log2 axis', () => {
    expect(layout.xTicks.map((t) => t.value)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
    expect(layout.xTicks[0]?.at).toBe(left);
    expect(layout.xTicks.at(-1)?.at).toBe(right);
    // equal spacing per doubling
    const step = (right - left) / 9;
    expect(layout.xTicks[4]?.at).toBeCloseTo(left + 4 * step, 1);
  });

  it('places the KV cliff at log2(340) and the chosen B=16 on both curves', () => {
    const step = (right - left) / 9;
    expect(layout.cliffX).toBeCloseTo(left + Math.log2(340) * step, 1);
    expect(layout.chosen?.x).toBeCloseTo(left + 4 * step, 1);
    expect(layout.perStreamPath.startsWith(`M${left},`)).toBe(true);
    expect(layout.regions).toHaveLength(2);
    expect(layout.regions[1]?.x1).toBe(right);
  });

  it('draws the SLA below the B=1 per-stream value and each observed point on its own axis', () => {
    expect(layout.slaY).not.toBeNull();
    // 31.6 tok/s at B=16 sits above the 20 tok/s SLA: a smaller y in SVG coordinates
    expect(layout.chosen?.perStreamY).toBeLessThan(layout.slaY ?? 0);
    expect(layout.observed.map((o) => o.axis)).toEqual(['perStream', 'aggregate']);
  });

  it('drops NaN and Infinity instead of drawing them', () => {
    const bad = layoutBatching({
      points: [
        { batch: 1, perStreamTps: Number.NaN, aggregateTps: 1 },
        { batch: 2, perStreamTps: Number.POSITIVE_INFINITY, aggregateTps: 2 },
      ],
      regions: [],
      kvCliffBatch: Number.NaN,
      slaPerStreamTps: null,
      chosenBatch: 1,
      currentBatch: null,
      observed: [],
      overlay: [],
    });
    expect(bad.perStreamPath).toBe('');
    expect(bad.cliffX).toBeNull();
    expect(bad.chosen).toBeNull();
    expect(JSON.stringify(bad)).not.toMatch(/NaN|Infinity/);
  });
});

describe('layoutStackedBars(input)', () => {
  it('stacks segments bottom-up and scales the tallest bar below the top', () => {
    const layout = layoutStackedBars({
      bars: [
        {
          id: 'hybrid',
          label: 'self-host + spill',
          segments: [
            { key: 'selfhost', label: 'self-hosted', value: 70_080 },
            { key: 'spill', label: 'API spill-over', value: 96_303.59 },
          ],
        },
        { id: 'api', label: 'all API', segments: [{ key: 'api', label: 'all API', value: 184_942.87 }] },
      ],
      references: [],
    });
    const [selfhost, spill, api] = layout.segments;
    expect(selfhost && spill && selfhost.y).toBeCloseTo((spill?.y ?? 0) + (spill?.height ?? 0), 1);
    expect(api?.height).toBeGreaterThan((selfhost?.height ?? 0) + (spill?.height ?? 0));
    expect(layout.totals.map((t) => t.text)).toEqual(['166k', '185k']);
  });

  it('draws a negative or NaN segment as zero height', () => {
    const layout = layoutStackedBars({
      bars: [{ id: 'a', label: 'a', segments: [{ key: 'x', label: 'x', value: Number.NaN }] }],
      references: [{ key: 'cap', label: 'capacity', value: 10 }],
    });
    expect(layout.segments[0]?.height).toBe(0);
    expect(JSON.stringify(layout)).not.toMatch(/NaN/);
  });
});

describe('layoutVram(bars)', () => {
  it('splits the blog node into 500 GB weights, 80 GB activations and a 956 GB KV budget', () => {
    const layout = layoutVram([
      { id: 'node', label: 'node', capacityBytes: 1536e9, weightBytes: 500e9, activationBytes: 80e9 },
    ]);
    expect(layout.segments.map((s) => [s.key, s.bytes])).toEqual([
      ['weights', 500e9],
      ['activations', 80e9],
      ['kv', 956e9],
    ]);
    expect(layout.bars[0]?.fits).toBe(true);
  });

  it('shows BF16 weights on one GPU as over capacity, never a negative KV budget', () => {
    const layout = layoutVram([
      { id: 'gpu', label: 'GPU', capacityBytes: 192e9, weightBytes: 2000e9, activationBytes: 10e9 },
    ]);
    expect(layout.segments.map((s) => s.key)).toEqual(['weights', 'over']);
    expect(layout.segments[1]?.bytes).toBe(2010e9 - 192e9);
    expect(layout.bars[0]?.fits).toBe(false);
  });
});

describe('layoutLine(input)', () => {
  it('places observed points on the same scales as the curve', () => {
    const layout = layoutLine({
      curve: [1, 2, 4, 8, 16, 32].map((c) => ({ x: c, y: (9400 * c) / 78_000 })),
      observed: [{ x: 32, y: 2.26, seriesId: 'lambda', label: 'Lambda' }],
      markerX: 16,
    });
    expect(layout.observed[0]?.px).toBe(defaultFrame.width - defaultFrame.margin.right);
    expect(layout.markerX).not.toBeNull();
    expect(layout.path.split('L')).toHaveLength(6);
  });
});

describe('compactNumber(value)', () => {
  it('formats with SI suffixes and never prints NaN', () => {
    expect(compactNumber(1_250_000)).toBe('1.25M');
    expect(compactNumber(956e9)).toBe('956B');
    expect(compactNumber(583.416e9)).toBe('583B');
    expect(compactNumber(35_136)).toBe('35.1k');
    expect(compactNumber(0.0368)).toBe('0.0368');
    expect(compactNumber(Number.NaN)).toBe('—');
  });
});

describe('the napkin beside the model (dashed second curves)', () => {
  it('layoutBatching draws the napkin per stream on the same axes, widening them to hold it', () => {
    const model = fitCurve([1, 2, 4, 8, 16, 32]);
    const napkin = fitCurve([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]).map((p) => ({
      batch: p.batch,
      perStreamTps: p.perStreamTps * 2,
    }));
    const input = {
      points: model,
      regions: [],
      kvCliffBatch: 32,
      slaPerStreamTps: null,
      chosenBatch: null,
      currentBatch: null,
      observed: [],
      overlay: [],
    };
    const alone = layoutBatching(input);
    const both = layoutBatching({ ...input, napkin });
    expect(alone.napkinPerStreamPath).toBe('');
    expect(both.napkinPerStreamPath.startsWith(`M${left},`)).toBe(true);
    expect(both.xTicks.at(-1)?.value).toBe(512);
    expect(alone.xTicks.at(-1)?.value).toBe(32);
    expect((both.perStreamTicks.at(-1)?.value ?? 0) > (alone.perStreamTicks.at(-1)?.value ?? 0)).toBe(true);
    // the aggregate axis is the model's and the measurements' alone
    expect(both.aggregateTicks).toEqual(alone.aggregateTicks);
  });

  it('layoutLine draws a secondary curve and drops its NaN points', () => {
    const layout = layoutLine({
      curve: [
        { x: 1, y: 0.2 },
        { x: 16, y: 0.4 },
      ],
      secondary: [
        { x: 1, y: 0.1 },
        { x: 16, y: 1.9 },
        { x: 32, y: Number.NaN },
      ],
      observed: [],
      markerX: 16,
    });
    expect(layout.secondaryPath.split('L')).toHaveLength(2);
    expect(layout.yTicks.at(-1)?.value ?? 0).toBeGreaterThanOrEqual(1.9);
  });
});

describe('layoutOpsBreakdown(parts)', () => {
  const parts = [
    { name: 'attention.qkv', seconds: 2e-3, boundBy: 'memory' },
    { name: 'experts.routed', seconds: 6e-3, boundBy: 'compute' },
    { name: 'comm.tp_allreduce', seconds: 1e-3, boundBy: 'communication' },
    { name: 'kernel launches', seconds: 1e-3, boundBy: 'overhead' },
    { name: 'broken', seconds: Number.NaN, boundBy: 'memory' },
    { name: 'empty', seconds: 0, boundBy: 'memory' },
  ];
  const layout = layoutOpsBreakdown(parts);

  it('stacks every part end to end across the plot: the whole step is the full width', () => {
    expect(layout.totalSeconds).toBeCloseTo(10e-3, 15);
    expect(layout.stack.map((s) => s.name)).toEqual([
      'attention.qkv',
      'experts.routed',
      'comm.tp_allreduce',
      'kernel launches',
    ]);
    expect(layout.stack[0]?.x).toBe(layout.frame.margin.left);
    const last = layout.stack.at(-1);
    expect((last?.x ?? 0) + (last?.width ?? 0)).toBeCloseTo(
      layout.frame.width - layout.frame.margin.right,
      1,
    );
    for (let i = 1; i < layout.stack.length; i++) {
      const before = layout.stack[i - 1];
      expect(layout.stack[i]?.x).toBeCloseTo((before?.x ?? 0) + (before?.width ?? 0), 1);
    }
  });

  it('gives each part a row on the same time axis, with its time and share, and says what bounds the step', () => {
    expect(layout.rows).toHaveLength(4);
    const routed = layout.rows[1];
    expect(routed?.width).toBeCloseTo(
      0.6 * (layout.frame.width - layout.frame.margin.left - layout.frame.margin.right),
      1,
    );
    expect(routed?.valueText).toBe('6 ms · 60 %');
    expect(routed?.valueInside).toBe(false);
    expect(layout.summary).toBe('10 ms: memory 20 %, compute 60 %, communication 10 %, overhead 10 %');
    // the step bar, a gap, then one row a part, all in proportion to the text (13 px on a page)
    expect(layout.frame.font).toBe(13);
    expect(layout.frame.height).toBe(
      layout.frame.margin.top + layout.stackHeight + 14 + 4 * layout.rowHeight + layout.frame.margin.bottom,
    );
    expect(layout.rowHeight).toBeGreaterThanOrEqual(13 * 1.3);
    expect(JSON.stringify(layout)).not.toMatch(/NaN|Infinity/);
  });

  it('has nothing to draw for no time at all, without NaN', () => {
    const empty = layoutOpsBreakdown([{ name: 'x', seconds: 0, boundBy: 'memory' }]);
    expect(empty.rows).toEqual([]);
    expect(empty.summary).toBe('no time');
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);
  });
});
