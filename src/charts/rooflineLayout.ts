// Roofline chart geometry, pure (no DOM): log-log scales, roof polylines, ridge points, shaded regions,
// point positions and joined paths. rooflineRender.ts only joins this to an <svg>. Tested in Node
// (tests/unit/charts/rooflineLayout.test.ts).
import { type ScaleLogarithmic, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { ridgeFlopsPerByte } from '../model/roofline.ts';
import { type Box, markerBox, overlaps, placeCaptions, textBox } from './captionPlacement.ts';
import { intensity, si } from './format.ts';
import {
  drawable,
  FLOPS_LIMITS,
  flopsDomain,
  INTENSITY_LIMITS,
  intensityDomain,
  powerTicks,
  round,
  type Tick,
} from './rooflineScales.ts';

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
  // The right margin holds the flat roofs' labels ("FP4 dense 10 PFLOP/s").
  margin: { top: 24, right: 190, bottom: 72, left: 128 },
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
  /** Where its label goes; null when crowded out (only a series' top roof labels its ridge). */
  readonly caption: PlacedLabel | null;
}

export interface RoofGeometry {
  readonly id: string;
  readonly color: ColorKey;
  readonly dashed: boolean;
  /** One path per visible segment: the memory slope and one flat line per compute roof. */
  readonly paths: readonly string[];
  /** The slope's label (along the memory roof, naming the series and its bandwidth). */
  readonly labels: readonly PlacedLabel[];
  /** One label per flat roof in the right margin ("FP4 dense 10 PFLOP/s"), stacked so none overlap. */
  readonly edgeLabels: readonly EdgeLabel[];
  readonly ridges: readonly RidgeMark[];
}

