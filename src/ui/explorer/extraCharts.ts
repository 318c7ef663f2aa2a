// The two chapter charts that re-evaluate the scenario at other values of one input: max concurrent users
// against context (KV chapter, F25 at 1K…256K) and the roofline with the selected model's operating points
// (Roofline chapter, the charts/ roofline shared with the measure page). Both are memoised on the inputs
// they read, so moving B (which neither reads) costs nothing.
import { layoutLine, type ObservedXYPoint, type XYPoint } from '../../charts/explorer/lineLayout.ts';
import { renderLine } from '../../charts/explorer/renderLine.ts';
import { operatingPoints } from '../../charts/operatingPoints.ts';
import { operatorPoints } from '../../charts/operatorPoints.ts';
import { rooflineLayout } from '../../charts/rooflineLayout.ts';
import { cssColorResolver, renderRoofline } from '../../charts/rooflineRender.ts';
import type { RoofSeries } from '../../charts/rooflineTypes.ts';
import { maxUsersAt } from '../../model/chain/kvCache.ts';
import type { ScenarioInputs } from '../../model/inputs.ts';
import { isBlogMeasuredScenario } from '../../model/napkinScope.ts';
import { computePrecisionForChoice, modelPresets, peakFor } from '../../model/presets/index.ts';
import { type Evaluation, evaluateVariant } from './evaluation.ts';
import { grouped } from './formatValue.ts';
import { LANDSCAPE_CONTEXTS } from './landscapeController.ts';
import { legendItems } from './legend.ts';
import type { LocalGpu } from './measuredRoofs.ts';

function withoutBatch(inputs: ScenarioInputs): string {
  return JSON.stringify({ ...inputs, scenario: { ...inputs.scenario, batch: 0, kvContextTokens: 0 } });
}

let usersMemo: { key: string; curve: XYPoint[] } | null = null;

/** Max users at each context 1K…256K: ridgeline's memory plan (the engine's sweep at that context). */
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
  // the napkin's F25 on its own KV budget (F9): no re-evaluation, its budget does not depend on context
  const budget = result.figures['mem.kv_budget']?.value ?? Number.NaN;
  const perToken = result.figures['kv.bytes_per_token']?.value ?? Number.NaN;
  const napkin =
    budget > 0 && perToken > 0
      ? LANDSCAPE_CONTEXTS.map((context) => ({ x: context / 1000, y: maxUsersAt(budget, perToken, context) }))
      : [];
  // the blog's KV table (§4.10.2): ~341 users at 80K and ~853 at 32K, with its 35 KB per token
  const observed: ObservedXYPoint[] = isBlogMeasuredScenario(inputs)
    ? [
        { x: 80, y: 341, seriesId: 'blog', label: 'blog: ~341 users at 80K (35 KB/token)' },
        { x: 32, y: 853, seriesId: 'blog', label: 'blog: ~853 users at 32K (35 KB/token)' },
      ]
    : [];
  const layout = layoutLine({
    curve,
    secondary: napkin,
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
    'max users (log)',
  );
  host.querySelector('svg')?.setAttribute('data-series', JSON.stringify(curve.map((p) => [p.x * 1000, p.y])));
  host
    .querySelector('svg')
    ?.setAttribute('data-napkin-series', JSON.stringify(napkin.map((p) => [p.x * 1000, p.y])));
  legendEl?.replaceChildren(
    ...legendItems([
      [
        'model',
        'ridgeline’s model: the KV budget per GPU after weights, derived activations and the engine’s reserve ÷ KV per stream',
      ],
      ['napkin', 'dashed: the blog’s napkin (F25 on the node’s KV budget)'],
      ...(observed.length ? [['observed blog', 'the blog’s table (35 KB/token)'] as const] : []),
      [
        'note',
        `now: ${grouped(result.sweep.maxUsers)} streams at ${grouped(inputs.scenario.kvContextTokens)} tokens`,
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
  const { inputs, query, result } = evaluation;
  const model = modelPresets.find((m) => m.id === query.model);
  const gpu = evaluation.hardware;
  if (!inputs || !model || !gpu) return;
  const decodeStep = result?.projection.chosen?.step ?? null;
  const prefillChunk = result?.projection.fits ? (result.projection.prefill?.firstChunk ?? null) : null;
  const key = JSON.stringify([
    query.model,
    query.gpu,
    gpu.displayName,
    query.weights,
    inputs.precision.kvBytesPerValue,
    inputs.scenario.kvContextTokens,
    inputs.request,
    inputs.hardware,
    // the operators move with B, the layout and the efficiencies: their times say so
    decodeStep?.ops.map((op) => op.seconds) ?? null,
    prefillChunk?.seconds ?? null,
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
      bandwidthBytesPerSecond: inputs.hardware.gpuBandwidthBps,
      computeRoofs: [
        {
          dtype: peak.precision,
          label: `${peak.precision.toUpperCase()} dense`,
          flopsPerSecond: inputs.hardware.gpuPeakFlops,
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
  const ops = [
    ...(decodeStep
      ? operatorPoints(decodeStep.ops, {
          phase: 'decode',
          stepLabel: `decode B=${inputs.scenario.batch}, one GPU`,
          color: 'series-1',
        })
      : []),
    ...(prefillChunk
      ? operatorPoints(prefillChunk.ops, {
          phase: 'prefill',
          stepLabel: 'first prefill chunk, one GPU',
          color: 'series-2',
        })
      : []),
  ];
  const layout = rooflineLayout({ roofs, points: ops, operatingPoints: points, shadedRoofId: 'gpu' });
  svg.dataset['operators'] = String(ops.length);
  renderRoofline(svg, layout, cssColorResolver(host), `Roofline: ${model.displayName} on ${gpu.displayName}`);
  // local.name is the measured adapter's description, from a document: text only
  legendEl?.replaceChildren(
    ...legendItems([
      [
        'note',
        `dashed: ${gpu.displayName} (${peak.precision.toUpperCase()} dense, ${grouped(inputs.hardware.gpuBandwidthBps / 1e9)} GB/s)${local ? `; solid: ${local.name} (measured)` : ''}; stars: decode at B = 1, 16, 64, 256 and prefill at ${grouped(inputs.scenario.kvContextTokens)} tokens of context`,
      ],
      ...(decodeStep
        ? [
            [
              'ops-decode',
              `ridgeline’s operators of one decode step at B=${inputs.scenario.batch} (● memory-bound, ■ compute-bound; the gap to the roof is the kernel efficiency)`,
            ] as const,
          ]
        : []),
      ...(prefillChunk ? [['ops-prefill', 'the operators of the first prefill chunk'] as const] : []),
    ]),
  );
}
