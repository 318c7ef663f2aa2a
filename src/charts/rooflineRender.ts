// Thin render: joins a RooflineLayout to an <svg> with d3-selection. All geometry comes from
// rooflineLayout.ts; colours are resolved here from the theme's CSS variables so an exported SVG/PNG is
// self-contained (no stylesheet needed).
import { select } from 'd3-selection';
import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolStar, symbolTriangle } from 'd3-shape';
import { markerGrowth, type PlacedLabel, type RooflineLayout } from './rooflineLayout.ts';
import type { ColorKey, PointShape, TooltipRow } from './rooflineTypes.ts';

export type ColorResolver = (key: ColorKey) => string;

/** The roofline <svg> inside `host`, made on first use (a chart redraws into the same element). */
export function rooflineSvgIn(host: HTMLElement): SVGSVGElement {
  let svg = host.querySelector<SVGSVGElement>('svg.roofline');
  if (!svg) {
    host.replaceChildren();
    svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.classList.add('chart', 'roofline');
    host.append(svg);
  }
  return svg;
}

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
  const { fonts } = layout;
  // markers grow with the text: a projector's chart gets projector-sized stars
  const markerScale = markerGrowth(fonts.label) ** 2;
  const svg = select(svgElement);
  svg.selectAll('*').remove();
  svg
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('role', 'group')
    .attr('aria-label', title)
    .attr('font-family', fontFamily)
    .attr('font-size', fonts.label);
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
      .attr('y', bottom + fonts.tick * 1.5)
      .attr('text-anchor', 'middle')
      .attr('font-size', fonts.tick)
      .text(tick.label);
  }
  for (const tick of layout.yTicks) {
    axis
      .append('text')
      .attr('class', 'tick tick-y')
      .attr('x', left - 8)
      .attr('y', tick.position + fonts.tick * 0.35)
      .attr('text-anchor', 'end')
      .attr('font-size', fonts.tick)
      .text(tick.label);
  }
  axis
    .append('text')
    .attr('class', 'axis-title')
    .attr('x', (left + right) / 2)
    .attr('y', height - fonts.axis * 0.6)
    .attr('text-anchor', 'middle')
    .attr('font-size', fonts.axis)
    .text(layout.compact ? 'FLOP per byte moved' : 'Arithmetic intensity (FLOP per byte moved)');
  axis
    .append('text')
    .attr('class', 'axis-title')
    .attr('transform', `translate(${fonts.axis * 1.1},${(top + bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', fonts.axis)
    .text(layout.compact ? 'FLOP/s' : 'Performance (FLOP/s)');

  const plot = svg.append('g').attr('class', 'plot').attr('clip-path', `url(#${clipId})`);
  const labelLayer = svg.append('g').attr('class', 'labels');
  const text = (label: PlacedLabel, fill: string, cls: string, size = fonts.label) =>
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
    if (region.label)
      text(region.label, color('chart-axis'), `region-label ${region.kind}`).attr('data-roof', region.roofId);
  const leader = (d: readonly [number, number, number, number] | null, stroke: string, cls: string) => {
    if (!d) return;
    labelLayer
      .append('path')
      .attr('class', cls)
      .attr('d', `M${d[0]},${d[1]}L${d[2]},${d[3]}`)
      .attr('fill', 'none')
      .attr('stroke', stroke)
      .attr('stroke-width', 1);
  };

  for (const roof of layout.roofs) {
    const stroke = color(roof.color);
    const g = plot.append('g').attr('class', 'roof').attr('data-roof', roof.id);
    for (const d of roof.paths) {
      g.append('path')
        .attr('d', d)
        .attr('fill', 'none')
        .attr('stroke', stroke)
        .attr('stroke-width', roof.dashed ? 2.5 : 3.5)
        .attr('stroke-dasharray', roof.dash);
    }
    for (const label of roof.labels) text(label, stroke, 'roof-label');
    for (const edge of roof.edgeLabels) {
      // A short leader from the line's end when a margin label had to move off the line's height.
      const middle = edge.y - fonts.label * 0.35;
      if (edge.anchor === 'start' && Math.abs(middle - edge.lineY) > 2)
        leader([right, edge.lineY, edge.x - 3, middle], stroke, 'edge-leader');
      text(
        { x: edge.x, y: edge.y, text: edge.text, angle: 0, anchor: edge.anchor },
        stroke,
        'roof-edge-label',
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
        .attr('stroke-width', 2.5)
        .append('title')
        .text(ridge.label);
      if (ridge.caption) text(ridge.caption, stroke, 'ridge-label', fonts.caption);
      leader(ridge.leader, stroke, 'caption-leader');
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
    if (placed.caption) text(placed.caption, color(point.color), 'point-caption', fonts.caption);
    leader(placed.leader, color(point.color), 'caption-leader');
    const tip = tooltip(point.label, point.tooltip, placed.x, placed.y);
    svg
      .append('path')
      .attr('class', 'point measured')
      .attr('d', symbolPath(point.shape, 150 * markerScale))
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
    const rows = point.why ? [{ name: 'why here', value: point.why }, ...point.tooltip] : point.tooltip;
    const tip = tooltip(point.label, rows, placed.x, placed.y);
    const operator = point.group === 'operator';
    if (point.highlight) {
      svg
        .append('circle')
        .attr('class', 'operating-highlight')
        .attr('cx', placed.x)
        .attr('cy', placed.y)
        .attr('r', 13 * Math.sqrt(markerScale))
        .attr('fill', 'none')
        .attr('stroke', operating)
        .attr('stroke-width', 2);
    }
    svg
      .append('path')
      .attr('class', `point operating${operator ? ' operator' : ''}`)
      .attr(
        'd',
        (operator ? symbol(symbolTriangle, 90) : symbol(symbolStar, point.highlight ? 260 : 170))() ?? '',
      )
      .attr('transform', `translate(${placed.x},${placed.y})`)
      .attr('fill', operating)
      .attr('stroke', color('surface'))
      .attr('stroke-width', 1)
      .attr('tabindex', 0)
      .attr('role', 'img')
      .attr('aria-label', `${point.label}: ${rows.map((r) => `${r.name} ${r.value}`).join(', ')}`)
      .attr('data-operating', point.id)
      .attr('data-intensity', point.intensityFlopsPerByte)
      .attr('data-flops', point.flopsPerSecond)
      .on('pointerenter focus', tip.enter)
      .on('pointerleave blur', tip.leave);
    if (placed.caption) text(placed.caption, operating, 'operating-label', fonts.caption);
    leader(placed.leader, operating, 'caption-leader');
  }
}
