// Puts the room's layouts (roomLayout.ts) on <svg> elements made once: each update sets a handful of path
// `d` attributes and texts, whatever the number of devices; the axes are rebuilt only when their ticks
// change. Colours come from CSS classes (room.css), labels are text nodes: a nickname is never markup.
import { DEVICE_CLASSES, type DeviceClass } from '../room/entry.ts';
import type { HistogramLayout, RoomChartLayout } from './roomLayout.ts';
import { svgElement } from './svgElement.ts';

export interface RoomChartLabels {
  readonly fastest?: string;
  readonly median?: string;
  readonly latest?: string;
}

export interface RoomChartView {
  readonly svg: SVGSVGElement;
  update(layout: RoomChartLayout, labels: RoomChartLabels): void;
}

export function createRoomChart(host: Element, title: string): RoomChartView {
  const svg = svgElement('svg', { class: 'room-chart', role: 'img', 'aria-label': title });
  const axes = svgElement('g', { class: 'room-axes' });
  const families = new Map<DeviceClass, { roofs: SVGPathElement; points: SVGPathElement }>();
  const familyGroup = svgElement('g', { class: 'room-families' });
  for (const deviceClass of DEVICE_CLASSES) {
    const roofs = svgElement('path', {
      class: `room-family ${deviceClass}`,
      'data-class': deviceClass,
      d: '',
    });
    const points = svgElement('path', {
      class: `room-points ${deviceClass}`,
      'data-class': deviceClass,
      d: '',
    });
    families.set(deviceClass, { roofs, points });
    familyGroup.append(roofs, points);
  }
  const referenceGroup = svgElement('g', { class: 'room-references' });
  const highlightGroup = svgElement('g', { class: 'room-highlights' });
  svg.append(axes, familyGroup, referenceGroup, highlightGroup);
  host.replaceChildren(svg);
  let tickKey = '';

  return {
    svg,
    update(layout, labels) {
      svg.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
      const key = JSON.stringify([layout.xTicks, layout.yTicks, layout.plot, layout.width, layout.height]);
      if (key !== tickKey) {
        tickKey = key;
        const { plot } = layout;
        const nodes: SVGElement[] = [];
        for (const tick of layout.xTicks) {
          nodes.push(
            svgElement('line', {
              class: 'grid',
              x1: tick.position,
              x2: tick.position,
              y1: plot.top,
              y2: plot.bottom,
            }),
          );
          nodes.push(
            svgElement(
              'text',
              { class: 'tick x', x: tick.position, y: plot.bottom, dy: '1.2em' },
              tick.label,
            ),
          );
        }
        for (const tick of layout.yTicks) {
          nodes.push(
            svgElement('line', {
              class: 'grid',
              x1: plot.left,
              x2: plot.right,
              y1: tick.position,
              y2: tick.position,
            }),
          );
          nodes.push(
            svgElement(
              'text',
              { class: 'tick y', x: plot.left, y: tick.position, dx: '-0.4em', dy: '0.35em' },
              tick.label,
            ),
          );
        }
        nodes.push(
          svgElement(
            'text',
            { class: 'axis-title', x: (plot.left + plot.right) / 2, y: layout.height, dy: '-0.3em' },
            'arithmetic intensity (FLOP/byte)',
          ),
        );
        axes.replaceChildren(...nodes);
      }
      for (const family of layout.families) {
        const paths = families.get(family.deviceClass);
        paths?.roofs.setAttribute('d', family.roofs);
        paths?.points.setAttribute('d', family.points);
        paths?.roofs.setAttribute('data-count', String(family.count));
      }
      referenceGroup.replaceChildren(
        ...layout.references.flatMap((r) => [
          svgElement('path', { class: 'room-reference', d: r.path }),
          svgElement('text', { class: 'room-reference-label', x: r.labelX, y: r.labelY }, r.label),
        ]),
      );
      highlightGroup.replaceChildren(
        ...layout.highlights.flatMap((h) => [
          svgElement('path', { class: `room-highlight ${h.role}`, d: h.path, 'data-id': h.id }),
          svgElement(
            'text',
            { class: `room-highlight-label ${h.role}`, x: h.labelX, y: h.labelY, 'data-role': h.role },
            labels[h.role] ?? '',
          ),
        ]),
      );
    },
  };
}

export interface HistogramView {
  readonly svg: SVGSVGElement;
  update(layout: HistogramLayout, empty: string): void;
}

export function createHistogram(host: Element, title: string): HistogramView {
  const svg = svgElement('svg', { class: 'room-histogram', role: 'img', 'aria-label': title });
  const bars = svgElement('path', { class: 'bars', d: '' });
  const baseline = svgElement('line', { class: 'baseline' });
  const labels = svgElement('g', { class: 'labels' });
  svg.append(bars, baseline, labels);
  host.replaceChildren(svg);
  return {
    svg,
    update(layout, empty) {
      svg.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
      bars.setAttribute('d', layout.bars);
      baseline.setAttribute('x1', String(layout.left));
      baseline.setAttribute('x2', String(layout.right));
      baseline.setAttribute('y1', String(layout.baseline));
      baseline.setAttribute('y2', String(layout.baseline));
      svg.dataset['bars'] = String((layout.bars.match(/M/g) ?? []).length);
      const nodes: SVGElement[] = layout.ticks.map((tick) =>
        svgElement('text', { class: 'tick', x: tick.x, y: layout.baseline, dy: '1.2em' }, tick.label),
      );
      for (const marker of layout.markers)
        nodes.push(
          svgElement('line', {
            class: `marker ${marker.role}`,
            x1: marker.x,
            x2: marker.x,
            y1: 0,
            y2: layout.baseline,
          }),
          svgElement(
            'text',
            { class: `marker-label ${marker.role}`, x: marker.x, y: 0, dy: '1em' },
            marker.role,
          ),
        );
      if (layout.ticks.length === 0)
        nodes.push(svgElement('text', { class: 'empty', x: layout.width / 2, y: layout.height / 2 }, empty));
      labels.replaceChildren(...nodes);
    },
  };
}
