// "Reality beside the napkin": every published operating point (src/model/reality.ts) against what the
// model gives for the same concurrency, with the gap stated. The setups differ (context, checkpoint,
// serving engine) and the table says so: the gap is the point of the blog's closing section, not noise.
import { publishedSeries } from '../../model/reality.ts';
import { h } from '../dom.ts';
import { TTFT_CONCURRENCY, ttftCurve } from './chartsView.ts';
import { type Evaluation, evaluateVariant } from './evaluation.ts';
import { grouped } from './formatValue.ts';

function pct(measured: number, modelled: number): string {
  if (!(Number.isFinite(measured) && Number.isFinite(modelled) && modelled > 0)) return '—';
  const gap = measured / modelled - 1;
  return `${gap >= 0 ? '+' : '−'}${Math.abs(gap * 100).toFixed(0)}%`;
}

function num(value: number | null | undefined, digits = 1): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

export function renderReality(host: HTMLElement, evaluation: Evaluation): void {
  let panel = host.querySelector<HTMLElement>('.reality');
  if (!panel) {
    panel = document.createElement('div');
    panel.className = 'reality';
    host.append(panel);
  }
  const { result, inputs } = evaluation;
  if (!result || !inputs) {
    panel.replaceChildren();
    delete panel.dataset['key'];
    return;
  }
  const sweep = result.sweep;
  const context = grouped(inputs.scenario.kvContextTokens);
  const rows: { series: string; label: string; concurrency: number; cells: string[] }[] = [];
  for (const series of publishedSeries) {
    for (const point of series.points) {
      const modelStream = sweep.perStreamTps[point.concurrency - 1];
      const modelAggregate = sweep.aggregateTps[point.concurrency - 1];
      const cells: string[] = [];
      if (point.perUserTps !== undefined) {
        cells.push(
          `per user ${num(point.perUserTps)} tok/s vs model ${num(modelStream)} (${pct(point.perUserTps, modelStream ?? Number.NaN)})`,
        );
      }
      if (point.outputTps !== undefined) {
        cells.push(
          `aggregate ${num(point.outputTps, 0)} vs model ${num(modelAggregate, 0)} tok/s (${pct(point.outputTps, modelAggregate ?? Number.NaN)})`,
        );
      }
      if (point.meanTtftS !== undefined) {
        const ttft = TTFT_CONCURRENCY.includes(point.concurrency)
          ? ttftCurve(inputs).find((p) => p.x === point.concurrency)?.y
          : evaluateVariant(inputs, 'tp8.concurrency', point.concurrency)?.figures['ttft.napkin']?.value;
        cells.push(
          `TTFT ${num(point.meanTtftS, 2)} s vs model ${num(ttft, 2)} s (${pct(point.meanTtftS, ttft ?? Number.NaN)})`,
        );
      }
      if (point.meanInterTokenLatencyS !== undefined) {
        const pass = sweep.predictedPassS[point.concurrency - 1];
        cells.push(
          `ITL ${num(point.meanInterTokenLatencyS * 1e3)} ms vs model ${num((pass ?? Number.NaN) * 1e3)} ms per pass`,
        );
      }
      rows.push({ series: series.id, label: series.label, concurrency: point.concurrency, cells });
    }
  }
  const note = `Published measurements against the model at this scenario (context ${context} tokens per stream). The setups differ from the blog's: ${publishedSeries
    .map(
      (s) =>
        `${s.label}: ${s.setup.inputTokens / 1000}K in / ${s.setup.outputTokens / 1000}K out, ${s.setup.weightPrecision} (source: ${s.source.page})`,
    )
    .join('; ')}. A gap in % is measured ÷ model − 1.`;
  // rebuild only when a number moved (most inputs leave this table as it is)
  const key = JSON.stringify([note, rows]);
  if (panel.dataset['key'] === key) return;
  panel.dataset['key'] = key;
  panel.replaceChildren(
    h('h4', {}, 'Reality beside the napkin'),
    h('p', { class: 'reality-note' }, note),
    h(
      'table',
      { class: 'reality-table' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'series'), h('th', {}, 'concurrency'), h('th', {}, 'measured vs model')),
      ),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h(
            'tr',
            { 'data-series': row.series, 'data-concurrency': row.concurrency },
            h('td', {}, row.label),
            h('td', {}, String(row.concurrency)),
            h('td', {}, ...row.cells.flatMap((cell, i) => (i === 0 ? [cell] : [h('br'), cell]))),
          ),
        ),
      ),
    ),
  );
}
