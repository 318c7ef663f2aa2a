// What each slide shows, built with elements from the live evaluation: a few big figures, each with its
// arithmetic ("50 TB/s ÷ 16 GB = 3,125 tok/s") and what the blog prints, beside one chart drawn large
// (22 px text on a 1920×1080 stage). A slide returns a `show(step)` so build steps and the batch slider
// update it in place, with the roofline's decode point animated from where it was.
import { DECODE_BATCHES, decodeStall, operatingPoints } from '../../charts/operatingPoints.ts';
import { rooflineLayout, sizeFor } from '../../charts/rooflineLayout.ts';
import { cssColorResolver, renderRoofline, rooflineSvgIn } from '../../charts/rooflineRender.ts';
import {
  measuredPoints,
  measuredRoofSeries,
  presetRoofSeries,
  shortGpuName,
} from '../../charts/rooflineSeries.ts';
import type { RooflineChartData } from '../../charts/rooflineTypes.ts';
import type { MeasurementDocument } from '../../measure/document.ts';
import type { Figure } from '../../model/explain/figure.ts';
import { BLOG_CITATION } from '../../model/presets/source.ts';
import { formatWithUnit, grouped } from '../../model/units/format.ts';
import { h } from '../dom.ts';
import { drawBatching, drawBill, drawDecode, drawFleet, drawTtft, drawVram } from '../explorer/chartsView.ts';
import type { ChartTarget } from '../explorer/chartTarget.ts';
import type { Evaluation } from '../explorer/evaluation.ts';
import { explorerRooflineData, renderKvChart, rooflinePointOptions } from '../explorer/extraCharts.ts';
import { formulaContext } from '../explorer/formulaLinks.ts';
import { blogShort, formulaPlain } from '../explorer/formulaView.ts';
import type { LocalGpu } from '../explorer/measuredRoofs.ts';
import { adapterName } from '../measure/store.ts';
import { roomSlideBody } from '../room/roomSlide.ts';
import type { SlideSpec } from './slides.ts';

/** Text on the chart, in stage pixels (the stage is 1920×1080 at scale 1). */
export const CHART_FONT = 22;

export interface SlideSources {
  readonly evaluation: () => Evaluation;
  readonly local: () => LocalGpu | null;
  readonly documents: () => readonly MeasurementDocument[];
  /** starts the page's quick profile run; false when there is no adapter to run on */
  readonly runQuick: () => boolean;
  /** the page's one-line verdict on this device ("Your device: …, a GPU") */
  readonly verdict: () => string;
}

export interface SlideView {
  readonly element: HTMLElement;
  /** shows build step `step` (0 = the slide as it opens) */
  show(step: number): void;
  /** the page's measurements changed (a run finished) */
  refresh?(): void;
}

function figureOf(evaluation: Evaluation, id: string): Figure | undefined {
  return evaluation.result?.figures[id];
}

/** A big figure: label, value, its arithmetic and the blog's number. */
function bigFigure(evaluation: Evaluation, id: string, label?: string): HTMLElement {
  const figure = figureOf(evaluation, id);
  if (!figure)
    return h(
      'div',
      { class: 'deck-figure unavailable' },
      label ?? id,
      h('div', { class: 'deck-value' }, '—'),
    );
  const context = formulaContext(evaluation);
  const formula = formulaPlain(figure, context);
  const blog = blogShort(figure, evaluation.preset);
  return h(
    'div',
    { class: 'deck-figure', 'data-figure-id': id, 'data-value': String(figure.value) },
    h('div', { class: 'deck-label' }, label ?? figure.label),
    h('div', { class: 'deck-value' }, formatWithUnit(figure.value, figure.unit, figure.id)),
    formula ? h('div', { class: 'deck-formula', 'data-role': 'formula-numbers' }, formula) : null,
    blog ? h('div', { class: 'deck-blog' }, blog) : null,
  );
}

