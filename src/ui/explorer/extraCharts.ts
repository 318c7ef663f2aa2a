// The two chapter charts that re-evaluate the scenario at other values of one input: max concurrent users
// against context (KV chapter, F25 at 1K…256K) and the roofline with the selected model's operating points
// (Roofline chapter, the charts/ roofline shared with the measure page). Both are memoised on the inputs
// they read, so moving B (which neither reads) costs nothing.
import { layoutLine, type ObservedXYPoint, type XYPoint } from '../../charts/explorer/lineLayout.ts';
import { renderLine } from '../../charts/explorer/renderLine.ts';
import { operatingPoints } from '../../charts/operatingPoints.ts';
import { rooflineLayout } from '../../charts/rooflineLayout.ts';
import { cssColorResolver, renderRoofline } from '../../charts/rooflineRender.ts';
import type { RoofSeries } from '../../charts/rooflineTypes.ts';
import type { ScenarioInputs } from '../../model/inputs.ts';
import { computePrecisionForChoice, gpuPresets, modelPresets, peakFor } from '../../model/presets/index.ts';
import { type Evaluation, evaluateVariant } from './evaluation.ts';
import { grouped } from './formatValue.ts';
import { LANDSCAPE_CONTEXTS } from './landscapeController.ts';
import { legendItems } from './legend.ts';
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

export function renderKvChart(host: HTMLElement, legendEl: HTMLElement | null, evaluation: Evaluation): void {
  const { inputs, result } = evaluation;
  if (!inputs || !result) return;
  const curve = maxUsersCurve(inputs);
  const observed: ObservedXYPoint[] = [
    // the blog's KV table (§4.10.2): ~341 users at 80K and ~853 at 32K, with its 35 KB per token
    { x: 80, y: 341, seriesId: 'blog', label: 'blog: ~341 users at 80K (35 KB/token)' },
    { x: 32, y: 853, seriesId: 'blog', label: 'blog: ~853 users at 32K (35 KB/token)' },
  ];
  const layout = layoutLine({
    curve,
    observed,
    markerX: inputs.scenario.kvContextTokens / 1000,
    xTickFormat: (v) => `${v}K`,
    logY: true,
  });
  renderLine(
    host,
    layout,
    'Max concurrent users against context',
    'context per stream (tokens, log2)',
    'max users (F25, log)',
  );
  host.querySelector('svg')?.setAttribute('data-series', JSON.stringify(curve.map((p) => [p.x * 1000, p.y])));
  legendEl?.replaceChildren(
    ...legendItems([
      ['model', 'floor(KV budget ÷ KV per user) at each context'],
      ['observed blog', "the blog's table (35 KB/token)"],
      [
        'note',
        `now: ${grouped(result.sweep.maxUsers)} users at ${grouped(inputs.scenario.kvContextTokens)} tokens`,
      ],
    ]),
  );
}

let rooflineKey = '';

export function renderRooflineChart(
  host: HTMLElement,
  legendEl: HTMLElement | null,
  evaluation: Evaluation,
  local: LocalGpu | null,
): void {
  const { inputs, query } = evaluation;
  const model = modelPresets.find((m) => m.id === query.model);
  const gpu = gpuPresets.find((g) => g.id === query.gpu);
  if (!inputs || !model || !gpu) return;
  const key = JSON.stringify([
    query.model,
    query.gpu,
    query.weights,
    inputs.precision.kvBytesPerValue,
    inputs.scenario.kvContextTokens,
    inputs.request,
    local?.createdAt ?? null,
    document.documentElement.dataset['theme'] ?? '',
  ]);
  if (key === rooflineKey && host.querySelector('svg')) return;
  rooflineKey = key;
  const peak = peakFor(
    gpu,
    computePrecisionForChoice[query.weights as keyof typeof computePrecisionForChoice] ?? 'fp4',
  );
  const roofs: RoofSeries[] = [
    {
      id: 'gpu',
      label: gpu.displayName,
      color: 'series-reference',
      bandwidthBytesPerSecond: gpu.bandwidthBytesPerSecond,
      computeRoofs: [
        {
          dtype: peak.precision,
          label: `${peak.precision.toUpperCase()} dense`,
          flopsPerSecond: peak.flopsPerSecond,
        },
      ],
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
  const points = operatingPoints({
    model,
    gpu,
    precision: peak.precision,
    kvBytesPerValue: inputs.precision.kvBytesPerValue,
    contextTokens: inputs.scenario.kvContextTokens,
    prefillFreshTokens: inputs.request.freshTokensAvg,
    prefillCachedTokens: inputs.request.cachedTokensAvg,
  });
  let svg = host.querySelector<SVGSVGElement>('svg.roofline');
  if (!svg) {
    host.replaceChildren();
    svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.classList.add('chart', 'roofline');
    host.append(svg);
  }
  const layout = rooflineLayout({ roofs, points: [], operatingPoints: points, shadedRoofId: 'gpu' });
  renderRoofline(svg, layout, cssColorResolver(host), `Roofline: ${model.displayName} on ${gpu.displayName}`);
  // local.name is the measured adapter's description, from a document: text only
  legendEl?.replaceChildren(
    ...legendItems([
      [
        'note',
        `dashed: ${gpu.displayName} (${peak.precision.toUpperCase()} dense, ${grouped(gpu.bandwidthBytesPerSecond / 1e9)} GB/s)${local ? `; solid: ${local.name} (measured)` : ''}; stars: decode at B = 1, 16, 64, 256 and prefill at ${grouped(inputs.scenario.kvContextTokens)} tokens of context`,
      ],
    ]),
  );
}
