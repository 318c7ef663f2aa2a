// Roofline chart geometry, pure (no DOM): log-log scales, roof polylines, ridge points, shaded regions,
// point positions, joined paths and every label's place. rooflineRender.ts only joins this to an <svg>.
// The layout is in CSS pixels (the renderer sizes the viewBox to the host), so a font size here is the
// size on screen: legible on a phone, large on a projector. Labels are placed with collision avoidance
// (captionPlacement.ts) against markers, lines and each other. Tested in Node
// (tests/unit/charts/rooflineLayout.test.ts) and, for the real text boxes, in Chromium.
import { type ScaleLogarithmic, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { intensity, si } from '../model/units/format.ts';
import { ridgeFlopsPerByte } from '../model/units/roofline.ts';
import {
  type Box,
  type CaptionRequest,
  markerBox,
  placeCaptionsWithLeaders,
  placeFirstFree,
  rotatedTextBoxes,
  segmentBoxes,
  textBox,
} from './captionPlacement.ts';
import {
  drawable,
  FLOPS_LIMITS,
  flopsDomain,
  INTENSITY_LIMITS,
  intensityDomain,
  powerTicks,
  round,
  type Tick,
  usable,
} from './rooflineScales.ts';
import { textWidth } from './textMetrics.ts';

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
  /** Base font size in px (1 viewBox unit = 1 CSS px): tick and label text is drawn at about this size. */
  readonly font: number;
  /** Fixed margins; by default they follow the font and the labels. */
  readonly margin?: Margin;
}

export interface Fonts {
  readonly tick: number;
  readonly label: number;
  readonly caption: number;
  readonly axis: number;
}

/** Below this width the flat roofs' labels go inside the plot instead of a right margin (phones). */
export const COMPACT_WIDTH = 640;

export const defaultSize: LayoutSize = { width: 1100, height: 640, font: 15 };

/** A size for a host `width` px wide: font 12 on phones, 14 on a page, 15 when wide; height ≈ 0.6 × width. */
/** How much larger than at a 15 px label the markers are drawn (linear size; their area grows by its square). */
export function markerGrowth(labelFont: number): number {
  return Math.max(1, labelFont / 15);
}

export function sizeFor(width: number, height?: number, font?: number): LayoutSize {
  const w = Math.max(280, Math.round(width));
  const defaultFont = w < COMPACT_WIDTH ? 12 : w >= 1100 ? 15 : 14;
  return {
    width: w,
    // a phone's chart is nearly square: twelve decades of FLOP/s need the height
    height: Math.round(height ?? (w < COMPACT_WIDTH ? w * 0.95 : Math.min(720, Math.max(300, w * 0.6)))),
    font: font ?? defaultFont,
  };
}