function chartBox(width: number, height: number): { box: HTMLElement; target: ChartTarget } {
  const host = h('div', { class: 'chart-host deck-chart-host' });
  const legend = h('div', { class: 'chart-legend deck-legend' });
  const box = h('figure', { class: 'deck-chart' }, host, legend);
  return { box, target: { host, legend, width, height, font: CHART_FONT } };
}

function slideFrame(spec: SlideSpec, ...body: (Node | null)[]): HTMLElement {
  return h(
    'section',
    { class: `slide slide-${spec.id}`, 'data-slide': spec.id, 'aria-label': spec.title },
    h('h2', { class: 'slide-title' }, spec.title),
    ...body,
  );
}

function split(left: HTMLElement[], right: HTMLElement): HTMLElement {
  return h('div', { class: 'slide-split' }, h('div', { class: 'slide-figures' }, ...left), right);
}

function unavailable(spec: SlideSpec, evaluation: Evaluation): SlideView {
  return {
    element: slideFrame(
      spec,
      h('p', { class: 'deck-text' }, evaluation.error ?? 'Not computed for this scenario.'),
    ),
    show: () => undefined,
  };
}

function titleSlide(spec: SlideSpec, evaluation: Evaluation): SlideView {
  const inputs = evaluation.inputs;
  return {
    element: h(
      'section',
      { class: 'slide slide-title-card', 'data-slide': spec.id, 'aria-label': spec.title },
      h('p', { class: 'deck-kicker' }, 'ridgeline · live in this browser tab'),
      h('h2', { class: 'slide-title big' }, spec.title),
      h(
        'p',
        { class: 'deck-text' },
        `${shortGpuName(inputs?.identity.modelLabel ?? 'The model')} on ${inputs?.hardware.gpusPerNode ?? 8}× ${(inputs?.identity.gpuId ?? 'B200').toUpperCase()}: memory, decode, the roofline, batching, the fleet and the bill, each number with its arithmetic.`,
      ),
      h(
        'p',
        { class: 'deck-citation' },
        'After ',
        h('cite', {}, `“${BLOG_CITATION.title}”`),
        ` by ${BLOG_CITATION.author}, ${BLOG_CITATION.date}`,
      ),
    ),
    show: () => undefined,
  };
}

function figuresAndChart(
  spec: SlideSpec,
  evaluation: Evaluation,
  ids: readonly (string | [string, string])[],
  draw: (target: ChartTarget) => void,
  height = 760,
): SlideView {
  const { box, target } = chartBox(1060, height);
  const element = slideFrame(
    spec,
    split(
      ids.map((id) => (Array.isArray(id) ? bigFigure(evaluation, id[0], id[1]) : bigFigure(evaluation, id))),
      box,
    ),
  );
  return { element, show: () => draw(target) };
}

/** Remembers where the highlighted decode point was, and moves it from there when the chart redraws. */
function animateHighlight(
  svg: SVGSVGElement,
  previous: { x: number; y: number } | null,
): { x: number; y: number } | null {
  const point = svg.querySelector<SVGPathElement>('path.point.operating[data-highlight="true"]');
  const ring = svg.querySelector<SVGCircleElement>('circle.operating-highlight');
  if (!point) return null;
  const match = /translate\(([-\d.]+),([-\d.]+)\)/.exec(point.getAttribute('transform') ?? '');
  const now = match ? { x: Number(match[1]), y: Number(match[2]) } : null;
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (now && previous && !still && typeof point.animate === 'function') {
    const dx = previous.x - now.x;
    const dy = previous.y - now.y;
    const frames = [{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'translate(0, 0)' }];
    const timing = { duration: 650, easing: 'cubic-bezier(0.3, 0.7, 0.2, 1)' };
    // the path carries its own translate() attribute: animate a wrapper so the two do not fight
    for (const el of [point, ring]) {
      if (!el) continue;
      const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
      el.replaceWith(g);
      g.append(el);
      g.animate(frames, timing);
    }
  }
  return now;
}

