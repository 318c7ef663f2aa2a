// A single modelled curve over a log2 x axis with observed points beside it: TTFT against concurrency.
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { compactNumber } from './format.ts';
import { type ChartFrame, defaultFrame, isPlottable, plotHeight, plotWidth, px, type Tick } from './frame.ts';

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
  readonly observed: readonly ObservedXYPoint[];
  /** optional vertical marker (the chosen concurrency) */
  readonly markerX: number | null;
}

export interface LineLayout {
  readonly frame: ChartFrame;
  readonly path: string;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly observed: readonly (ObservedXYPoint & { readonly px: number; readonly py: number })[];
  readonly markerX: number | null;
}

export function layoutLine(input: LineChartInput, frame: ChartFrame = defaultFrame): LineLayout {
  const { left, top } = frame.margin;
  const curve = input.curve.filter((p) => isPlottable(p.x) && Number.isFinite(p.y) && p.y >= 0);
  const observed = input.observed.filter((p) => isPlottable(p.x) && isPlottable(p.y));
  const xs = [...curve.map((p) => p.x), ...observed.map((p) => p.x)];
  const ys = [...curve.map((p) => p.y), ...observed.map((p) => p.y)];
  const x = scaleLog()
    .base(2)
    .domain([Math.min(1, ...xs), Math.max(2, ...xs)])
    .range([left, left + plotWidth(frame)])
    .clamp(true);
  const y = scaleLinear()
    .domain([0, Math.max(1e-9, ...ys) * 1.1])
    .nice()
    .range([top + plotHeight(frame), top]);
  const path = line<XYPoint>()
    .x((p) => px(x(p.x)))
    .y((p) => px(y(p.y)));
  const [x0, x1] = x.domain() as [number, number];
  const xTicks: Tick[] = [];
  for (let v = 1; v <= x1; v *= 2) if (v >= x0) xTicks.push({ value: v, at: px(x(v)), label: String(v) });
  return {
    frame,
    path: curve.length > 1 ? (path(curve) ?? '') : '',
    xTicks,
    yTicks: y.ticks(5).map((v) => ({ value: v, at: px(y(v)), label: compactNumber(v) })),
    observed: observed.map((p) => ({ ...p, px: px(x(p.x)), py: px(y(p.y)) })),
    markerX: isPlottable(input.markerX) ? px(x(input.markerX)) : null,
  };
}
