// The batching chapter under load: the workload's inputs (the CLI's --load flags, each checked as the CLI
// checks it, the message beside the input), the simulation's progress, and the blog's four load-test
// curves against concurrency (§8.3: aggregate and per-stream tok/s, TTFT, cache hit rate) from the
// serving simulator, with the blog's measurements as points and its napkin beside the TTFT. The
// simulation runs in a worker (loadClient.ts); this file only reads its result and draws.
import { layoutLine, type ObservedXYPoint, type XYPoint } from '../../charts/explorer/lineLayout.ts';
import { renderLine } from '../../charts/explorer/renderLine.ts';
import type { ScenarioResult } from '../../model/evaluate.ts';
import type { LoadResult } from '../../model/evaluateLoad.ts';
import { NUMERIC_FLAGS, parseFlagValue } from '../../model/scenario/flagBounds.ts';
import { getInputPath } from '../../model/scenario/inputPaths.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { formatWithUnit, grouped, percent, readable, seconds } from '../../model/units/format.ts';
import { atScenarioContext, measurementsFor } from '../../model/validation/scenarioMeasurements.ts';
import { h } from '../dom.ts';
import { type ChartTarget, frameOf, targetIn } from './chartTarget.ts';
import { MEASURED_UNIT } from './comparison.ts';
import { legendItems } from './legend.ts';
import type { LoadState } from './loadClient.ts';

/** The workload flags the panel shows (the CLI's, with its ranges), and the input each one sets. */
export const LOAD_FLAGS = [
  ['concurrency', 'Streams at the operating point'],
  ['requests', 'Requests measured (sweep)'],
  ['cached-tokens', 'Cached prompt tokens (median)'],
  ['fresh-tokens', 'Fresh prompt tokens (median)'],
  ['output-tokens', 'Output tokens (median)'],
  ['qps', 'Open-loop arrivals (req/s)'],
] as const;

export const LOAD_PATHS: ReadonlySet<string> = new Set(
  LOAD_FLAGS.map(([flag]) => NUMERIC_FLAGS[flag]?.path ?? ''),
);

/** The load charts, in the order the blog lists its curves (§8.3). */
export const LOAD_CHARTS = ['load-aggregate', 'load-per-stream', 'load-ttft', 'load-cache'] as const;

export function loadPanel(): HTMLElement {
  return h(
    'div',
    { class: 'load-panel', 'data-role': 'load-panel' },
    h(
      'p',
      { class: 'load-lede' },
      'Serving under load: one replica simulated as the blog’s load test ran it (closed loop, each stream sending its next turn when the last finishes), every step priced by the per-operator model. Past the KV cache’s capacity prefixes are evicted, returning users prefill again and TTFT explodes.',
    ),
    h(
      'div',
      { class: 'load-inputs' },
      ...LOAD_FLAGS.map(([flag, label]) => {
        const bound = NUMERIC_FLAGS[flag]?.bound;
        return h(
          'label',
          { class: 'knob' },
          h('span', {}, label),
          h('input', {
            type: 'number',
            'data-load-flag': flag,
            min: bound?.min,
            max: bound?.max,
            step: flag === 'qps' ? '0.01' : '1',
          }),
          h('span', { class: 'knob-problem', 'data-load-problem': flag, hidden: true }),
        );
      }),
    ),
    h(
      'div',
      { class: 'load-status', role: 'status', 'aria-live': 'polite' },
      h('progress', { 'data-role': 'load-progress', max: 1, value: 0, hidden: true }),
      h('span', { 'data-role': 'load-status' }, ''),
    ),
  );
}

/** Reads a panel input as the CLI reads its flag: the path and value, or the message to show beside it. */
export function readLoadInput(
  flag: string,
  raw: string,
): { readonly path: string; readonly value: number } | { readonly problem: string } {
  const spec = NUMERIC_FLAGS[flag];
  if (!spec?.path) return { problem: `--${flag}: not a workload flag` };
  const value = parseFlagValue(spec, raw.trim());
  return value instanceof Error ? { problem: `--${flag} ${value.message}` } : { path: spec.path, value };
}

/** Writes the scenario's workload into the panel's inputs (not the one being typed in). */
export function syncLoadPanel(root: HTMLElement, inputs: ScenarioInputs | null): void {
  if (!inputs) return;
  for (const input of root.querySelectorAll<HTMLInputElement>('[data-load-flag]')) {
    const path = NUMERIC_FLAGS[input.dataset['loadFlag'] ?? '']?.path;
    if (!path || document.activeElement === input) continue;
    const text = String(getInputPath(inputs, path));
    if (input.value !== text) input.value = text;
  }
}

/**
 * The inputs' refusal as the CLI words it (`--fresh-tokens 300000: inconsistent inputs: …`), beside each
 * panel input the refusal names; the others cleared. Null clears them all.
 */
