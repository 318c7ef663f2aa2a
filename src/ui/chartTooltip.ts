// The roofline's tooltip: a small table beside the hovered or focused point (its "why here" first), kept
// inside the chart's box. One for every roofline on the page: the Measure chart and the explorer's.
import type { RenderHandlers } from '../charts/rooflineRender.ts';
import type { TooltipRow } from '../charts/rooflineTypes.ts';
import { fill, h } from './dom.ts';

/** Adds a tooltip to `wrap` (positioned relative) for the <svg> inside it; returns the render handler. */
export function chartTooltip(
  wrap: HTMLElement,
  svg: () => SVGSVGElement | null,
): NonNullable<RenderHandlers['onTooltip']> {
  const tooltip = h('div', { class: 'chart-tooltip', role: 'tooltip', hidden: true });
  wrap.append(tooltip);
  return (
    content: { title: string; rows: readonly TooltipRow[] } | null,
    anchor: { x: number; y: number },
  ) => {
    const element = svg();
    // the host may have been emptied and redrawn since (a scenario that could not be computed)
    if (!tooltip.isConnected) wrap.append(tooltip);
    if (!content || !element) {
      tooltip.hidden = true;
      return;
    }
    fill(
      tooltip,
      h('strong', {}, content.title),
      h(
        'table',
        {},
        h(
          'tbody',
          {},
          ...content.rows.map((row) => h('tr', {}, h('td', {}, row.name), h('td', {}, row.value))),
        ),
      ),
    );
    tooltip.hidden = false;
    const box = element.getBoundingClientRect();
    const scale = box.width / (element.viewBox.baseVal.width || box.width);
    const left = anchor.x * scale + 14;
    const maxLeft = wrap.clientWidth - tooltip.offsetWidth - 4;
    tooltip.style.left = `${Math.max(4, Math.min(left, maxLeft))}px`;
    tooltip.style.top = `${Math.max(4, anchor.y * scale - tooltip.offsetHeight - 10)}px`;
  };
}
