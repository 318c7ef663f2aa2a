// Draws a LineLayout (TTFT against concurrency) with observed points as diamonds; the second curve
// (the napkin) dashed.
import type { LineLayout } from './lineLayout.ts';
import { bottomAxis, chartSvg, gridLines, sideAxis } from './svg.ts';

export function renderLine(
  host: HTMLElement,
  layout: LineLayout,
  title: string,
  xLabel: string,
  yLabel: string,
): void {
  const { frame } = layout;
  const svg = chartSvg(host, frame, title);
  gridLines(svg, frame, layout.yTicks);
  bottomAxis(svg, frame, layout.xTicks, xLabel);
  sideAxis(svg, frame, layout.yTicks, yLabel, 'left');
  if (layout.markerX !== null) {
    svg
      .append('line')
      .attr('class', 'chosen-b')
      .attr('x1', layout.markerX)
      .attr('x2', layout.markerX)
      .attr('y1', frame.margin.top)
      .attr('y2', frame.height - frame.margin.bottom);
  }
  if (layout.secondaryPath)
    svg.append('path').attr('class', 'curve curve-napkin').attr('d', layout.secondaryPath);
  svg.append('path').attr('class', 'curve curve-model').attr('d', layout.path);
  // a diamond that grows with the text: 5 px on a page, 10 px on a 1920×1080 slide
  const r = Math.max(5, Math.round((layout.frame.font ?? 11) * 0.42));
  for (const p of layout.observed) {
    svg
      .append('path')
      .attr('class', `observed-point series-${p.seriesId.replace(/[^a-z0-9-]/gi, '')}`)
      .attr('d', `M${p.px},${p.py - r}L${p.px + r},${p.py}L${p.px},${p.py + r}L${p.px - r},${p.py}Z`)
      .append('title')
      .text(p.label);
  }
}
