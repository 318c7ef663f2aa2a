// Joins an Evaluation to the explorer's d3 charts: VRAM, decode at B=1, the operators of a decode step and
// of a prefill chunk, batching, TTFT against concurrency, fleet against the traffic tiers, and the
// monthly bill. ridgeline's model draws the curves and bars; the blog's napkin is drawn beside it (dashed,
// its own scenario only where it rests on the blog's measurements); published measurements are points,
// only on the scenario they were taken on. The numbers all come from the engine's result; this file only
// picks them and hands them to the pure layouts (src/charts/explorer). Each chart draws into a target (a
// host and its legend, at the host's width, or at a fixed size and font for the slide deck).
import type { BatchCurvePoint, ObservedBatchPoint } from '../../charts/explorer/batchingLayout.ts';
import { layoutBatching } from '../../charts/explorer/batchingLayout.ts';
import type { ChartFrame } from '../../charts/explorer/frame.ts';
import { layoutLine, type ObservedXYPoint, type XYPoint } from '../../charts/explorer/lineLayout.ts';
import { layoutOpsBreakdown } from '../../charts/explorer/opsBreakdownLayout.ts';
import { renderStackedBars, renderVram } from '../../charts/explorer/renderBars.ts';
import { type BatchingShow, renderBatching } from '../../charts/explorer/renderBatching.ts';
import { renderLine } from '../../charts/explorer/renderLine.ts';
import { renderOpsBreakdown } from '../../charts/explorer/renderOpsBreakdown.ts';
import { layoutStackedBars } from '../../charts/explorer/stackedBarsLayout.ts';
import { layoutVram, type VramBarInput, vramFrameFor } from '../../charts/explorer/vramLayout.ts';
import type { ScenarioResult } from '../../model/evaluate.ts';
import type { StepBreakdown } from '../../model/physics/step.ts';
import { stepParts } from '../../model/physics/stepParts.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { modelRequest } from '../../model/scenario/requestShape.ts';
import { count, formatWithUnit, grouped, usd } from '../../model/units/format.ts';
import type { PublishedMeasurement } from '../../model/validation/measurements.ts';
import { atScenarioContext, measurementsFor } from '../../model/validation/scenarioMeasurements.ts';
import { h } from '../dom.ts';
import { type ChartTarget, frameOf, targetIn, widthOf } from './chartTarget.ts';
import { type Evaluation, evaluateVariant } from './evaluation.ts';
import { renderKvChart, renderRooflineChart } from './extraCharts.ts';
import { type LegendItem, legendItems } from './legend.ts';
import { type LocalGpu, normaliseCurve } from './measuredRoofs.ts';

export const TTFT_CONCURRENCY = [1, 2, 4, 8, 16, 32, 64, 128];

/** Every chart slot the explorer draws into (layout.ts CHART_SLOTS). */
const CHARTS = [
  'vram',
  'decode',
  'decode-ops',
  'prefill-ops',
  'batching',
  'ttft',
  'fleet',
  'bill',
  'kv',
  'roofline',
];

const vramFrameOf = (target: ChartTarget, labels: readonly string[]): ChartFrame =>
  vramFrameFor(widthOf(target), labels, target.font);

/** The legend under a chart: [class, text] items, as text (labels may carry a device's name); empty ones left out. */
function legend(target: ChartTarget, items: readonly LegendItem[]): void {
  target.legend?.replaceChildren(...legendItems(items.filter(([, text]) => text !== '')));
}

function emptyChart(target: ChartTarget, reason: string): void {
  target.host.replaceChildren(h('p', { class: 'chart-empty' }, reason));
  legend(target, []);
}

function value(result: ScenarioResult, id: string): number {
  return result.figures[id]?.value ?? Number.NaN;
}

/** ridgeline's model as chart points: B = 1 … the streams whose KV fits (none when it does not fit). */
export function sweepPoints(result: ScenarioResult): BatchCurvePoint[] {
  const { sweep } = result;
  const points: BatchCurvePoint[] = [];
  const last = sweep.fits ? Math.min(sweep.maxUsers, sweep.maxBatch) : 0;
  for (let i = 0; i < last; i++) {
    points.push({
      batch: i + 1,
      perStreamTps: sweep.perStreamTps[i] ?? 0,
      aggregateTps: sweep.aggregateTps[i] ?? 0,
    });
  }
  return points;
}