const ROOFLINE_STEPS: readonly { readonly batches: readonly number[]; readonly batch: number | null }[] = [
  { batches: [], batch: null },
  { batches: [], batch: 1 },
  { batches: [1], batch: 16 },
  { batches: DECODE_BATCHES, batch: 64 },
];

function rooflineSlide(spec: SlideSpec, sources: SlideSources): SlideView {
  const evaluation = sources.evaluation();
  const options = rooflinePointOptions(evaluation);
  const host = h('div', { class: 'chart-host deck-chart-host' });
  const note = h('p', { class: 'deck-note', 'data-field': 'decode-stall', 'aria-live': 'polite' });
  const slider = h('input', {
    type: 'range',
    min: 0,
    max: 9,
    step: 1,
    value: 0,
    'aria-label': 'Batch B on a log2 scale',
    'data-role': 'deck-batch',
  });
  const readout = h('output', { class: 'deck-batch-value' }, 'B = 1');
  const element = slideFrame(
    spec,
    h('figure', { class: 'deck-chart wide' }, host),
    h('div', { class: 'deck-batch' }, h('label', {}, 'Batch B ', slider), readout),
    note,
  );
  let last: { x: number; y: number } | null = null;
  let current = 0;
  const draw = (batch: number | null, shown: readonly number[]) => {
    const data = explorerRooflineData(evaluation, null);
    if (!data || !options) return;
    const points = operatingPoints({
      ...options,
      batches: shown,
      ...(batch === null ? { highlightBatch: undefined } : { highlightBatch: batch }),
    }).filter((p) => p.group !== 'prefill' || current >= 3);
    const chart: RooflineChartData = { ...data, points: [], operatingPoints: batch === null ? [] : points };
    const svg = rooflineSvgIn(host);
    renderRoofline(
      svg,
      rooflineLayout(chart, sizeFor(1740, 640, CHART_FONT)),
      cssColorResolver(host),
      `Roofline: ${options.model.displayName} on ${shortGpuName(options.gpu.displayName)}`,
    );
    for (const path of svg.querySelectorAll<SVGPathElement>('path.point.operating')) {
      const id = path.dataset['operating'];
      path.dataset['highlight'] = String(batch !== null && id === `decode-${batch}`);
    }
    last = animateHighlight(svg, last);
    slider.value = String(Math.round(Math.log2(batch ?? 1)));
    readout.textContent = batch === null ? 'B = —' : `B = ${grouped(batch)}`;
    // the slider's position is an exponent; a screen reader hears the batch itself
    slider.setAttribute('aria-valuetext', readout.textContent);
    const stall =
      batch === null ? null : decodeStall(options, batch, evaluation.result?.sweep.maxUsers ?? null);
    note.textContent =
      batch === null
        ? `The B200’s roofs: ${shortGpuName(options.gpu.displayName)}, ${options.precision.toUpperCase()} dense. The ridge is where they meet.`
        : (stall?.sentence ?? '');
  };
  slider.addEventListener('input', () => {
    current = Math.max(current, 1);
    const batch = 2 ** Number(slider.value);
    draw(
      batch,
      DECODE_BATCHES.filter((b) => b !== batch),
    );
  });
  return {
    element,
    show(step) {
      current = step;
      const state = ROOFLINE_STEPS[Math.min(step, ROOFLINE_STEPS.length - 1)] ?? ROOFLINE_STEPS[0]!;
      draw(
        state.batch,
        state.batches.filter((b) => b !== state.batch),
      );
    },
  };
}

