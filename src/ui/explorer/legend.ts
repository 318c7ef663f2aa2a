// A chart's legend as elements: one span per [classes, text]. The text may name a measured device (from a
// document) or carry numbers: it is always text, never markup.
import { h } from '../dom.ts';

export type LegendItem = readonly [cssClasses: string, text: string];

export function legendItems(items: readonly LegendItem[]): HTMLElement[] {
  return items.map(([cls, text]) => h('span', { class: `legend-item ${cls}` }, text));
}
