// Thin render: joins a RooflineLayout to an <svg> with d3-selection. All geometry comes from
// rooflineLayout.ts; colours are resolved here from the theme's CSS variables so an exported SVG/PNG is
// self-contained (no stylesheet needed).
import { select } from 'd3-selection';
import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolStar, symbolTriangle } from 'd3-shape';
import type { PlacedLabel, RooflineLayout } from './rooflineLayout.ts';
import type { ColorKey, PointShape, TooltipRow } from './rooflineTypes.ts';

export type ColorResolver = (key: ColorKey) => string;

/** Reads `--<key>` from the document's computed style (the active light/dark theme). */
export function cssColorResolver(element: Element = document.documentElement): ColorResolver {
  const style = getComputedStyle(element);
  return (key) => style.getPropertyValue(`--${key}`).trim() || '#888888';
}

const shapes = {
  circle: symbolCircle,
  square: symbolSquare,
  diamond: symbolDiamond,
  triangle: symbolTriangle,
} as const;

function symbolPath(shape: PointShape, area: number): string {
  return symbol(shapes[shape], area)() ?? '';
}

const fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";

export interface RenderHandlers {
  /** Called when a point or operating point is hovered/focused (rows) or left (null). */
  onTooltip?(
    rows: { title: string; rows: readonly TooltipRow[] } | null,
    anchor: { x: number; y: number },
  ): void;
}