export interface PlacedLabel {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** Degrees, for labels along the memory slope. */
  readonly angle: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

export type Leader = readonly [number, number, number, number];

export interface RidgeMark {
  readonly x: number;
  readonly y: number;
  readonly intensityFlopsPerByte: number;
  readonly label: string;
  /** Where its label goes; null only when it fits nowhere without covering another label. */
  readonly caption: PlacedLabel | null;
  /** a line back to the ridge when its label had to move away */
  readonly leader: Leader | null;
}

export interface RoofGeometry {
  readonly id: string;
  readonly color: ColorKey;
  readonly dashed: boolean;
  /** The stroke's dash pattern: reference roofs each get their own, so lines that coincide differ. */
  readonly dash: string | null;
  /** One path per visible segment: the memory slope and one flat line per compute roof. */
  readonly paths: readonly string[];
  /** The slope's label (along the memory roof, naming the series and its bandwidth). */
  readonly labels: readonly PlacedLabel[];
  /** One label per flat roof: in the right margin, or inside the plot above its line when compact. */
  readonly edgeLabels: readonly EdgeLabel[];
  readonly ridges: readonly RidgeMark[];
}

export interface EdgeLabel {
  readonly text: string;
  /** The roof line's y; the label sits at `y` (moved off the line's height when crowded, with a leader). */
  readonly lineY: number;
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'end';
}

export interface RegionGeometry {
  readonly kind: 'memory-bound' | 'compute-bound';
  /** The roof whose regions these are (one named roofline, whatever else is drawn). */
  readonly roofId: string;
  readonly path: string;
  /** null when the name fits nowhere (the legend names the shaded roof) */
  readonly label: PlacedLabel | null;
}

export interface PlacedPoint {
  readonly point: ChartPoint;
  readonly x: number;
  readonly y: number;
  readonly caption: PlacedLabel | null;
  readonly leader: Leader | null;
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
  /**
   * Its caption; null when it shares its group's caption (drawn with the group's first point, see
   * `captionGroup`) or, on a very crowded chart, when it fits nowhere without covering another label.
   */
  readonly caption: PlacedLabel | null;
  readonly leader: Leader | null;
  /** the shared caption's text when close points of one group are named together ("decode B=1, 16, 64") */
  readonly captionGroup: string | null;
}

export interface RooflineLayout {
  readonly size: LayoutSize & { readonly margin: Margin };
  readonly fonts: Fonts;
  /** Narrow chart: flat-roof labels inside the plot. */
  readonly compact: boolean;
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

/** Dash patterns for dashed (reference) roofs, in order: the B200 first, then other presets. */
const DASHES = ['9 6', '3 4', '14 4 3 4'];

/**
 * Right-margin labels for every flat roof: at their line's height, pushed apart (sorted by height, each at
 * least one line below the previous) and kept inside the plot's vertical range.
 */
export function stackEdgeLabels(
  lineYs: readonly number[],
  top: number,
  bottom: number,
  lineHeight = 17,
): number[] {
  const order = lineYs.map((y, i) => ({ y: y + 5, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) {
    const previous = order[k - 1]!;
    const current = order[k]!;
    current.y = Math.max(current.y, previous.y + lineHeight);
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

interface SeriesLines {
  readonly roof: RoofSeries;
  readonly bandwidth: number | null;
  readonly computes: readonly RoofSeries['computeRoofs'][number][];
  readonly topPeak: number;
  /** the slope from where it enters the plot to the top ridge, or null */
  readonly slope: readonly [readonly [number, number], readonly [number, number]] | null;
  readonly flats: readonly { readonly text: string; readonly y: number; readonly x0: number }[];
  readonly paths: readonly string[];
}

function seriesLines(
  roof: RoofSeries,
  x: ScaleLogarithmic<number, number>,
  y: ScaleLogarithmic<number, number>,
  namePrefix: string,
  short: boolean,
): SeriesLines {
  const [xLo, xHi] = x.domain() as [number, number];
  const [yLo, yHi] = y.domain() as [number, number];
  const bandwidth = drawable(roof.bandwidthBytesPerSecond, BANDWIDTH_LIMITS)
    ? roof.bandwidthBytesPerSecond
    : null;
  const computes = roof.computeRoofs.filter((c) => drawable(c.flopsPerSecond, [yLo, yHi]));
  const topPeak = computes.reduce((max, c) => Math.max(max, c.flopsPerSecond), 0);
  const paths: string[] = [];
  let slope: SeriesLines['slope'] = null;
  if (bandwidth !== null) {
    // The slope starts where it enters the plot (left edge or bottom edge) and ends at the top ridge.
    const start = Math.max(xLo, yLo / bandwidth);
    const end = topPeak > 0 ? Math.min(ridgeFlopsPerByte(topPeak, bandwidth), xHi) : xHi;
    if (end > start) {
      slope = [
        [x(start), y(bandwidth * start)],
        [x(end), y(bandwidth * end)],
      ];
      paths.push(pathOf(slope) ?? '');
    }
  }
  const flats: { text: string; y: number; x0: number }[] = [];
  for (const compute of roof.slopeOnly ? [] : computes) {
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
    flats.push({
      text: `${namePrefix}${short ? compute.label.replace(/ dense$/, '') : compute.label} ${si(compute.flopsPerSecond, 'FLOP/s')}`,
      y: round(py),
      x0: x(from),
    });
  }
  return { roof, bandwidth, computes, topPeak, slope, flats, paths };
}

function regionGeometry(
  roof: RoofSeries,
  x: ScaleLogarithmic<number, number>,
  y: ScaleLogarithmic<number, number>,
): Omit<RegionGeometry, 'label'>[] {
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
  return [
    { kind: 'memory-bound', roofId: roof.id, path: `${pathOf(memory)}Z` },
    { kind: 'compute-bound', roofId: roof.id, path: `${pathOf(compute)}Z` },
  ];
}

/** x of the shaded roof's top ridge (where memory-bound ends). */
function regionRidgeX(roof: RoofSeries, x: ScaleLogarithmic<number, number>): number | null {
  const topPeak = Math.max(
    0,
    ...roof.computeRoofs.map((c) => (usable(c.flopsPerSecond) ? c.flopsPerSecond : 0)),
  );
  return usable(roof.bandwidthBytesPerSecond) && topPeak > 0
    ? x(ridgeFlopsPerByte(topPeak, roof.bandwidthBytesPerSecond))
    : null;
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

/** Spots along a slope for its label: above the line first, then below, nearer the middle first. */
function slopeSpots(
  a: readonly [number, number],
  b: readonly [number, number],
  text: string,
  font: number,
): PlacedLabel[] {
  const angle = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
  const radians = (angle * Math.PI) / 180;
  const spots: PlacedLabel[] = [];
  for (const offset of [-font * 0.75, font * 1.6]) {
    for (const t of [0.5, 0.38, 0.62, 0.27, 0.73, 0.16, 0.84]) {
      // baseline point: on the slope at t, moved across it (sin/cos of the slope angle give the normal)
      spots.push({
        x: round(a[0] + (b[0] - a[0]) * t - Math.sin(radians) * offset),
        y: round(a[1] + (b[1] - a[1]) * t + Math.cos(radians) * offset),
        text,
        angle: round(angle),
        anchor: 'middle',
      });
    }
  }
  return spots;
}

/** Characters of a series name beside the chart (the legend and tooltips carry the whole name). */
const MAX_SERIES_LABEL = 60;

/**
 * Places everything; points with a non-finite, non-positive or off-chart coordinate are left out, and a
 * roof outside the domains draws nothing (never NaN, whatever the data).
 */
export function rooflineLayout(input: RooflineChartData, size: LayoutSize = defaultSize): RooflineLayout {
  // a series label can come from a document (an adapter's name): long ones are cut for the layout
  const data: RooflineChartData = {
    ...input,
    roofs: input.roofs.map((roof) =>
      roof.label.length > MAX_SERIES_LABEL
        ? { ...roof, label: `${roof.label.slice(0, MAX_SERIES_LABEL - 1)}…` }
        : roof,
    ),
  };
  const { width, height, font } = size;
  const compact = width < COMPACT_WIDTH;
  const fonts: Fonts = {
    tick: font,
    label: font,
    caption: Math.max(12, font - 1),
    axis: Math.round(font * 1.1),
  };
  const [xLo, xHi] = intensityDomain(data);
  const [yLo, yHi] = flopsDomain(data, xLo);
  // The roofs with compute lines; with more than one, each flat roof's label names its series.
  const withComputes = data.roofs.filter(
    (r) => !r.slopeOnly && r.computeRoofs.some((c) => usable(c.flopsPerSecond)),
  );
  // (on a phone the colour tells series apart and the legend names them: labels stay short)
  const prefixOf = (roof: RoofSeries): string =>
    withComputes.length > 1 && !compact ? `${roof.label} ` : '';
  // Margins: room for the y tick labels and the axis title; on the right, the flat roofs' labels.
  // compact charts label y ticks "100P" under a "FLOP/s" axis title
  const yTickWidth = textWidth(compact ? '100P' : '100 PFLOP/s', fonts.tick);
  const edgeWidth = Math.max(
    0,
    ...withComputes.flatMap((roof) =>
      roof.computeRoofs
        .filter((c) => usable(c.flopsPerSecond))
        .map((c) => textWidth(`${prefixOf(roof)}${c.label} ${si(c.flopsPerSecond, 'FLOP/s')}`, fonts.label)),
    ),
  );
  const margin: Margin = size.margin ?? {
    top: Math.round(font * 1.2),
    right: compact ? Math.round(font) : Math.round(Math.min(width * 0.3, edgeWidth + 16)),
    bottom: Math.round(fonts.tick + fonts.axis + font * 1.8),
    left: Math.round(yTickWidth + fonts.axis + font * 1.6),
  };
  const x = scaleLog()
    .domain([xLo, xHi])
    .range([margin.left, width - margin.right]);
  const y = scaleLog()
    .domain([yLo, yHi])
    .range([height - margin.bottom, margin.top]);
  const plotBounds: Box = {
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

  // Everything drawn is an obstacle before any label is placed: markers, every roof line, the sweeps.
  const lines = data.roofs.map((roof) => seriesLines(roof, x, y, prefixOf(roof), compact));
  // the markers as drawn: they grow with the text (rooflineRender.ts), so a projector's larger markers
  // keep labels as far off as a page's do
  const grow = markerGrowth(fonts.label);
  const taken: Box[] = [
    ...measured.map((p) => markerBox(p.x, p.y, 8 * grow)),
    ...operating.map((p) => markerBox(p.x, p.y, 10 * grow)),
  ];
  for (const series of lines) {
    if (series.slope) taken.push(...segmentBoxes(series.slope[0], series.slope[1], 3));
    for (const flat of series.flats) taken.push({ x0: flat.x0, y0: flat.y - 3, x1: x(xHi), y1: flat.y + 3 });
  }
  const sweepPoints = new Map<string, { x: number; y: number; i: number }[]>();
  for (const p of measured) {
    if (p.point.pathKey === null) continue;
    const group = sweepPoints.get(p.point.pathKey) ?? [];
    group.push({ x: p.x, y: p.y, i: p.point.intensityFlopsPerByte });
    sweepPoints.set(p.point.pathKey, group);
  }
  for (const group of sweepPoints.values()) {
    const ordered = group.sort((a, b) => a.i - b.i);
    for (let i = 1; i < ordered.length; i++) {
      const a = ordered[i - 1]!;
      const b = ordered[i]!;
      taken.push(...segmentBoxes([a.x, a.y], [b.x, b.y], 2));
    }
  }

  // 1. The shaded regions of one named roof and their names, inside their own region: bottom corners, or
  // up the right edge when the compute-bound region is too narrow for the name (a phone).
  const shaded = data.roofs.find((r) => r.id === data.shadedRoofId);
  const regionShapes = shaded ? regionGeometry(shaded, x, y) : [];
  const ridgeX = shaded && regionShapes.length ? regionRidgeX(shaded, x) : null;
  const bottomY = round(height - margin.bottom - font * 0.7);
  const regions: RegionGeometry[] = [];
  for (const region of regionShapes) {
    const text = compact ? region.kind : `${region.kind} on the ${shaded?.label ?? ''}`.trim();
    const left = region.kind === 'memory-bound';
    const inner: Box = left
      ? { ...plotBounds, x1: Math.min(plotBounds.x1, (ridgeX ?? plotBounds.x1) - 2) }
      : { ...plotBounds, x0: Math.max(plotBounds.x0, (ridgeX ?? plotBounds.x0) + 2) };
    const spots: PlacedLabel[] = [0, 1, 2].map((ring) => ({
      x: round(left ? margin.left + 8 : width - margin.right - 8),
      y: round(bottomY - ring * (font + 6)),
      text,
      angle: 0,
      anchor: left ? 'start' : 'end',
    }));
    if (!left) {
      // read bottom to top along the plot's right edge
      const edgeX = round(width - margin.right - font * 0.5);
      spots.push({ x: edgeX, y: bottomY, text, angle: -90, anchor: 'start' });
    }
    // a region whose name fits nowhere is still shaded; the chart's legend names the roof
    regions.push({ ...region, label: placeFirstFree(spots, fonts.label, inner, taken) });
  }

  // 2. Slope labels, series by series (measured runs come first in data.roofs).
  const slopeLabels = lines.map((series) => {
    if (!series.slope || series.bandwidth === null) return [];
    const text = `${series.roof.label} ${si(series.bandwidth, 'B/s')}`;
    const spots = slopeSpots(series.slope[0], series.slope[1], text, fonts.label);
    const placed = placeFirstFree(spots, fonts.label, plotBounds, taken);
    return placed ? [placed] : [];
  });

  // 3. Flat roofs' labels: stacked in the right margin, or inside the plot above each line when compact.
  const allFlats = lines.flatMap((series) => series.flats);
  const lineHeight = Math.round(fonts.label * 1.2);
  const stacked = stackEdgeLabels(
    allFlats.map((f) => f.y),
    margin.top + fonts.label,
    height - margin.bottom,
    lineHeight,
  );
  let edgeIndex = 0;
  const edgeLabels = lines.map((series) =>
    series.flats
      .map((flat): EdgeLabel | null => {
        const index = edgeIndex++;
        // in the margin when it fits there (a long one without its " dense"), else inside above its line
        const room = margin.right - 14;
        const text =
          textWidth(flat.text, fonts.label) <= room ? flat.text : flat.text.replace(' dense ', ' ');
        if (!compact && textWidth(text, fonts.label) <= room) {
          const labelY = (stacked[index] ?? flat.y + 5) - 5 + fonts.label * 0.35;
          return { text, lineY: flat.y, x: width - margin.right + 10, y: round(labelY), anchor: 'start' };
        }
        const right = width - margin.right - 4;
        const spots: PlacedLabel[] = [0, 1, 2, 3].flatMap((ring) => [
          { x: right, y: round(flat.y - 5 - ring * (lineHeight + 2)), text, angle: 0, anchor: 'end' },
          {
            x: right,
            y: round(flat.y + lineHeight + ring * (lineHeight + 2)),
            text,
            angle: 0,
            anchor: 'end',
          },
        ]);
        const placed = placeFirstFree(spots, fonts.label, plotBounds, taken);
        return placed ? { text, lineY: flat.y, x: placed.x, y: placed.y, anchor: 'end' } : null;
      })
      .filter((edge): edge is EdgeLabel => edge !== null),
  );
  // margin labels are outside the plot, but ridge and point captions must not run into them
  for (const edge of edgeLabels.flat()) taken.push(textBox(edge, fonts.label));

  // 4. Every ridge named: "ridge 1,250 FLOP/B", or with its series and precision when several are shown.
  const ridgeSeries = lines.filter((s) => s.bandwidth !== null && s.computes.length > 0).length;
  const ridges = lines.map((series) => {
    const marks: RidgeMark[] = [];
    if (series.bandwidth === null) return marks;
    for (const compute of series.computes) {
      const ridge = ridgeFlopsPerByte(compute.flopsPerSecond, series.bandwidth);
      if (ridge < xLo || ridge > xHi) continue;
      const rx = round(x(ridge));
      const ry = round(y(compute.flopsPerSecond));
      const parts = [
        (ridgeSeries > 1 && !compact) || series.roof.slopeOnly ? series.roof.label : '',
        series.computes.length > 1 && compute.flopsPerSecond !== series.topPeak
          ? compute.label.replace(/ dense$/, '')
          : '',
      ].filter((part) => part !== '');
      const label = `${parts.length ? `${parts.join(' ')} ` : ''}ridge ${intensity(ridge)}`;
      taken.push(markerBox(rx, ry, 7));
      marks.push({ x: rx, y: ry, intensityFlopsPerByte: ridge, label, caption: null, leader: null });
    }
    return marks;
  });
  const ridgeCenters = ridges.flat().map((mark) => [mark.x, mark.y] as const);
  const allMarkers = [...markers, ...ridgeCenters];
  // Ridges first (the roofs' own story), with a leader when moved away from a crowded ridge.
  const ridgeCaptions = placeCaptionsWithLeaders(
    ridges.flat().map((mark) => ({
      x: mark.x,
      y: mark.y,
      text: mark.label,
      fontSize: fonts.caption,
      corners: [
        'below-right',
        'below-left',
        'above-left',
        'above-right',
        'below',
        'above',
        'left',
        'right',
      ] as const,
      required: true,
      radius: 7,
    })),
    taken,
    plotBounds,
    allMarkers,
  );
  let ridgeIndex = 0;
  const namedRidges = ridges.map((marks) =>
    marks.map((mark) => {
      const placed = ridgeCaptions[ridgeIndex++] ?? null;
      for (const box of placed ? [textBox(placed.label, fonts.caption)] : []) taken.push(box);
      return { ...mark, caption: placed?.label ?? null, leader: placed?.leader ?? null };
    }),
  );

  // 5. Operating points: points of one group that sit close together share one caption ("decode B=1, 16,
  // 64"), placed once beside the group; then the measured points' captions (a leader when moved out).
  const groups = groupCloseOperatingPoints(operating, fonts.caption * 2.4);
  const requests: CaptionRequest[] = [
    ...groups.map((group) => ({
      x: group.x,
      y: group.y,
      text: group.text,
      fontSize: fonts.caption,
      corners: [
        'above-left',
        'below-right',
        'above-right',
        'below-left',
        'left',
        'right',
        'above',
        'below',
      ] as const,
      required: true,
      radius: group.radius,
      own: group.members.map((i) => [operating[i]!.x, operating[i]!.y] as const),
    })),
    ...measured.flatMap((p) =>
      p.point.caption === null
        ? []
        : [
            {
              x: p.x,
              y: p.y,
              text: p.point.caption,
              fontSize: fonts.caption,
              corners: [
                'below-right',
                'above-right',
                'below-left',
                'above-left',
                'right',
                'left',
                'above',
                'below',
              ] as const,
              required: true,
              radius: 8,
            },
          ],
    ),
  ];
  const captions = placeCaptionsWithLeaders(requests, taken, plotBounds, allMarkers);
  const operatingPoints: PlacedOperatingPoint[] = operating.map((p, i) => {
    const g = groups.findIndex((group) => group.members.includes(i));
    const group = groups[g];
    const first = group?.members[0] === i;
    return {
      ...p,
      caption: first ? (captions[g]?.label ?? null) : null,
      leader: first ? (captions[g]?.leader ?? null) : null,
      captionGroup: group && group.members.length > 1 ? group.text : null,
    };
  });
  let next = groups.length;
  const points: PlacedPoint[] = measured.map((p) => {
    if (p.point.caption === null) return { ...p, caption: null, leader: null };
    const placed = captions[next++] ?? null;
    return { ...p, caption: placed?.label ?? null, leader: placed?.leader ?? null };
  });

  let dashIndex = 0;
  const roofs: RoofGeometry[] = lines.map((series, i) => ({
    id: series.roof.id,
    color: series.roof.color,
    dashed: series.roof.dashed,
    dash: series.roof.dashed ? (DASHES[dashIndex++ % DASHES.length] ?? null) : null,
    paths: series.paths,
    labels: slopeLabels[i] ?? [],
    edgeLabels: edgeLabels[i] ?? [],
    ridges: namedRidges[i] ?? [],
  }));
  return {
    size: { ...size, margin },
    fonts,
    compact,
    x,
    y,
    xTicks: thinTicks(powerTicks(x, ''), fonts.tick),
    yTicks: thinTicks(
      compact
        ? powerTicks(y, '').map((t) => ({ ...t, label: t.label.replace(/k$/, 'k') }))
        : powerTicks(y, 'FLOP/s'),
      fonts.tick,
      true,
    ),
    roofs,
    regions,
    points,
    paths: placedPaths(points),
    operatingPoints,
  };
}

interface OperatingGroup {
  readonly members: readonly number[];
  readonly x: number;
  readonly y: number;
  readonly radius: number;
  readonly text: string;
}

/** "decode B=1", "decode B=16" → "decode B=1, 16": the labels' common prefix once, then each rest. */
export function joinLabels(labels: readonly string[]): string {
  if (labels.length < 2) return labels[0] ?? '';
  let prefix = labels[0] ?? '';
  for (const label of labels) while (!label.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // cut back to a word or "=" boundary: "decode B=1" and "decode B=16" share "decode B=", not "decode B=1"
  const cut = Math.max(prefix.lastIndexOf(' '), prefix.lastIndexOf('='));
  prefix = cut >= 0 ? prefix.slice(0, cut + 1) : '';
  return `${prefix}${labels.map((l) => l.slice(prefix.length)).join(', ')}`;
}

/**
 * Consecutive operating points (sorted by intensity) of the same group whose markers sit closer than
 * `distance` px share one caption: four labels cannot fit around four stars 10 px apart on a phone.
 */
function groupCloseOperatingPoints(
  operating: readonly { point: OperatingPoint; x: number; y: number }[],
  distance: number,
): OperatingGroup[] {
  const groups: number[][] = [];
  operating.forEach((p, i) => {
    const current = groups.at(-1);
    const previous = current ? operating[current.at(-1) ?? -1] : undefined;
    // the highlighted point (your B) keeps a caption of its own
    const sameGroup =
      previous &&
      !previous.point.highlight &&
      !p.point.highlight &&
      (previous.point.group ?? '') === (p.point.group ?? '');
    if (current && previous && sameGroup && Math.hypot(p.x - previous.x, p.y - previous.y) < distance)
      current.push(i);
    else groups.push([i]);
  });
  return groups.map((members) => {
    const ps = members.map((i) => operating[i]!);
    // anchored at the group's first point (lowest intensity): the caption reads from there
    const first = ps[0]!;
    return {
      members,
      x: first.x,
      y: first.y,
      radius: 10,
      text: joinLabels(ps.map((p) => p.point.label)),
    };
  });
}

/** Every tick while their labels have room, else every second (then third…), so tick text never collides. */
export function thinTicks(ticks: readonly Tick[], font: number, vertical = false): Tick[] {
  if (ticks.length < 3) return [...ticks];
  const gap = Math.abs((ticks[1]?.position ?? 0) - (ticks[0]?.position ?? 0));
  const need = vertical ? font * 1.4 : Math.max(...ticks.map((t) => textWidth(t.label, font))) + font * 0.8;
  const every = Math.max(1, Math.ceil(need / Math.max(gap, 1e-9)));
  return ticks.filter((_, i) => i % every === 0);
}

/** Text boxes of every label in a layout (tests/unit/charts/labelCollisions.test.ts checks them). */
export function layoutTextBoxes(layout: RooflineLayout): { text: string; boxes: Box[] }[] {
  const out: { text: string; boxes: Box[] }[] = [];
  const add = (label: PlacedLabel | null, size: number) => {
    if (!label) return;
    out.push({
      text: label.text,
      boxes: label.angle === 0 ? [textBox(label, size)] : rotatedTextBoxes(label, size),
    });
  };
  const { fonts } = layout;
  for (const region of layout.regions) add(region.label, fonts.label);
  for (const roof of layout.roofs) {
    for (const label of roof.labels) add(label, fonts.label);
    for (const edge of roof.edgeLabels) add({ ...edge, angle: 0 }, fonts.label);
    for (const ridge of roof.ridges) add(ridge.caption, fonts.caption);
  }
  for (const p of layout.operatingPoints) add(p.caption, fonts.caption);
  for (const p of layout.points) add(p.caption, fonts.caption);
  return out;
}
