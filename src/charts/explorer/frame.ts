// Shared chart geometry: every explorer chart is laid out in a viewBox the size of its host in CSS pixels
// (frameFor), so a font size is the size on screen: legible on a phone, large on a projector. The layout
// functions stay pure and testable in Node (architecture convention 7: pure layout, thin render).
import { textWidth } from '../textMetrics.ts';

export interface Margin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  readonly margin: Margin;
  /** text size in px (1 viewBox unit = 1 CSS px when the frame is the host's size); 11 when absent */
  readonly font?: number;
}

export interface Tick {
  readonly value: number;
  /** pixel position along the axis */
  readonly at: number;
  readonly label: string;
}

export const defaultFrame: ChartFrame = {
  width: 640,
  height: 300,
  margin: { top: 16, right: 64, bottom: 40, left: 76 },
};

export interface FrameOptions {
  /** height ÷ width before clamping (default 0.47) */
  readonly aspect?: number;
  readonly minHeight?: number;
  readonly maxHeight?: number;
  /** a second value axis on the right (the batching chart) */
  readonly rightAxis?: boolean;
  /** the widest y tick label expected, e.g. "1.25M" or "$185k" */
  readonly tickSample?: string;
  readonly font?: number;
}

/** The frame for a host `width` px wide: 12 px text on a phone, 13 on a page, 16 on a projector. */
export function frameFor(width: number, options: FrameOptions = {}): ChartFrame {
  const w = Math.max(260, Math.round(width || 640));
  const font = options.font ?? (w < 480 ? 12 : 13);
  const tick = textWidth(options.tickSample ?? '1,500', font);
  const side = Math.round(tick + font * 2.6);
  // a phone's chart is taller for its width: its margins take a larger share
  const aspect = w < 480 ? Math.max(0.8, options.aspect ?? 0.47) : (options.aspect ?? 0.47);
  return {
    width: w,
    height: Math.round(Math.min(options.maxHeight ?? 440, Math.max(options.minHeight ?? 230, w * aspect))),
    margin: {
      top: Math.round(font * 1.6),
      right: options.rightAxis ? side : Math.round(font * 1.8),
      bottom: Math.round(font * 3.4),
      left: side,
    },
    font,
  };
}

/** Every tick while the labels have room, else every 2nd (3rd…): tick text never collides. */
export function thinTicks(ticks: readonly Tick[], font: number): Tick[] {
  if (ticks.length < 3) return [...ticks];
  const gap = Math.abs((ticks[1]?.at ?? 0) - (ticks[0]?.at ?? 0));
  const need = Math.max(...ticks.map((t) => textWidth(t.label, font))) + font * 0.8;
  const every = Math.max(1, Math.ceil(need / Math.max(gap, 1e-9)));
  return ticks.filter((_, i) => i % every === 0);
}

export function plotWidth(frame: ChartFrame): number {
  return frame.width - frame.margin.left - frame.margin.right;
}

export function plotHeight(frame: ChartFrame): number {
  return frame.height - frame.margin.top - frame.margin.bottom;
}

/**
 * The magnitudes a chart places: 1e-30 to 1e30. Beyond them a scale's domain arithmetic (×1.1, log) can
 * overflow to Infinity or underflow to 0 and every coordinate turns NaN; nothing real is drawn there.
 */
export const PLOT_LIMITS: readonly [number, number] = [1e-30, 1e30];

/** Keep only finite, positive numbers within PLOT_LIMITS: log axes and bars cannot show anything else. */
export function isPlottable(value: number | null | undefined): value is number {
  return (
    typeof value === 'number' && Number.isFinite(value) && value >= PLOT_LIMITS[0] && value <= PLOT_LIMITS[1]
  );
}

/** A size for a bar: plottable as it is, 0 otherwise (a bar never shows NaN, a negative or an overflow). */
export function barValue(value: number): number {
  return isPlottable(value) ? value : 0;
}

/** Round geometry to 2 decimals: SVG paths stay short and snapshot tests stay stable. */
export function px(value: number): number {
  return Math.round(value * 100) / 100;
}
