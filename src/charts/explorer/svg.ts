// Thin d3-selection helpers shared by the explorer renderers: one <svg> per chart with a fixed viewBox,
// and axes drawn from the pure layouts' tick lists.
import { type Selection, select } from 'd3-selection';
import type { ChartFrame, Tick } from './frame.ts';

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type Group = Selection<SVGGElement, unknown, null, undefined>;

/** The chart's <svg>, created once inside `host`, emptied on each render (charts are small: <300 nodes). */
export function chartSvg(host: HTMLElement, frame: ChartFrame, title: string): Svg {
  select(host).selectAll('.chart-empty').remove();
  let svg = select(host).select<SVGSVGElement>('svg.chart');
  if (svg.empty()) {
    svg = select(host)
      .append('svg')
      .attr('class', 'chart')
      .attr('role', 'img')
      .attr('preserveAspectRatio', 'xMidYMid meet') as unknown as Svg;
  }
  svg
    .attr('viewBox', `0 0 ${frame.width} ${frame.height}`)
    .attr('aria-label', title)
    .attr('font-size', frame.font ?? 11);
  svg.selectAll('*').remove();
  svg.append('title').text(title);
  return svg as Svg;
}

export function bottomAxis(svg: Svg, frame: ChartFrame, ticks: readonly Tick[], label: string): void {
  const y = frame.height - frame.margin.bottom;
  const font = frame.font ?? 11;
  const g = svg.append('g').attr('class', 'axis axis-x');
  g.append('line')
    .attr('x1', frame.margin.left)
    .attr('x2', frame.width - frame.margin.right)
    .attr('y1', y)
    .attr('y2', y);
  for (const tick of ticks) {
    g.append('line')
      .attr('x1', tick.at)
      .attr('x2', tick.at)
      .attr('y1', y)
      .attr('y2', y + 4);
    g.append('text')
      .attr('class', 'tick')
      .attr('x', tick.at)
      .attr('y', y + 5 + font)
      .attr('text-anchor', 'middle')
      .text(tick.label);
  }
  g.append('text')
    .attr('class', 'axis-label')
    .attr('x', (frame.margin.left + frame.width - frame.margin.right) / 2)
    .attr('y', frame.height - font * 0.45)
    .attr('text-anchor', 'middle')
    .text(label);
}

export function sideAxis(
  svg: Svg,
  frame: ChartFrame,
  ticks: readonly Tick[],
  label: string,
  side: 'left' | 'right',
): void {
  const x = side === 'left' ? frame.margin.left : frame.width - frame.margin.right;
  const dir = side === 'left' ? -1 : 1;
  const font = frame.font ?? 11;
  const g = svg.append('g').attr('class', `axis axis-${side}`);
  g.append('line')
    .attr('x1', x)
    .attr('x2', x)
    .attr('y1', frame.margin.top)
    .attr('y2', frame.height - frame.margin.bottom);
  // a right-hand axis leaves out its 0: the left axis names the bottom already, and the x axis's last
  // tick label sits in that corner
  for (const tick of side === 'right' ? ticks.filter((t) => t.value !== 0) : ticks) {
    g.append('line')
      .attr('x1', x)
      .attr('x2', x + 4 * dir)
      .attr('y1', tick.at)
      .attr('y2', tick.at);
    g.append('text')
      .attr('class', 'tick')
      .attr('x', x + 7 * dir)
      .attr('y', tick.at + font * 0.35)
      .attr('text-anchor', side === 'left' ? 'end' : 'start')
      .text(tick.label);
  }
  const cx = side === 'left' ? font * 0.95 : frame.width - font * 0.45;
  const cy = (frame.margin.top + frame.height - frame.margin.bottom) / 2;
  g.append('text')
    .attr('class', 'axis-label')
    .attr('transform', `translate(${cx},${cy}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(label);
}

export function gridLines(svg: Svg, frame: ChartFrame, ticks: readonly Tick[]): void {
  const g = svg.append('g').attr('class', 'grid');
  for (const tick of ticks) {
    g.append('line')
      .attr('x1', frame.margin.left)
      .attr('x2', frame.width - frame.margin.right)
      .attr('y1', tick.at)
      .attr('y2', tick.at);
  }
}
