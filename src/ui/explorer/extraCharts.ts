// The two chapter charts that re-evaluate the scenario at other values of one input: max concurrent users
// against context (KV chapter, F25 at 1K…256K) and the roofline with the selected model's operating points
// (Roofline chapter, the charts/ roofline shared with the measure page). Both are memoised on the inputs
// they read, so moving B (which neither reads) costs nothing.

import { layoutLine, type ObservedXYPoint, type XYPoint } from '../../charts/explorer/lineLayout.ts';
import { renderLine } from '../../charts/explorer/renderLine.ts';
import { decodeStall, type OperatingPointOptions, operatingPoints } from '../../charts/operatingPoints.ts';
import { rooflineLayout, sizeFor } from '../../charts/rooflineLayout.ts';
import {
  cssColorResolver,
  type RenderHandlers,
  renderRoofline,
  rooflineSvgIn,
} from '../../charts/rooflineRender.ts';
import { shortGpuName } from '../../charts/rooflineSeries.ts';
import type { OperatingPoint, RooflineChartData, RoofSeries } from '../../charts/rooflineTypes.ts';
import type { ScenarioInputs } from '../../model/inputs.ts';
import { computePrecisionForChoice, gpuPresets, modelPresets, peakFor } from '../../model/presets/index.ts';
import { chartTooltip } from '../chartTooltip.ts';
import { h } from '../dom.ts';
import { type ChartTarget, frameOf } from './chartTarget.ts';
import { type Evaluation, evaluateVariant } from './evaluation.ts';
import { grouped } from './formatValue.ts';
import { LANDSCAPE_CONTEXTS } from './landscapeController.ts';
import type { LocalGpu } from './measuredRoofs.ts';

function withoutBatch(inputs: ScenarioInputs): string {
  return JSON.stringify({ ...inputs, scenario: { ...inputs.scenario, batch: 0, kvContextTokens: 0 } });
}

let usersMemo: { key: string; curve: XYPoint[] } | null = null;

/** F25 (max users) at each context 1K…256K, from the engine's sweep at that context. */
export function maxUsersCurve(inputs: ScenarioInputs): XYPoint[] {
  const key = withoutBatch(inputs);
  if (usersMemo?.key === key) return usersMemo.curve;
  const curve: XYPoint[] = [];
  for (const context of LANDSCAPE_CONTEXTS) {
    const users = evaluateVariant(inputs, 'scenario.kvContextTokens', context)?.sweep.maxUsers;
    if (users !== undefined && Number.isFinite(users)) curve.push({ x: context / 1000, y: users });
  }
  usersMemo = { key, curve };
  return curve;
}

export function renderKvChart(target: ChartTarget, evaluation: Evaluation): void {
  const { inputs, result } = evaluation;
  if (!inputs || !result) return;
  const { host, legend: legendEl } = target;
  const curve = maxUsersCurve(inputs);
  const observed: ObservedXYPoint[] = [
    // the blog's KV table (§4.10.2): ~341 users at 80K and ~853 at 32K, with its 35 KB per token
    { x: 80, y: 341, seriesId: 'blog', label: 'blog: ~341 users at 80K (35 KB/token)' },
    { x: 32, y: 853, seriesId: 'blog', label: 'blog: ~853 users at 32K (35 KB/token)' },
  ];
  const layout = layoutLine(
    {
      curve,
      observed,
      markerX: inputs.scenario.kvContextTokens / 1000,
      xTickFormat: (v) => `${v}K`,
      logY: true,
    },
    frameOf(target),
  );
  renderLine(
    host,
    layout,
    'Max concurrent users against context',
    'context per stream (tokens, log2)',
    'max users (F25, log)',
  );
  host.querySelector('svg')?.setAttribute('data-series', JSON.stringify(curve.map((p) => [p.x * 1000, p.y])));
  if (legendEl) {
    legendEl.replaceChildren(
      h('span', { class: 'legend-item model' }, 'floor(KV budget ÷ KV per user) at each context'),
      h('span', { class: 'legend-item observed blog' }, 'the blog’s table (35 KB/token)'),
      h(
        'span',
        { class: 'legend-item note' },
        `now: ${grouped(result.sweep.maxUsers)} users at ${grouped(inputs.scenario.kvContextTokens)} tokens`,
      ),
    );
  }
}

/**
 * More operating points for the explorer's roofline, e.g. a per-operator projection's operators (group
 * 'operator'): each source gets the evaluation and returns labelled points (intensity, rate). Register
 * once; the chart redraws with them on every input.
 */
export type RooflinePointSource = (evaluation: Evaluation) => readonly OperatingPoint[];
const pointSources: RooflinePointSource[] = [];

export function addRooflinePoints(source: RooflinePointSource): void {
  pointSources.push(source);
}

