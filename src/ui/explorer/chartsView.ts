// Joins an Evaluation to the explorer's d3 charts: VRAM, batching, TTFT against concurrency, fleet against
// the traffic tiers, and the monthly bill. The numbers all come from the engine's result; this file only
// picks them and hands them to the pure layouts (src/charts/explorer).
import type { BatchCurvePoint, ObservedBatchPoint } from '../../charts/explorer/batchingLayout.ts';
import { layoutBatching } from '../../charts/explorer/batchingLayout.ts';
import { usd } from '../../charts/explorer/format.ts';
import { type ChartFrame, type FrameOptions, frameFor } from '../../charts/explorer/frame.ts';
import { layoutLine, type ObservedXYPoint, type XYPoint } from '../../charts/explorer/lineLayout.ts';
import { renderStackedBars, renderVram } from '../../charts/explorer/renderBars.ts';
import { renderBatching } from '../../charts/explorer/renderBatching.ts';
import { renderLine } from '../../charts/explorer/renderLine.ts';
import { layoutStackedBars } from '../../charts/explorer/stackedBarsLayout.ts';
import { layoutVram, vramFrameFor } from '../../charts/explorer/vramLayout.ts';
import type { ScenarioResult } from '../../model/evaluate.ts';
import type { ScenarioInputs } from '../../model/inputs.ts';
import { aggregateTpsOf, publishedSeries } from '../../model/reality.ts';
import { type Evaluation, evaluateVariant } from './evaluation.ts';
import { renderKvChart, renderRooflineChart } from './extraCharts.ts';
import { grouped } from './formatValue.ts';
import { type LocalGpu, normaliseCurve } from './measuredRoofs.ts';

export const TTFT_CONCURRENCY = [1, 2, 4, 8, 16, 32, 64, 128];

