// Vertical stacked bars with optional horizontal reference lines: the fleet against the traffic tiers
// (self-hosted share and API spill-over) and the monthly bill against all-API use this one layout.
import { scaleBand, scaleLinear } from 'd3-scale';
import { compactNumber } from '../../model/units/format.ts';
import {
  barValue,
  type ChartFrame,
  defaultFrame,
  isPlottable,
  plotHeight,
  plotWidth,
  px,
  type Tick,
} from './frame.ts';

export interface BarSegment {
  /** stable key: also the CSS class of the segment */
  readonly key: string;
  readonly label: string;
  readonly value: number;
}

export interface StackedBar {
  readonly id: string;
  readonly label: string;
  readonly segments: readonly BarSegment[];
}

export interface ReferenceLine {
  readonly key: string;
  /** drawn at the line's right end; empty = the legend names the line instead */
  readonly label: string;
  readonly value: number;
}

export interface StackedBarsInput {
  readonly bars: readonly StackedBar[];
  readonly references: readonly ReferenceLine[];
  readonly formatValue?: (value: number) => string;
}

export interface PlacedSegment {
  readonly barId: string;
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface StackedBarsLayout {
  readonly frame: ChartFrame;
  readonly segments: readonly PlacedSegment[];
  readonly barLabels: readonly { readonly id: string; readonly label: string; readonly x: number }[];
  readonly totals: readonly {
    readonly id: string;
    readonly text: string;
    readonly x: number;
    readonly y: number;
  }[];
  readonly yTicks: readonly Tick[];
  readonly references: readonly { readonly key: string; readonly label: string; readonly y: number }[];
}

export function layoutStackedBars(
  input: StackedBarsInput,
  frame: ChartFrame = defaultFrame,
): StackedBarsLayout {
  const { left, top } = frame.margin;
  const width = plotWidth(frame);
  const height = plotHeight(frame);
  const format = input.formatValue ?? compactNumber;
  const totals = input.bars.map((bar) => bar.segments.reduce((sum, s) => sum + barValue(s.value), 0));
  const max = Math.max(1e-12, ...totals, ...input.references.map((r) => barValue(r.value)));
  const y = scaleLinear()
    .domain([0, max * 1.1])
    .nice()
    .range([top + height, top]);
  const x = scaleBand<string>()
    .domain(input.bars.map((b) => b.id))
    .range([left, left + width])
    .paddingInner(0.35)
    .paddingOuter(0.2);
  const bandwidth = x.bandwidth();
  const segments: PlacedSegment[] = [];
  input.bars.forEach((bar) => {
    const x0 = x(bar.id) ?? left;
    let stacked = 0;
    for (const segment of bar.segments) {
      const value = barValue(segment.value);
      const yTop = y(stacked + value);
      segments.push({
        barId: bar.id,
        key: segment.key,
        label: segment.label,
        // the data value (tooltips, data-value) as given when finite; a NaN never reaches an attribute
        value: Number.isFinite(segment.value) ? segment.value : 0,
        x: px(x0),
        y: px(yTop),
        width: px(bandwidth),
        height: px(y(stacked) - yTop),
      });
      stacked += value;
    }
  });
  return {
    frame,
    segments,
    barLabels: input.bars.map((bar) => ({
      id: bar.id,
      label: bar.label,
      x: px((x(bar.id) ?? left) + bandwidth / 2),
    })),
    totals: input.bars.map((bar, i) => {
      const total = totals[i] ?? 0;
      return {
        id: bar.id,
        text: format(total),
        x: px((x(bar.id) ?? left) + bandwidth / 2),
        y: px(y(total) - 4),
      };
    }),
    yTicks: y.ticks(5).map((v) => ({ value: v, at: px(y(v)), label: format(v) })),
    references: input.references
      .filter((r) => r.value === 0 || isPlottable(r.value))
      .map((r) => ({ key: r.key, label: r.label ? `${r.label} ${format(r.value)}` : '', y: px(y(r.value)) })),
  };
}
