// The roofline card, the landing's hero: the chart (layout + thin render, sized to its host in CSS pixels
// so its text is legible from a phone to a projector), tooltip, legend with removable runs, the sentence
// comparing your GPU with the B200, and the chart options. The shaded memory-/compute-bound regions always
// belong to the B200 (the roofline the model's operating points sit on) and say so; a measured run adds
// its own roofs and named ridge. Re-renders on run, control, size and theme changes.

import { decodeStall, operatingPoints } from '../../charts/operatingPoints.ts';
import { COMPACT_WIDTH, rooflineLayout, sizeFor } from '../../charts/rooflineLayout.ts';
import { cssColorResolver, renderRoofline } from '../../charts/rooflineRender.ts';
import {
  documentRoofs,
  measuredPoints,
  measuredRoofSeries,
  presetRoofSeries,
  shortGpuName,
} from '../../charts/rooflineSeries.ts';
import type {
  ChartPoint,
  OperatingPoint,
  RooflineChartData,
  RoofSeries,
} from '../../charts/rooflineTypes.ts';
import { gpuPreset, gpuPresets, modelPresets, type PeakPrecision } from '../../model/presets/index.ts';
import { defaultInputs } from '../../model/scenario/inputDefaults.ts';
import { intensity } from '../../model/units/format.ts';
import { ridgeFlopsPerByte } from '../../model/units/roofline.ts';
import { chartTooltip } from '../chartTooltip.ts';
import { deferred, fill, h } from '../dom.ts';
import { compareRoofs, comparisonSentence } from './comparison.ts';
import type { ExportMeta, LegendEntry } from './exportChart.ts';
import type { LoadedRun, RunStore } from './store.ts';

export const REFERENCE_GPU_ID = 'b200';
export const FIRST_CHART_MARK = 'ridgeline:first-chart';
const precisionChoices: readonly {
  readonly id: PeakPrecision;
  readonly label: string;
  readonly checked: boolean;
}[] = [
  { id: 'fp4', label: 'FP4', checked: true },
  { id: 'fp8', label: 'FP8', checked: false },
  { id: 'bf16', label: 'BF16', checked: false },
  { id: 'fp32', label: 'FP32', checked: false },
];
const contextChoices = [0, 8_000, 32_000, 80_000];

export interface ChartPanel {
  readonly element: HTMLElement;
  readonly svg: SVGSVGElement;
  render(): void;
  /** Title, legend, device and date for an exported SVG/PNG (exportChart.ts). */
  exportMeta(): ExportMeta;
  /** The chart framed with its title, legend, device and date: what Export SVG/PNG save. */
  exportSvg(): Promise<SVGSVGElement>;
  /** The B200's ridge and the Kimi decode intensity at B=1, for the landing's sentences. */
  readonly facts: { readonly ridgeFlopsPerByte: number; readonly decodeB1FlopsPerByte: number | null };
}

/** A legend swatch in a series colour: a class per colour key (no inline styles: the page's CSP). */
function swatch(color: string, kind: 'line' | 'dashed' | 'star' = 'line'): HTMLElement {
  return h('span', { class: `swatch swatch-${kind}`, 'data-color': color });
}