function host(root: HTMLElement, chart: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-chart="${chart}"] .chart-host`);
}

const vramFrameOf = (el: HTMLElement): ChartFrame => vramFrameFor(el.clientWidth || 640);

/** The chart's frame at its host's width in CSS pixels (640 while the host is not laid out). */
export function frameOf(el: HTMLElement, options: FrameOptions = {}): ChartFrame {
  return frameFor(el.clientWidth || 640, options);
}

function legend(root: HTMLElement, chart: string, items: readonly (readonly [string, string])[]): void {
  const el = root.querySelector<HTMLElement>(`[data-legend="${chart}"]`);
  if (el)
    el.innerHTML = items.map(([cls, text]) => `<span class="legend-item ${cls}">${text}</span>`).join('');
}

function emptyChart(root: HTMLElement, chart: string, reason: string): void {
  const el = host(root, chart);
  if (el) el.innerHTML = `<p class="chart-empty">${reason.replace(/</g, '&lt;')}</p>`;
  legend(root, chart, []);
}

function value(result: ScenarioResult, id: string): number {
  return result.figures[id]?.value ?? Number.NaN;
}

/** The engine's sweep as chart points, B = 1…512. */
export function sweepPoints(result: ScenarioResult): BatchCurvePoint[] {
  const { sweep } = result;
  const points: BatchCurvePoint[] = [];
  for (let i = 0; i < sweep.maxBatch; i++) {
    points.push({
      batch: i + 1,
      perStreamTps: sweep.perStreamTps[i] ?? 0,
      aggregateTps: sweep.aggregateTps[i] ?? 0,
    });
  }
  return points;
}

function observedBatchPoints(result: ScenarioResult): ObservedBatchPoint[] {
  const observed: ObservedBatchPoint[] = result.sweep.measuredPoints.map((p) => ({
    batch: p.batch,
    perStreamTps: 1 / p.passS,
    aggregateTps: p.batch / p.passS,
    seriesId: 'blog',
    label: `blog load test, B=${p.batch}: ${(1 / p.passS).toFixed(1)} tok/s per stream (${p.source})`,
  }));
  for (const series of publishedSeries) {
    for (const point of series.points) {
      observed.push({
        batch: point.concurrency,
        perStreamTps: point.perUserTps ?? null,
        aggregateTps: aggregateTpsOf(point),
        seriesId: series.id,
        label: `${series.label}, ${point.concurrency} concurrent: ${point.perUserTps ?? '—'} tok/s per user (${series.source.publisher})`,
      });
    }
  }
  return observed;
}

function renderBatchingChart(
  root: HTMLElement,
  result: ScenarioResult,
  inputs: ScenarioInputs,
  local: LocalGpu | null,
): void {
  const el = host(root, 'batching');
  if (!el) return;
  const points = sweepPoints(result);
  const overlay = local
    ? normaliseCurve(local.gemvCurve, (batch) => points[batch - 1]?.aggregateTps ?? null)
    : [];
  const layout = layoutBatching(
    {
      points,
      regions: result.sweep.regions,
      kvCliffBatch: result.sweep.maxUsers < result.sweep.maxBatch ? Math.max(1, result.sweep.maxUsers) : null,
      slaPerStreamTps: result.sweep.sla.targetPerStreamTps,
      chosenBatch: result.sweep.sla.batch,
      currentBatch: inputs.scenario.batch,
      observed: observedBatchPoints(result),
      overlay,
    },
    frameOf(el, { rightAxis: true, aspect: 0.42, maxHeight: 480 }),
  );
  renderBatching(
    el,
    layout,
    points,
    `Batching curve at ${grouped(inputs.scenario.kvContextTokens)} tokens of context`,
  );
  legend(root, 'batching', [
    ['per-stream', 'per-stream tok/s (left)'],
    ['aggregate', 'aggregate tok/s (right)'],
    [
      'sla',
      `SLA ${result.sweep.sla.targetPerStreamTps} tok/s per stream → chosen B = ${result.sweep.sla.batch ?? 'none'}`,
    ],
    ['cliff', `KV capacity: ${grouped(result.sweep.maxUsers)} streams`],
    ['current', `your B = ${inputs.scenario.batch}`],
    ['observed blog', 'blog load test'],
    ['observed lambda', 'Lambda K2.6 8K/2K'],
    ['observed inferencex', 'InferenceX K2.5 INT4 8K/1K'],
    ['note', '◆ per stream · ■ aggregate'],
    ...(overlay.length
      ? ([
          ['measured', `${local?.name ?? 'your GPU'}: batched GEMV, normalised to the model's peak`],
        ] as const)
      : []),
  ]);
}

let ttftMemo: { key: string; curve: XYPoint[] } | null = null;

/**
 * F48 at each concurrency, from the engine (the scenario re-evaluated with tp8.concurrency = c). Memoised
 * on every input but the batch knob, which F48 does not read (it uses tp8.concurrency, spec F48): moving B
 * then costs no re-evaluation, which keeps an input event well inside the 50 ms budget.
 */
export function ttftCurve(inputs: ScenarioInputs): XYPoint[] {
  const key = JSON.stringify({ ...inputs, scenario: { ...inputs.scenario, batch: 0 } });
  if (ttftMemo?.key === key) return ttftMemo.curve;
  const curve: XYPoint[] = [];
  for (const c of TTFT_CONCURRENCY) {
    const ttft = evaluateVariant(inputs, 'tp8.concurrency', c)?.figures['ttft.napkin']?.value;
    if (ttft !== undefined && Number.isFinite(ttft)) curve.push({ x: c, y: ttft });
  }
  ttftMemo = { key, curve };
  return curve;
}

