import { describe, expect, it } from 'vitest';
import { overlaps, textBox } from '../../../src/charts/captionPlacement.ts';
import {
  defaultSize,
  flopsDomain,
  intensityDomain,
  rooflineLayout,
  stackEdgeLabels,
} from '../../../src/charts/rooflineLayout.ts';
import type { ChartPoint, RooflineChartData, RoofSeries } from '../../../src/charts/rooflineTypes.ts';

const b200: RoofSeries = {
  id: 'ref',
  label: 'B200',
  color: 'series-reference',
  bandwidthBytesPerSecond: 8e12,
  computeRoofs: [{ dtype: 'fp4', label: 'FP4 dense', flopsPerSecond: 10e15 }],
  dashed: true,
};

const local: RoofSeries = {
  id: 'local',
  label: 'This GPU',
  color: 'series-local',
  bandwidthBytesPerSecond: 10e9,
  computeRoofs: [{ dtype: 'f32', label: 'f32 FMA', flopsPerSecond: 40e9 }],
  dashed: false,
};

function point(
  id: string,
  intensityFlopsPerByte: number,
  flopsPerSecond: number,
  pathKey: string | null = null,
): ChartPoint {
  return {
    id,
    seriesId: 'local',
    color: 'series-local',
    label: id,
    intensityFlopsPerByte,
    flopsPerSecond,
    shape: 'circle',
    pathKey,
    caption: pathKey ? `B=${id}` : null,
    tooltip: [],
  };
}

const empty: RooflineChartData = { roofs: [], points: [], operatingPoints: [], shadedRoofId: null };

