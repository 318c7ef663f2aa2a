// What each slide shows, built with elements from the live evaluation: a few big figures, each labelled
// with where it comes from (the blog's napkin, ridgeline's model, measured), with its arithmetic and, on
// the blog's own scenario, what the blog prints; beside one chart drawn large (24 px text on the
// 1920×1080 stage: 16 px at 1280×720). The figures a decision rests on come from model/story.ts, so the
// slides, the explorer and the CLI tell one story. A slide returns a `show(step)` so build steps and the
// batch slider update it in place, the roofline's decode point animated from where it was, its axes
// fixed for every step.
import { batchRule, DECODE_BATCHES, decodeStall, operatingPoints } from '../../charts/operatingPoints.ts';
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
import {
  decisionStory,
  type SimulatedTtft,
  SOURCE_LABELS,
  type StoryLine,
  storyValue,
} from '../../model/story.ts';
import { count, formatWithUnit, grouped, percent } from '../../model/units/format.ts';
import { ROOM_PROFILE } from '../../room/profile.ts';
import { h } from '../dom.ts';
import { drawBatching, drawBill, drawDecode, drawFleet, drawTtft, drawVram } from '../explorer/chartsView.ts';
import type { ChartTarget } from '../explorer/chartTarget.ts';
import type { Evaluation } from '../explorer/evaluation.ts';
import { explorerRooflineData, renderKvChart, rooflinePointOptions } from '../explorer/extraCharts.ts';
import { formulaContext } from '../explorer/formulaLinks.ts';
import { blogShort, formulaPlain } from '../explorer/formulaView.ts';
import type { LocalGpu } from '../explorer/measuredRoofs.ts';
import { type LiveRunEvent, lastRunEvent, onRun, startRun } from '../measure/liveRun.ts';
import { adapterName } from '../measure/store.ts';
import { roomSlideBody } from '../room/roomSlide.ts';
import { caseWords, distanceSentence, missingMemoryRoof } from './liveMeasure.ts';
import type { SlideSpec } from './slides.ts';
import { gpuName, modelName, prefillBound, rooflineBatches, slideTitle } from './slideText.ts';

/**
 * Text on a chart, in stage pixels (the stage is 1920×1080 at scale 1): the roofline's captions are one
 * pixel smaller, 24 px, which is 16 px on a 1280×720 projector, the smallest a room reads (issue 23:
 * chart text ≥ 20 px at 1920, ≥ 16 px at 1280).
 */
export const CHART_FONT = 25;

