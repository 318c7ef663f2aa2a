// Where an explorer chart draws: its host element and legend, at the host's width in CSS pixels, or at a
// fixed size and font (the slide deck draws the same charts large).
import { type ChartFrame, type FrameOptions, frameFor } from '../../charts/explorer/frame.ts';

/** Where a chart draws: its host and legend; the deck gives a fixed size and a projector font. */
export interface ChartTarget {
  readonly host: HTMLElement;
  readonly legend: HTMLElement | null;
  /** px; the host's width when absent */
  readonly width?: number;
  /** px; the frame's own height rule when absent */
  readonly height?: number;
  /** text size, px; 12–13 by width when absent */
  readonly font?: number;
}

export function targetIn(root: HTMLElement, chart: string): ChartTarget | null {
  const host = root.querySelector<HTMLElement>(`[data-chart="${chart}"] .chart-host`);
  return host ? { host, legend: root.querySelector<HTMLElement>(`[data-legend="${chart}"]`) } : null;
}

/** The width a chart is laid out at: the target's, or its host's in CSS pixels (`unlaid` until laid out). */
export function widthOf(target: ChartTarget, unlaid = 640): number {
  return target.width ?? (target.host.clientWidth || unlaid);
}

/** The chart's frame: the target's size, or its host's width in CSS pixels (640 until laid out). */
export function frameOf(target: ChartTarget, options: FrameOptions = {}): ChartFrame {
  const fixed = target.height === undefined ? {} : { minHeight: target.height, maxHeight: target.height };
  const font = target.font === undefined ? {} : { font: target.font };
  return frameFor(widthOf(target), { ...options, ...fixed, ...font });
}