function renderTtftChart(root: HTMLElement, result: ScenarioResult, inputs: ScenarioInputs): void {
  const el = host(root, 'ttft');
  if (!el) return;
  const curve = ttftCurve(inputs);
  const observed: ObservedXYPoint[] = [
    {
      x: inputs.tp8.concurrency,
      y: value(result, 'ttft.measured_p50'),
      seriesId: 'blog',
      label: `blog load test: p50 TTFT ${inputs.tp8.ttftP50MeasuredS} s at c=${inputs.tp8.concurrency}`,
    },
  ];
  for (const series of publishedSeries) {
    for (const p of series.points) {
      if (p.meanTtftS !== undefined) {
        observed.push({
          x: p.concurrency,
          y: p.meanTtftS,
          seriesId: series.id,
          label: `${series.label}: mean TTFT ${p.meanTtftS} s`,
        });
      }
    }
  }
  const layout = layoutLine({ curve, observed, markerX: inputs.scenario.batch }, frameOf(el));
  renderLine(el, layout, 'TTFT against concurrency', 'concurrent requests c (log2)', 'TTFT (s)');
  el.querySelector('svg')?.setAttribute('data-series', JSON.stringify(curve.map((p) => [p.x, p.y])));
  legend(root, 'ttft', [
    [
      'model',
      `napkin: median fresh prompt ${grouped(inputs.request.freshTokensMedian)} tok × c ÷ ${grouped(inputs.empirical.prefillRateMeasuredTps)} tok/s prefill`,
    ],
    ['observed blog', 'blog p50 TTFT (c=16)'],
    ['observed lambda', 'Lambda mean TTFT (c=32, 8K prompts)'],
  ]);
}

function renderFleetCharts(root: HTMLElement, result: ScenarioResult, inputs: ScenarioInputs): void {
  const fleetHost = host(root, 'fleet');
  const billHost = host(root, 'bill');
  const capacity = value(result, 'fleet.replicas') * inputs.tp4.procTpsMeasured;
  if (fleetHost) {
    const tiers = (['trough', 'p50', 'p90', 'p99'] as const).map((tier) => {
      const demand = inputs.traffic[tier].procTps;
      const served = Math.min(demand, capacity);
      return {
        id: tier,
        label: tier === 'trough' ? 'trough' : tier.toUpperCase(),
        segments: [
          { key: 'selfhost', label: 'self-hosted', value: served },
          { key: 'spill', label: 'API spill-over', value: demand - served },
        ],
      };
    });
    const layout = layoutStackedBars(
      {
        bars: tiers,
        references: [{ key: 'capacity', label: '', value: capacity }],
      },
      frameOf(fleetHost),
    );
    renderStackedBars(fleetHost, layout, 'Fleet against traffic tiers', 'processed tok/s');
    legend(root, 'fleet', [
      ['selfhost', 'served by the self-hosted fleet'],
      ['spill', 'spilled to the API'],
      [
        'capacity',
        `dashed: the fleet, ${value(result, 'fleet.replicas')} replicas × ${grouped(inputs.tp4.procTpsMeasured)} = ${grouped(capacity)} tok/s`,
      ],
    ]);
  }
  if (billHost) {
    const layout = layoutStackedBars(
      {
        bars: [
          {
            id: 'hybrid',
            label: 'self-host + spill',
            segments: [
              { key: 'selfhost', label: 'self-hosted fleet', value: value(result, 'fleet.selfhost_cost') },
              { key: 'spill', label: 'API spill-over', value: value(result, 'fleet.spill_cost') },
            ],
          },
          {
            id: 'api',
            label: 'all API',
            segments: [{ key: 'api', label: 'all API', value: value(result, 'bill.all_api') }],
          },
        ],
        references: [],
        formatValue: usd,
      },
      frameOf(billHost, { tickSample: '$185k' }),
    );
    renderStackedBars(billHost, layout, 'Monthly bill', 'USD per month');
    const savings = value(result, 'bill.savings');
    legend(root, 'bill', [
      ['selfhost', 'self-hosted fleet'],
      ['spill', 'API spill-over'],
      ['api', 'all API'],
      [
        'note',
        Number.isFinite(savings)
          ? `${savings >= 0 ? 'saves' : 'costs'} ${usd(Math.abs(savings))} per month`
          : '',
      ],
    ]);
  }
}

