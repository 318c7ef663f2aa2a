// Batching curve layout: per-stream and aggregate tok/s against B on a log2 axis, the four regions of the
// blog's §5.1–5.5 shaded, the KV-capacity cliff (F25), the per-stream SLA line and the chosen B.
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

export type BatchRegion = 'linear' | 'bend' | 'plateau' | 'cliff';

export interface BatchCurvePoint {
  readonly batch: number;
  readonly perStreamTps: number;
  readonly aggregateTps: number;
}

export interface BatchRegionSpan {
  readonly region: BatchRegion;
  readonly fromBatch: number;
  readonly toBatch: number;
}

/** A published or measured operating point drawn beside the model. */
export interface ObservedBatchPoint {
  readonly batch: number;
  readonly perStreamTps: number | null;
  readonly aggregateTps: number | null;
  readonly seriesId: string;
  readonly label: string;
}

export interface BatchingChartInput {
  readonly points: readonly BatchCurvePoint[];
  readonly regions: readonly BatchRegionSpan[];
  readonly kvCliffBatch: number | null;
  readonly slaPerStreamTps: number | null;
  readonly chosenBatch: number | null;
  /** the scenario's own B (the knob), drawn as a dashed marker */
  readonly currentBatch: number | null;
  readonly observed: readonly ObservedBatchPoint[];
  /** a measured curve already normalised to the model's aggregate scale (your GPU's batched GEMV) */
  readonly overlay: readonly { readonly batch: number; readonly aggregateTps: number }[];
  /**
   * the blog's napkin per stream beside the model's (its own scenario only; omitted or empty = none).
   * Per stream only: the napkin's aggregate runs to its own, far larger KV capacity and would flatten the
   * model's aggregate against the axis; B × the per-stream line is the same information.
   */
  readonly napkin?: readonly { readonly batch: number; readonly perStreamTps: number }[];
  /** where the x axis ends (a slide plots the streams that fit and a little of the cliff); default the data's */
  readonly maxBatch?: number;
}

export interface PlacedPoint {
  readonly x: number;
  readonly y: number;
  readonly seriesId: string;
  readonly label: string;
  readonly axis: 'perStream' | 'aggregate';
}

export interface BatchingLayout {
  readonly frame: ChartFrame;
  readonly xTicks: readonly Tick[];
  readonly perStreamTicks: readonly Tick[];
  readonly aggregateTicks: readonly Tick[];
  readonly perStreamPath: string;
  readonly aggregatePath: string;
  readonly overlayPath: string;
  readonly napkinPerStreamPath: string;
  readonly regions: readonly { readonly region: BatchRegion; readonly x0: number; readonly x1: number }[];
  readonly cliffX: number | null;
  readonly slaY: number | null;
  readonly chosen: { readonly x: number; readonly perStreamY: number; readonly aggregateY: number } | null;
  readonly currentX: number | null;
  readonly observed: readonly PlacedPoint[];
}

