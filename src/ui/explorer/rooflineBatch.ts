// The roofline chapter's batch slider: B from 1 to 512 (log2, the batch knob's own slider, so the whole
// scenario follows), the decode point moving along the roof toward the ridge, and a line on where it
// stalls and why (charts/operatingPoints.ts decodeStall, written by the chart on each draw).
import { h } from '../dom.ts';

export function rooflineBatchControl(): HTMLElement {
  const slider = h('input', {
    type: 'range',
    min: 0,
    max: 9,
    step: 1,
    'data-knob-log2': 'batch',
    'aria-label': 'Batch B (log2 slider): moves the decode point along the roof',
  });
  return h(
    'div',
    { class: 'roofline-batch', 'data-role': 'roofline-batch' },
    h('label', {}, h('span', {}, 'Batch B: 1 … 512 concurrent streams'), slider),
    h('p', { class: 'chart-note', 'data-field': 'decode-stall', 'aria-live': 'polite' }),
  );
}