/** The blog's napkin per stream (1 ÷ F32), B = 1…512; none outside the blog's scenario. */
export function napkinPoints(result: ScenarioResult): { batch: number; perStreamTps: number }[] {
  const pass = result.sweep.napkinPassS;
  if (pass === null) return [];
  return Array.from(pass, (seconds, i) => ({ batch: i + 1, perStreamTps: 1 / seconds }));
}

/** Published decode measurements of this scenario at its context, as per-stream tok/s at their batch. */
function publishedDecode(inputs: ScenarioInputs): { m: PublishedMeasurement; perStreamTps: number }[] {
  return measurementsFor(inputs)
    .filter((m) => m.source.series !== 'blog' && atScenarioContext(m, inputs))
    .flatMap((m) => {
      if (m.metric === 'perStreamTps') return [{ m, perStreamTps: m.value }];
      // an inter-token latency: one token per stream per step (none of these used speculative decoding)
      if (m.metric === 'stepSeconds' && m.speculative === undefined)
        return [{ m, perStreamTps: 1 / m.value }];
      return [];
    });
}

function observedBatchPoints(result: ScenarioResult, inputs: ScenarioInputs): ObservedBatchPoint[] {
  const observed: ObservedBatchPoint[] = result.sweep.measuredPoints.map((p) => ({
    batch: p.batch,
    perStreamTps: 1 / p.passS,
    aggregateTps: p.batch / p.passS,
    seriesId: 'blog',
    label: `blog load test, B=${p.batch}: ${formatWithUnit(1 / p.passS, 'tok/s')} per stream (${p.source})`,
  }));
  for (const { m, perStreamTps } of publishedDecode(inputs)) {
    const batch = m.choice.batch ?? 1;
    observed.push({
      batch,
      perStreamTps,
      aggregateTps: batch * perStreamTps,
      seriesId: m.source.series,
      label: `${m.source.publisher}, ${m.scenario}: ${formatWithUnit(perStreamTps, 'tok/s')} per stream`,
    });
  }
  return observed;
}

/** Legend items for the measured series drawn (each once). */
function observedLegend(observed: readonly { seriesId: string; label: string }[]): [string, string][] {
  const names: Record<string, string> = {
    blog: 'the blog’s load test',
    lambda: 'Lambda (vLLM)',
    inferencex: 'InferenceX (vLLM)',
    trtllm: 'TensorRT-LLM',
    nim: 'NVIDIA NIM',
    llamacpp: 'llama.cpp',
    vllm: 'vLLM',
    sglang: 'SGLang',
    gpustack: 'GPUStack (same-harness engines)',
    qwen: 'the Qwen team’s speed benchmark',
  };
  return [...new Set(observed.map((o) => o.seriesId))].map((id) => [`observed ${id}`, names[id] ?? id]);
}

export interface BatchingOptions {
  /** both curves on two axes (the explorer), or one of them (a slide: one idea each) */
  readonly show?: BatchingShow;
  /**
   * the x axis ends here, and nothing past the model's KV capacity is plotted (the napkin's curve and the
   * measurements stop there too): a slide shows only the streams that fit, and a little of the cliff
   */
  readonly maxBatch?: number;
}

