// Two chapter charts beside chartsView.ts's: max concurrent users against context (KV chapter, F25 at
// 1K…256K), which re-evaluates the scenario at each context and is memoised on every input but B and the
// context, so moving B costs nothing; and the roofline with the selected model's operating points and
// ridgeline's operators at B (Roofline chapter, the charts/ roofline shared with the measure page), redrawn
// only when its points, roofs, width or theme change.

import { layoutLine, type ObservedXYPoint, type XYPoint } from '../../charts/explorer/lineLayout.ts';
import { renderLine } from '../../charts/explorer/renderLine.ts';
import {
  DECODE_BATCHES,
  decodeStall,
  type OperatingPointOptions,
  operatingPoints,
} from '../../charts/operatingPoints.ts';
import { communicationPoints, operatorPoints } from '../../charts/operatorPoints.ts';
import { rooflineLayout, sizeFor } from '../../charts/rooflineLayout.ts';
import {
  cssColorResolver,
  type RenderHandlers,
  renderRoofline,
  rooflineSvgIn,
} from '../../charts/rooflineRender.ts';
import { shortGpuName } from '../../charts/rooflineSeries.ts';
import type { RooflineChartData, RoofSeries } from '../../charts/rooflineTypes.ts';
import { maxUsersAt } from '../../model/napkin/kvCache.ts';
import { isBlogMeasuredScenario } from '../../model/napkin/napkinScope.ts';
import type { StepBreakdown } from '../../model/physics/step.ts';
import { computePrecisionForChoice, peakFor } from '../../model/presets/index.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { modelRequest } from '../../model/scenario/requestShape.ts';
import { grouped, si } from '../../model/units/format.ts';
import { chartTooltip } from '../chartTooltip.ts';
import { type ChartTarget, frameOf, widthOf } from './chartTarget.ts';
import { type Evaluation, evaluateVariant } from './evaluation.ts';
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

export function renderKvChart(target: ChartTarget, evaluation: Evaluation): void {
  const { inputs, result } = evaluation;
  if (!inputs || !result) return;
  const { host, legend: legendEl } = target;
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
  const layout = layoutLine(
    {
      curve,
      secondary: napkin,
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
      ['napkin', 'dashed: the blog’s napkin (the node’s KV budget ÷ one stream’s KV)'],
      ...(observed.length ? [['observed blog', 'the blog’s table (35 KB/token)'] as const] : []),
      [
        'note',
        `now: ${grouped(result.sweep.maxUsers)} streams at ${grouped(inputs.scenario.kvContextTokens)} tokens`,
      ],
    ]),
  );
}

let rooflineKey = '';
/** Each roofline host's tooltip (hovering a point says why it sits there). */
const tooltips = new WeakMap<HTMLElement, NonNullable<RenderHandlers['onTooltip']>>();

/** The options the explorer's roofline draws the model's points with (the deck reuses them). */
export function rooflinePointOptions(evaluation: Evaluation): OperatingPointOptions | null {
  const { inputs, query } = evaluation;
  // the model served (a preset, a config.json's, either edited by set.model.*)
  const model = evaluation.model;
  // the scenario's hardware: a preset, or your GPU (its measured roofs) when chosen
  const gpu = evaluation.hardware;
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
    prefillFreshTokens: modelRequest(inputs).freshMean,
    prefillCachedTokens: modelRequest(inputs).cachedMean,
    highlightBatch: inputs.scenario.batch,
  };
}

