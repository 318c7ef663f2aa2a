// Draws a BatchingLayout: shaded regions, both curves, the KV cliff, the SLA line, the chosen B and the
// published/measured points. The raw series is kept on the <svg> (data-series) so tests and the 3D
// view's slice check can read exactly what was drawn.

import { textWidth } from '../textMetrics.ts';
import type { BatchCurvePoint, BatchingLayout, BatchRegion } from './batchingLayout.ts';
import { bottomAxis, chartSvg, gridLines, sideAxis } from './svg.ts';

const regionNames: Record<BatchRegion, string> = {
  linear: 'linear climb',
  bend: 'bend',
  plateau: 'plateau',
  cliff: 'cliff',
};

/**
 * Which curves to draw: both (two y axes, the explorer), or one idea per slide (the deck): the aggregate
 * with its regions and cliff, or the per-stream rate with the SLA and the chosen B, on one left axis.
 */
export type BatchingShow = 'both' | 'aggregate' | 'per-stream';

export function renderBatching(
  host: HTMLElement,
  layout: BatchingLayout,
  series: readonly BatchCurvePoint[],
  title: string,
  show: BatchingShow = 'both',
): void {
  const perStream = show !== 'aggregate';
  const aggregate = show !== 'per-stream';
  const { frame } = layout;
  const svg = chartSvg(host, frame, title);
  svg.attr('data-series', JSON.stringify(series.map((p) => [p.batch, p.perStreamTps, p.aggregateTps])));
  const top = frame.margin.top;
  const bottom = frame.height - frame.margin.bottom;
  const font = frame.font ?? 11;
  const regions = svg.append('g').attr('class', 'regions');
  for (const r of aggregate ? layout.regions : []) {
    regions
      .append('rect')
      .attr('class', `region region-${r.region}`)
      .attr('x', r.x0)
      .attr('y', top)
      .attr('width', Math.max(0, r.x1 - r.x0))
      .attr('height', bottom - top);
    if (textWidth(regionNames[r.region], font) + 6 <= r.x1 - r.x0) {
      regions
        .append('text')
        .attr('class', 'region-label')
        .attr('x', (r.x0 + r.x1) / 2)
        .attr('y', top + font)
        .attr('text-anchor', 'middle')
        .text(regionNames[r.region]);
    }
  }
  gridLines(svg, frame, aggregate ? layout.aggregateTicks : layout.perStreamTicks);
  bottomAxis(svg, frame, layout.xTicks, 'batch B = concurrent streams (log2)');
  if (show === 'both') {
    sideAxis(svg, frame, layout.perStreamTicks, 'per-stream tok/s', 'left');
    sideAxis(svg, frame, layout.aggregateTicks, 'aggregate tok/s', 'right');
  } else if (aggregate) sideAxis(svg, frame, layout.aggregateTicks, 'tok/s, all streams together', 'left');
  else sideAxis(svg, frame, layout.perStreamTicks, 'tok/s per stream', 'left');
  if (layout.cliffX !== null && aggregate) {
    svg
      .append('line')
      .attr('class', 'kv-cliff')
      .attr('x1', layout.cliffX)
      .attr('x2', layout.cliffX)
      .attr('y1', top)
      .attr('y2', bottom);
    svg
      .append('text')
      .attr('class', 'marker-label')
      .attr('x', layout.cliffX - 4)
      .attr('y', top + font * 2.3)
      .attr('text-anchor', 'end')
      .text('KV capacity');
  }
  if (layout.slaY !== null && perStream) {
    svg
      .append('line')
      .attr('class', 'sla-line')
      .attr('x1', frame.margin.left)
      .attr('x2', frame.width - frame.margin.right)
      .attr('y1', layout.slaY)
      .attr('y2', layout.slaY);
    svg
      .append('text')
      .attr('class', 'marker-label')
      .attr('x', frame.margin.left + 4)
      .attr('y', layout.slaY - 4)
      .text('SLA');
  }
  if (layout.napkinPerStreamPath && perStream)
    svg.append('path').attr('class', 'curve curve-napkin per-stream').attr('d', layout.napkinPerStreamPath);
  if (aggregate) svg.append('path').attr('class', 'curve curve-aggregate').attr('d', layout.aggregatePath);
  if (perStream) svg.append('path').attr('class', 'curve curve-per-stream').attr('d', layout.perStreamPath);
  if (layout.overlayPath && aggregate)
    svg.append('path').attr('class', 'curve curve-measured').attr('d', layout.overlayPath);
  if (layout.currentX !== null && show === 'both') {
    svg
      .append('line')
      .attr('class', 'current-b')
      .attr('x1', layout.currentX)
      .attr('x2', layout.currentX)
      .attr('y1', top)
      .attr('y2', bottom);
  }
  if (layout.chosen && perStream) {
    svg
      .append('line')
      .attr('class', 'chosen-b')
      .attr('x1', layout.chosen.x)
      .attr('x2', layout.chosen.x)
      .attr('y1', top)
      .attr('y2', bottom);
    const dot = show === 'both' ? 4 : Math.round(font / 3);
    svg
      .append('circle')
      .attr('class', 'chosen-dot per-stream')
      .attr('cx', layout.chosen.x)
      .attr('cy', layout.chosen.perStreamY)
      .attr('r', dot);
    if (aggregate)
      svg
        .append('circle')
        .attr('class', 'chosen-dot aggregate')
        .attr('cx', layout.chosen.x)
        .attr('cy', layout.chosen.aggregateY)
        .attr('r', dot);
  }
  const observed = svg.append('g').attr('class', 'observed');
  const scale = show === 'both' ? 1 : font / 12;
  for (const point of layout.observed) {
    if ((point.axis === 'perStream' && !perStream) || (point.axis === 'aggregate' && !aggregate)) continue;
    // per-stream points are diamonds (left axis), aggregate points squares (right axis)
    const { x, y } = point;
    const r = 6 * scale;
    const q = 4.5 * scale;
    const d =
      point.axis === 'perStream'
        ? `M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z`
        : `M${x - q},${y - q}h${2 * q}v${2 * q}h${-2 * q}Z`;
    observed
      .append('path')
      .attr('class', `observed-point ${point.axis} series-${point.seriesId.replace(/[^a-z0-9-]/gi, '')}`)
      .attr('d', d)
      .append('title')
      .text(point.label);
  }
}
