// A modelled curve over a log2 x axis, optionally a second one drawn dashed beside it (the blog's napkin
// beside ridgeline's model), and observed points: TTFT against concurrency, max users against context.
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { compactNumber } from '../../model/units/format.ts';
import {
  type ChartFrame,
  defaultFrame,
  isPlottable,
  plotHeight,
  plotWidth,
  px,
  type Tick,
  thinTicks,
} from './frame.ts';

export interface XYPoint {
  readonly x: number;
  readonly y: number;
}

export interface ObservedXYPoint extends XYPoint {
  readonly seriesId: string;
  readonly label: string;
}

export interface LineChartInput {
  readonly curve: readonly XYPoint[];
  /** a second curve on the same axes (the napkin beside the model); omitted or empty = none */
  readonly secondary?: readonly XYPoint[];
  readonly observed: readonly ObservedXYPoint[];
  /** optional vertical marker (the chosen concurrency) */
  readonly markerX: number | null;
  /** tick text for x (default: the number itself) */
  readonly xTickFormat?: (value: number) => string;
  /** a log y axis (values spanning decades, e.g. max users from 1K to 256K of context) */
  readonly logY?: boolean;
}

export interface LineLayout {
  readonly frame: ChartFrame;
  readonly path: string;
  readonly secondaryPath: string;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly observed: readonly (ObservedXYPoint & { readonly px: number; readonly py: number })[];
  readonly markerX: number | null;
}

export function layoutLine(input: LineChartInput, frame: ChartFrame = defaultFrame): LineLayout {
  const { left, top } = frame.margin;
  // 0 is drawable on the linear axes; anything else must be a plottable (finite, bounded) value
  const drawable = (points: readonly XYPoint[]) =>
    points.filter((p) => isPlottable(p.x) && (p.y === 0 || isPlottable(p.y)));
  const curve = drawable(input.curve);
  const secondary = drawable(input.secondary ?? []);
  const observed = input.observed.filter((p) => isPlottable(p.x) && isPlottable(p.y));
  const xs = [...curve.map((p) => p.x), ...secondary.map((p) => p.x), ...observed.map((p) => p.x)];
  const ys = [...curve.map((p) => p.y), ...secondary.map((p) => p.y), ...observed.map((p) => p.y)];
  const x = scaleLog()
    .base(2)
    .domain([Math.min(1, ...xs), Math.max(2, ...xs)])
    .range([left, left + plotWidth(frame)])
    .clamp(true);
  const positive = ys.filter((v) => v > 0);
  const y = input.logY
    ? scaleLog()
        .domain([
          Math.max(1e-9, (positive.length ? Math.min(...positive) : 1) * 0.8),
          Math.max(1, ...positive) * 1.25,
        ])
        .range([top + plotHeight(frame), top])
        .clamp(true)
    : scaleLinear()
        .domain([0, Math.max(1e-9, ...ys) * 1.1])
        .nice()
        .range([top + plotHeight(frame), top]);
  const yTickValues = input.logY ? y.ticks(6).filter((v) => /^[125]/.test(v.toExponential())) : y.ticks(5);
  const path = line<XYPoint>()
    .x((p) => px(x(p.x)))
    .y((p) => px(y(p.y)));
  const [x0, x1] = x.domain() as [number, number];
  const xTicks: Tick[] = [];
  const tickText = input.xTickFormat ?? String;
  for (let v = 1; v <= x1; v *= 2) if (v >= x0) xTicks.push({ value: v, at: px(x(v)), label: tickText(v) });
  return {
    frame,
    path: curve.length > 1 ? (path(curve) ?? '') : '',
    secondaryPath: secondary.length > 1 ? (path(secondary) ?? '') : '',
    xTicks: thinTicks(xTicks, frame.font ?? 11),
    yTicks: yTickValues.map((v) => ({ value: v, at: px(y(v)), label: compactNumber(v) })),
    observed: observed.map((p) => ({ ...p, px: px(x(p.x)), py: px(y(p.y)) })),
    markerX: isPlottable(input.markerX) ? px(x(input.markerX)) : null,
  };
}
