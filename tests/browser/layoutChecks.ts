// In-page checks on what the browser actually laid out: overlapping chart text (real text boxes, rotated
// ones as polygons), text on markers, the smallest chart text in CSS pixels, and horizontal overflow.
// Each runs inside the page through page.evaluate.
import type { Page } from 'playwright-core';

export interface TextClash {
  readonly svg: string;
  readonly a: string;
  readonly b: string;
}

/**
 * Every pair of <text> in each <svg> matching `selector` whose drawn boxes overlap by more than `slack`
 * px, and every text drawn over a data marker (path.point). Rotated text is tested as a rotated rectangle
 * (separating axes), so a label along the roofline's slope is not mistaken for a wide box.
 */
export function textClashes(page: Page, selector: string, slack = 1): Promise<TextClash[]> {
  return page.evaluate(
    ([selector, slack]) => {
      type Point = [number, number];
      const corners = (el: SVGGraphicsElement): Point[] => {
        const box = el.getBBox();
        const m = el.getScreenCTM();
        if (!m) return [];
        const pts: Point[] = [
          [box.x + slack, box.y + slack],
          [box.x + box.width - slack, box.y + slack],
          [box.x + box.width - slack, box.y + box.height - slack],
          [box.x + slack, box.y + box.height - slack],
        ];
        return pts.map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
      };
      const separated = (p: Point[], q: Point[]): boolean => {
        for (const poly of [p, q]) {
          for (let i = 0; i < poly.length; i++) {
            const [x1, y1] = poly[i]!;
            const [x2, y2] = poly[(i + 1) % poly.length]!;
            const nx = y2 - y1;
            const ny = x1 - x2;
            const project = (pts: Point[]) => pts.map(([x, y]) => x * nx + y * ny);
            const a = project(p);
            const b = project(q);
            if (Math.max(...a) <= Math.min(...b) || Math.max(...b) <= Math.min(...a)) return true;
          }
        }
        return false;
      };
      const clashes: { svg: string; a: string; b: string }[] = [];
      for (const svg of document.querySelectorAll<SVGSVGElement>(selector)) {
        if (svg.getBoundingClientRect().width === 0) continue;
        const name = svg.getAttribute('aria-label') ?? svg.id ?? 'svg';
        const texts = [...svg.querySelectorAll<SVGTextElement>('text')]
          .filter((t) => (t.textContent ?? '').trim() !== '')
          .map((t) => ({ text: t.textContent ?? '', poly: corners(t) }));
        for (let i = 0; i < texts.length; i++) {
          for (let j = i + 1; j < texts.length; j++) {
            if (!separated(texts[i]!.poly, texts[j]!.poly))
              clashes.push({ svg: name, a: texts[i]!.text, b: texts[j]!.text });
          }
        }
        for (const marker of svg.querySelectorAll<SVGGraphicsElement>('path.point')) {
          // the marker's core: its box shrunk to about the drawn symbol
          const poly = corners(marker);
          if (poly.length === 0) continue;
          const cx = poly.reduce((s, [x]) => s + x, 0) / 4;
          const cy = poly.reduce((s, [, y]) => s + y, 0) / 4;
          const core: Point[] = poly.map(([x, y]) => [cx + (x - cx) * 0.6, cy + (y - cy) * 0.6]);
          for (const text of texts) {
            if (!separated(text.poly, core))
              clashes.push({
                svg: name,
                a: text.text,
                b: `marker ${marker.getAttribute('data-point') ?? marker.getAttribute('data-operating') ?? ''}`,
              });
          }
        }
      }
      return clashes;
    },
    [selector, slack] as const,
  );
}

/** The smallest rendered text height among chart <text> (font size × the SVG's on-screen scale), px. */
export function smallestChartText(page: Page, selector: string): Promise<{ size: number; text: string }> {
  return page.evaluate((selector) => {
    let smallest = { size: Number.POSITIVE_INFINITY, text: '' };
    for (const svg of document.querySelectorAll<SVGSVGElement>(selector)) {
      const rect = svg.getBoundingClientRect();
      const viewBox = svg.viewBox.baseVal;
      if (rect.width === 0 || !viewBox || viewBox.width === 0) continue;
      const scale = rect.width / viewBox.width;
      for (const text of svg.querySelectorAll<SVGTextElement>('text')) {
        if ((text.textContent ?? '').trim() === '') continue;
        const size = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
        if (size < smallest.size) smallest = { size, text: text.textContent ?? '' };
      }
    }
    return smallest;
  }, selector);
}

/** How far the page is wider than the window (0 = no horizontal scrolling), and the widest culprit. */
export function horizontalOverflow(page: Page): Promise<{ overflow: number; culprit: string }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    let culprit = '';
    let right = width;
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).position === 'fixed') continue;
      if (r.right > right + 0.5) {
        right = r.right;
        culprit = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`;
      }
    }
    return { overflow: document.documentElement.scrollWidth - width, culprit };
  });
}