function renderDecodeChart(root: HTMLElement, result: ScenarioResult): void {
  const el = host(root, 'decode');
  if (!el) return;
  const ceiling = value(result, 'decode.ceiling_tps');
  const layout = layoutStackedBars(
    {
      bars: [
        {
          id: 'ceiling',
          label: 'ceiling (F12)',
          segments: [{ key: 'ceiling', label: 'bandwidth ceiling', value: ceiling }],
        },
        {
          id: 'hi',
          label: `at ${grouped(100 * (result.figures['decode.realistic_hi_tps']?.inputs['mbu'] as number))}% MBU`,
          segments: [
            { key: 'realistic', label: 'realistic', value: value(result, 'decode.realistic_hi_tps') },
          ],
        },
        {
          id: 'lo',
          label: `at ${grouped(100 * (result.figures['decode.realistic_lo_tps']?.inputs['mbu'] as number))}% MBU`,
          segments: [
            { key: 'realistic', label: 'realistic', value: value(result, 'decode.realistic_lo_tps') },
          ],
        },
      ],
      references: [],
    },
    frameOf(el),
  );
  renderStackedBars(el, layout, 'Decode ceiling and realistic decode at B=1', 'tok/s per node');
  legend(root, 'decode', [
    ['aggregate', 'effective node bandwidth ÷ bytes read per token (B=1)'],
    ['spill', 'the same at the real-world MBU range (F13)'],
  ]);
}

function renderVramChart(root: HTMLElement, result: ScenarioResult, inputs: ScenarioInputs): void {
  const el = host(root, 'vram');
  if (!el) return;
  const gpus = inputs.hardware.gpusPerNode;
  const node = value(result, 'mem.node_vram');
  const weights = value(result, 'mem.weight_bytes');
  const activations = inputs.empirical.activationsBytes;
  const layout = layoutVram(
    [
      {
        id: 'gpu',
        label: 'per GPU',
        capacityBytes: node / gpus,
        weightBytes: weights / gpus,
        activationBytes: activations / gpus,
      },
      {
        id: 'node',
        label: `per node (${gpus})`,
        capacityBytes: node,
        weightBytes: weights,
        activationBytes: activations,
      },
    ],
    vramFrameOf(el),
  );
  renderVram(el, layout, 'VRAM breakdown');
  legend(root, 'vram', [
    ['weights', 'weights (spread over the node)'],
    ['activations', 'activations (asserted)'],
    ['kv', 'KV budget'],
    ...(layout.bars.some((b) => !b.fits) ? ([['over', 'over capacity: does not fit']] as const) : []),
  ]);
}

/**
 * Every chart's drawing as its own step, in page order: an input runs them all at once (everything updates
 * before the next frame); loading the page runs each in a task of its own.
 */
export function chartSteps(
  root: HTMLElement,
  evaluation: Evaluation,
  local: LocalGpu | null,
): (() => void)[] {
  const { result, inputs } = evaluation;
  if (!result || !inputs) {
    return [
      () => {
        for (const chart of ['vram', 'decode', 'batching', 'ttft', 'fleet', 'bill', 'kv', 'roofline']) {
          emptyChart(root, chart, evaluation.error ?? 'Not computed for this scenario.');
        }
      },
    ];
  }
  return [
    () => renderVramChart(root, result, inputs),
    () => renderDecodeChart(root, result),
    () => renderTtftChart(root, result, inputs),
    () => renderFleetCharts(root, result, inputs),
    () => {
      const kvHost = host(root, 'kv');
      if (kvHost) renderKvChart(kvHost, root.querySelector<HTMLElement>('[data-legend="kv"]'), evaluation);
    },
    () => renderMeasuredCharts(root, evaluation, local),
  ];
}

/**
 * Only the charts a measured (or imported) run changes: the batching chart's measured overlay and the
 * roofline's local roofs. A new run redraws these and leaves the rest of the page alone.
 */
export function renderMeasuredCharts(
  root: HTMLElement,
  evaluation: Evaluation,
  local: LocalGpu | null,
): void {
  const { result, inputs } = evaluation;
  if (!result || !inputs) return;
  renderBatchingChart(root, result, inputs, local);
  const rooflineHost = host(root, 'roofline');
  if (rooflineHost) {
    renderRooflineChart(
      rooflineHost,
      root.querySelector<HTMLElement>('[data-legend="roofline"]'),
      evaluation,
      local,
    );
  }
}
