// Draws an OpsBreakdownLayout: the stacked step bar, one bar per operator with its name and time, and the
// time axis. Operator names come from the model, but go in as text nodes all the same.
import type { OpsBreakdownLayout } from './opsBreakdownLayout.ts';
import { bottomAxis, chartSvg } from './svg.ts';

const cssKey = (bound: string) => bound.replace(/[^a-z-]/gi, '');

export function renderOpsBreakdown(host: HTMLElement, layout: OpsBreakdownLayout, title: string): void {
  const { frame } = layout;
  const font = frame.font ?? 11;
  const svg = chartSvg(host, frame, title);
  svg.attr('data-total-seconds', String(layout.totalSeconds));
  bottomAxis(svg, frame, layout.xTicks, 'time per step on one GPU');
  const stack = svg.append('g').attr('class', 'ops-stack');
  for (const s of layout.stack) {
    stack
      .append('rect')
      .attr('class', `op-bar bound-${cssKey(s.boundBy)}`)
      .attr('x', s.x)
      .attr('y', layout.stackY)
      .attr('width', s.width)
      .attr('height', layout.stackHeight)
      .append('title')
      .text(`${s.name}: ${s.boundBy}`);
  }
  svg
    .append('text')
    .attr('class', 'bar-label')
    .attr('x', frame.margin.left - 6)
    .attr('y', layout.stackY + layout.stackHeight / 2 + font * 0.35)
    .attr('text-anchor', 'end')
    .text('whole step');
  const rows = svg.append('g').attr('class', 'ops-rows');
  for (const r of layout.rows) {
    const g = rows
      .append('g')
      .attr('class', 'op-row')
      .attr('data-op', r.name)
      .attr('data-seconds', String(r.seconds));
    g.append('rect')
      .attr('class', `op-bar bound-${cssKey(r.boundBy)}`)
      .attr('x', r.x)
      .attr('y', r.y + 2)
      .attr('width', r.width)
      .attr('height', layout.rowHeight - 4);
    g.append('text')
      .attr('class', 'op-name')
      .attr('x', frame.margin.left - 6)
      .attr('y', r.y + layout.rowHeight / 2 + font * 0.35)
      .attr('text-anchor', 'end')
      .text(r.name);
    g.append('text')
      .attr('class', r.valueInside ? 'op-value inside' : 'op-value')
      .attr('x', r.valueX)
      .attr('y', r.y + layout.rowHeight / 2 + font * 0.35)
      .attr('text-anchor', r.valueInside ? 'end' : 'start')
      .text(r.valueText);
  }
}