export function drawBatching(
  target: ChartTarget,
  result: ScenarioResult,
  inputs: ScenarioInputs,
  local: LocalGpu | null,
  options: BatchingOptions = {},
): void {
  const el = target.host;
  const points = sweepPoints(result);
  if (points.length === 0) {
    emptyChart(target, result.projection.warnings[0] ?? 'ridgeline’s model has no decode for this scenario.');
    return;
  }
  const show = options.show ?? 'both';
  const upTo = options.maxBatch ?? Number.POSITIVE_INFINITY;
  const fits = options.maxBatch === undefined ? upTo : Math.min(upTo, result.sweep.maxUsers);
  const napkin = napkinPoints(result).filter((p) => p.batch <= fits);
  const overlay = local
    ? normaliseCurve(local.gemvCurve, (batch) => points[batch - 1]?.aggregateTps ?? null)
    : [];
  const observed = observedBatchPoints(result, inputs).filter((o) => o.batch <= fits);
  const { sweep } = result;
  const regions = sweep.regions
    .filter((r) => r.fromBatch <= upTo)
    .map((r) => ({ ...r, toBatch: Math.min(r.toBatch, upTo) }));
  const layout = layoutBatching(
    {
      points,
      napkin,
      regions,
      kvCliffBatch: sweep.maxUsers < Math.min(sweep.maxBatch, upTo) ? Math.max(1, sweep.maxUsers) : null,
      slaPerStreamTps: sweep.sla.targetPerStreamTps,
      chosenBatch: sweep.sla.batch,
      currentBatch: inputs.scenario.batch,
      observed,
      overlay: show === 'per-stream' ? [] : overlay,
      ...(Number.isFinite(upTo) ? { maxBatch: upTo } : {}),
    },
    frameOf(target, { rightAxis: show === 'both', aspect: 0.42, maxHeight: 480 }),
  );
  renderBatching(
    el,
    layout,
    points,
    `Batching curve at ${grouped(inputs.scenario.kvContextTokens)} tokens of context`,
    show,
  );
  const perStream = show !== 'aggregate';
  const aggregate = show !== 'per-stream';
  legend(target, [
    ['per-stream', perStream ? `ridgeline’s model: per-stream tok/s${show === 'both' ? ' (left)' : ''}` : ''],
    [
      'aggregate',
      aggregate
        ? `${show === 'both' ? '' : 'ridgeline’s model: '}aggregate tok/s${show === 'both' ? ' (right)' : ''}`
        : '',
    ],
    ['napkin', napkin.length && perStream ? 'dashed: the blog’s napkin per stream (1 ÷ its pass time)' : ''],
    [
      'sla',
      perStream
        ? `SLA ${sweep.sla.targetPerStreamTps} tok/s per stream → chosen B = ${sweep.sla.batch ?? 'none'}`
        : '',
    ],
    ['cliff', aggregate ? `KV capacity: ${grouped(sweep.maxUsers)} streams` : ''],
    ['current', show === 'both' ? `your B = ${inputs.scenario.batch}` : ''],
    ...observedLegend(observed),
    [
      'note',
      observed.length && show === 'both' ? '◆ per stream · ■ aggregate: measured on this scenario' : '',
    ],
    [
      'measured',
      overlay.length && aggregate
        ? `${local?.name ?? 'your GPU'}: batched GEMV, normalised to the model's peak`
        : '',
    ],
  ]);
}

let ttftMemo: { key: string; curve: XYPoint[] } | null = null;

/**
 * The blog's napkin TTFT (F48) at each concurrency, from the engine (the scenario re-evaluated with
 * tp8.concurrency = c); empty outside the blog's scenario, where F48's measured prefill rate does not
 * apply. Memoised on every input but the batch knob, which F48 does not read (it uses tp8.concurrency,
 * spec F48): moving B then costs no re-evaluation.
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

/** F48 at one concurrency: from the memoised curve, else null (the comparison needs no more). */
export function napkinTtftAt(inputs: ScenarioInputs): (concurrency: number) => number | null {
  return (concurrency) => ttftCurve(inputs).find((p) => p.x === concurrency)?.y ?? null;
}

