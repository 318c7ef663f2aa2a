// Draws StackedBarsLayout (fleet, bill) and VramLayout.
import { compactNumber, si } from '../../model/units/format.ts';
import { textWidth } from '../textMetrics.ts';
import type { StackedBarsLayout } from './stackedBarsLayout.ts';
import { chartSvg, gridLines, sideAxis } from './svg.ts';
import type { VramLayout } from './vramLayout.ts';

export function renderStackedBars(
  host: HTMLElement,
  layout: StackedBarsLayout,
  title: string,
  yLabel: string,
): void {
  const { frame } = layout;
  const svg = chartSvg(host, frame, title);
  gridLines(svg, frame, layout.yTicks);
  sideAxis(svg, frame, layout.yTicks, yLabel, 'left');
  const bars = svg.append('g').attr('class', 'bars');
  for (const s of layout.segments) {
    bars
      .append('rect')
      .attr('class', `segment segment-${s.key}`)
      .attr('data-bar', s.barId)
      .attr('data-value', String(s.value))
      .attr('x', s.x)
      .attr('y', s.y)
      .attr('width', s.width)
      .attr('height', s.height)
      .append('title')
      .text(`${s.label}: ${compactNumber(s.value)}`);
  }
  for (const t of layout.totals) {
    svg
      .append('text')
      .attr('class', 'bar-total')
      .attr('x', t.x)
      .attr('y', t.y)
      .attr('text-anchor', 'middle')
      .text(t.text);
  }
  for (const l of layout.barLabels) {
    svg
      .append('text')
      .attr('class', 'bar-label')
      .attr('x', l.x)
      .attr('y', frame.height - frame.margin.bottom + 5 + (frame.font ?? 11))
      .attr('text-anchor', 'middle')
      .text(l.label);
  }
  for (const r of layout.references) {
    svg
      .append('line')
      .attr('class', `reference reference-${r.key}`)
      .attr('x1', frame.margin.left)
      .attr('x2', frame.width - frame.margin.right)
      .attr('y1', r.y)
      .attr('y2', r.y);
    if (r.label) {
      svg
        .append('text')
        .attr('class', 'marker-label')
        .attr('x', frame.width - frame.margin.right)
        .attr('y', r.y - 4)
        .attr('text-anchor', 'end')
        .text(r.label);
    }
  }
}

const vramNames = { weights: 'weights', activations: 'activations', kv: 'KV budget', over: 'over capacity' };

export function renderVram(host: HTMLElement, layout: VramLayout, title: string): void {
  const svg = chartSvg(host, layout.frame, title);
  for (const bar of layout.bars) {
    svg
      .append('text')
      .attr('class', 'bar-label')
      .attr('x', layout.frame.margin.left - 8)
      .attr('y', bar.y + (layout.segments[0]?.height ?? 36) / 2 + (layout.frame.font ?? 11) * 0.35)
      .attr('text-anchor', 'end')
      .text(bar.label);
  }
  for (const s of layout.segments) {
    const g = svg.append('g').attr('class', `segment segment-${s.key}`).attr('data-bar', s.barId);
    g.append('rect')
      .attr('data-bytes', String(s.bytes))
      .attr('x', s.x)
      .attr('y', s.y)
      .attr('width', s.width)
      .attr('height', s.height)
      .append('title')
      .text(`${vramNames[s.key]}: ${si(s.bytes, 'B')}`);
    const text = `${vramNames[s.key]} ${si(s.bytes, 'B')}`;
    // a label only where it fits inside its segment
    if (textWidth(text, layout.frame.font ?? 11) + 12 <= s.width) {
      g.append('text')
        .attr('class', 'segment-label')
        .attr('x', s.x + 6)
        .attr('y', s.y + s.height / 2 + (layout.frame.font ?? 11) * 0.35)
        .text(text);
    }
  }
  for (const bar of layout.bars) {
    svg
      .append('line')
      .attr('class', 'capacity')
      .attr('x1', bar.capacityX)
      .attr('x2', bar.capacityX)
      .attr('y1', bar.y - 6)
      .attr('y2', bar.y + (layout.segments[0]?.height ?? 36) + 6);
    if (!bar.fits) {
      svg
        .append('text')
        .attr('class', 'marker-label warn')
        .attr('x', bar.capacityX - 4)
        .attr('y', bar.y - 2)
        .attr('text-anchor', 'end')
        .text('does not fit');
    }
  }
}
