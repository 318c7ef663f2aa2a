// What the roofline chart draws, as plain data: roof series (a memory slope and flat compute roofs),
// measured kernel points (optionally joined into a path, e.g. the batched-GEMV sweep) and model operating
// points. Built from measurement documents and presets by rooflineSeries.ts; placed by rooflineLayout.ts.

/** A CSS variable name (without "--") the renderer resolves to a colour, e.g. "series-local". */
export type ColorKey = string;

export interface ComputeRoof {
  /** e.g. "f32", "fp4" */
  readonly dtype: string;
  /** e.g. "FP4 dense" */
  readonly label: string;
  readonly flopsPerSecond: number;
}

export interface RoofSeries {
  readonly id: string;
  /** e.g. "This GPU (SwiftShader)", "B200" */
  readonly label: string;
  readonly color: ColorKey;
  readonly bandwidthBytesPerSecond: number | null;
  readonly computeRoofs: readonly ComputeRoof[];
  /** Reference roofs are dashed, measured ones solid. */
  readonly dashed: boolean;
  /**
   * An interconnect roof: its slope (link bandwidth × FLOP per byte sent over the link) up to the ridge
   * with its compute roof, but no flat line of its own (the GPU's is drawn already).
   */
  readonly slopeOnly?: boolean;
}

export type PointShape = 'circle' | 'square' | 'diamond' | 'triangle';

export interface TooltipRow {
  readonly name: string;
  readonly value: string;
}

export interface ChartPoint {
  readonly id: string;
  readonly seriesId: string;
  readonly color: ColorKey;
  /** Short label, e.g. "gemv f32". */
  readonly label: string;
  readonly intensityFlopsPerByte: number;
  readonly flopsPerSecond: number;
  readonly shape: PointShape;
  /** Points with the same path key are joined in order of intensity (the batched-GEMV sweep). */
  readonly pathKey: string | null;
  /** Short caption drawn beside the point, e.g. "B=8" on the sweep or "gemv f16"; null = none. */
  readonly caption: string | null;
  readonly tooltip: readonly TooltipRow[];
}

/**
 * A labelled operating point: a workload at its arithmetic intensity and the rate the roof allows (or a
 * model projects) there. Any list of them can be drawn: the model's decode/prefill points, and the
 * per-operator points of a per-operator projection (group 'operator').
 */
export interface OperatingPoint {
  readonly id: string;
  /** e.g. "decode B=16", "prefill", "attention (decode)" */
  readonly label: string;
  readonly intensityFlopsPerByte: number;
  readonly flopsPerSecond: number;
  readonly tooltip: readonly TooltipRow[];
  /** 'decode' and 'prefill' are drawn as stars, 'operator' as small triangles; close points of one group share a caption */
  readonly group?: 'decode' | 'prefill' | 'operator';
  /** drawn larger and ringed: the explorer's chosen B */
  readonly highlight?: boolean;
  /** one sentence on why the point sits where it does (first in its tooltip) */
  readonly why?: string;
}

export interface RooflineChartData {
  readonly roofs: readonly RoofSeries[];
  readonly points: readonly ChartPoint[];
  readonly operatingPoints: readonly OperatingPoint[];
  /** The roof whose memory-/compute-bound regions are shaded (the local run, else the reference). */
  readonly shadedRoofId: string | null;
  /**
   * Places the axes must include though nothing is drawn there yet: a slide's later build steps, so a step
   * never rescales an axis under the audience's eyes.
   */
  readonly extent?: readonly { readonly intensityFlopsPerByte: number; readonly flopsPerSecond: number }[];
}