export function drawTtft(
  target: ChartTarget,
  result: ScenarioResult,
  inputs: ScenarioInputs,
  options: { readonly maxBatch?: number } = {},
): void {
  const el = target.host;
  const upTo = options.maxBatch ?? Number.POSITIVE_INFINITY;
  const model = result.projection.ttftCurve.map((p) => ({ x: p.batch, y: p.seconds }));
  // a slide plots only the streams that fit
  const napkin = ttftCurve(inputs).filter((p) => p.x <= upTo);
  if (model.length === 0 && napkin.length === 0) {
    emptyChart(target, result.projection.warnings[0] ?? 'No TTFT for this scenario.');
    return;
  }
  const observed: ObservedXYPoint[] = [
    {
      x: inputs.tp8.concurrency,
      y: value(result, 'ttft.measured_p50'),
      seriesId: 'blog',
      label: `blog load test: p50 TTFT ${inputs.tp8.ttftP50MeasuredS} s at c=${inputs.tp8.concurrency}`,
    },
  ];
  for (const m of measurementsFor(inputs)) {
    if (m.metric !== 'ttftSeconds' || m.source.series === 'blog' || !atScenarioContext(m, inputs)) continue;
    observed.push({
      x: m.choice.batch ?? 1,
      y: m.value,
      seriesId: m.source.series,
      label: `${m.source.publisher}, ${m.scenario}: ${m.value} s`,
    });
  }
  // log y: the napkin's F48 grows with c to tens of seconds, the model's stays near its prefill time
  const layout = layoutLine(
    {
      curve: model,
      secondary: napkin,
      observed,
      markerX: inputs.scenario.batch,
      logY: true,
    },
    frameOf(target),
  );
  renderLine(el, layout, 'TTFT against concurrency', 'concurrent streams B (log2)', 'TTFT (s, log)');
  el.querySelector('svg')?.setAttribute('data-series', JSON.stringify(model.map((p) => [p.x, p.y])));
  const request = modelRequest(inputs);
  const prompt = `${grouped(request.freshMedian)} fresh tokens after ${grouped(request.cachedMean)} cached`;
  legend(target, [
    [
      'model',
      `ridgeline’s model: one prompt of ${prompt}, prefilled in chunks beside B − 1 decoding streams (no queue; the batching chapter simulates load)`,
    ],
    [
      'napkin',
      napkin.length
        ? `dashed: the blog’s napkin: median prompt × c ÷ ${grouped(inputs.empirical.prefillRateMeasuredTps)} tok/s measured prefill`
        : '',
    ],
    ...observedLegend(observed.filter((o) => Number.isFinite(o.y))),
  ]);
}

/** The fleet row of the sizing tier from ridgeline's model, with its capacity; null when there is none. */
function fleetOf(result: ScenarioResult, inputs: ScenarioInputs) {
  const tier = inputs.scenario.fleetSizingTier;
  const row = result.projection.fleetByTier.find((r) => r.sizingTier === tier) ?? null;
  const replicaTps = result.projection.economics?.procTps ?? 0;
  return row === null ? null : { tier, row, replicaTps, capacity: row.replicas * replicaTps };
}

const noFleet = (result: ScenarioResult): string =>
  result.projection.warnings[0] ?? 'No fleet: the model has no throughput for this scenario.';

export function drawFleet(target: ChartTarget, result: ScenarioResult, inputs: ScenarioInputs): void {
  const fleet = fleetOf(result, inputs);
  if (fleet === null) {
    emptyChart(target, noFleet(result));
    return;
  }
  const { tier, row, replicaTps, capacity } = fleet;
  const napkinCapacity = value(result, 'fleet.replicas') * inputs.tp4.procTpsMeasured;
  const layoutText = `TP${result.projection.layout.tp} at B=${inputs.scenario.batch}`;
  const tiers = (['trough', 'p50', 'p90', 'p99'] as const).map((t) => {
    const demand = inputs.traffic[t].procTps;
    const served = Math.min(demand, capacity);
    return {
      id: t,
      label: t === 'trough' ? 'trough' : t.toUpperCase(),
      segments: [
        { key: 'selfhost', label: 'self-hosted', value: served },
        { key: 'spill', label: 'API spill-over', value: demand - served },
      ],
    };
  });
  const layout = layoutStackedBars(
    {
      bars: tiers,
      references: [
        { key: 'capacity', label: '', value: capacity },
        ...(Number.isFinite(napkinCapacity) ? [{ key: 'napkin', label: '', value: napkinCapacity }] : []),
      ],
    },
    frameOf(target),
  );
  renderStackedBars(target.host, layout, 'Fleet against traffic tiers', 'processed tok/s');
  legend(target, [
    ['selfhost', 'served by the self-hosted fleet (ridgeline’s model)'],
    ['spill', 'spilled to the API'],
    [
      'capacity',
      `solid line: ${count(row.replicas, 'replicas')} (${layoutText}) sized to the ${tier} × ${grouped(replicaTps)} tok/s = ${grouped(capacity)} tok/s`,
    ],
    [
      'napkin',
      Number.isFinite(napkinCapacity)
        ? `dashed: the blog’s fleet, ${value(result, 'fleet.replicas')} TP4 replicas × ${grouped(inputs.tp4.procTpsMeasured)} measured = ${grouped(napkinCapacity)} tok/s`
        : '',
    ],
  ]);
}

