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

export function renderBatching(
  host: HTMLElement,
  layout: BatchingLayout,
  series: readonly BatchCurvePoint[],
  title: string,
): void {
  const { frame } = layout;
  const svg = chartSvg(host, frame, title);
  svg.attr('data-series', JSON.stringify(series.map((p) => [p.batch, p.perStreamTps, p.aggregateTps])));
  const top = frame.margin.top;
  const bottom = frame.height - frame.margin.bottom;
  const font = frame.font ?? 11;
  const regions = svg.append('g').attr('class', 'regions');
  for (const r of layout.regions) {
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
  gridLines(svg, frame, layout.aggregateTicks);
  bottomAxis(svg, frame, layout.xTicks, 'batch B = concurrent streams (log2)');
  sideAxis(svg, frame, layout.perStreamTicks, 'per-stream tok/s', 'left');
  sideAxis(svg, frame, layout.aggregateTicks, 'aggregate tok/s', 'right');
  if (layout.cliffX !== null) {
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
  if (layout.slaY !== null) {
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
  if (layout.napkinPerStreamPath)
    svg.append('path').attr('class', 'curve curve-napkin per-stream').attr('d', layout.napkinPerStreamPath);
  svg.append('path').attr('class', 'curve curve-aggregate').attr('d', layout.aggregatePath);
  svg.append('path').attr('class', 'curve curve-per-stream').attr('d', layout.perStreamPath);
  if (layout.overlayPath)
    svg.append('path').attr('class', 'curve curve-measured').attr('d', layout.overlayPath);
  if (layout.currentX !== null) {
    svg
      .append('line')
      .attr('class', 'current-b')
      .attr('x1', layout.currentX)
      .attr('x2', layout.currentX)
      .attr('y1', top)
      .attr('y2', bottom);
  }
  if (layout.chosen) {
    svg
      .append('line')
      .attr('class', 'chosen-b')
      .attr('x1', layout.chosen.x)
      .attr('x2', layout.chosen.x)
      .attr('y1', top)
      .attr('y2', bottom);
    svg
      .append('circle')
      .attr('class', 'chosen-dot per-stream')
      .attr('cx', layout.chosen.x)
      .attr('cy', layout.chosen.perStreamY)
      .attr('r', 4);
    svg
      .append('circle')
      .attr('class', 'chosen-dot aggregate')
      .attr('cx', layout.chosen.x)
      .attr('cy', layout.chosen.aggregateY)
      .attr('r', 4);
  }
  const observed = svg.append('g').attr('class', 'observed');
  for (const point of layout.observed) {
    // per-stream points are diamonds (left axis), aggregate points squares (right axis)
    const { x, y } = point;
    const d =
      point.axis === 'perStream'
        ? `M${x},${y - 6}L${x + 6},${y}L${x},${y + 6}L${x - 6},${y}Z`
        : `M${x - 4.5},${y - 4.5}h9v9h-9Z`;
    observed
      .append('path')
      .attr('class', `observed-point ${point.axis} series-${point.seriesId.replace(/[^a-z0-9-]/gi, '')}`)
      .attr('d', d)
      .append('title')
      .text(point.label);
  }
}
