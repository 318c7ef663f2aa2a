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

/** Keep only finite, positive numbers: log axes and bars cannot show anything else. */
export function isPlottable(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Round geometry to 2 decimals: SVG paths stay short and snapshot tests stay stable. */
export function px(value: number): number {
  return Math.round(value * 100) / 100;
}