/** Draws the chart into `svgElement` (emptied first). Returns nothing; everything is in the DOM. */
export function renderRoofline(
  svgElement: SVGSVGElement,
  layout: RooflineLayout,
  color: ColorResolver,
  title: string,
  handlers: RenderHandlers = {},
): void {
  const { width, height, margin } = layout.size;
  const svg = select(svgElement);
  svg.selectAll('*').remove();
  svg
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('role', 'group')
    .attr('aria-label', title)
    .attr('font-family', fontFamily)
    .attr('font-size', 16);
  svg.append('title').text(title);
  svg
    .append('rect')
    .attr('class', 'background')
    .attr('width', width)
    .attr('height', height)
    .attr('fill', color('surface'));

  const left = margin.left;
  const right = width - margin.right;
  const top = margin.top;
  const bottom = height - margin.bottom;
  const clipId = `roofline-clip-${Math.random().toString(36).slice(2, 8)}`;
  svg
    .append('clipPath')
    .attr('id', clipId)
    .append('rect')
    .attr('x', left)
    .attr('y', top)
    .attr('width', right - left)
    .attr('height', bottom - top);

  // Regions under the shaded roof.
  const regions = svg.append('g').attr('class', 'regions').attr('clip-path', `url(#${clipId})`);
  for (const region of layout.regions) {
    regions
      .append('path')
      .attr('class', `region ${region.kind}`)
      .attr('d', region.path)
      .attr('fill', color(region.kind === 'memory-bound' ? 'chart-memory-region' : 'chart-compute-region'));
  }

  // Grid and axes.
  const grid = svg
    .append('g')
    .attr('class', 'grid')
    .attr('stroke', color('chart-grid'))
    .attr('stroke-width', 1);
  for (const tick of layout.xTicks)
    grid
      .append('line')
      .attr('x1', tick.position)
      .attr('x2', tick.position)
      .attr('y1', top)
      .attr('y2', bottom);
  for (const tick of layout.yTicks)
    grid
      .append('line')
      .attr('x1', left)
      .attr('x2', right)
      .attr('y1', tick.position)
      .attr('y2', tick.position);
  const axis = svg.append('g').attr('class', 'axes').attr('fill', color('chart-axis'));
  axis
    .append('path')
    .attr('d', `M${left},${top}V${bottom}H${right}`)
    .attr('fill', 'none')
    .attr('stroke', color('chart-axis'))
    .attr('stroke-width', 1.5);
  for (const tick of layout.xTicks) {
    axis
      .append('text')
      .attr('class', 'tick tick-x')
      .attr('x', tick.position)
      .attr('y', bottom + 24)
      .attr('text-anchor', 'middle')
      .text(tick.label);
  }
  for (const tick of layout.yTicks) {
    axis
      .append('text')
      .attr('class', 'tick tick-y')
      .attr('x', left - 10)
      .attr('y', tick.position + 5)
      .attr('text-anchor', 'end')
      .attr('font-size', 14)
      .text(tick.label);
  }
  axis
    .append('text')
    .attr('class', 'axis-title')
    .attr('x', (left + right) / 2)
    .attr('y', height - 16)
    .attr('text-anchor', 'middle')
    .attr('font-size', 17)
    .text('Arithmetic intensity (FLOP per byte moved)');
  axis
    .append('text')
    .attr('class', 'axis-title')
    .attr('transform', `translate(22,${(top + bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', 17)
    .text('Performance (FLOP/s)');

  const plot = svg.append('g').attr('class', 'plot').attr('clip-path', `url(#${clipId})`);
  const labelLayer = svg.append('g').attr('class', 'labels');
  const text = (label: PlacedLabel, fill: string, cls: string, size = 15) =>
    labelLayer
      .append('text')
      .attr('class', cls)
      .attr('x', label.x)
      .attr('y', label.y)
      .attr('text-anchor', label.anchor)
      .attr('fill', fill)
      .attr('font-size', size)
      .attr('transform', label.angle !== 0 ? `rotate(${label.angle},${label.x},${label.y})` : null)
      .attr('paint-order', 'stroke')
      .attr('stroke', color('surface'))
      .attr('stroke-width', 4)
      .attr('stroke-linejoin', 'round')
      .text(label.text);

  for (const region of layout.regions)
    text(region.label, color('chart-axis'), `region-label ${region.kind}`, 15);

  for (const roof of layout.roofs) {
    const stroke = color(roof.color);
    const g = plot.append('g').attr('class', 'roof').attr('data-roof', roof.id);
    for (const d of roof.paths) {
      g.append('path')
        .attr('d', d)
        .attr('fill', 'none')
        .attr('stroke', stroke)
        .attr('stroke-width', roof.dashed ? 2.5 : 3.5)
        .attr('stroke-dasharray', roof.dashed ? '9 6' : null);
    }
    for (const label of roof.labels) text(label, stroke, 'roof-label');
    for (const edge of roof.edgeLabels) {
      // A short leader from the line's end when the label had to move off the line's height.
      if (Math.abs(edge.y - 5 - edge.lineY) > 2) {
        labelLayer
          .append('path')
          .attr('class', 'edge-leader')
          .attr('d', `M${right},${edge.lineY}L${edge.x - 3},${edge.y - 5}`)
          .attr('fill', 'none')
          .attr('stroke', stroke)
          .attr('stroke-width', 1);
      }
      text(
        { x: edge.x, y: edge.y, text: edge.text, angle: 0, anchor: 'start' },
        stroke,
        'roof-edge-label',
        14,
      );
    }
    for (const ridge of roof.ridges) {
      g.append('circle')
        .attr('class', 'ridge')
        .attr('cx', ridge.x)
        .attr('cy', ridge.y)
        .attr('r', 6)
        .attr('fill', color('surface'))
        .attr('stroke', stroke)
        .attr('stroke-width', 2.5);
      if (ridge.caption) text(ridge.caption, stroke, 'ridge-label', 14);
    }
  }

  for (const path of layout.paths) {
    plot
      .append('path')
      .attr('class', 'sweep')
      .attr('d', path.path)
      .attr('fill', 'none')
      .attr('stroke', color(path.color))
      .attr('stroke-width', 2)
      .attr('stroke-opacity', 0.8);
  }

  const tooltip = (title: string, rows: readonly TooltipRow[], x: number, y: number) => ({
    enter: () => handlers.onTooltip?.({ title, rows }, { x, y }),
    leave: () => handlers.onTooltip?.(null, { x, y }),
  });

  for (const placed of layout.points) {
    const { point } = placed;
    if (placed.caption) text(placed.caption, color(point.color), 'point-caption', 13);
    const tip = tooltip(point.label, point.tooltip, placed.x, placed.y);
    svg
      .append('path')
      .attr('class', 'point measured')
      .attr('d', symbolPath(point.shape, 150))
      .attr('transform', `translate(${placed.x},${placed.y})`)
      .attr('fill', color(point.color))
      .attr('stroke', color('surface'))
      .attr('stroke-width', 1.5)
      .attr('tabindex', 0)
      .attr('role', 'img')
      .attr('aria-label', `${point.label}: ${point.tooltip.map((r) => `${r.name} ${r.value}`).join(', ')}`)
      .attr('data-point', point.id)
      .attr('data-series', point.seriesId)
      .attr('data-intensity', point.intensityFlopsPerByte)
      .attr('data-flops', point.flopsPerSecond)
      .on('pointerenter focus', tip.enter)
      .on('pointerleave blur', tip.leave);
  }

  const operating = color('series-operating');
  for (const placed of layout.operatingPoints) {
    const { point } = placed;
    const tip = tooltip(point.label, point.tooltip, placed.x, placed.y);
    svg
      .append('path')
      .attr('class', 'point operating')
      .attr('d', symbol(symbolStar, 170)() ?? '')
      .attr('transform', `translate(${placed.x},${placed.y})`)
      .attr('fill', operating)
      .attr('stroke', color('surface'))
      .attr('stroke-width', 1)
      .attr('tabindex', 0)
      .attr('role', 'img')
      .attr('aria-label', `${point.label}: ${point.tooltip.map((r) => `${r.name} ${r.value}`).join(', ')}`)
      .attr('data-operating', point.id)
      .attr('data-intensity', point.intensityFlopsPerByte)
      .attr('data-flops', point.flopsPerSecond)
      .on('pointerenter focus', tip.enter)
      .on('pointerleave blur', tip.leave);
    text(placed.caption, operating, 'operating-label', 14);
  }
}