export interface EdgeLabel {
  readonly text: string;
  /** The roof line's y; the label sits at `y` (moved off the line's height when crowded, with a leader). */
  readonly lineY: number;
  readonly x: number;
  readonly y: number;
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

/** A memory roof the chart can draw: y = bandwidth × x stays inside FLOPS_LIMITS somewhere on the x range. */
const BANDWIDTH_LIMITS: readonly [number, number] = [
  FLOPS_LIMITS[0] / INTENSITY_LIMITS[1],
  FLOPS_LIMITS[1] / INTENSITY_LIMITS[0],
];

const pathOf = line<readonly [number, number]>()
  .x((d) => d[0])
  .y((d) => d[1])
  .digits(2);

export interface SlopeLabelSpot {
  /** Along the slope: 0 = where it enters the plot, 1 = the ridge. */
  readonly t: number;
  /** Baseline offset across the line, pixels: negative = above the line, positive = below. */
  readonly offset: number;
}

/**
 * Where to put a slope's label: the first of a few spots along the slope, above the line and then below
 * it, whose text box (rotated with the slope) holds none of `obstacles` (markers, earlier slope labels);
 * when every spot holds some, the one holding the fewest.
 */
export function slopeLabelPosition(
  a: readonly [number, number],
  b: readonly [number, number],
  labelWidth: number,
  obstacles: readonly (readonly [number, number])[],
): SlopeLabelSpot {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return { t: 0.5, offset: -8 };
  const [ux, uy] = [dx / length, dy / length];
  // The normal pointing "up" on screen (y grows downwards), so a negative offset is above the line.
  const [nx, ny] = [uy, -ux];
  let best: SlopeLabelSpot = { t: 0.5, offset: -8 };
  let bestHits = Number.POSITIVE_INFINITY;
  for (const offset of [-8, 20]) {
    for (const t of [0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85]) {
      // Centre of the text box: the baseline point moved 5 px towards the glyphs' middle.
      const cx = a[0] + dx * t - nx * (offset - 5);
      const cy = a[1] + dy * t - ny * (offset - 5);
      const hits = obstacles.filter(([px, py]) => {
        const along = (px - cx) * ux + (py - cy) * uy;
        const across = (px - cx) * nx + (py - cy) * ny;
        return Math.abs(along) <= labelWidth / 2 + 8 && Math.abs(across) <= 14;
      }).length;
      if (hits === 0) return { t, offset };
      if (hits < bestHits) {
        bestHits = hits;
        best = { t, offset };
      }
    }
  }
  return best;
}

/** The first spot whose box is inside the plot and free of everything in `taken` (which it then joins). */
function firstFree(
  spots: readonly PlacedLabel[],
  fontSize: number,
  bounds: Box,
  taken: Box[],
): PlacedLabel | null {
  for (const spot of spots) {
    const box = textBox(spot, fontSize);
    const inside = box.x0 >= bounds.x0 && box.x1 <= bounds.x1 && box.y0 >= bounds.y0 && box.y1 <= bounds.y1;
    if (inside && !taken.some((other) => overlaps(box, other))) {
      taken.push(box);
      return spot;
    }
  }
  return null;
}

/**
 * Geometry of one roof series. Horizontal labels (flat roofs, ridges) are placed against `taken`, the
 * boxes of markers and of labels placed for earlier series, and add their own boxes to it.
 */
function roofGeometry(
  roof: RoofSeries,
  x: ScaleLogarithmic<number, number>,
  y: ScaleLogarithmic<number, number>,
  markers: readonly (readonly [number, number])[],
  taken: Box[],
  bounds: Box,
  slopeLabelPoints: [number, number][],
  lineBoxes: Box[],
): Omit<RoofGeometry, 'edgeLabels'> & { edges: { text: string; lineY: number }[] } {
  const [xLo, xHi] = x.domain() as [number, number];
  const [yLo, yHi] = y.domain() as [number, number];
  const bandwidth = drawable(roof.bandwidthBytesPerSecond, BANDWIDTH_LIMITS)
    ? roof.bandwidthBytesPerSecond
    : null;
  const computes = roof.computeRoofs.filter((c) => drawable(c.flopsPerSecond, [yLo, yHi]));
  const topPeak = computes.reduce((max, c) => Math.max(max, c.flopsPerSecond), 0);
  const paths: string[] = [];
  const labels: PlacedLabel[] = [];
  const edges: { text: string; lineY: number }[] = [];
  const ridges: RidgeMark[] = [];
  if (bandwidth !== null) {
    // The slope starts where it enters the plot (left edge or bottom edge) and ends at the top ridge.
    const start = Math.max(xLo, yLo / bandwidth);
    const end = topPeak > 0 ? Math.min(ridgeFlopsPerByte(topPeak, bandwidth), xHi) : xHi;
    if (end > start) {
      const a: [number, number] = [x(start), y(bandwidth * start)];
      const b: [number, number] = [x(end), y(bandwidth * end)];
      paths.push(pathOf([a, b]) ?? '');
      // The slope as a chain of small boxes, so captions keep off the line itself.
      const steps = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / 10));
      for (let i = 0; i <= steps; i++) {
        lineBoxes.push(markerBox(a[0] + ((b[0] - a[0]) * i) / steps, a[1] + ((b[1] - a[1]) * i) / steps, 3));
      }
      const angle = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
      // Along the slope where no marker or earlier slope label sits, above the line or else below it.
      const radians = (angle * Math.PI) / 180;
      // a series label comes from a document (an adapter's name): long ones are cut for the layout
      const text = `${roof.label.length > 60 ? `${roof.label.slice(0, 59)}…` : roof.label} ${si(bandwidth, 'B/s')}`;
      const width = textBox({ x: 0, y: 0, text, anchor: 'start' }, 15).x1;
      const spot = slopeLabelPosition(a, b, width, [...markers, ...slopeLabelPoints]);
      // Baseline point: on the slope at t, moved across it (sin/cos of the slope angle give the normal).
      const cx = a[0] + (b[0] - a[0]) * spot.t - Math.sin(radians) * spot.offset;
      const cy = a[1] + (b[1] - a[1]) * spot.t + Math.cos(radians) * spot.offset;
      labels.push({ x: round(cx), y: round(cy), text, angle: round(angle), anchor: 'middle' });
      // Later series keep their slope labels off this one (parallel slopes run close together).
      for (let d = -width / 2; d <= width / 2; d += 12) {
        slopeLabelPoints.push([cx + Math.cos(radians) * d, cy + Math.sin(radians) * d]);
      }
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
    lineBoxes.push({ x0: x(from), y0: py - 3, x1: x(xHi), y1: py + 3 });
    edges.push({ text: `${compute.label} ${si(compute.flopsPerSecond, 'FLOP/s')}`, lineY: round(py) });
    if (ridge !== null && ridge >= xLo && ridge <= xHi) {
      const rx = round(x(ridge));
      const ry = round(py);
      const label = `ridge ${intensity(ridge)}`;
      // Only the series' top roof names its ridge; lower precisions get the marker alone.
      const caption =
        compute.flopsPerSecond === topPeak
          ? firstFree(
              [
                { x: rx + 8, y: ry + 22, text: label, angle: 0, anchor: 'start' },
                { x: rx - 8, y: ry + 22, text: label, angle: 0, anchor: 'end' },
                { x: rx + 8, y: ry + 40, text: label, angle: 0, anchor: 'start' },
              ],
              14,
              bounds,
              taken,
            )
          : null;
      ridges.push({ x: rx, y: ry, intensityFlopsPerByte: ridge, label, caption });
    }
  }
  return { id: roof.id, color: roof.color, dashed: roof.dashed, paths, labels, edges, ridges };
}