function measureSlide(spec: SlideSpec, sources: SlideSources): SlideView {
  const host = h('div', { class: 'chart-host deck-chart-host' });
  const run = h(
    'button',
    { type: 'button', class: 'deck-run', 'data-role': 'deck-run' },
    'Run the quick profile',
  );
  const status = h('p', { class: 'deck-text', 'data-field': 'deck-measure-status', 'aria-live': 'polite' });
  const element = slideFrame(
    spec,
    h(
      'div',
      { class: 'slide-split' },
      h('div', { class: 'slide-figures' }, run, status),
      h('figure', { class: 'deck-chart' }, host),
    ),
  );
  const draw = () => {
    const documents = sources.documents();
    const evaluation = sources.evaluation();
    const options = rooflinePointOptions(evaluation);
    const latest = documents[0] ?? null;
    const identity = {
      id: 'local',
      label: latest ? adapterName(latest.adapter) : 'this device',
      color: 'series-local',
    };
    const b200 = options?.gpu;
    const data: RooflineChartData = {
      roofs: [
        ...(latest ? [measuredRoofSeries(latest, identity)] : []),
        ...(b200
          ? [
              presetRoofSeries(b200, [options.precision], {
                id: 'ref',
                label: shortGpuName(b200.displayName),
                color: 'series-reference',
              }),
            ]
          : []),
      ],
      points: latest ? measuredPoints(latest, identity, false) : [],
      operatingPoints: options
        ? operatingPoints({ ...options, batches: [1], highlightBatch: undefined })
        : [],
      shadedRoofId: 'ref',
    };
    const svg = rooflineSvgIn(host);
    renderRoofline(
      svg,
      rooflineLayout(data, sizeFor(1060, 760, CHART_FONT)),
      cssColorResolver(host),
      'Roofline: this device beside the B200',
    );
    svg.dataset['points'] = String(data.points.length);
    status.textContent = latest
      ? `${adapterName(latest.adapter)}: ${data.points.length} kernels on the chart, ${latest.status}. The solid roofs are this device's; the dashed, the B200's.`
      : `${sources.verdict()} Press Run: the quick profile takes about half a minute; the points land here beside the B200.`;
  };
  run.addEventListener('click', () => {
    const started = sources.runQuick();
    status.textContent = started
      ? 'Running the quick profile on this device…'
      : 'No WebGPU adapter here: nothing to run. Import a result on the page, or measure with npx ridgeline bench.';
  });
  return { element, show: draw, refresh: draw };
}

function punchlineSlide(spec: SlideSpec, evaluation: Evaluation): SlideView {
  const savings = figureOf(evaluation, 'bill.savings');
  const pct = figureOf(evaluation, 'bill.savings_pct');
  const inputs = evaluation.inputs;
  const restsOn: [string, string][] = inputs
    ? [
        ['TP4 replica throughput (measured)', `${grouped(inputs.tp4.procTpsMeasured)} processed tok/s`],
        ['GPU price', formatWithUnit(inputs.pricing.gpuHourUsd, 'USD/GPU-h')],
        ['API price', formatWithUnit(inputs.pricing.apiPricePerMTokUsd, 'USD/Mtok')],
        [
          'traffic, trough → P50',
          `${grouped(inputs.traffic.trough.procTps)} → ${grouped(inputs.traffic.p50.procTps)} tok/s`,
        ],
        [
          'fleet',
          `${formatWithUnit(figureOf(evaluation, 'fleet.replicas')?.value ?? Number.NaN, 'replicas')} sized to the trough`,
        ],
      ]
    : [];
  return {
    element: slideFrame(
      spec,
      h(
        'div',
        { class: 'deck-punch' },
        h(
          'p',
          {
            class: 'deck-punch-value',
            'data-figure-id': 'bill.savings',
            'data-value': String(savings?.value ?? ''),
          },
          savings
            ? `${formatWithUnit(Math.abs(savings.value), savings.unit)} a month ${savings.value >= 0 ? 'saved' : 'lost'}`
            : '—',
        ),
        h(
          'p',
          { class: 'deck-text' },
          pct
            ? `${formatWithUnit(pct.value, pct.unit, pct.id)} of the all-API bill (${formatWithUnit(figureOf(evaluation, 'bill.all_api')?.value ?? Number.NaN, 'USD/month')}), by self-hosting the trough and spilling the peaks.`
            : '',
        ),
        savings ? h('p', { class: 'deck-blog' }, blogShort(savings, evaluation.preset) ?? '') : null,
        h('h3', { class: 'deck-subtitle' }, 'It rests on'),
        h(
          'ul',
          { class: 'deck-list' },
          ...restsOn.map(([what, value]) => h('li', {}, h('span', {}, what), h('strong', {}, value))),
        ),
      ),
    ),
    show: () => undefined,
  };
}