export function layoutBatching(input: BatchingChartInput, frame: ChartFrame = defaultFrame): BatchingLayout {
  const { left, top } = frame.margin;
  const width = plotWidth(frame);
  const height = plotHeight(frame);
  const points = input.points.filter(
    (p) => isPlottable(p.batch) && isPlottable(p.perStreamTps) && isPlottable(p.aggregateTps),
  );
  const napkin = (input.napkin ?? []).filter((p) => isPlottable(p.batch) && isPlottable(p.perStreamTps));
  const batches = [...points, ...napkin].map((p) => p.batch);
  const minBatch = Math.min(1, ...batches);
  const maxBatch = isPlottable(input.maxBatch) ? Math.max(2, input.maxBatch) : Math.max(2, ...batches);
  const x = scaleLog()
    .base(2)
    .domain([minBatch, maxBatch])
    .range([left, left + width])
    .clamp(true);
  const observedStreams = input.observed.map((o) => o.perStreamTps).filter(isPlottable);
  const observedAggregates = input.observed.map((o) => o.aggregateTps).filter(isPlottable);
  const perStreamMax = Math.max(
    1,
    ...points.map((p) => p.perStreamTps),
    ...napkin.map((p) => p.perStreamTps),
    ...observedStreams,
    isPlottable(input.slaPerStreamTps) ? input.slaPerStreamTps : 0,
  );
  const aggregateMax = Math.max(
    1,
    ...points.map((p) => p.aggregateTps),
    ...observedAggregates,
    ...input.overlay.map((o) => o.aggregateTps).filter(isPlottable),
  );
  const yStream = scaleLinear()
    .domain([0, perStreamMax * 1.08])
    .nice()
    .range([top + height, top]);
  const yAggregate = scaleLinear()
    .domain([0, aggregateMax * 1.08])
    .nice()
    .range([top + height, top]);

  const streamLine = line<{ batch: number; perStreamTps: number }>()
    .x((p) => px(x(p.batch)))
    .y((p) => px(yStream(p.perStreamTps)));
  const aggregateLine = line<BatchCurvePoint>()
    .x((p) => px(x(p.batch)))
    .y((p) => px(yAggregate(p.aggregateTps)));
  const overlayPoints = input.overlay.filter((o) => isPlottable(o.batch) && isPlottable(o.aggregateTps));
  const overlayLine = line<{ batch: number; aggregateTps: number }>()
    .x((p) => px(x(p.batch)))
    .y((p) => px(yAggregate(p.aggregateTps)));

  const xTicks: Tick[] = [];
  for (let b = 1; b <= maxBatch; b *= 2) {
    if (b >= minBatch) xTicks.push({ value: b, at: px(x(b)), label: String(b) });
  }

  const chosenPoint = points.find((p) => p.batch === input.chosenBatch);
  const observed: PlacedPoint[] = [];
  for (const o of input.observed) {
    if (!isPlottable(o.batch)) continue;
    if (isPlottable(o.perStreamTps)) {
      observed.push({
        x: px(x(o.batch)),
        y: px(yStream(o.perStreamTps)),
        seriesId: o.seriesId,
        label: o.label,
        axis: 'perStream',
      });
    }
    if (isPlottable(o.aggregateTps)) {
      observed.push({
        x: px(x(o.batch)),
        y: px(yAggregate(o.aggregateTps)),
        seriesId: o.seriesId,
        label: o.label,
        axis: 'aggregate',
      });
    }
  }

  return {
    frame,
    xTicks: thinTicks(xTicks, frame.font ?? 11),
    perStreamTicks: yStream.ticks(5).map((v) => ({ value: v, at: px(yStream(v)), label: compactNumber(v) })),
    aggregateTicks: yAggregate
      .ticks(5)
      .map((v) => ({ value: v, at: px(yAggregate(v)), label: compactNumber(v) })),
    perStreamPath: points.length > 1 ? (streamLine(points) ?? '') : '',
    aggregatePath: points.length > 1 ? (aggregateLine(points) ?? '') : '',
    overlayPath: overlayPoints.length > 1 ? (overlayLine(overlayPoints) ?? '') : '',
    napkinPerStreamPath: napkin.length > 1 ? (streamLine(napkin) ?? '') : '',
    // spans are inclusive integer ranges: each region reaches to where the next one starts, no gaps
    regions: input.regions
      .filter((r) => isPlottable(r.fromBatch) && isPlottable(r.toBatch) && r.toBatch >= r.fromBatch)
      .map((r, i, all) => ({
        region: r.region,
        x0: px(x(r.fromBatch)),
        x1: px(x(all[i + 1]?.fromBatch ?? r.toBatch)),
      })),
    cliffX: isPlottable(input.kvCliffBatch) ? px(x(input.kvCliffBatch)) : null,
    slaY: isPlottable(input.slaPerStreamTps) ? px(yStream(input.slaPerStreamTps)) : null,
    chosen: chosenPoint
      ? {
          x: px(x(chosenPoint.batch)),
          perStreamY: px(yStream(chosenPoint.perStreamTps)),
          aggregateY: px(yAggregate(chosenPoint.aggregateTps)),
        }
      : null,
    currentX: isPlottable(input.currentBatch) ? px(x(input.currentBatch)) : null,
    observed,
  };
}
