// Shared chart geometry: every explorer chart is laid out in a fixed viewBox and scaled by CSS, so the
// layout functions are pure and testable in Node (architecture convention 7: pure layout, thin render).

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