let rooflineKey = '';
/** Each roofline host's tooltip (hovering a point says why it sits there). */
const tooltips = new WeakMap<HTMLElement, NonNullable<RenderHandlers['onTooltip']>>();

/** The options the explorer's roofline draws the model's points with (the deck reuses them). */
export function rooflinePointOptions(evaluation: Evaluation): OperatingPointOptions | null {
  const { inputs, query } = evaluation;
  const model = modelPresets.find((m) => m.id === query.model);
  const gpu = gpuPresets.find((g) => g.id === query.gpu);
  if (!inputs || !model || !gpu) return null;
  const peak = peakFor(
    gpu,
    computePrecisionForChoice[query.weights as keyof typeof computePrecisionForChoice] ?? 'fp4',
  );
  return {
    model,
    gpu,
    precision: peak.precision,
    kvBytesPerValue: inputs.precision.kvBytesPerValue,
    contextTokens: inputs.scenario.kvContextTokens,
    prefillFreshTokens: inputs.request.freshTokensAvg,
    prefillCachedTokens: inputs.request.cachedTokensAvg,
    highlightBatch: inputs.scenario.batch,
  };
}

/** The scenario GPU's roof (and the measured one beside it) with the model's points, as chart data. */
export function explorerRooflineData(
  evaluation: Evaluation,
  local: LocalGpu | null,
): RooflineChartData | null {
  const options = rooflinePointOptions(evaluation);
  if (!options) return null;
  const { gpu, precision } = options;
  const peak = gpu.peakFlops[precision] ?? 0;
  const roofs: RoofSeries[] = [
    {
      id: 'gpu',
      label: shortGpuName(gpu.displayName),
      color: 'series-reference',
      bandwidthBytesPerSecond: gpu.bandwidthBytesPerSecond,
      computeRoofs: [{ dtype: precision, label: `${precision.toUpperCase()} dense`, flopsPerSecond: peak }],
      dashed: true,
    },
  ];
  if (local) {
    roofs.push({
      id: 'local',
      label: local.name,
      color: 'series-local',
      bandwidthBytesPerSecond: local.bandwidthBps,
      computeRoofs: Object.entries(local.flopsByDtype).map(([dtype, flops]) => ({
        dtype,
        label: dtype,
        flopsPerSecond: flops,
      })),
      dashed: false,
    });
  }
  const points = [...operatingPoints(options), ...pointSources.flatMap((source) => source(evaluation))];
  return { roofs, points: [], operatingPoints: points, shadedRoofId: 'gpu' };
}

export function renderRooflineChart(
  target: ChartTarget,
  evaluation: Evaluation,
  local: LocalGpu | null,
): void {
  const data = explorerRooflineData(evaluation, local);
  const options = rooflinePointOptions(evaluation);
  if (!data || !options) return;
  const { host, legend: legendEl } = target;
  const width = target.width ?? (host.clientWidth || 900);
  const key = JSON.stringify([
    data.operatingPoints.map((p) => [p.id, p.intensityFlopsPerByte, p.flopsPerSecond, p.highlight ?? false]),
    data.roofs,
    width,
    document.documentElement.dataset['theme'] ?? '',
  ]);
  if (key === rooflineKey && host.querySelector('svg')) return;
  rooflineKey = key;
  const svg = rooflineSvgIn(host);
  const layout = rooflineLayout(data, sizeFor(width, target.height, target.font));
  const gpuName = shortGpuName(options.gpu.displayName);
  let onTooltip = tooltips.get(host);
  if (!onTooltip) {
    onTooltip = chartTooltip(host, () => host.querySelector<SVGSVGElement>('svg.roofline'));
    tooltips.set(host, onTooltip);
  }
  renderRoofline(
    svg,
    layout,
    cssColorResolver(host),
    `Roofline: ${options.model.displayName} on ${gpuName}`,
    {
      onTooltip,
    },
  );
  svg.dataset['batch'] = String(options.highlightBatch ?? '');
  if (legendEl) {
    const { inputs, result } = evaluation;
    legendEl.replaceChildren(
      h(
        'span',
        { class: 'legend-item note' },
        `dashed: ${gpuName} (${options.precision.toUpperCase()} dense, ${grouped(options.gpu.bandwidthBytesPerSecond / 1e9)} GB/s)${local ? `; solid: ${local.name} (measured)` : ''}; stars: decode at B = 1, 16, 64, 256 and your B = ${grouped(inputs?.scenario.batch ?? 0)} (ringed), and prefill, at ${grouped(options.contextTokens)} tokens of context. A star's intensity counts the whole decode pass, weights and KV cache; the F16 card below counts the weights alone (the blog's formula)`,
      ),
    );
    const stall = decodeStall(options, options.highlightBatch ?? 1, result?.sweep.maxUsers ?? null);
    const note = host.closest('.chapter')?.querySelector<HTMLElement>('[data-field="decode-stall"]');
    if (note && stall) note.textContent = stall.sentence;
  }
}