export function showLoadRefusal(
  root: HTMLElement,
  inputs: ScenarioInputs | null,
  refusal: string | null,
): void {
  for (const [flag] of LOAD_FLAGS) {
    const path = NUMERIC_FLAGS[flag]?.path;
    const named =
      refusal !== null && inputs !== null && path !== undefined && path !== null && refusal.includes(path);
    showLoadProblem(
      root,
      flag,
      named && path
        ? `--${flag} ${String(getInputPath(inputs, path))}: inconsistent inputs: ${refusal}`
        : null,
    );
  }
}

export function showLoadProblem(root: HTMLElement, flag: string, problem: string | null): void {
  const el = root.querySelector<HTMLElement>(`[data-load-problem="${flag}"]`);
  const input = root.querySelector<HTMLInputElement>(`[data-load-flag="${flag}"]`);
  if (el) {
    el.hidden = problem === null;
    el.textContent = problem ?? '';
  }
  input?.setAttribute('aria-invalid', problem === null ? 'false' : 'true');
}

/** The status line and progress bar for the worker's state. */
export function renderLoadStatus(root: HTMLElement, state: LoadState): void {
  const text = root.querySelector<HTMLElement>('[data-role="load-status"]');
  const bar = root.querySelector<HTMLProgressElement>('[data-role="load-progress"]');
  const panel = root.querySelector<HTMLElement>('[data-role="load-panel"]');
  if (!text || !bar || !panel) return;
  panel.dataset['loadState'] = state.kind;
  bar.hidden = state.kind !== 'running';
  switch (state.kind) {
    case 'idle':
      text.textContent = '';
      break;
    case 'running': {
      const p = state.progress;
      bar.max = p?.total ?? 1;
      bar.value = p?.done ?? 0;
      text.textContent = p
        ? `Simulating ${Math.min(p.done + 1, p.total)} of ${p.total}: ${p.label}…`
        : 'Simulating…';
      panel.dataset['loadDone'] = String(p?.done ?? 0);
      panel.dataset['loadTotal'] = String(p?.total ?? 0);
      break;
    }
    case 'done': {
      const r = state.result;
      const requests = r.points.reduce((sum, p) => sum + p.completedRequests, 0);
      const sla =
        r.sla.concurrency === null ? 'no level meets the SLA' : `SLA pick: ${r.sla.concurrency} streams`;
      const cost = r.economics ? `, ${usdPerM(r.economics.costPerMProcUsd)} per M processed tokens` : '';
      text.textContent = `${grouped(requests)} requests simulated over ${r.points.length} levels; ${sla}${cost}. CLI: ridgeline project --load`;
      break;
    }
    case 'problems':
      text.textContent = `The workload cannot run: ${state.problems[0] ?? ''}`;
      break;
    case 'cancelled':
      text.textContent = '';
      break;
    case 'failed':
      text.textContent = state.message;
      break;
  }
}

function legend(target: ChartTarget, items: readonly (readonly [string, string])[]): void {
  target.legend?.replaceChildren(...legendItems(items.filter(([, text]) => text !== '')));
}

const series = (result: LoadResult, y: (p: LoadResult['points'][number]) => number): XYPoint[] =>
  result.points.map((p) => ({ x: p.concurrency, y: y(p) }));

/** The blog's measured points and the published measurements of this scenario, per curve. */
function observedFor(
  scenario: ScenarioResult,
  inputs: ScenarioInputs,
): Record<(typeof LOAD_CHARTS)[number], ObservedXYPoint[]> {
  const blog = scenario.sweep.measuredPoints;
  const perStream: ObservedXYPoint[] = blog.map((p) => ({
    x: p.batch,
    y: 1 / p.passS,
    seriesId: 'blog',
    label: `blog load test, c = ${p.batch}: ${formatWithUnit(1 / p.passS, 'tok/s')} per stream (${p.source})`,
  }));
  const ttft: ObservedXYPoint[] = [];
  const aggregate: ObservedXYPoint[] = [];
  const cache: ObservedXYPoint[] = [];
  if (scenario.diagnostics !== null) {
    // the blog's own scenario: its load test's c = 16 measurements (§5.10 steps 5, 6 and 8)
    const c = inputs.tp8.concurrency;
    ttft.push({
      x: c,
      y: inputs.tp8.ttftP50MeasuredS,
      seriesId: 'blog',
      label: `blog load test: TTFT p50 ${formatWithUnit(inputs.tp8.ttftP50MeasuredS, 's')} at c = ${c}`,
    });
    const output = inputs.tp8.outputTpsPerGpuMeasured * inputs.tp8.gpusPerReplica;
    aggregate.push({
      x: c,
      y: output,
      seriesId: 'blog',
      label: `blog load test: ${grouped(output)} output tok/s at c = ${c} (${readable(inputs.tp8.outputTpsPerGpuMeasured)} per GPU × ${inputs.tp8.gpusPerReplica})`,
    });
    cache.push({
      x: c,
      y: inputs.request.cacheHitRateStated,
      seriesId: 'blog',
      label: `blog: cached share of input ${percent(inputs.request.cacheHitRateStated)} at c = ${c}`,
    });
  }
  for (const m of measurementsFor(inputs)) {
    if (m.source.series === 'blog' || !atScenarioContext(m, inputs)) continue;
    const x = m.choice.batch ?? 1;
    const label = `${m.source.publisher}, ${m.scenario}: ${formatWithUnit(m.value, MEASURED_UNIT[m.metric])}`;
    if (m.metric === 'ttftSeconds') ttft.push({ x, y: m.value, seriesId: m.source.series, label });
    if (m.metric === 'perStreamTps') perStream.push({ x, y: m.value, seriesId: m.source.series, label });
    if (m.metric === 'stepSeconds' && m.speculative === undefined)
      perStream.push({ x, y: 1 / m.value, seriesId: m.source.series, label });
  }
  return {
    'load-aggregate': aggregate,
    'load-per-stream': perStream,
    'load-ttft': ttft,
    'load-cache': cache,
  };
}

