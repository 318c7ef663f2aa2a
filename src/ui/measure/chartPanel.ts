// The roofline card: reference controls, the chart (layout + thin render), tooltip, legend with removable
// runs, and the "your GPU vs B200" line. Re-renders on run, control and theme changes.
import { times } from '../../charts/format.ts';
import { operatingPoints } from '../../charts/operatingPoints.ts';
import { rooflineLayout } from '../../charts/rooflineLayout.ts';
import { cssColorResolver, renderRoofline } from '../../charts/rooflineRender.ts';
import {
  documentRoofs,
  measuredPoints,
  measuredRoofSeries,
  presetRoofSeries,
} from '../../charts/rooflineSeries.ts';
import type {
  ChartPoint,
  OperatingPoint,
  RooflineChartData,
  RoofSeries,
  TooltipRow,
} from '../../charts/rooflineTypes.ts';
import { defaultInputs } from '../../model/inputs.ts';
import { gpuPreset, gpuPresets, modelPresets, type PeakPrecision } from '../../model/presets/index.ts';
import { deferred, fill, h } from '../dom.ts';
import { compareRoofs } from './comparison.ts';
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

/** "NVIDIA B200 (blog: …)" → "NVIDIA B200". */
export function shortName(displayName: string): string {
  return displayName.replace(/\s*\(.*\)\s*$/, '');
}

export interface ChartPanel {
  readonly element: HTMLElement;
  readonly svg: SVGSVGElement;
  render(): void;
}

function tooltipTable(title: string, rows: readonly TooltipRow[]): HTMLElement[] {
  return [
    h('strong', {}, title),
    h(
      'table',
      {},
      h('tbody', {}, ...rows.map((row) => h('tr', {}, h('td', {}, row.name), h('td', {}, row.value)))),
    ),
  ];
}

