// Joins an Evaluation to the explorer's d3 charts: VRAM, batching, TTFT against concurrency, fleet against
// the traffic tiers, and the monthly bill. The numbers all come from the engine's result; this file only
// picks them and hands them to the pure layouts (src/charts/explorer). Each chart draws into a target (a
// host and its legend, at the host's width, or at a fixed size and font for the slide deck).
import type { BatchCurvePoint, ObservedBatchPoint } from '../../charts/explorer/batchingLayout.ts';
import { layoutBatching } from '../../charts/explorer/batchingLayout.ts';
import { usd } from '../../charts/explorer/format.ts';
import type { ChartFrame } from '../../charts/explorer/frame.ts';
import { layoutLine, type ObservedXYPoint, type XYPoint } from '../../charts/explorer/lineLayout.ts';
import { renderStackedBars, renderVram } from '../../charts/explorer/renderBars.ts';
import { renderBatching } from '../../charts/explorer/renderBatching.ts';
import { renderLine } from '../../charts/explorer/renderLine.ts';
import { layoutStackedBars } from '../../charts/explorer/stackedBarsLayout.ts';
import { layoutVram, vramFrameFor } from '../../charts/explorer/vramLayout.ts';
import type { ScenarioResult } from '../../model/evaluate.ts';
import type { ScenarioInputs } from '../../model/inputs.ts';
import { aggregateTpsOf, publishedSeries } from '../../model/reality.ts';
import { h } from '../dom.ts';
import { type ChartTarget, frameOf, targetIn } from './chartTarget.ts';
import { type Evaluation, evaluateVariant } from './evaluation.ts';
import { renderKvChart, renderRooflineChart } from './extraCharts.ts';
import { grouped } from './formatValue.ts';
import { type LocalGpu, normaliseCurve } from './measuredRoofs.ts';

export const TTFT_CONCURRENCY = [1, 2, 4, 8, 16, 32, 64, 128];

const vramFrameOf = (target: ChartTarget): ChartFrame =>
  vramFrameFor(target.width ?? (target.host.clientWidth || 640), target.font);

function legend(target: ChartTarget, items: readonly (readonly [string, string])[]): void {
  target.legend?.replaceChildren(
    ...items.map(([cls, text]) => h('span', { class: `legend-item ${cls}` }, text)),
  );
}

function emptyChart(target: ChartTarget, reason: string): void {
  target.host.replaceChildren(h('p', { class: 'chart-empty' }, reason));
  legend(target, []);
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

export function drawBatching(
  target: ChartTarget,
  result: ScenarioResult,
  inputs: ScenarioInputs,
  local: LocalGpu | null,
): void {
  const el = target.host;
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
    frameOf(target, { rightAxis: true, aspect: 0.42, maxHeight: 480 }),
  );
  renderBatching(
    el,
    layout,
    points,
    `Batching curve at ${grouped(inputs.scenario.kvContextTokens)} tokens of context`,
  );
  legend(target, [
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

export function drawTtft(target: ChartTarget, result: ScenarioResult, inputs: ScenarioInputs): void {
  const el = target.host;
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
  const layout = layoutLine({ curve, observed, markerX: inputs.scenario.batch }, frameOf(target));
  renderLine(el, layout, 'TTFT against concurrency', 'concurrent requests c (log2)', 'TTFT (s)');
  el.querySelector('svg')?.setAttribute('data-series', JSON.stringify(curve.map((p) => [p.x, p.y])));
  legend(target, [
    [
      'model',
      `napkin: median fresh prompt ${grouped(inputs.request.freshTokensMedian)} tok × c ÷ ${grouped(inputs.empirical.prefillRateMeasuredTps)} tok/s prefill`,
    ],
    ['observed blog', 'blog p50 TTFT (c=16)'],
    ['observed lambda', 'Lambda mean TTFT (c=32, 8K prompts)'],
  ]);
}

export function drawFleet(target: ChartTarget, result: ScenarioResult, inputs: ScenarioInputs): void {
  const capacity = value(result, 'fleet.replicas') * inputs.tp4.procTpsMeasured;
  {
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
      frameOf(target),
    );
    renderStackedBars(target.host, layout, 'Fleet against traffic tiers', 'processed tok/s');
    legend(target, [
      ['selfhost', 'served by the self-hosted fleet'],
      ['spill', 'spilled to the API'],
      [
        'capacity',
        `dashed: the fleet, ${value(result, 'fleet.replicas')} replicas × ${grouped(inputs.tp4.procTpsMeasured)} = ${grouped(capacity)} tok/s`,
      ],
    ]);
  }
}

export function drawBill(target: ChartTarget, result: ScenarioResult): void {
  {
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
      frameOf(target, { tickSample: '$185k' }),
    );
    renderStackedBars(target.host, layout, 'Monthly bill', 'USD per month');
    const savings = value(result, 'bill.savings');
    legend(target, [
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

export function drawDecode(target: ChartTarget, result: ScenarioResult): void {
  const el = target.host;
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
    frameOf(target),
  );
  renderStackedBars(el, layout, 'Decode ceiling and realistic decode at B=1', 'tok/s per node');
  legend(target, [
    ['aggregate', 'effective node bandwidth ÷ bytes read per token (B=1)'],
    ['spill', 'the same at the real-world MBU range (F13)'],
  ]);
}

export function drawVram(target: ChartTarget, result: ScenarioResult, inputs: ScenarioInputs): void {
  const el = target.host;
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
    vramFrameOf(target),
  );
  renderVram(el, layout, 'VRAM breakdown');
  legend(target, [
    ['weights', 'weights (spread over the node)'],
    ['activations', 'activations (asserted)'],
    ['kv', 'KV budget'],
    ...(layout.bars.some((b) => !b.fits) ? ([['over', 'over capacity: does not fit']] as const) : []),
  ]);
}

/** Draws `draw` into the chart named `chart` inside `root`, when the page has it. */
function inRoot(root: HTMLElement, chart: string, draw: (target: ChartTarget) => void): () => void {
  return () => {
    const target = targetIn(root, chart);
    if (target) draw(target);
  };
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
          const target = targetIn(root, chart);
          if (target) emptyChart(target, evaluation.error ?? 'Not computed for this scenario.');
        }
      },
    ];
  }
  return [
    inRoot(root, 'vram', (t) => drawVram(t, result, inputs)),
    inRoot(root, 'decode', (t) => drawDecode(t, result)),
    inRoot(root, 'ttft', (t) => drawTtft(t, result, inputs)),
    inRoot(root, 'fleet', (t) => drawFleet(t, result, inputs)),
    inRoot(root, 'bill', (t) => drawBill(t, result)),
    inRoot(root, 'kv', (t) => renderKvChart(t, evaluation)),
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
  inRoot(root, 'batching', (t) => drawBatching(t, result, inputs, local))();
  inRoot(root, 'roofline', (t) => renderRooflineChart(t, evaluation, local))();
}