function emptyLoadChart(target: ChartTarget, text: string): void {
  target.host.replaceChildren(h('p', { class: 'chart-empty' }, text));
  legend(target, []);
}

/** Draws the four load curves from the worker's state (or says what there is instead). */
export function drawLoadCharts(
  root: HTMLElement,
  state: LoadState,
  scenario: ScenarioResult | null,
  inputs: ScenarioInputs | null,
  napkinTtft: readonly XYPoint[],
): void {
  const targets = LOAD_CHARTS.map((id) => [id, targetIn(root, id)] as const);
  if (state.kind !== 'done' || !scenario || !inputs) {
    const text =
      state.kind === 'problems'
        ? `The workload cannot run: ${state.problems[0] ?? ''}`
        : state.kind === 'failed'
          ? state.message
          : 'Simulating…';
    for (const [, target] of targets) if (target) emptyLoadChart(target, text);
    return;
  }
  const result = state.result;
  const observed = observedFor(scenario, inputs);
  const capacity = result.workload.kvCapacityStreams;
  const cliff = `KV capacity: ${readable(capacity)} mean requests (vertical line)`;
  const draw = (
    id: (typeof LOAD_CHARTS)[number],
    curve: XYPoint[],
    title: string,
    yLabel: string,
    items: [string, string][],
    options: { secondary?: XYPoint[]; logY?: boolean } = {},
  ) => {
    const target = targets.find(([name]) => name === id)?.[1];
    if (!target) return;
    const layout = layoutLine(
      {
        curve,
        observed: observed[id],
        markerX: capacity,
        ...(options.secondary ? { secondary: options.secondary } : {}),
        ...(options.logY ? { logY: true } : {}),
      },
      frameOf(target),
    );
    renderLine(target.host, layout, title, 'concurrent streams (log2)', yLabel);
    target.host
      .querySelector('svg')
      ?.setAttribute('data-series', JSON.stringify(curve.map((p) => [p.x, p.y])));
    legend(target, [...items, ['cliff', cliff], ...blogLegend(observed[id])]);
  };
  draw(
    'load-aggregate',
    series(result, (p) => p.aggregateTps),
    'Aggregate output tok/s',
    'tok/s',
    [['model', 'ridgeline’s simulation: output tokens per second of the replica']],
  );
  draw(
    'load-per-stream',
    series(result, (p) => p.perStreamTps),
    'Per-stream tok/s',
    'tok/s per stream',
    [['model', 'ridgeline’s simulation: decode tok/s a stream sees after its first token']],
  );
  draw(
    'load-ttft',
    series(result, (p) => p.ttftP50Seconds),
    'Time to first token (p50)',
    'TTFT p50 (s, log)',
    [
      [
        'model',
        'ridgeline’s simulation: TTFT p50 (queueing, chunked prefill, evicted prefixes prefilled again)',
      ],
      ['napkin', napkinTtft.length > 0 ? 'dashed: the blog’s napkin: fresh × c ÷ measured prefill rate' : ''],
    ],
    { secondary: [...napkinTtft], logY: true },
  );
  draw(
    'load-cache',
    series(result, (p) => p.cacheHitRate),
    'Prefix cache hit rate',
    'share of prompt tokens',
    [['model', 'ridgeline’s simulation: prompt tokens found cached when a request is admitted']],
  );
}