export function createChartPanel(store: RunStore): ChartPanel {
  const scenario = defaultInputs();
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
    { class: 'controls' },
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
  const tooltip = h('div', { class: 'chart-tooltip', role: 'tooltip', hidden: true });
  const wrap = h('div', { class: 'chart-wrap' }, svg, tooltip);
  const comparison = h('p', { class: 'comparison', 'data-field': 'comparison', 'aria-live': 'polite' });
  const legend = h('ul', { class: 'legend', 'aria-label': 'chart legend' });
  const element = h(
    'div',
    { class: 'card', id: 'roofline-card' },
    h('h3', {}, 'Roofline'),
    controls,
    comparison,
    wrap,
    legend,
  );

  const selectedPrecisions = (): PeakPrecision[] =>
    precisionBoxes.flatMap((box, i) => (box.checked && precisionChoices[i] ? [precisionChoices[i].id] : []));

  const showTooltip = (
    content: { title: string; rows: readonly TooltipRow[] } | null,
    anchor: { x: number; y: number },
  ) => {
    if (!content) {
      tooltip.hidden = true;
      return;
    }
    fill(tooltip, ...tooltipTable(content.title, content.rows));
    tooltip.hidden = false;
    const box = svg.getBoundingClientRect();
    const scale = box.width / (svg.viewBox.baseVal.width || box.width);
    const left = anchor.x * scale + 14;
    const maxLeft = wrap.clientWidth - tooltip.offsetWidth - 4;
    tooltip.style.left = `${Math.max(4, Math.min(left, maxLeft))}px`;
    tooltip.style.top = `${Math.max(4, anchor.y * scale - tooltip.offsetHeight - 10)}px`;
  };

  const runLegendItem = (run: LoadedRun): HTMLElement => {
    const remove = h(
      'button',
      { type: 'button', class: 'small', 'aria-label': `Remove ${run.label}`, 'data-remove': run.id },
      '×',
    );
    remove.addEventListener('click', () => store.remove(run.id));
    const status = run.document.status === 'complete' ? '' : ` (${run.document.status})`;
    return h(
      'li',
      { 'data-run': run.id, 'data-origin': run.origin },
      h('span', { class: 'swatch', style: `background: var(--${run.color})` }),
      run.label.startsWith(run.shortLabel)
        ? `${run.label}${status}`
        : `${run.shortLabel}: ${run.label}${status}`,
      remove,
    );
  };

  function render(): void {
    const precisions = selectedPrecisions();
    const reference = gpuPreset(REFERENCE_GPU_ID);
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
          label: shortName(other.displayName),
          color: 'series-preset',
        }),
      );
    }
    const model = modelPresets.find((m) => m.id === modelSelect.value);
    // Operating points use the lowest selected precision the reference has (the blog: FP4 weights on FP4 roofs).
    const pointPrecision =
      precisions.find((p) => p !== 'fp32' && reference.peakFlops[p] !== undefined) ?? null;
    const operating: OperatingPoint[] =
      model && pointPrecision
        ? operatingPoints({
            model,
            gpu: reference,
            precision: pointPrecision,
            kvBytesPerValue: scenario.precision.kvBytesPerValue,
            contextTokens: Number(contextSelect.value),
            prefillFreshTokens: scenario.request.freshTokensAvg,
            prefillCachedTokens: scenario.request.cachedTokensAvg,
          })
        : [];
    const primaryRoof = primary ? roofs.find((r) => r.id === primary.id) : undefined;
    const data: RooflineChartData = {
      roofs,
      points,
      operatingPoints: operating,
      shadedRoofId:
        primaryRoof && primaryRoof.bandwidthBytesPerSecond !== null && primaryRoof.computeRoofs.length > 0
          ? primaryRoof.id
          : 'ref-b200',
    };
    renderRoofline(svg, rooflineLayout(data), cssColorResolver(), 'Roofline: measured GPU against the B200', {
      onTooltip: showTooltip,
    });
    svg.dataset['points'] = String(points.length);
    // scripts/bench-page.ts reads this mark: navigation → first rendered chart.
    if (performance.getEntriesByName(FIRST_CHART_MARK).length === 0) performance.mark(FIRST_CHART_MARK);

    fill(
      legend,
      ...store.runs.map(runLegendItem),
      h(
        'li',
        {},
        h('span', { class: 'swatch', style: 'background: var(--series-reference)' }),
        `${reference.displayName} (dashed)`,
      ),
      other
        ? h(
            'li',
            {},
            h('span', { class: 'swatch', style: 'background: var(--series-preset)' }),
            `${other.displayName} (dashed)`,
          )
        : null,
      model && operating.length > 0
        ? h(
            'li',
            {},
            h('span', {
              class: 'swatch',
              style: 'background: var(--series-operating); height: 0.8rem; width: 0.8rem; border-radius: 50%',
            }),
            `★ ${model.displayName}: decode B = 1, 16, 64, 256 and prefill on the B200 (${pointPrecision?.toUpperCase()} weights)`,
          )
        : null,
    );

    if (primary) {
      const c = compareRoofs(documentRoofs(primary.document), reference, precisions);
      const cacheOnly =
        c.bandwidthRatio === null && primary.document.measurements.some((m) => m.cacheResident === true);
      const parts = [
        cacheOnly
          ? 'bandwidth not measured (its cases were cache-resident: run the full profile for DRAM)'
          : `bandwidth ${times(c.bandwidthRatio)}`,
        `compute ${times(c.fp32ComputeRatio)} (FP32 vs your f32 FMA)`,
        c.tensorPrecision
          ? `${times(c.tensorComputeRatio)} at ${c.tensorPrecision.toUpperCase()} dense`
          : null,
      ].filter((p) => p !== null);
      comparison.textContent = `${primary.origin === 'this-browser' ? 'Your GPU' : primary.shortLabel} vs B200: ${parts.join(', ')}`;
    } else {
      comparison.textContent = 'Run the suite or import a result to see your GPU against the B200.';
    }
  }

  for (const input of [...precisionBoxes, otherGpu, modelSelect, contextSelect])
    input.addEventListener('change', render);
  // Its own task after a store change: a finished run then costs the main thread several short tasks
  // (run panel, chart, results table, the explorer's update) instead of one long one (issue 4: ≤ 50 ms).
  store.subscribe(deferred(render, 'chart'));
  window.addEventListener('ridgeline:theme', render);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', render);
  return { element, svg, render };
}