function regionGeometry(
  roof: RoofSeries,
  x: ScaleLogarithmic<number, number>,
  y: ScaleLogarithmic<number, number>,
): RegionGeometry[] {
  const bandwidth = roof.bandwidthBytesPerSecond;
  const [xLo, xHi] = x.domain() as [number, number];
  const [yLo, yHi] = y.domain() as [number, number];
  const topPeak = roof.computeRoofs.reduce(
    (max, c) => Math.max(max, drawable(c.flopsPerSecond, [yLo, yHi]) ? c.flopsPerSecond : 0),
    0,
  );
  if (!drawable(bandwidth, BANDWIDTH_LIMITS) || topPeak <= 0) return [];
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

/** Line height of the right-margin roof labels (font 14). */
const EDGE_LINE = 17;

/**
 * Right-margin labels for every flat roof: at their line's height, pushed apart (sorted by height, each at
 * least one line below the previous) and kept inside the plot's vertical range.
 */
export function stackEdgeLabels(lineYs: readonly number[], top: number, bottom: number): number[] {
  const order = lineYs.map((y, i) => ({ y: y + 5, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) {
    const previous = order[k - 1]!;
    const current = order[k]!;
    current.y = Math.max(current.y, previous.y + EDGE_LINE);
  }
  // Overflow at the bottom: shift the stack up, never above the top.
  const last = order.at(-1);
  if (last && last.y > bottom) {
    const shift = last.y - bottom;
    for (const item of order) item.y = Math.max(top, item.y - shift);
  }
  const result = new Array<number>(lineYs.length).fill(0);
  for (const item of order) result[item.i] = round(item.y);
  return result;
}

/**
 * Places everything; points with a non-finite, non-positive or off-chart coordinate are left out, and a
 * roof outside the domains draws nothing (never NaN, whatever the data).
 */
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
  // only what lies inside the domains is placed (a value past the chart's limits is left off, not NaN)
  const inside = (p: { intensityFlopsPerByte: number; flopsPerSecond: number }) =>
    drawable(p.intensityFlopsPerByte, [xLo, xHi]) && drawable(p.flopsPerSecond, [yLo, yHi]);
  const measured = data.points
    .filter(inside)
    .map((point) => ({ point, x: round(x(point.intensityFlopsPerByte)), y: round(y(point.flopsPerSecond)) }));
  const operating = data.operatingPoints
    .filter(inside)
    .sort((a, b) => a.intensityFlopsPerByte - b.intensityFlopsPerByte)
    .map((point) => ({ point, x: round(x(point.intensityFlopsPerByte)), y: round(y(point.flopsPerSecond)) }));
  const markers = [...measured, ...operating].map((p) => [p.x, p.y] as const);
  const shaded = data.roofs.find((r) => r.id === data.shadedRoofId);
  const regions = shaded ? regionGeometry(shaded, x, y) : [];
  // Horizontal labels and captions avoid every marker and every label placed before them: region names,
  // then roof and ridge labels series by series (measured runs come first in data.roofs), then captions.
  const obstacles: Box[] = [
    ...measured.map((p) => markerBox(p.x, p.y)),
    ...operating.map((p) => markerBox(p.x, p.y, 10)),
    ...regions.map((r) => textBox(r.label, 15)),
  ];
  const slopeLabelPoints: [number, number][] = [];
  const lineBoxes: Box[] = [];
  const raw = data.roofs.map((roof) =>
    roofGeometry(roof, x, y, markers, obstacles, plotBounds, slopeLabelPoints, lineBoxes),
  );
  // Captions placed below also keep off the slope labels (sampled along their length).
  for (const [px, py] of slopeLabelPoints) obstacles.push(markerBox(px, py - 5, 8));
  obstacles.push(...lineBoxes);
  const edgeX = width - margin.right + 10;
  const stacked = stackEdgeLabels(
    raw.flatMap((r) => r.edges.map((e) => e.lineY)),
    margin.top + 12,
    height - margin.bottom,
  );
  let edgeIndex = 0;
  const roofs: RoofGeometry[] = raw.map(({ edges, ...roof }) => ({
    ...roof,
    edgeLabels: edges.map((e) => ({ ...e, x: edgeX, y: stacked[edgeIndex++] ?? e.lineY })),
  }));
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