/** The scenario GPU's roof (and the measured one beside it) with the model's points, as chart data. */
export function explorerRooflineData(
  evaluation: Evaluation,
  local: LocalGpu | null,
): RooflineChartData | null {
  const options = rooflinePointOptions(evaluation);
  const { inputs, result } = evaluation;
  if (!options || !inputs) return null;
  const { gpu, precision } = options;
  // the scenario's own roofs (a --set hardware.* override shows here too)
  const roofs: RoofSeries[] = [
    {
      id: 'gpu',
      label: shortGpuName(gpu.displayName),
      color: 'series-reference',
      bandwidthBytesPerSecond: inputs.hardware.gpuBandwidthBps,
      computeRoofs: [
        {
          dtype: precision,
          label: `${precision.toUpperCase()} dense`,
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
  const points = operatingPoints(options);
  // ridgeline's operators of one decode step at B and of the first prefill chunk, each at its own intensity
  const decodeStep = result?.projection.chosen?.step ?? null;
  const prefillChunk = result?.projection.fits ? (result.projection.prefill?.firstChunk ?? null) : null;
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
  // where communication bounds an operator (a collective takes a tenth of its step or more), the
  // interconnect's roof and the collectives against it (issue 23, item 7)
  const link = interconnectRoof(evaluation, [decodeStep, prefillChunk]);
  if (link) {
    roofs.push(link.roof);
    for (const [step, phase] of [
      [decodeStep, 'decode'],
      [prefillChunk, 'prefill'],
    ] as const) {
      if (!step || !link.steps.includes(step)) continue;
      ops.push(
        ...communicationPoints(step.ops, step.flops, {
          phase,
          stepLabel:
            phase === 'decode'
              ? `decode B=${inputs.scenario.batch}, one GPU`
              : 'first prefill chunk, one GPU',
          color: 'series-4',
          linkLabel: `${link.roof.label}, ${si(link.roof.bandwidthBytesPerSecond, 'B/s')}`,
        }),
      );
    }
  }
  return { roofs, points: ops, operatingPoints: points, shadedRoofId: 'gpu' };
}

/** The interconnect roof's legend line, when the chart draws one. */
function linkLegend(data: RooflineChartData): (readonly [string, string])[] {
  const link = data.roofs.find((roof) => roof.id === 'link');
  if (!link) return [];
  return [
    [
      'ops-link',
      `the ${link.label} roof, ${si(link.bandwidthBytesPerSecond, 'B/s')} per GPU (dashed slope): a collective’s step FLOP per byte sent over the link (▲); left of its ridge the step’s math waits on the interconnect`,
    ],
  ];
}

/** A collective's share of its step at which the chart draws the interconnect's roof. */
const LINK_SHARE = 0.1;

/** The interconnect's roof, and the steps whose collectives it bounds; null where none takes LINK_SHARE. */
function interconnectRoof(
  evaluation: Evaluation,
  steps: readonly (StepBreakdown | null)[],
): { roof: RoofSeries; steps: StepBreakdown[] } | null {
  const { inputs } = evaluation;
  if (!inputs) return null;
  const bound = steps.filter(
    (step): step is StepBreakdown =>
      step?.ops.some((op) => op.kind === 'communication' && op.seconds >= LINK_SHARE * step.seconds) === true,
  );
  if (bound.length === 0) return null;
  const interNode = bound.some((step) =>
    step.ops.some(
      (op) =>
        op.kind === 'communication' && op.link === 'interNode' && op.seconds >= LINK_SHARE * step.seconds,
    ),
  );
  const { intraNodeBps, interNodeBps } = inputs.projection.interconnect;
  const bandwidth = interNode ? interNodeBps : intraNodeBps;
  if (!(bandwidth > 0)) return null;
  const preset = evaluation.hardware?.interconnect?.[interNode ? 'interNode' : 'intraNode'] ?? null;
  const name =
    preset && preset.bandwidthBps === bandwidth ? preset.name : interNode ? 'network' : 'interconnect';
  return {
    roof: {
      id: 'link',
      label: name,
      color: 'series-4',
      bandwidthBytesPerSecond: bandwidth,
      computeRoofs: [{ dtype: 'link', label: 'link', flopsPerSecond: inputs.hardware.gpuPeakFlops }],
      dashed: true,
      slopeOnly: true,
    },
    steps: bound,
  };
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
  const width = widthOf(target, 900);
  const key = JSON.stringify([
    data.operatingPoints.map((p) => [p.id, p.intensityFlopsPerByte, p.flopsPerSecond, p.highlight ?? false]),
    // the operators move with B, the layout and the efficiencies
    data.points.map((p) => [p.intensityFlopsPerByte, p.flopsPerSecond]),
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
  svg.dataset['operators'] = String(data.points.length);
  if (legendEl) {
    const { inputs, result } = evaluation;
    const decodeOps = data.points.some((p) => p.id.startsWith('op-decode'));
    const prefillOps = data.points.some((p) => p.id.startsWith('op-prefill'));
    // local.name is the measured adapter's description, from a document: text only
    legendEl.replaceChildren(
      ...legendItems([
        [
          'note',
          `dashed: ${gpuName} (${options.precision.toUpperCase()} dense, ${grouped((inputs?.hardware.gpuBandwidthBps ?? options.gpu.bandwidthBytesPerSecond) / 1e9)} GB/s)${local ? `; solid: ${local.name} (measured)` : ''}; stars: decode at B = ${DECODE_BATCHES.join(', ')} and your B = ${grouped(inputs?.scenario.batch ?? 0)} (ringed), and prefill, at ${grouped(options.contextTokens)} tokens of context. A star's intensity counts the whole decode pass, weights and KV cache (the blog’s formula counts the weights alone: see the line below the chart)`,
        ],
        ...(decodeOps
          ? [
              [
                'ops-decode',
                `ridgeline’s operators of one decode step at B=${inputs?.scenario.batch ?? ''} (● memory-bound, ■ compute-bound; the gap to the roof is the kernel efficiency)`,
              ] as const,
            ]
          : []),
        ...(prefillOps ? [['ops-prefill', 'the operators of the first prefill chunk'] as const] : []),
        ...linkLegend(data),
      ]),
    );
    const stall = decodeStall(options, options.highlightBatch ?? 1, result?.sweep.maxUsers ?? null);
    const note = host.closest('.chapter')?.querySelector<HTMLElement>('[data-field="decode-stall"]');
    if (note && stall) note.textContent = stall.sentence;
  }
}