export interface SlideSources {
  readonly evaluation: () => Evaluation;
  readonly local: () => LocalGpu | null;
  readonly documents: () => readonly MeasurementDocument[];
  /** the page's one-line verdict on this device ("Your device: …, a GPU") */
  readonly verdict: () => string;
  /** the scenario as the explorer's query string, for the presenter view */
  readonly query: () => string;
  /**
   * The serving simulator's TTFT for the scenario on screen once the explorer's load run of it finished,
   * else null: the story's TTFT (model/story.ts modelTtft) then tells it, as the explorer's story does.
   */
  readonly load: () => SimulatedTtft | null;
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

type Source = keyof typeof SOURCE_LABELS;

/** Where a number comes from, named on the slide ("the blog’s napkin", "ridgeline’s model", "measured"). */
function sourceTag(source: Source): HTMLElement {
  return h('span', { class: `deck-source source-${source}`, 'data-source': source }, SOURCE_LABELS[source]);
}

/** A napkin figure: label, its source, value, arithmetic and (on the blog's scenario) what the blog prints. */
function napkinFigure(evaluation: Evaluation, id: string, label?: string): HTMLElement | null {
  const figure = figureOf(evaluation, id);
  if (!figure) return null;
  const formula = formulaPlain(figure, formulaContext(evaluation));
  const blog = blogShort(figure, evaluation.preset);
  return h(
    'div',
    { class: 'deck-figure', 'data-figure-id': id, 'data-value': String(figure.value) },
    h('div', { class: 'deck-label' }, sourceTag('napkin'), ' ', label ?? figure.label),
    h('div', { class: 'deck-value' }, formatWithUnit(figure.value, figure.unit, figure.id)),
    formula ? h('div', { class: 'deck-formula', 'data-role': 'formula-numbers' }, formula) : null,
    blog ? h('div', { class: 'deck-blog' }, blog) : null,
  );
}

/** A figure of ridgeline's model: label, value and how it is computed. */
function modelFigure(id: string, label: string, value: string, how: string | null): HTMLElement {
  return h(
    'div',
    { class: 'deck-figure', 'data-model-figure': id },
    h('div', { class: 'deck-label' }, sourceTag('model'), ' ', label),
    h('div', { class: 'deck-value' }, value),
    how ? h('div', { class: 'deck-formula' }, how) : null,
  );
}

/**
 * A decision figure from the story: ridgeline's model large, the blog's napkin and what was measured
 * beside it, each labelled, and one line on why they differ.
 */
function storyBlock(line: StoryLine, label: string): HTMLElement {
  const row = (source: Source, value: string, note: string | null) =>
    h(
      'div',
      { class: 'deck-story-row', 'data-source': source },
      sourceTag(source),
      h('strong', {}, value),
      note ? h('span', { class: 'deck-story-note' }, note) : null,
    );
  return h(
    'div',
    {
      class: 'deck-figure deck-story',
      'data-story': line.id,
      'data-model': String(line.model ?? ''),
      'data-napkin': String(line.napkin ?? ''),
    },
    h('div', { class: 'deck-label' }, sourceTag('model'), ' ', label),
    h('div', { class: 'deck-value' }, storyValue(line.model, line.unit)),
    line.napkin !== null ? row('napkin', storyValue(line.napkin, line.unit), null) : null,
    line.measured ? row('measured', storyValue(line.measured.value, line.unit), line.measured.source) : null,
    h('p', { class: 'deck-why', 'data-role': 'why' }, line.why),
  );
}

function chartBox(width: number, height: number): { box: HTMLElement; target: ChartTarget } {
  const host = h('div', { class: 'chart-host deck-chart-host' });
  const legend = h('div', { class: 'chart-legend deck-legend' });
  const box = h('figure', { class: 'deck-chart' }, host, legend);
  return { box, target: { host, legend, width, height, font: CHART_FONT } };
}

function slideFrame(spec: SlideSpec, evaluation: Evaluation | null, ...body: (Node | null)[]): HTMLElement {
  const title = slideTitle(spec, evaluation);
  return h(
    'section',
    { class: `slide slide-${spec.id}`, 'data-slide': spec.id, 'aria-label': title },
    h('h2', { class: 'slide-title' }, title),
    ...body,
  );
}

function split(left: (HTMLElement | null)[], right: HTMLElement): HTMLElement {
  return h('div', { class: 'slide-split' }, h('div', { class: 'slide-figures' }, ...left), right);
}

function unavailable(spec: SlideSpec, evaluation: Evaluation): SlideView {
  return {
    element: slideFrame(
      spec,
      evaluation,
      h('p', { class: 'deck-text' }, evaluation.error ?? 'Not computed for this scenario.'),
    ),
    show: () => undefined,
  };
}

function titleSlide(spec: SlideSpec, evaluation: Evaluation): SlideView {
  const inputs = evaluation.inputs;
  const scenario = inputs
    ? `${modelName(inputs)} on ${inputs.hardware.gpusPerNode}× ${gpuName(inputs)}`
    : 'This scenario';
  return {
    element: h(
      'section',
      { class: 'slide slide-title-card', 'data-slide': spec.id, 'aria-label': spec.title },
      h('p', { class: 'deck-kicker' }, 'ridgeline · live in this browser tab'),
      h('h2', { class: 'slide-title big' }, spec.title),
      h(
        'p',
        { class: 'deck-text' },
        `${scenario}: memory, decode, the roofline, batching, the fleet and the bill, each number with its arithmetic, the blog’s napkin beside ridgeline’s model.`,
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
  figures: readonly (HTMLElement | null)[],
  draw: (target: ChartTarget) => void,
  height = 700,
): SlideView {
  const { box, target } = chartBox(1060, height);
  const element = slideFrame(spec, evaluation, split([...figures], box));
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

/** The powers of two up to `capacity`, and `capacity` itself: the batches the slider can show. */
function fittingBatches(capacity: number): number[] {
  const batches: number[] = [];
  for (let b = 1; b <= capacity; b *= 2) batches.push(b);
  if (batches.at(-1) !== capacity) batches.push(capacity);
  return batches;
}

function rooflineSlide(spec: SlideSpec, sources: SlideSources): SlideView {
  const evaluation = sources.evaluation();
  const options = rooflinePointOptions(evaluation);
  const host = h('div', { class: 'chart-host deck-chart-host' });
  const note = h('p', { class: 'deck-note', 'data-field': 'decode-stall', 'aria-live': 'polite' });
  const { middle, capacity } = rooflineBatches(evaluation);
  // only streams whose KV cache fits are plotted, and the slider stops there too
  const batches = fittingBatches(capacity);
  const slider = h('input', {
    type: 'range',
    min: 0,
    max: batches.length - 1,
    step: 1,
    value: 0,
    'aria-label': `Batch B, 1 to ${capacity} streams`,
    'data-role': 'deck-batch',
  });
  const readout = h('output', { class: 'deck-batch-value' }, 'B = 1');
  const element = slideFrame(
    spec,
    evaluation,
    h('figure', { class: 'deck-chart wide' }, host),
    h('div', { class: 'deck-batch' }, h('label', {}, 'Batch B ', slider), readout),
    note,
  );
  // every point any step or the slider can show: the axes hold them all from the first step, so no
  // build step rescales an axis under the audience's eyes
  const extent = options
    ? operatingPoints({ ...options, batches, highlightBatch: undefined }).map((p) => ({
        intensityFlopsPerByte: p.intensityFlopsPerByte,
        flopsPerSecond: p.flopsPerSecond,
      }))
    : [];
  const steps: readonly { readonly shown: readonly number[]; readonly batch: number | null }[] = [
    { shown: [], batch: null },
    { shown: [], batch: 1 },
    { shown: [1], batch: middle },
    { shown: [1, middle], batch: capacity },
  ];
  let last: { x: number; y: number } | null = null;
  let current = 0;
  const draw = (batch: number | null, shown: readonly number[]) => {
    const all = explorerRooflineData(evaluation, null);
    if (!all || !options) return;
    // one idea per slide: the interconnect's roof is the explorer's (it would cross the decode points here)
    const data = { ...all, roofs: all.roofs.filter((roof) => roof.id !== 'link') };
    const points = operatingPoints({
      ...options,
      batches: shown.filter((b) => b !== batch),
      ...(batch === null ? { highlightBatch: undefined } : { highlightBatch: batch }),
    })
      .filter((p) => p.group !== 'prefill' || current >= 3)
      .map((p) => (p.highlight ? { ...p, label: `B=${grouped(batch ?? 1)}` } : p));
    const chart: RooflineChartData = {
      ...data,
      points: [],
      operatingPoints: batch === null ? [] : points,
      extent,
    };
    const svg = rooflineSvgIn(host);
    renderRoofline(
      svg,
      rooflineLayout(chart, sizeFor(1740, 620, CHART_FONT)),
      cssColorResolver(host),
      `Roofline: ${options.model.displayName} on ${shortGpuName(options.gpu.displayName)}`,
    );
    for (const path of svg.querySelectorAll<SVGPathElement>('path.point.operating')) {
      const id = path.dataset['operating'];
      path.dataset['highlight'] = String(batch !== null && id === `decode-${batch}`);
    }
    svg.dataset['batches'] = JSON.stringify(batch === null ? [] : [...new Set([...shown, batch])]);
    last = animateHighlight(svg, last);
    const index = batch === null ? 0 : batches.indexOf(batch);
    slider.value = String(Math.max(0, index));
    readout.textContent = batch === null ? 'B = —' : `B = ${grouped(batch)}`;
    // the slider's position is an exponent; a screen reader hears the batch itself
    slider.setAttribute('aria-valuetext', readout.textContent);
    const gpu = shortGpuName(options.gpu.displayName);
    const stall = batch === null ? null : decodeStall(options, batch, capacity);
    // B=1 (the first point) states the rule the slider then shows; every other B, where decode stalls
    note.textContent =
      batch === null
        ? `The ${gpu}’s roofs: ${options.precision.toUpperCase()} dense compute and its memory bandwidth. The ridge is where they meet.`
        : current === 1 && batch === 1
          ? batchRule(options)
          : (stall?.sentence ?? '');
  };
  slider.addEventListener('input', () => {
    current = Math.max(current, 1);
    const batch = batches[Number(slider.value)] ?? 1;
    draw(
      batch,
      DECODE_BATCHES.filter((b) => b <= capacity),
    );
  });
  return {
    element,
    show(step) {
      current = step;
      const state = steps[Math.min(step, steps.length - 1)] ?? steps[0]!;
      draw(state.batch, state.shown);
    },
  };
}

function measureSlide(spec: SlideSpec, sources: SlideSources): SlideView {
  const evaluation = sources.evaluation();
  const host = h('div', { class: 'chart-host deck-chart-host' });
  const run = h(
    'button',
    { type: 'button', class: 'deck-run', 'data-role': 'deck-run' },
    'Measure this laptop',
  );
  const now = h('p', {
    class: 'deck-text deck-now',
    'data-field': 'deck-measure-now',
    'aria-live': 'polite',
  });
  const bar = h('progress', {
    class: 'deck-progress',
    max: 1,
    value: 0,
    hidden: true,
    'aria-label': 'run progress',
  });
  const status = h('p', { class: 'deck-text', 'data-field': 'deck-measure-status', 'aria-live': 'polite' });
  const missing = h('p', { class: 'deck-note', 'data-field': 'deck-measure-missing' });
  const element = slideFrame(
    spec,
    evaluation,
    h(
      'div',
      { class: 'slide-split measure-split' },
      h('div', { class: 'slide-figures' }, run, now, bar, status, missing),
      h('figure', { class: 'deck-chart' }, host),
    ),
  );
  const options = rooflinePointOptions(evaluation);
  const reference = evaluation.hardware;
  const refName = reference ? shortGpuName(reference.displayName) : 'the reference GPU';
  // the run this slide shows: the one in flight (its cases so far), else the page's latest
  let live: MeasurementDocument | null = null;
  let running = false;
  const draw = () => {
    const latest = live ?? sources.documents()[0] ?? null;
    const name = latest ? adapterName(latest.adapter) : 'this device';
    // short names beside the chart, so every roof keeps its label at 25 px (the sentence names the adapter)
    const identity = { id: 'local', label: 'this device', color: 'series-local' };
    const roofs = latest ? measuredRoofSeries(latest, identity) : null;
    const data: RooflineChartData = {
      roofs: [
        ...(roofs && (roofs.bandwidthBytesPerSecond !== null || roofs.computeRoofs.length > 0)
          ? [roofs]
          : []),
        ...(reference && options
          ? [
              presetRoofSeries(reference, [options.precision, 'fp32'], {
                id: 'ref',
                label: refName.replace(/^(NVIDIA|AMD|Apple) /, ''),
                color: 'series-reference',
              }),
            ]
          : []),
      ],
      // each case labelled as it lands
      points: latest ? measuredPoints(latest, identity, true) : [],
      operatingPoints: [],
      shadedRoofId: 'ref',
    };
    const svg = rooflineSvgIn(host);
    renderRoofline(
      svg,
      rooflineLayout(data, sizeFor(1180, 720, CHART_FONT)),
      cssColorResolver(host),
      `Roofline: this device beside the ${refName}`,
    );
    svg.dataset['points'] = String(data.points.length);
    svg.dataset['memoryRoof'] = String(roofs?.bandwidthBytesPerSecond ?? '');
    missing.textContent = latest ? (missingMemoryRoof(latest) ?? '') : '';
    if (running) return;
    const sentence = latest && reference ? distanceSentence(latest, reference, name) : null;
    status.textContent = latest
      ? (sentence ?? `${name}: no roof measured.`)
      : `${sources.verdict()} Press the button: the ${ROOM_PROFILE} profile measures this device’s roofs and a GEMV and a GEMM, each point landing here beside one ${refName} as it finishes.`;
  };
  const onEvent = (event: LiveRunEvent) => {
    if (event.kind === 'started') {
      running = true;
      live = null;
      run.disabled = true;
      run.textContent = 'Measuring…';
      bar.hidden = false;
      bar.value = 0;
      now.textContent = `Starting the ${event.profile} profile on this device…`;
      status.textContent = '';
      element.dataset['run'] = 'running';
    } else if (event.kind === 'progress') {
      // a progress message can arrive after the run's end: the end's words stay
      if (!running) return;
      bar.value = event.progress.fraction;
      now.textContent = event.progress.current
        ? `Now measuring ${caseWords(event.progress.current)}: case ${event.progress.done + 1} of ${event.progress.total}${Number.isFinite(event.progress.secondsLeft) ? `, about ${Math.max(0, Math.ceil(event.progress.secondsLeft))} s left` : ''}.`
        : `${event.progress.done} of ${event.progress.total} cases done.`;
      element.dataset['cases'] = String(event.progress.done);
    } else if (event.kind === 'case') {
      live = event.document;
      draw();
    } else {
      running = false;
      // the finished run stays on the chart until the page's own list of runs has it (refresh)
      live = event.document ?? live;
      run.disabled = false;
      run.textContent = 'Measure again';
      bar.hidden = true;
      now.textContent = event.message;
      element.dataset['run'] = event.document ? 'done' : 'failed';
      draw();
    }
  };
  run.addEventListener('click', () => {
    const outcome = startRun(ROOM_PROFILE);
    // 'started' and 'running' are answered by the run's own events; the button stays disabled meanwhile
    if (outcome === 'no-adapter')
      status.textContent =
        'No WebGPU adapter here: nothing to run. Import a result on the page, or measure with npx ridgeline bench.';
    else if (outcome === 'probing')
      status.textContent = 'Still looking for a WebGPU adapter: press again in a moment.';
  });
  const stop = onRun(onEvent);
  // a slide built while a run is going on picks it up where it is
  const previous = lastRunEvent();
  if (previous && previous.kind !== 'finished') {
    onEvent({ kind: 'started', profile: ROOM_PROFILE });
    if (previous.kind !== 'started') onEvent(previous);
  }
  // the deck swaps the slot's child when it moves on: stop listening with it
  const watch = new MutationObserver(() => {
    if (!element.isConnected) {
      watch.disconnect();
      stop();
    }
  });
  queueMicrotask(() => {
    if (element.parentElement) watch.observe(element.parentElement, { childList: true });
  });
  return {
    element,
    show: draw,
    refresh() {
      if (!running) live = null;
      draw();
    },
  };
}

function punchlineSlide(spec: SlideSpec, evaluation: Evaluation): SlideView {
  const { result, inputs } = evaluation;
  if (!result || !inputs) return unavailable(spec, evaluation);
  const story = decisionStory(result, inputs);
  const { verdict } = story;
  const tier = inputs.scenario.fleetSizingTier;
  const row = result.projection.fleetByTier.find((r) => r.sizingTier === tier) ?? null;
  const economics = result.projection.economics;
  const layout = `TP${result.projection.layout.tp} at B=${inputs.scenario.batch}`;
  const restsOn: [string, string][] = [
    [
      `throughput of one ${layout} replica (ridgeline’s model)`,
      economics ? `${formatWithUnit(economics.procTps, 'tok/s')} processed` : '—',
    ],
    ['GPU price', formatWithUnit(inputs.pricing.gpuHourUsd, 'USD/GPU-h')],
    ['API price', formatWithUnit(inputs.pricing.apiPricePerMTokUsd, 'USD/Mtok')],
    [
      'traffic, trough → P50',
      `${grouped(inputs.traffic.trough.procTps)} → ${grouped(inputs.traffic.p50.procTps)} tok/s`,
    ],
    ['fleet (ridgeline’s model)', row ? `${count(row.replicas, 'replicas')} sized to the ${tier}` : '—'],
  ];
  const tone = verdict.saves === null ? 'unknown' : verdict.saves ? 'saves' : 'loses';
  return {
    element: slideFrame(
      spec,
      evaluation,
      h(
        'div',
        { class: 'deck-punch' },
        h('div', { class: 'deck-label' }, sourceTag('model')),
        h(
          'p',
          {
            class: `deck-punch-value ${tone}`,
            'data-role': 'verdict',
            'data-model-savings': String(verdict.modelSavingsPerMonth ?? ''),
          },
          verdict.headline,
        ),
        verdict.napkinLine
          ? h(
              'p',
              {
                class: 'deck-punch-napkin',
                'data-role': 'napkin-verdict',
                'data-napkin-savings': String(verdict.napkinSavingsPerMonth ?? ''),
              },
              sourceTag('napkin'),
              ` ${verdict.napkinLine.replace(`${SOURCE_LABELS.napkin}: `, '')}, with the blog’s measured TP4 replicas.`,
            )
          : null,
        h('p', { class: 'deck-why', 'data-role': 'why' }, verdict.why),
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

/**
 * Where the blog's load test saw its plateau and what the model does there: the blog measured B=32 adding
 * 3% over B=16 ("keeps aggregate flat", §5.7); the model's curve is what the bands follow.
 */
function plateauNote(result: NonNullable<Evaluation['result']>): string {
  const measured = result.sweep.measuredPoints;
  const a = measured.find((p) => p.batch === 16);
  const b = measured.find((p) => p.batch === 32);
  const model = result.sweep.aggregateTps;
  if (!a || !b || !(model[15] ?? 0) || !(model[31] ?? 0)) return '';
  const blogRise = 32 / b.passS / (16 / a.passS) - 1;
  const modelRise = (model[31] ?? 0) / (model[15] ?? 1) - 1;
  return ` From B=16 to 32 the blog measured ${percent(blogRise)} more (its plateau); the model climbs ${percent(modelRise)}.`;
}

/** The x axis of a batching slide: the streams that fit and a little of the cliff past them. */
function batchingAxisEnd(evaluation: Evaluation): number {
  const capacity = evaluation.result?.sweep.maxUsers ?? 1;
  return Math.min(512, 2 ** Math.ceil(Math.log2(Math.max(2, capacity + 1))));
}

/** The view of one slide, built from the current evaluation. */
export function buildSlide(spec: SlideSpec, sources: SlideSources): SlideView {
  const evaluation = sources.evaluation();
  if (spec.id === 'title') return titleSlide(spec, evaluation);
  if (spec.id === 'measure') return measureSlide(spec, sources);
  if (spec.id === 'room')
    return { element: slideFrame(spec, evaluation, roomSlideBody().body), show: () => undefined };
  const { result, inputs } = evaluation;
  if (!result || !inputs) return unavailable(spec, evaluation);
  const story = decisionStory(result, inputs, sources.load());
  const line = (id: StoryLine['id']) => story.lines.find((l) => l.id === id)!;
  switch (spec.id) {
    case 'load':
      return figuresAndChart(
        spec,
        evaluation,
        [
          napkinFigure(evaluation, 'mem.weight_bytes'),
          napkinFigure(evaluation, 'mem.gpus_to_load'),
          napkinFigure(evaluation, 'mem.kv_budget'),
        ],
        (t) => drawVram(t, result, inputs),
        360,
      );
    case 'decode': {
      const b1 = result.projection.curve?.perStreamTps[0];
      return figuresAndChart(
        spec,
        evaluation,
        [
          napkinFigure(evaluation, 'decode.bytes_per_token_b1'),
          napkinFigure(evaluation, 'decode.ceiling_tps'),
          b1 !== undefined && Number.isFinite(b1)
            ? modelFigure(
                'decode-b1',
                'Decode at B=1',
                formatWithUnit(b1, 'tok/s'),
                `every operator, kernel launch and link of one step: ${percent(b1 / (figureOf(evaluation, 'decode.ceiling_tps')?.value ?? b1))} of the ceiling`,
              )
            : null,
        ],
        (t) => drawDecode(t, result),
      );
    }
    case 'roofline':
      return rooflineSlide(spec, sources);
    case 'prefill': {
      const prefill = result.projection.fits ? result.projection.prefill : null;
      const bound = prefillBound(result);
      return figuresAndChart(
        spec,
        evaluation,
        [
          napkinFigure(evaluation, 'prefill.theoretical_tps'),
          prefill
            ? modelFigure(
                'prefill-rate',
                'Prefill rate',
                formatWithUnit(prefill.tps, 'tok/s'),
                `MFU ${percent(prefill.mfu)}; its first chunk is ${bound ?? 'memory'}-bound`,
              )
            : null,
          // the chart's curve is one prompt with no queue: the figure says which of the two it is
          storyBlock(
            line('ttft'),
            `TTFT at B=${inputs.scenario.batch}, ${line('ttft').simulated ? 'simulated p50' : 'no queue'}`,
          ),
        ],
        (t) => drawTtft(t, result, inputs, { maxBatch: result.sweep.maxUsers }),
        560,
      );
    }
    case 'kv':
      return figuresAndChart(
        spec,
        evaluation,
        [
          napkinFigure(evaluation, 'kv.bytes_per_token'),
          storyBlock(line('users'), `Users that fit at ${grouped(inputs.scenario.kvContextTokens)} tokens`),
        ],
        (t) => renderKvChart(t, evaluation),
        560,
      );
    case 'batching': {
      const { box, target } = chartBox(1740, 600);
      box.classList.add('wide');
      const spans = result.sweep.regions
        .filter((r) => r.region !== 'cliff')
        .map((r) => `${r.region === 'linear' ? 'climb' : r.region} ${r.fromBatch}–${r.toBatch}`)
        .join(', ');
      const element = slideFrame(
        spec,
        evaluation,
        box,
        h(
          'p',
          { class: 'deck-note' },
          `ridgeline’s model: ${spans}; the KV cache holds ${count(result.sweep.maxUsers, 'streams')} at ${grouped(inputs.scenario.kvContextTokens)} tokens of context, the cliff past it.${plateauNote(result)}`,
        ),
      );
      return {
        element,
        show: () =>
          drawBatching(target, result, inputs, null, {
            show: 'aggregate',
            maxBatch: batchingAxisEnd(evaluation),
          }),
      };
    }
    case 'sla': {
      const { box, target } = chartBox(1060, 640);
      const sla = result.sweep.sla;
      const element = slideFrame(
        spec,
        evaluation,
        split(
          [
            sla.batch !== null
              ? modelFigure(
                  'sla-batch',
                  `Largest B with ≥ ${formatWithUnit(sla.targetPerStreamTps ?? 0, 'tok/s')} per stream`,
                  `B = ${sla.batch}`,
                  `${formatWithUnit(sla.perStreamTps ?? 0, 'tok/s')} per stream, ${formatWithUnit(sla.aggregateTps ?? 0, 'tok/s')} together`,
                )
              : modelFigure(
                  'sla-batch',
                  `Largest B with ≥ ${formatWithUnit(sla.targetPerStreamTps ?? 0, 'tok/s')} per stream`,
                  'none',
                  'no batch meets the SLA on this hardware',
                ),
            storyBlock(line('per-stream'), `Decode per stream at B=${inputs.scenario.batch}`),
          ],
          box,
        ),
      );
      return {
        element,
        show: () =>
          drawBatching(target, result, inputs, null, {
            show: 'per-stream',
            maxBatch: batchingAxisEnd(evaluation),
          }),
      };
    }
    case 'fleet': {
      const fleet = chartBox(1060, 300);
      const bill = chartBox(1060, 300);
      bill.box.classList.add('deck-build');
      const tier = inputs.scenario.fleetSizingTier;
      const row = result.projection.fleetByTier.find((r) => r.sizingTier === tier) ?? null;
      const napkinReplicas = figureOf(evaluation, 'fleet.replicas');
      const napkinSelfhost = figureOf(evaluation, 'fleet.selfhost_cost');
      const napkinHybrid = figureOf(evaluation, 'fleet.hybrid_total');
      // the napkin's dollars without "/month": the labels say a month already
      const beside = (figure: Figure | undefined, words: string) =>
        figure
          ? `${SOURCE_LABELS.napkin}: ${formatWithUnit(figure.value, figure.unit.replace('/month', ''), figure.id)}${words}`
          : null;
      const element = slideFrame(
        spec,
        evaluation,
        split(
          row
            ? [
                modelFigure(
                  'fleet-replicas',
                  `Replicas sized to the ${tier}`,
                  count(row.replicas, 'replicas'),
                  [
                    `TP${result.projection.layout.tp} at B=${inputs.scenario.batch}, ${count(row.boxes, 'nodes')}`,
                    beside(napkinReplicas, ' of TP4'),
                  ]
                    .filter(Boolean)
                    .join('; '),
                ),
                modelFigure(
                  'fleet-selfhost',
                  'Self-hosted fleet, a month',
                  formatWithUnit(row.selfHostCostPerMonthUsd, 'USD'),
                  beside(napkinSelfhost, ''),
                ),
                modelFigure(
                  'fleet-hybrid',
                  'Self-host + spill-over, a month',
                  formatWithUnit(row.hybridCostPerMonthUsd, 'USD'),
                  [`all-API: ${formatWithUnit(row.allApiCostPerMonthUsd, 'USD')}`, beside(napkinHybrid, '')]
                    .filter(Boolean)
                    .join('; '),
                ),
              ]
            : [
                h(
                  'p',
                  { class: 'deck-text' },
                  result.projection.warnings[0] ?? 'ridgeline’s model has no fleet here.',
                ),
              ],
          h('div', { class: 'deck-stack' }, fleet.box, bill.box),
        ),
      );
      element.dataset['modelSavings'] = String(row?.savingsPerMonthUsd ?? '');
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

/**
 * A slide for the presenter's preview: the room's live board is left out (it would open the room's feed).
 * The caller attaches `element` (the charts read their colours from the page's CSS), then calls show.
 */
export function buildPreview(spec: SlideSpec, sources: SlideSources): SlideView {
  if (spec.id === 'room')
    return {
      element: slideFrame(
        spec,
        sources.evaluation(),
        h('p', { class: 'deck-text' }, 'The room’s live board.'),
      ),
      show: () => undefined,
    };
  return buildSlide(spec, sources);
}
