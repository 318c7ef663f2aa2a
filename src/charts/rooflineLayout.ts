// Roofline chart geometry, pure (no DOM): log-log scales, roof polylines, ridge points, shaded regions,
// point positions and joined paths. rooflineRender.ts only joins this to an <svg>. Tested in Node
// (tests/unit/charts/rooflineLayout.test.ts).
import { type ScaleLogarithmic, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { ridgeFlopsPerByte } from '../model/roofline.ts';
import { type Box, markerBox, overlaps, placeCaptions, textBox } from './captionPlacement.ts';
import { intensity, si } from './format.ts';
import { flopsDomain, intensityDomain, powerTicks, round, type Tick, usable } from './rooflineScales.ts';

export { flopsDomain, intensityDomain, type Tick } from './rooflineScales.ts';

import type { ChartPoint, ColorKey, OperatingPoint, RooflineChartData, RoofSeries } from './rooflineTypes.ts';

export interface Margin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface LayoutSize {
  readonly width: number;
  readonly height: number;
  readonly margin: Margin;
}

export const defaultSize: LayoutSize = {
  width: 1100,
  height: 640,
  margin: { top: 24, right: 36, bottom: 72, left: 128 },
};

export interface PlacedLabel {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** Degrees, for labels along the memory slope. */
  readonly angle: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

export interface RidgeMark {
  readonly x: number;
  readonly y: number;
  readonly intensityFlopsPerByte: number;
  readonly label: string;
}

export interface RoofGeometry {
  readonly id: string;
  readonly color: ColorKey;
  readonly dashed: boolean;
  /** One path per visible segment: the memory slope and one flat line per compute roof. */
  readonly paths: readonly string[];
  readonly labels: readonly PlacedLabel[];
  readonly ridges: readonly RidgeMark[];
}

export interface RegionGeometry {
  readonly kind: 'memory-bound' | 'compute-bound';
  readonly path: string;
  readonly label: PlacedLabel;
}

export interface PlacedPoint {
  readonly point: ChartPoint;
  readonly x: number;
  readonly y: number;
  readonly caption: PlacedLabel | null;
}

export interface PlacedPath {
  readonly key: string;
  readonly color: ColorKey;
  readonly path: string;
}

export interface PlacedOperatingPoint {
  readonly point: OperatingPoint;
  readonly x: number;
  readonly y: number;
  readonly caption: PlacedLabel;
}

export interface RooflineLayout {
  readonly size: LayoutSize;
  readonly x: ScaleLogarithmic<number, number>;
  readonly y: ScaleLogarithmic<number, number>;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly roofs: readonly RoofGeometry[];
  readonly regions: readonly RegionGeometry[];
  readonly points: readonly PlacedPoint[];
  readonly paths: readonly PlacedPath[];
  readonly operatingPoints: readonly PlacedOperatingPoint[];
}

const pathOf = line<readonly [number, number]>()
  .x((d) => d[0])
  .y((d) => d[1])
  .digits(2);

/**
 * Where along the slope (0 = start, 1 = ridge) to centre its label: the first of a few positions whose
 * stretch of slope has no marker within `clearance` pixels of it (operating points sit on the slope).
 */
export function slopeLabelPosition(
  a: readonly [number, number],
  b: readonly [number, number],
  labelWidth: number,
  markers: readonly (readonly [number, number])[],
  clearance = 24,
): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return 0.5;
  const half = labelWidth / 2 / length;
  for (const t of [0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85]) {
    const clear = markers.every(([mx, my]) => {
      const along = ((mx - a[0]) * dx + (my - a[1]) * dy) / (length * length);
      const across = Math.abs((mx - a[0]) * dy - (my - a[1]) * dx) / length;
      return (
        across > clearance || along < t - half - clearance / length || along > t + half + clearance / length
      );
    });
    if (clear) return t;
  }
  return 0.5;
}

function roofGeometry(
  roof: RoofSeries,
  x: ScaleLogarithmic<number, number>,
  y: ScaleLogarithmic<number, number>,
  markers: readonly (readonly [number, number])[],
): RoofGeometry {
  const [xLo, xHi] = x.domain() as [number, number];
  const [yLo] = y.domain() as [number, number];
  const bandwidth = usable(roof.bandwidthBytesPerSecond) ? roof.bandwidthBytesPerSecond : null;
  const computes = roof.computeRoofs.filter((c) => usable(c.flopsPerSecond));
  const topPeak = computes.reduce((max, c) => Math.max(max, c.flopsPerSecond), 0);
  const paths: string[] = [];
  const labels: PlacedLabel[] = [];
  const ridges: RidgeMark[] = [];
  if (bandwidth !== null) {
    // The slope starts where it enters the plot (left edge or bottom edge) and ends at the top ridge.
    const start = Math.max(xLo, yLo / bandwidth);
    const end = topPeak > 0 ? Math.min(ridgeFlopsPerByte(topPeak, bandwidth), xHi) : xHi;
    if (end > start) {
      const a: [number, number] = [x(start), y(bandwidth * start)];
      const b: [number, number] = [x(end), y(bandwidth * end)];
      paths.push(pathOf([a, b]) ?? '');
      const angle = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
      // Along the slope where no marker sits, nudged above the line (perpendicular to it).
      const radians = (angle * Math.PI) / 180;
      const text = `${roof.label} ${si(bandwidth, 'B/s')}`;
      const t = slopeLabelPosition(a, b, textBox({ x: 0, y: 0, text, anchor: 'start' }, 15).x1, markers);
      labels.push({
        x: round(a[0] + (b[0] - a[0]) * t + Math.sin(radians) * 8),
        y: round(a[1] + (b[1] - a[1]) * t - Math.cos(radians) * 8),
        text,
        angle: round(angle),
        anchor: 'middle',
      });
    }
  }
  for (const compute of computes) {
    const ridge = bandwidth !== null ? ridgeFlopsPerByte(compute.flopsPerSecond, bandwidth) : null;
    const from = ridge !== null ? Math.max(ridge, xLo) : xLo;
    if (from >= xHi) continue;
    const py = y(compute.flopsPerSecond);
    paths.push(
      pathOf([
        [x(from), py],
        [x(xHi), py],
      ]) ?? '',
    );
    // Above the flat roof just right of the ridge marker, else ending at the right edge, else below the
    // line: the first spot that stays inside the plot and covers no marker (prefill sits on this roof).
    const text = `${roof.label} ${compute.label} ${si(compute.flopsPerSecond, 'FLOP/s')}`;
    const spots: PlacedLabel[] = [
      { x: round(x(from) + 12), y: round(py - 8), text, angle: 0, anchor: 'start' },
      { x: round(x(xHi) - 6), y: round(py - 8), text, angle: 0, anchor: 'end' },
      { x: round(x(xHi) - 6), y: round(py + 20), text, angle: 0, anchor: 'end' },
    ];
    const fits = (label: PlacedLabel) => {
      const box = textBox(label, 15);
      return (
        box.x0 >= x(xLo) &&
        box.x1 <= x(xHi) - 2 &&
        markers.every(([mx, my]) => !overlaps(box, markerBox(mx, my, 10)))
      );
    };
    labels.push(spots.find(fits) ?? spots[1]!);
    if (ridge !== null && ridge >= xLo && ridge <= xHi) {
      ridges.push({
        x: round(x(ridge)),
        y: round(py),
        intensityFlopsPerByte: ridge,
        label: `ridge ${intensity(ridge)}`,
      });
    }
  }
  return { id: roof.id, color: roof.color, dashed: roof.dashed, paths, labels, ridges };
}

function regionGeometry(
  roof: RoofSeries,
  x: ScaleLogarithmic<number, number>,
  y: ScaleLogarithmic<number, number>,
): RegionGeometry[] {
  const bandwidth = roof.bandwidthBytesPerSecond;
  const topPeak = roof.computeRoofs.reduce(
    (max, c) => Math.max(max, usable(c.flopsPerSecond) ? c.flopsPerSecond : 0),
    0,
  );
  if (!usable(bandwidth) || topPeak <= 0) return [];
  const [xLo, xHi] = x.domain() as [number, number];
  const [yLo] = y.domain() as [number, number];
  const ridge = ridgeFlopsPerByte(topPeak, bandwidth);
  if (ridge <= xLo || ridge >= xHi) return [];
  const bottom = y(yLo);
  const start = Math.max(xLo, yLo / bandwidth);
  const memory: [number, number][] = [
    [x(start), bottom],
    [x(start), y(bandwidth * start)],
    [x(ridge), y(topPeak)],
    [x(ridge), bottom],
  ];
  const compute: [number, number][] = [
    [x(ridge), bottom],
    [x(ridge), y(topPeak)],
    [x(xHi), y(topPeak)],
    [x(xHi), bottom],
  ];
  // Region names sit in the outer bottom corners, away from the ridge where points gather.
  const labelY = round(bottom - 10);
  return [
    {
      kind: 'memory-bound',
      path: `${pathOf(memory)}Z`,
      label: { x: round(x(start) + 8), y: labelY, text: 'memory-bound', angle: 0, anchor: 'start' },
    },
    {
      kind: 'compute-bound',
      path: `${pathOf(compute)}Z`,
      label: { x: round(x(xHi) - 8), y: labelY, text: 'compute-bound', angle: 0, anchor: 'end' },
    },
  ];
}

function placedPaths(points: readonly PlacedPoint[]): PlacedPath[] {
  const groups = new Map<string, PlacedPoint[]>();
  for (const placed of points) {
    const key = placed.point.pathKey;
    if (key === null) continue;
    const group = groups.get(key) ?? [];
    group.push(placed);
    groups.set(key, group);
  }
  const paths: PlacedPath[] = [];
  for (const [key, group] of groups) {
    const ordered = [...group].sort((a, b) => a.point.intensityFlopsPerByte - b.point.intensityFlopsPerByte);
    const first = ordered[0];
    if (!first) continue;
    paths.push({
      key,
      color: first.point.color,
      path: pathOf(ordered.map((p) => [p.x, p.y] as const)) ?? '',
    });
  }
  return paths;
}

/** The ridge's label sits below-right of its marker: under the flat roof, away from the slope. */
export function ridgeLabel(ridge: RidgeMark): PlacedLabel {
  return { x: ridge.x + 8, y: ridge.y + 22, text: ridge.label, angle: 0, anchor: 'start' };
}

/** Places everything; points with a non-finite or non-positive coordinate are left out (never NaN). */
export function rooflineLayout(data: RooflineChartData, size: LayoutSize = defaultSize): RooflineLayout {
  const { width, height, margin } = size;
  const [xLo, xHi] = intensityDomain(data);
  const [yLo, yHi] = flopsDomain(data, xLo);
  const x = scaleLog()
    .domain([xLo, xHi])
    .range([margin.left, width - margin.right]);
  const y = scaleLog()
    .domain([yLo, yHi])
    .range([height - margin.bottom, margin.top]);
  const plotBounds = {
    x0: margin.left + 2,
    y0: margin.top,
    x1: width - margin.right - 2,
    y1: height - margin.bottom - 2,
  };
  const measured = data.points
    .filter((p) => usable(p.intensityFlopsPerByte) && usable(p.flopsPerSecond))
    .map((point) => ({ point, x: round(x(point.intensityFlopsPerByte)), y: round(y(point.flopsPerSecond)) }));
  const operating = data.operatingPoints
    .filter((p) => usable(p.intensityFlopsPerByte) && usable(p.flopsPerSecond))
    .sort((a, b) => a.intensityFlopsPerByte - b.intensityFlopsPerByte)
    .map((point) => ({ point, x: round(x(point.intensityFlopsPerByte)), y: round(y(point.flopsPerSecond)) }));
  const markers = [...measured, ...operating].map((p) => [p.x, p.y] as const);
  const roofs = data.roofs.map((roof) => roofGeometry(roof, x, y, markers));
  const shaded = data.roofs.find((r) => r.id === data.shadedRoofId);
  const regions = shaded ? regionGeometry(shaded, x, y) : [];
  // Captions avoid every marker and every horizontal label already on the chart.
  const obstacles: Box[] = [
    ...measured.map((p) => markerBox(p.x, p.y)),
    ...operating.map((p) => markerBox(p.x, p.y, 10)),
    ...roofs.flatMap((r) => [
      ...r.labels.filter((l) => l.angle === 0).map((l) => textBox(l, 15)),
      ...r.ridges.map((ridge) => textBox(ridgeLabel(ridge), 14)),
    ]),
    ...regions.map((r) => textBox(r.label, 15)),
  ];
  // Operating points sit on a roof: captions go above-left of the slope first, then below-right.
  const captions = placeCaptions(
    [
      ...operating.map((p) => ({
        x: p.x,
        y: p.y,
        text: p.point.label,
        fontSize: 14,
        corners: ['above-left', 'below-right', 'above-right', 'below-left'] as const,
        required: true,
      })),
      ...measured.flatMap((p) =>
        p.point.caption === null
          ? []
          : [
              {
                x: p.x,
                y: p.y,
                text: p.point.caption,
                fontSize: 13,
                corners: ['below-right', 'above-right', 'below-left', 'above-left'] as const,
                required: false,
              },
            ],
      ),
    ],
    obstacles,
    plotBounds,
  );
  const operatingPoints: PlacedOperatingPoint[] = operating.map((p, i) => ({
    ...p,
    caption: captions[i] ?? { x: p.x, y: p.y - 12, text: p.point.label, angle: 0, anchor: 'middle' },
  }));
  let next = operating.length;
  const points: PlacedPoint[] = measured.map((p) => ({
    ...p,
    caption: p.point.caption === null ? null : (captions[next++] ?? null),
  }));
  return {
    size,
    x,
    y,
    xTicks: powerTicks(x, ''),
    yTicks: powerTicks(y, 'FLOP/s'),
    roofs,
    regions,
    points,
    paths: placedPaths(points),
    operatingPoints,
  };
}