/** The view of one slide, built from the current evaluation. */
export function buildSlide(spec: SlideSpec, sources: SlideSources): SlideView {
  const evaluation = sources.evaluation();
  if (spec.id === 'title') return titleSlide(spec, evaluation);
  if (spec.id === 'measure') return measureSlide(spec, sources);
  if (spec.id === 'room') return { element: slideFrame(spec, roomSlideBody().body), show: () => undefined };
  const { result, inputs } = evaluation;
  if (!result || !inputs) return unavailable(spec, evaluation);
  switch (spec.id) {
    case 'load':
      return figuresAndChart(
        spec,
        evaluation,
        ['mem.weight_bytes', 'mem.gpus_to_load', 'mem.kv_budget'],
        (t) => drawVram(t, result, inputs),
        340,
      );
    case 'decode':
      return figuresAndChart(
        spec,
        evaluation,
        ['decode.bytes_per_token_b1', 'decode.ceiling_tps', 'decode.realistic_lo_tps'],
        (t) => drawDecode(t, result),
      );
    case 'roofline':
      return rooflineSlide(spec, sources);
    case 'prefill':
      return figuresAndChart(
        spec,
        evaluation,
        ['prefill.theoretical_tps', 'prefill.mfu_stated', 'ttft.napkin'],
        (t) => drawTtft(t, result, inputs),
        // the model's curve, the napkin's and the measured points: a longer legend under a shorter chart
        680,
      );
    case 'kv':
      return figuresAndChart(
        spec,
        evaluation,
        ['kv.bytes_per_token', 'kv.per_user_80k', 'kv.max_users_80k'],
        (t) => renderKvChart(t, evaluation),
        // the model's curve and the napkin's: a longer legend under a shorter chart
        680,
      );
    case 'batching': {
      const { box, target } = chartBox(1740, 580);
      box.classList.add('wide');
      const chosen = result.sweep.sla.batch;
      const element = slideFrame(
        spec,
        box,
        h(
          'p',
          { class: 'deck-note' },
          `SLA ${grouped(result.sweep.sla.targetPerStreamTps ?? 0)} tok/s per stream → the largest B that meets it is ${chosen ?? 'none'}; the KV budget holds ${grouped(result.sweep.maxUsers)} streams at ${grouped(inputs.scenario.kvContextTokens)} tokens of context.`,
        ),
      );
      return { element, show: () => drawBatching(target, result, inputs, sources.local()) };
    }
    case 'fleet': {
      const fleet = chartBox(1060, 330);
      const bill = chartBox(1060, 330);
      bill.box.classList.add('deck-build');
      const element = slideFrame(
        spec,
        split(
          [
            bigFigure(evaluation, 'fleet.replicas'),
            bigFigure(evaluation, 'fleet.selfhost_cost'),
            bigFigure(evaluation, 'fleet.spill_cost'),
          ],
          h('div', { class: 'deck-stack' }, fleet.box, bill.box),
        ),
      );
      return {
        element,
        show(step) {
          drawFleet(fleet.target, result, inputs);
          bill.box.classList.toggle('shown', step >= 1);
          if (step >= 1) drawBill(bill.target, result, inputs);
        },
      };
    }
    case 'punchline':
      return punchlineSlide(spec, evaluation);
    default:
      return unavailable(spec, evaluation);
  }
}