describe('rooflineLayout(data, size)', () => {
  it('an empty chart still spans 1/16 … 1k FLOP/B and 1 GFLOP/s … 10 PFLOP/s', () => {
    expect(intensityDomain(empty)).toEqual([0.01, 10000]);
    expect(flopsDomain(empty, 0.01)).toEqual([1e9, 1e16]);
  });

  it('puts the B200 ridge at 10 PFLOP/s ÷ 8 TB/s = 1,250 FLOP/B on the flat roof', () => {
    const layout = rooflineLayout({ ...empty, roofs: [b200], shadedRoofId: 'ref' });
    const roof = layout.roofs[0]!;
    expect(roof.ridges).toHaveLength(1);
    const ridge = roof.ridges[0]!;
    expect(ridge.intensityFlopsPerByte).toBeCloseTo(1250, 9);
    expect(ridge.label).toBe('ridge 1,250 FLOP/B');
    expect(ridge.x).toBeCloseTo(layout.x(1250), 1);
    expect(ridge.y).toBeCloseTo(layout.y(10e15), 1);
    // slope + one flat roof, labelled with the rates
    expect(roof.paths).toHaveLength(2);
    expect(roof.labels.map((l) => l.text)).toEqual(['B200 8 TB/s']);
    // the flat roof's label sits in the right margin at the roof's height
    expect(roof.edgeLabels.map((l) => l.text)).toEqual(['FP4 dense 10 PFLOP/s']);
    expect(roof.edgeLabels[0]!.lineY).toBeCloseTo(layout.y(10e15), 1);
    expect(Math.abs(roof.edgeLabels[0]!.y - layout.fonts.label * 0.35 - layout.y(10e15))).toBeLessThan(1);
    expect(roof.edgeLabels[0]!.x).toBeGreaterThan(defaultSize.width - layout.size.margin.right);
    // the slope rises to the right (SVG y grows downwards)
    expect(roof.labels[0]!.angle).toBeLessThan(0);
  });

  it('the slope starts where the memory roof enters the plot and ends at the ridge', () => {
    const layout = rooflineLayout({ ...empty, roofs: [b200] });
    const slope = layout.roofs[0]!.paths[0]!;
    const numbers = slope.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const [x0, y0, x1, y1] = numbers as [number, number, number, number];
    const [xLo] = layout.x.domain() as [number, number];
    const [yLo] = layout.y.domain() as [number, number];
    const start = Math.max(xLo, yLo / 8e12);
    expect(x0).toBeCloseTo(layout.x(start), 1);
    expect(y0).toBeCloseTo(layout.y(8e12 * start), 1);
    expect(x1).toBeCloseTo(layout.x(1250), 1);
    expect(y1).toBeCloseTo(layout.y(10e15), 1);
  });

  it('shades memory-bound left of the shaded roof ridge and compute-bound right of it', () => {
    const layout = rooflineLayout({ ...empty, roofs: [b200, local], shadedRoofId: 'local' });
    expect(layout.regions.map((r) => r.kind)).toEqual(['memory-bound', 'compute-bound']);
    const ridgeX = layout.x(4); // 40 GFLOP/s ÷ 10 GB/s
    const memory = layout.regions[0]!;
    const xs = memory.path.match(/[ML]\s*(-?[\d.]+)/g)!.map((m) => Number(m.slice(1)));
    expect(Math.max(...xs)).toBeCloseTo(ridgeX, 1);
    expect(layout.regions[1]!.label!.x).toBeGreaterThan(ridgeX);
  });

  it('places points by intensity and rate, joins a path in order of intensity and drops non-finite points', () => {
    const data: RooflineChartData = {
      ...empty,
      roofs: [local],
      points: [
        point('8', 4, 2e10, 'sweep'),
        point('1', 0.5, 3e9, 'sweep'),
        point('64', 100, 3e10, 'sweep'),
        point('bad', Number.NaN, 1e9),
        point('zero', 1, 0),
      ],
    };
    const layout = rooflineLayout(data);
    expect(layout.points.map((p) => p.point.id)).toEqual(['8', '1', '64']);
    const p8 = layout.points[0]!;
    expect(p8.x).toBeCloseTo(layout.x(4), 1);
    expect(p8.y).toBeCloseTo(layout.y(2e10), 1);
    expect(layout.paths).toHaveLength(1);
    expect(layout.points.map((p) => p.caption?.text ?? null)).toEqual(['B=8', 'B=1', 'B=64']);
    // the path runs B=1 → B=8 → B=64 (ascending intensity)
    expect(layout.paths[0]!.path.startsWith(`M${layout.points[1]!.x},${layout.points[1]!.y}`)).toBe(true);
    expect(layout.paths[0]!.path).not.toMatch(/NaN/);
    expect(JSON.stringify(layout.roofs)).not.toMatch(/NaN|Infinity/);
  });

  it('the slope label moves along the slope away from operating points sitting on it', () => {
    const onSlope = (i: number) => ({
      id: `op${i}`,
      label: `decode ${i}`,
      intensityFlopsPerByte: i,
      flopsPerSecond: 8e12 * i,
      tooltip: [],
    });
    const layout = rooflineLayout({ ...empty, roofs: [b200], operatingPoints: [1, 2, 4].map(onSlope) });
    const label = layout.roofs[0]!.labels[0]!;
    expect(label.text).toBe('B200 8 TB/s');
    for (const op of layout.operatingPoints) expect(Math.abs(op.x - label.x)).toBeGreaterThan(40);
    // captions of operating points are always placed
    expect(layout.operatingPoints.map((p) => p.caption?.text)).toEqual(['decode 1', 'decode 2', 'decode 4']);
  });

  it('with several reference roofs the right-margin labels stack without overlapping, nearest their lines', () => {
    const b200All: RoofSeries = {
      ...b200,
      computeRoofs: [
        { dtype: 'fp4', label: 'FP4 dense', flopsPerSecond: 10e15 },
        { dtype: 'fp8', label: 'FP8 dense', flopsPerSecond: 5e15 },
        { dtype: 'bf16', label: 'BF16 dense', flopsPerSecond: 2.5e15 },
      ],
    };
    const h100: RoofSeries = {
      id: 'h100',
      label: 'NVIDIA H100 SXM5 80GB',
      color: 'series-preset',
      bandwidthBytesPerSecond: 3.35e12,
      computeRoofs: [
        { dtype: 'fp8', label: 'FP8 dense', flopsPerSecond: 1978.9e12 },
        { dtype: 'bf16', label: 'BF16 dense', flopsPerSecond: 989.4e12 },
      ],
      dashed: true,
    };
    const layout = rooflineLayout({ ...empty, roofs: [local, b200All, h100], shadedRoofId: 'local' });
    const edges = layout.roofs.flatMap((r) => r.edgeLabels);
    expect(edges).toHaveLength(6);
    // labels in the margin are stacked a line apart (one too long for the margin sits inside the plot)
    const ys = edges
      .filter((e) => e.anchor === 'start')
      .map((e) => e.y)
      .sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++)
      expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(layout.fonts.label);
    // top to bottom in the order of the roofs' rates
    // with several series each label names its series (B200 FP32 and an RTX 4090's FP32 are 10 % apart);
    // the margin holds those that fit, top to bottom in the order of the roofs' rates, and a name too long
    // for it goes inside the plot above its line, without "dense"
    const byY = [...edges]
      .filter((e) => e.anchor === 'start')
      .sort((a, b) => a.y - b.y)
      .map((e) => e.text);
    expect(byY).toEqual([
      'B200 FP4 dense 10 PFLOP/s',
      'B200 FP8 dense 5 PFLOP/s',
      'B200 BF16 dense 2.5 PFLOP/s',
      'This GPU f32 FMA 40 GFLOP/s',
    ]);
    expect(edges.filter((e) => e.anchor === 'end').map((e) => e.text)).toEqual([
      'NVIDIA H100 SXM5 80GB FP8 1.98 PFLOP/s',
      'NVIDIA H100 SXM5 80GB BF16 989.4 TFLOP/s',
    ]);
    // ridge names never overlap each other; the measured and the B200 ridges are named
    const ridgeBoxes = layout.roofs.flatMap((r) =>
      r.ridges.flatMap((ridge) => (ridge.caption ? [textBox(ridge.caption, layout.fonts.caption)] : [])),
    );
    for (let i = 0; i < ridgeBoxes.length; i++) {
      for (let j = i + 1; j < ridgeBoxes.length; j++)
        expect(overlaps(ridgeBoxes[i]!, ridgeBoxes[j]!)).toBe(false);
    }
    // the measured and the B200's ridges are named, with their series and (below the top roof) precision
    const named = layout.roofs.map((r) => r.ridges.filter((ridge) => ridge.caption !== null).length);
    expect(named[0]).toBe(1);
    expect(named[1]).toBeGreaterThanOrEqual(2);
    expect(layout.roofs[1]!.ridges.map((r) => r.label)).toEqual([
      'B200 ridge 1,250 FLOP/B',
      'B200 FP8 ridge 625 FLOP/B',
      'B200 BF16 ridge 312.5 FLOP/B',
    ]);
    // reference roofs get different dash patterns: lines that coincide are told apart
    expect(layout.roofs[1]!.dash).not.toBe(layout.roofs[2]!.dash);
    expect(layout.roofs[0]!.dash).toBeNull();
  });

  it('stackEdgeLabels keeps labels at their lines when there is room and pushes crowded ones apart', () => {
    expect(stackEdgeLabels([100, 300], 0, 600)).toEqual([105, 305]);
    expect(stackEdgeLabels([100, 105, 102], 0, 600)).toEqual([105, 139, 122]);
    // at the bottom the stack moves up
    expect(stackEdgeLabels([595, 596], 0, 600)).toEqual([583, 600]);
  });

  it('the domain covers every point and ridge with room to spare', () => {
    const data: RooflineChartData = { ...empty, roofs: [b200, local], points: [point('a', 50000, 5e8)] };
    const [xLo, xHi] = intensityDomain(data);
    expect(xLo).toBeLessThanOrEqual(0.0625 / 2);
    expect(xHi).toBeGreaterThanOrEqual(100000);
    const [yLo, yHi] = flopsDomain(data, xLo);
    expect(yLo).toBeLessThanOrEqual(5e8);
    expect(yHi).toBeGreaterThanOrEqual(3e16);
    expect(yHi / yLo).toBeLessThanOrEqual(1e12);
  });

  it('x ticks are powers of ten labelled compactly, inside the plot', () => {
    const layout = rooflineLayout({ ...empty, roofs: [b200] });
    expect(layout.xTicks.map((t) => t.label)).toEqual(['0.01', '0.1', '1', '10', '100', '1k', '10k']);
    for (const tick of [...layout.xTicks, ...layout.yTicks]) {
      expect(Number.isFinite(tick.position)).toBe(true);
    }
    expect(layout.xTicks[0]!.position).toBe(layout.size.margin.left);
    expect(layout.yTicks.at(-1)!.label).toBe('100 PFLOP/s');
  });
});