function blogLegend(observed: readonly ObservedXYPoint[]): [string, string][] {
  const names: Record<string, string> = {
    blog: 'the blog’s load test (◆)',
    lambda: 'Lambda (vLLM) ◆',
    inferencex: 'InferenceX (vLLM) ◆',
    trtllm: 'TensorRT-LLM ◆',
    nim: 'NVIDIA NIM ◆',
    llamacpp: 'llama.cpp ◆',
  };
  return [...new Set(observed.map((o) => o.seriesId))].map((id) => [`observed ${id}`, names[id] ?? id]);
}

/** Dollars per M tokens as every surface prints them ("$0.447"): the one formatter's money. */
const usdPerM = (value: number): string => formatWithUnit(value, 'USD');

function table(header: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  return h(
    'table',
    { class: 'card-table load-table' },
    h('thead', {}, h('tr', {}, ...header.map((cell) => h('th', {}, cell)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell))))),
  );
}

/** The SLA pick and $/M from the simulation, with the blog's napkin beside them where it applies. */
function slaText(r: LoadResult, scenario: ScenarioResult | null, inputs: ScenarioInputs | null): string {
  const target = `TTFT p99 ≤ ${r.sla.targetTtftP99Seconds} s and ≥ ${r.sla.targetPerStreamTps} tok/s per stream`;
  if (r.sla.concurrency === null || r.economics === null)
    return `SLA (${target}): no simulated level meets it, so no $/M or fleet from the simulation.`;
  const napkinCost = scenario?.figures['cost.tp8_per_m']?.value;
  const napkinTtft = scenario?.figures['ttft.napkin']?.value;
  const napkin =
    napkinCost !== undefined &&
    napkinTtft !== undefined &&
    Number.isFinite(napkinCost) &&
    Number.isFinite(napkinTtft)
      ? ` The blog’s napkin: ${usdPerM(napkinCost)} per M processed tokens, TTFT ${formatWithUnit(napkinTtft, 's')}${inputs ? ` at c = ${inputs.tp8.concurrency}` : ''}.`
      : '';
  return `SLA (${target}): ${r.sla.concurrency} streams. ridgeline’s simulation: ${grouped(r.economics.processedTps)} processed tok/s at ${formatWithUnit(r.economics.costPerHourUsd, 'USD/h')} → ${usdPerM(r.economics.costPerMProcUsd)} per M processed tokens.${napkin}`;
}

/** The table of every level (the CLI's load table), the SLA pick and $/M, and each tier's fleet, as text. */
export function renderLoadTable(
  root: HTMLElement,
  state: LoadState,
  scenario: ScenarioResult | null,
  inputs: ScenarioInputs | null,
): void {
  const host = root.querySelector<HTMLElement>('[data-role="load-table"]');
  if (!host) return;
  if (state.kind !== 'done') {
    host.replaceChildren();
    return;
  }
  const r = state.result;
  const levels = table(
    ['streams', 'TTFT p50', 'TTFT p99', 'ITL p50', 'per-stream', 'aggregate', 'cache hit', 'KV use'],
    r.points.map((p) => [
      `${p.concurrency}${p.concurrency === r.sla.concurrency ? ' (SLA)' : ''}`,
      seconds(p.ttftP50Seconds),
      seconds(p.ttftP99Seconds),
      seconds(p.itlP50Seconds),
      formatWithUnit(p.perStreamTps, 'tok/s'),
      `${grouped(p.aggregateTps)} tok/s`,
      percent(p.cacheHitRate),
      percent(p.kvUtilisation, 2),
    ]),
  );
  levels.dataset['role'] = 'load-levels';
  const parts: HTMLElement[] = [levels, h('p', { class: 'load-sla' }, slaText(r, scenario, inputs))];
  if (r.fleet.length > 0) {
    const fleet = table(
      ['tier', 'QPS', 'replicas', 'QPS each', 'TTFT p50', 'TTFT p99', 'per-stream', 'SLA', 'per month'],
      r.fleet.map((f) => [
        f.tier.toUpperCase(),
        f.qps.toString(),
        grouped(f.replicas),
        readable(f.qpsPerReplica),
        seconds(f.point.ttftP50Seconds),
        seconds(f.point.ttftP99Seconds),
        formatWithUnit(f.point.perStreamTps, 'tok/s'),
        f.meetsSla ? 'met' : 'missed',
        `$${grouped(f.costPerMonthUsd)}`,
      ]),
    );
    fleet.dataset['role'] = 'load-fleet';
    parts.push(
      h(
        'p',
        { class: 'load-sla' },
        'The replicas each traffic tier needs to keep the SLA, its requests arriving as they come (open loop, Poisson at the tier’s QPS, queueing included):',
      ),
      fleet,
    );
  }
  for (const note of r.notes) parts.push(h('p', { class: 'load-sla' }, note));
  host.replaceChildren(...parts);
}