export function drawBill(target: ChartTarget, result: ScenarioResult, inputs: ScenarioInputs): void {
  const fleet = fleetOf(result, inputs);
  if (fleet === null) {
    emptyChart(target, noFleet(result));
    return;
  }
  const { row } = fleet;
  const napkinSelfhost = value(result, 'fleet.selfhost_cost');
  const bars = [
    {
      id: 'model',
      label: 'model',
      segments: [
        { key: 'selfhost', label: 'self-hosted fleet', value: row.selfHostCostPerMonthUsd },
        {
          key: 'spill',
          label: 'API spill-over',
          value: row.hybridCostPerMonthUsd - row.selfHostCostPerMonthUsd,
        },
      ],
    },
    ...(Number.isFinite(napkinSelfhost)
      ? [
          {
            id: 'napkin',
            label: 'napkin',
            segments: [
              { key: 'napkin-selfhost', label: 'self-hosted fleet (napkin)', value: napkinSelfhost },
              {
                key: 'napkin-spill',
                label: 'API spill-over (napkin)',
                value: value(result, 'fleet.spill_cost'),
              },
            ],
          },
        ]
      : []),
    {
      id: 'api',
      label: 'all API',
      segments: [{ key: 'api', label: 'all API', value: row.allApiCostPerMonthUsd }],
    },
  ];
  const layout = layoutStackedBars(
    { bars, references: [], formatValue: usd },
    frameOf(target, { tickSample: '$185k' }),
  );
  renderStackedBars(target.host, layout, 'Monthly bill', 'USD per month');
  const savings = row.savingsPerMonthUsd;
  legend(target, [
    ['selfhost', 'self-hosted fleet'],
    ['spill', 'API spill-over'],
    ['api', 'all API'],
    [
      'note',
      Number.isFinite(savings)
        ? `ridgeline’s model ${savings >= 0 ? `saves ${usd(savings)} a month against all-API` : `costs ${usd(-savings)} a month more than all-API`}`
        : '',
    ],
    [
      'note',
      Number.isFinite(napkinSelfhost)
        ? `the blog’s napkin: ${usd(value(result, 'bill.savings'))} saved per month`
        : '',
    ],
  ]);
}

export function drawDecode(target: ChartTarget, result: ScenarioResult): void {
  const el = target.host;
  const mbu = (id: string) => result.figures[id]?.inputs['mbu'];
  const bar = (id: string, label: string, key: string, v: number) => ({
    id,
    label,
    segments: [{ key, label, value: v }],
  });
  const bars = [bar('ceiling', 'ceiling', 'ceiling', value(result, 'decode.ceiling_tps'))];
  for (const id of ['decode.realistic_hi_tps', 'decode.realistic_lo_tps']) {
    const share = mbu(id);
    if (typeof share === 'number' && Number.isFinite(value(result, id))) {
      bars.push(bar(id, `${grouped(100 * share)}% MBU`, 'realistic', value(result, id)));
    }
  }
  const modelB1 = result.projection.curve?.perStreamTps[0];
  if (modelB1 !== undefined && Number.isFinite(modelB1)) {
    bars.push(bar('model', 'model', 'model', modelB1));
  }
  const layout = layoutStackedBars({ bars, references: [] }, frameOf(target));
  renderStackedBars(el, layout, 'Decode ceiling and decode at B=1', 'tok/s per stream');
  legend(target, [
    ['aggregate', 'napkin: effective node bandwidth ÷ bytes read per token (B=1)'],
    ['spill', bars.length > 2 ? 'napkin: the same at the real-world MBU range' : ''],
    [
      'model-bar',
      modelB1 !== undefined ? 'ridgeline’s model: the operators, launches and links of one step' : '',
    ],
  ]);
}

