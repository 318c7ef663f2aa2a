// The chart as a standalone SVG file and as a PNG, each with a title, the legend, the device measured and
// the date, so a slide or a report shows what the chart is without the page around it. The renderer
// already inlines every colour and font; the frame around it is built here with SVG elements (no markup
// strings). The PNG draws that SVG onto a canvas at 2× for sharp slides.
import { svgElement as element } from '../../charts/svgElement.ts';
import { textWidth } from '../../charts/textMetrics.ts';
import { BLOG_CITATION } from '../../model/presets/source.ts';

export interface LegendEntry {
  readonly label: string;
  /** a colour key (CSS variable name without "--") */
  readonly color: string;
  readonly kind: 'line' | 'dashed' | 'star';
}

export interface ExportMeta {
  readonly title: string;
  readonly legend: readonly LegendEntry[];
  /** what was measured, e.g. "This GPU: SwiftShader (CPU fallback)" */
  readonly device: string;
  /** yyyy-mm-dd */
  readonly date: string;
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * A new <svg>: the title and the device and date above the chart, the legend and the source below it.
 * `color` resolves colour keys (the chart's own resolver, so the frame matches the theme).
 */
export function framedChart(
  chart: SVGSVGElement,
  meta: ExportMeta,
  color: (key: string) => string,
): SVGSVGElement {
  const [, , w = '1100', h = '640'] = (chart.getAttribute('viewBox') ?? '0 0 1100 640').split(/\s+/);
  const width = Number(w);
  const chartHeight = Number(h);
  const font = chart.getAttribute('font-family') ?? 'sans-serif';
  const header = 64;
  const line = 22;
  const legendTop = header + chartHeight + 16;
  const footer = legendTop + meta.legend.length * line + 12;
  const height = footer + 20;
  const out = element('svg', {
    xmlns: SVG,
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    'font-family': font,
  });
  out.append(
    element('title', {}, meta.title),
    element('rect', { width, height, fill: color('surface') }),
    element('text', { x: 16, y: 28, 'font-size': 22, 'font-weight': 700, fill: color('text') }, meta.title),
    element(
      'text',
      { x: 16, y: 52, 'font-size': 15, fill: color('chart-axis'), class: 'export-device' },
      `Measured: ${meta.device} · ${meta.date}`,
    ),
  );
  const body = chart.cloneNode(true) as SVGSVGElement;
  body.setAttribute('x', '0');
  body.setAttribute('y', String(header));
  body.setAttribute('width', String(width));
  body.setAttribute('height', String(chartHeight));
  // Focus/ARIA attributes are for the live page only.
  for (const node of body.querySelectorAll('[tabindex]')) node.removeAttribute('tabindex');
  out.append(body);
  meta.legend.forEach((entry, i) => {
    const y = legendTop + i * line;
    const stroke = color(entry.color);
    if (entry.kind === 'star') {
      out.append(element('circle', { cx: 28, cy: y - 5, r: 6, fill: stroke }));
    } else {
      out.append(
        element('line', {
          x1: 16,
          x2: 40,
          y1: y - 5,
          y2: y - 5,
          stroke,
          'stroke-width': 3,
          ...(entry.kind === 'dashed' ? { 'stroke-dasharray': '7 4' } : {}),
        }),
      );
    }
    out.append(
      element(
        'text',
        { x: 50, y, 'font-size': 15, fill: color('text'), class: 'export-legend' },
        entry.label,
      ),
    );
  });
  const source = `ridgeline · projection after “${BLOG_CITATION.title}”, ${BLOG_CITATION.author}, ${BLOG_CITATION.date}`;
  out.append(
    element(
      'text',
      {
        x: Math.max(16, width - 16 - textWidth(source, 13)),
        y: footer + 8,
        'font-size': 13,
        fill: color('chart-axis'),
      },
      source,
    ),
  );
  return out;
}

export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 1100 640').split(/\s+/);
  clone.setAttribute('width', width ?? '1100');
  clone.setAttribute('height', height ?? '640');
  // Focus/ARIA attributes are for the live page only.
  for (const element of clone.querySelectorAll('[tabindex]')) element.removeAttribute('tabindex');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = svgText(svg);
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 1100 640').split(/\s+/).map(Number);
  const w = (width ?? 1100) * scale;
  const hgt = (height ?? 640) * scale;
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image(w, hgt);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = hgt;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw to a canvas');
    context.drawImage(image, 0, 0, w, hgt);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