export function createChartPanel(store: RunStore): ChartPanel {
  const scenario = defaultInputs();
  const reference = gpuPreset(REFERENCE_GPU_ID);
  const precisionBoxes = precisionChoices.map((choice) =>
    h('input', { type: 'checkbox', name: 'reference-precision', value: choice.id, checked: choice.checked }),
  );
  const otherGpu = h(
    'select',
    { name: 'other-gpu', 'aria-label': 'Also compare with' },
    h('option', { value: '' }, 'no other GPU'),
    ...gpuPresets
      .filter((p) => p.id !== REFERENCE_GPU_ID)
      .map((p) => h('option', { value: p.id }, p.displayName)),
  );
  const modelSelect = h(
    'select',
    { name: 'operating-model', 'aria-label': 'Operating points of' },
    h('option', { value: '' }, 'no model'),
    ...modelPresets.map((m) =>
      h('option', { value: m.id, selected: m.id === scenario.identity.modelId }, m.displayName),
    ),
  );
  const contextSelect = h(
    'select',
    { name: 'operating-context', 'aria-label': 'Decode context' },
    ...contextChoices.map((tokens) =>
      h(
        'option',
        { value: tokens, selected: tokens === scenario.scenario.kvContextTokens },
        tokens === 0 ? 'weights only (no KV)' : `${(tokens / 1000).toLocaleString('en-US')}K context`,
      ),
    ),
  );
  const controls = h(
    'div',
    { class: 'controls chart-options' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'B200 roofs'),
      ...precisionBoxes.map((box, i) => h('label', {}, box, ` ${precisionChoices[i]?.label} `)),
    ),
    h('label', {}, 'Also compare with ', otherGpu),
    h('label', {}, 'Operating points of ', modelSelect),
    h('label', {}, 'at ', contextSelect),
  );
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('id', 'roofline');
  const wrap = h('div', { class: 'chart-wrap' }, svg);
  const showTooltip = chartTooltip(wrap, () => svg);
  const comparison = h('p', { class: 'comparison', 'data-field': 'comparison', 'aria-live': 'polite' });
  const stall = h('p', { class: 'chart-note', 'data-field': 'decode-stall' });
  const legend = h('ul', { class: 'legend', 'aria-label': 'chart legend' });
  const element = h(
    'div',
    { class: 'card', id: 'roofline-card' },
    h('h3', { class: 'visually-hidden' }, 'Roofline'),
    wrap,
    legend,
    comparison,
    stall,
    h(
      'details',
      { class: 'chart-options-box' },
      h('summary', {}, 'Chart options: roofs, GPUs, model'),
      controls,
    ),
  );

  const selectedPrecisions = (): PeakPrecision[] =>
    precisionBoxes.flatMap((box, i) => (box.checked && precisionChoices[i] ? [precisionChoices[i].id] : []));

  const runLegendItem = (run: LoadedRun): HTMLElement => {
    const remove = h(
      'button',
      { type: 'button', class: 'small', 'aria-label': `Remove ${run.label}`, 'data-remove': run.id },
      '×',
    );
    remove.addEventListener('click', () => store.remove(run.id));
    const status = run.document.status === 'complete' ? '' : ` (${run.document.status})`;
    const text = run.label.startsWith(run.shortLabel)
      ? `${run.label}${status}`
      : `${run.shortLabel}: ${run.label}${status}`;
    return h(
      'li',
      { 'data-run': run.id, 'data-origin': run.origin },
      swatch(run.color),
      // the full name in a tooltip too: a long one wraps (styles.css .legend-text), the × stays on screen
      h('span', { class: 'legend-text', title: text }, text),
      remove,
    );
  };

  const facts: { ridgeFlopsPerByte: number; decodeB1FlopsPerByte: number | null } = {
    ridgeFlopsPerByte: ridgeFlopsPerByte(reference.peakFlops.fp4 ?? 1, reference.bandwidthBytesPerSecond),
    decodeB1FlopsPerByte: null,
  };
  let legendEntries: LegendEntry[] = [];
  /** the width the chart was last laid out at (a resize to the same width draws nothing) */
  let lastWidth = 0;

  function render(): void {
    const precisions = selectedPrecisions();
    const roofs: RoofSeries[] = [];
    const points: ChartPoint[] = [];
    const primary = store.primary;
    for (const run of store.runs) {
      const identity = { id: run.id, label: run.shortLabel, color: run.color };
      const roof = measuredRoofSeries(run.document, identity);
      if (roof.bandwidthBytesPerSecond !== null || roof.computeRoofs.length > 0) roofs.push(roof);
      points.push(...measuredPoints(run.document, identity, run === primary));
    }
    roofs.push(
      presetRoofSeries(reference, precisions, { id: 'ref-b200', label: 'B200', color: 'series-reference' }),
    );
    const other = otherGpu.value ? gpuPresets.find((p) => p.id === otherGpu.value) : undefined;
    if (other) {
      roofs.push(
        presetRoofSeries(other, precisions, {
          id: `ref-${other.id}`,
          label: shortGpuName(other.displayName),
          color: 'series-preset',
        }),
      );
    }
    const model = modelPresets.find((m) => m.id === modelSelect.value);
    // Operating points use the lowest selected precision the reference has (the blog: FP4 weights on FP4 roofs).
    const pointPrecision =
      precisions.find((p) => p !== 'fp32' && reference.peakFlops[p] !== undefined) ?? null;
    const pointOptions =
      model && pointPrecision
        ? {
            model,
            gpu: reference,
            precision: pointPrecision,
            kvBytesPerValue: scenario.precision.kvBytesPerValue,
            contextTokens: Number(contextSelect.value),
            prefillFreshTokens: scenario.request.freshTokensAvg,
            prefillCachedTokens: scenario.request.cachedTokensAvg,
          }
        : null;
    const operating: OperatingPoint[] = pointOptions ? operatingPoints(pointOptions) : [];
    facts.decodeB1FlopsPerByte = operating.find((p) => p.id === 'decode-1')?.intensityFlopsPerByte ?? null;
    const data: RooflineChartData = {
      roofs,
      points,
      operatingPoints: operating,
      // one named roofline's regions: the B200's, where the model's points sit, whatever else is shown
      shadedRoofId: precisions.length > 0 ? 'ref-b200' : null,
    };
    const width = wrap.clientWidth || 1100;
    lastWidth = wrap.clientWidth;
    // The hero: as tall as the window allows while the whole chart stays above the fold (a phone keeps
    // sizeFor's near-square chart).
    const height =
      width < COMPACT_WIDTH
        ? undefined
        : Math.round(Math.min(width * 0.78, Math.max(320, window.innerHeight - 240)));
    renderRoofline(
      svg,
      rooflineLayout(data, sizeFor(width, height)),
      cssColorResolver(),
      'Roofline: measured GPU against the B200',
      { onTooltip: showTooltip },
    );
    svg.dataset['points'] = String(points.length);
    // scripts/bench-page.ts reads this mark: navigation → first rendered chart.
    if (performance.getEntriesByName(FIRST_CHART_MARK).length === 0) performance.mark(FIRST_CHART_MARK);

    legendEntries = [
      ...store.runs.map((run) => ({ label: run.label, color: run.color, kind: 'line' as const })),
      { label: `${reference.displayName} (dashed)`, color: 'series-reference', kind: 'dashed' as const },
      ...(other
        ? [{ label: `${other.displayName} (dotted)`, color: 'series-preset', kind: 'dashed' as const }]
        : []),
      ...(model && operating.length > 0
        ? [
            {
              label: `${model.displayName}: decode B = 1, 16, 64, 256 and prefill on the B200 (${pointPrecision?.toUpperCase()} weights)`,
              color: 'series-operating',
              kind: 'star' as const,
            },
          ]
        : []),
      ...(data.shadedRoofId
        ? [
            {
              label: 'shaded: memory-bound and compute-bound on the B200',
              color: 'chart-axis',
              kind: 'line' as const,
            },
          ]
        : []),
    ];
    fill(
      legend,
      ...store.runs.map(runLegendItem),
      ...legendEntries
        .slice(store.runs.length)
        .map((entry) => h('li', {}, swatch(entry.color, entry.kind), entry.label)),
    );

    if (primary) {
      const who = primary.origin === 'this-browser' ? 'this GPU' : primary.shortLabel;
      const c = compareRoofs(documentRoofs(primary.document), reference, precisions);
      // a quick run's bandwidth cases fit in cache (issue 12): no memory roof, and the sentence says why
      const cacheOnly =
        c.bandwidthRatio === null && primary.document.measurements.some((m) => m.cacheResident === true);
      const sentence = comparisonSentence(who, 'B200', c);
      const why = cacheOnly
        ? 'Bandwidth not measured: its cases were cache-resident (run the full profile for DRAM).'
        : null;
      comparison.textContent =
        [sentence, why].filter((part) => part !== null).join(' ') ||
        'This run measured no roof to compare with the B200.';
    } else {
      comparison.textContent = 'Run the kernels or import a result to put your GPU beside the B200.';
    }
    const b1 = facts.decodeB1FlopsPerByte;
    // Which decode intensity this is: the whole pass here; the explorer's F16 card counts weights only.
    stall.textContent =
      pointOptions && b1 !== null
        ? `${decodeStall(pointOptions, 16, null)?.sentence ?? ''} (Intensity here counts every byte of a decode pass, the KV cache included: ${intensity(b1)} at B=1. The explorer's “weights alone” card counts the weights only, 4 FLOP/B at FP4; the blog's ~2 assumes 1 byte per parameter.)`
        : '';
  }

  for (const input of [...precisionBoxes, otherGpu, modelSelect, contextSelect])
    input.addEventListener('change', render);
  // Its own task after a store change: a finished run then costs the main thread several short tasks
  // (run panel, chart, results table, the explorer's update) instead of one long one (issue 4: ≤ 50 ms).
  store.subscribe(deferred(render, 'chart'));
  window.addEventListener('ridgeline:theme', render);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', render);
  // The chart is laid out in CSS pixels: a new width (phone rotation, window resize) lays it out again.
  const resized = deferred(() => {
    if (wrap.clientWidth !== lastWidth) render();
  }, 'chart-resize');
  new ResizeObserver(resized).observe(wrap);

  const exportMeta = (): ExportMeta => ({
    title: 'Roofline: your GPU beside the NVIDIA B200',
    legend: legendEntries,
    device: store.primary ? store.primary.label : 'no measured GPU (the B200 reference alone)',
    date: new Date().toISOString().slice(0, 10),
  });
  return {
    element,
    svg,
    render,
    facts,
    exportMeta,
    // the export code loads on the first export: the landing does not carry it
    exportSvg: () =>
      import('./exportChart.ts').then(({ framedChart }) =>
        framedChart(svg, exportMeta(), cssColorResolver()),
      ),
  };
}