function drawOps(target: ChartTarget, step: StepBreakdown | null, title: string, reason: string): void {
  if (step === null) {
    emptyChart(target, reason);
    return;
  }
  const layout = layoutOpsBreakdown(stepParts(step), widthOf(target), target.font);
  renderOpsBreakdown(target.host, layout, title);
  legend(target, [
    ['bound-memory', 'memory-bound'],
    ['bound-compute', 'compute-bound'],
    ['bound-communication', 'communication'],
    ['bound-overhead', 'per-step overhead (launches, small experts, scheduler)'],
    ['note', `one GPU, ${layout.summary}`],
  ]);
}

export function drawDecodeOps(target: ChartTarget, result: ScenarioResult, inputs: ScenarioInputs): void {
  const p = result.projection;
  drawOps(
    target,
    p.chosen?.step ?? null,
    `One decode step at B=${inputs.scenario.batch}, ${grouped(inputs.scenario.kvContextTokens)} tokens of context`,
    p.warnings[0] ?? 'ridgeline’s model does not run this scenario.',
  );
}

export function drawPrefillOps(target: ChartTarget, result: ScenarioResult): void {
  const p = result.projection;
  const prefill = p.fits ? (p.prefill ?? null) : null;
  drawOps(
    target,
    prefill?.firstChunk ?? null,
    prefill
      ? `The first prefill chunk of ${grouped(prefill.promptTokens)} fresh tokens after ${grouped(prefill.cachedTokens)} cached`
      : 'Prefill',
    p.warnings[0] ?? 'ridgeline’s model does not run this scenario.',
  );
}

export function drawVram(target: ChartTarget, result: ScenarioResult, inputs: ScenarioInputs): void {
  const el = target.host;
  const gpus = inputs.hardware.gpusPerNode;
  const node = value(result, 'mem.node_vram');
  const weights = value(result, 'mem.weight_bytes');
  const activations = inputs.empirical.activationsBytes;
  const bars: VramBarInput[] = [
    {
      id: 'gpu',
      label: 'napkin, per GPU',
      capacityBytes: node / gpus,
      weightBytes: weights / gpus,
      activationBytes: activations / gpus,
    },
    {
      id: 'node',
      label: `napkin, node (${gpus})`,
      capacityBytes: node,
      weightBytes: weights,
      activationBytes: activations,
    },
  ];
  const plan = result.projection.memory;
  if (plan !== null) {
    bars.push({
      id: 'model-gpu',
      label: 'model, per GPU',
      capacityBytes: plan.capacityBytesPerGpu,
      weightBytes: plan.weightBytesPerGpu,
      // what the engine leaves unallocated (1 − utilisation) is not the KV cache's either
      activationBytes: plan.activationBytesPerGpu + (plan.capacityBytesPerGpu - plan.usableBytesPerGpu),
    });
  }
  const layout = layoutVram(
    bars,
    vramFrameOf(
      target,
      bars.map((b) => b.label),
    ),
  );
  renderVram(el, layout, 'VRAM breakdown');
  legend(target, [
    ['weights', 'weights (spread over the replica’s GPUs)'],
    [
      'activations',
      'activations: the blog’s asserted reserve (napkin); derived from the engine’s batched tokens plus its unallocated share (model)',
    ],
    ['kv', 'KV budget'],
    ['over', layout.bars.some((b) => !b.fits) ? 'over capacity: does not fit' : ''],
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
        for (const chart of CHARTS) {
          const target = targetIn(root, chart);
          if (target) emptyChart(target, evaluation.error ?? 'Not computed for this scenario.');
        }
      },
    ];
  }
  return [
    inRoot(root, 'vram', (t) => drawVram(t, result, inputs)),
    inRoot(root, 'decode', (t) => drawDecode(t, result)),
    () => {
      inRoot(root, 'decode-ops', (t) => drawDecodeOps(t, result, inputs))();
      inRoot(root, 'prefill-ops', (t) => drawPrefillOps(t, result))();
    },
    inRoot(root, 'ttft', (t) => drawTtft(t, result, inputs)),
    () => {
      inRoot(root, 'fleet', (t) => drawFleet(t, result, inputs))();
      inRoot(root, 'bill', (t) => drawBill(t, result, inputs))();
    },
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
