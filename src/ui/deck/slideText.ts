// What the deck says in words, for the scenario on screen: each slide's title and its speaker notes, one
// set per build step, every number computed from the evaluation (the model × GPU chosen in the explorer,
// never the blog's Kimi K2.6 figures quoted on a Llama deck). The deck and the presenter view both call
// these; the presenter view evaluates the scenario the deck sends it. Pure: no DOM.
import { batchRule, decodeIntensityAt, decodeStall, prefillIntensity } from '../../charts/operatingPoints.ts';
import { shortGpuName } from '../../charts/rooflineSeries.ts';
import type { ScenarioResult } from '../../model/evaluate.ts';
import type { BoundBy } from '../../model/physics/types.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { decisionStory, type SimulatedTtft, type StoryLine, storySummary } from '../../model/story.ts';
import { count, formatWithUnit, grouped, intensity, si } from '../../model/units/format.ts';
import { ridgeFlopsPerByte } from '../../model/units/roofline.ts';
import { type Evaluation, evaluateQuery, queryChoices } from '../explorer/evaluation.ts';
import { rooflinePointOptions } from '../explorer/extraCharts.ts';
import { yourGpuPreset } from '../explorer/measuredRoofs.ts';
import { DEFAULT_LOCAL_MEMORY_GB, parseQuery } from '../explorer/urlState.ts';
import type { DeckGpu, SlideSpec } from './slides.ts';

/**
 * The scenario a deck's state message names, as the presenter view evaluates it: the explorer's query, and
 * "Your GPU" from the deck's measured GPU (the presenter's window has no runs of its own) with the memory
 * the query states.
 */
export function deckEvaluation(query: string, gpu: DeckGpu | undefined): Evaluation {
  const parsed = parseQuery(query, queryChoices());
  const memoryBytes = (parsed.localMemoryGb ?? DEFAULT_LOCAL_MEMORY_GB) * 1e9;
  const yourGpu = gpu ? yourGpuPreset({ ...gpu, gemvCurve: [] }, memoryBytes) : null;
  return evaluateQuery(parsed.query, yourGpu);
}

/** "Kimi K2.6", "Llama 3.1 70B": a model's name without the preset's note in brackets. */
export function modelName(inputs: ScenarioInputs): string {
  return shortGpuName(inputs.identity.modelLabel);
}

/** "NVIDIA B200", "NVIDIA H100 SXM5 80GB". */
export function gpuName(inputs: ScenarioInputs): string {
  return shortGpuName(inputs.identity.gpuLabel);
}

const BOUND_WORDS: Readonly<Record<BoundBy, string>> = {
  memory: 'memory-bound',
  compute: 'compute-bound',
  communication: 'communication-bound',
};

/** What bounds the first prefill chunk in ridgeline's operator breakdown (its largest share of time). */
export function prefillBound(result: ScenarioResult | null): BoundBy | null {
  const p = result?.projection;
  return p?.fits && p.prefill ? p.prefill.firstChunk.boundBy : null;
}

/** The slide's title for this scenario: bound labels come from the operator breakdown, not the blog. */
export function slideTitle(spec: SlideSpec, evaluation: Evaluation | null): string {
  const result = evaluation?.result ?? null;
  if (spec.id === 'prefill') {
    const bound = prefillBound(result);
    return bound ? `Prefill & TTFT: ${BOUND_WORDS[bound]}, and shared` : spec.title;
  }
  if (spec.id === 'roofline' && evaluation) {
    const options = rooflinePointOptions(evaluation);
    const stall = options ? decodeStall(options, 1, null) : null;
    if (stall && stall.atBatchFlopsPerByte >= stall.ridgeFlopsPerByte)
      return 'The roofline: decode already at the ridge';
  }
  return spec.title;
}

function storyLine(result: ScenarioResult, inputs: ScenarioInputs, id: StoryLine['id']): StoryLine | null {
  return decisionStory(result, inputs).lines.find((line) => line.id === id) ?? null;
}

const figureValue = (result: ScenarioResult, id: string): number | null => {
  const value = result.figures[id]?.value;
  return value !== undefined && Number.isFinite(value) ? value : null;
};

const shown = (result: ScenarioResult, id: string): string => {
  const figure = result.figures[id];
  return figure ? formatWithUnit(figure.value, figure.unit, figure.id) : '—';
};

function rooflineNotes(
  step: number,
  evaluation: Evaluation,
  result: ScenarioResult,
  inputs: ScenarioInputs,
): string[] {
  const options = rooflinePointOptions(evaluation);
  if (!options) return ['ridgeline has no roofs for this GPU at this precision.'];
  const peak = options.gpu.peakFlops[options.precision] ?? 0;
  const ridge = ridgeFlopsPerByte(peak, options.gpu.bandwidthBytesPerSecond);
  const gpu = gpuName(inputs);
  const steps = rooflineBatches(evaluation);
  const ai = (batch: number) => decodeIntensityAt(options, batch);
  if (step === 0)
    return [
      `x is FLOP per byte moved, y is FLOP per second. The slope is the ${gpu}’s bandwidth roof (${si(options.gpu.bandwidthBytesPerSecond, 'B/s')}), the flat line its ${options.precision.toUpperCase()} compute roof (${si(peak, 'FLOP/s')}); they meet at the ridge, ${intensity(ridge)}.`,
      'Left of the ridge a kernel waits on memory; right of it, on the math units.',
    ];
  if (step === 1)
    return [
      `Decode at B=1 does ${intensity(ai(1))} over its whole pass (weights and KV cache): ${ai(1) < ridge ? `memory-bound, ${grouped(ridge / ai(1))}× left of the ridge, the tensor cores mostly idle` : 'already at the ridge'}.`,
      'The blog prints ~2 FLOP/B from the weights alone at 1 byte per parameter; counted over the whole pass it is the number on the slide.',
      batchRule(options),
    ];
  if (step === 2)
    return [
      `At B=${grouped(steps.middle)} (this scenario’s batch) decode does ${intensity(ai(steps.middle))}: B tokens share one read of the weights, so the point climbs the slope.`,
      `Only streams whose KV cache fits are plotted: ${count(steps.capacity, 'streams')} at ${grouped(inputs.scenario.kvContextTokens)} tokens in ridgeline’s model.`,
    ];
  const stall = decodeStall(options, steps.capacity, steps.capacity);
  const users = storyLine(result, inputs, 'users');
  const prefill = prefillIntensity(options);
  return [
    stall?.sentence ?? '',
    users ? `Users that fit: ${storySummary(users)}. ${users.why}` : '',
    `Prefill sits at ${intensity(prefill)}, ${prefill >= ridge ? 'right of the ridge' : 'still left of the ridge'}: thousands of tokens share each read of the weights.`,
  ].filter((line) => line !== '');
}

/** The batches the roofline slide's build steps show: B=1, the scenario's B, the KV capacity. */
export function rooflineBatches(evaluation: Evaluation): { middle: number; capacity: number } {
  const result = evaluation.result;
  const inputs = evaluation.inputs;
  const capacity = Math.max(1, Math.min(result?.sweep.maxUsers ?? 1, result?.sweep.maxBatch ?? 512));
  const batch = inputs?.scenario.batch ?? 1;
  return { middle: Math.max(1, Math.min(batch, capacity)), capacity };
}

/**
 * The speaker notes of one slide at one build step, for the scenario evaluated: a few sentences, every
 * number live. The presenter view shows them; each build step has its own.
 */
export function slideNotes(
  spec: SlideSpec,
  step: number,
  evaluation: Evaluation | null,
  load: SimulatedTtft | null = null,
): string[] {
  const result = evaluation?.result ?? null;
  const inputs = evaluation?.inputs ?? null;
  if (spec.id === 'title') {
    const scenario = inputs
      ? `${modelName(inputs)} on ${inputs.hardware.gpusPerNode}× ${gpuName(inputs)}`
      : 'The scenario';
    return [
      `${scenario}: from one model on one node to a monthly bill. Every number on these slides is computed live in this browser tab.`,
      'P opens this presenter view; → and ← (or a clicker) move, Esc leaves. The timer starts with the first move.',
    ];
  }
  if (spec.id === 'measure')
    return [
      'Press “Measure this laptop”: the talk profile measures this machine’s memory roof from DRAM, its FMA roof, a GEMV and a GEMM through WebGPU; each point lands as its case finishes, in about half a minute (a minute on a CPU adapter).',
      `The line under the chart says how far this device is from ${inputs ? `one ${gpuName(inputs)}` : 'the reference GPU'}.`,
    ];
  if (spec.id === 'room')
    return [
      'Everyone: scan the code or type the address, press “Measure and send”. Your phone or laptop runs the same kernels in its browser and lands here, by class, beside the reference GPU.',
      'Read the fastest and the median out loud; the histogram shows how far apart the room is.',
    ];
  if (!result || !inputs) return [evaluation?.error ?? 'This scenario is not computed.'];
  const story = decisionStory(result, inputs, load);
  const line = (id: StoryLine['id']) => story.lines.find((l) => l.id === id) ?? null;
  const gpu = gpuName(inputs);
  const n = inputs.hardware.gpusPerNode;
  switch (spec.id) {
    case 'load':
      return [
        `Weights are parameters × bytes per parameter: ${shown(result, 'mem.weight_bytes')}, so ${shown(result, 'mem.gpus_to_load')} of ${gpu} just to hold them.`,
        `What is left after weights and activations is the KV budget: ${shown(result, 'mem.kv_budget')} for the node in the blog’s napkin, ${result.projection.memory ? `${si(Math.max(0, result.projection.memory.kvBudgetBytesPerGpu), 'B')} per GPU in ridgeline’s model` : 'none in ridgeline’s model'}. It decides how many users fit.`,
      ];
    case 'decode': {
      const lo = figureValue(result, 'decode.realistic_lo_tps');
      const b1 = result.projection.curve?.perStreamTps[0];
      return [
        `Each token reads every active weight once: ${shown(result, 'decode.bytes_per_token_b1')}. The node’s effective bandwidth divided by that is the ceiling at B=1: ${shown(result, 'decode.ceiling_tps')}.`,
        lo !== null
          ? `The blog’s measured MBU of 10–12 % gives ${shown(result, 'decode.realistic_lo_tps')}–${shown(result, 'decode.realistic_hi_tps')}.`
          : 'The blog’s measured MBU belongs to its own scenario, so it is not quoted here.',
        b1 !== undefined && Number.isFinite(b1)
          ? `ridgeline’s model, with every operator, kernel launch and link of a step: ${formatWithUnit(b1, 'tok/s')} at B=1.`
          : '',
      ].filter((l) => l !== '');
    }
    case 'roofline':
      return evaluation ? rooflineNotes(step, evaluation, result, inputs) : [];
    case 'prefill': {
      const ttft = line('ttft');
      const bound = prefillBound(result);
      return [
        `Prefill reads the weights once for thousands of prompt tokens: ${shown(result, 'prefill.theoretical_tps')} in theory on ${n} GPUs.${bound ? ` In ridgeline’s operator breakdown the first chunk is ${BOUND_WORDS[bound]}.` : ''}`,
        ttft ? `Time to first token at B=${inputs.scenario.batch}: ${storySummary(ttft)}.` : '',
        ttft?.why ?? '',
      ].filter((l) => l !== '');
    }
    case 'kv': {
      const users = line('users');
      return [
        `Each token keeps ${shown(result, 'kv.bytes_per_token')} of KV cache; at ${grouped(inputs.scenario.kvContextTokens)} tokens that is ${count((figureValue(result, 'kv.bytes_per_token') ?? 0) * inputs.scenario.kvContextTokens, '')} bytes per user.`,
        users ? `Users that fit: ${storySummary(users)}.` : '',
        users?.why ?? '',
        'Halve the context and about twice as many fit: the cliff moves.',
      ].filter((l) => l !== '');
    }
    case 'batching': {
      const regions = result.sweep.regions.map((r) => `${r.region} ${r.fromBatch}–${r.toBatch}`).join(', ');
      const aggregate = line('aggregate');
      return [
        `Aggregate throughput climbs while the batch shares the weights, bends as each stream’s KV reads pile up, and flattens; past ${count(result.sweep.maxUsers, 'streams')} the KV cache is full: the cliff. In ridgeline’s model: ${regions}.`,
        aggregate ? `At B=${inputs.scenario.batch}: ${storySummary(aggregate)}.` : '',
      ].filter((l) => l !== '');
    }
    case 'sla': {
      const sla = result.sweep.sla;
      const perStream = line('per-stream');
      return [
        sla.batch !== null
          ? `Pick the largest B that still meets the per-stream SLA: ${formatWithUnit(sla.targetPerStreamTps ?? 0, 'tok/s')} per stream → B = ${sla.batch} (${formatWithUnit(sla.perStreamTps ?? 0, 'tok/s')} per stream, ${formatWithUnit(sla.aggregateTps ?? 0, 'tok/s')} together).`
          : `No batch meets the ${formatWithUnit(sla.targetPerStreamTps ?? 0, 'tok/s')} per-stream SLA here.`,
        perStream ? `Per stream at B=${inputs.scenario.batch}: ${storySummary(perStream)}.` : '',
        perStream?.why ?? '',
      ].filter((l) => l !== '');
    }
    case 'fleet': {
      const tier = inputs.scenario.fleetSizingTier;
      const row = result.projection.fleetByTier.find((r) => r.sizingTier === tier);
      const napkinReplicas = figureValue(result, 'fleet.replicas');
      if (!row) return [result.projection.warnings[0] ?? 'ridgeline’s model has no fleet for this scenario.'];
      if (step === 0)
        return [
          `Size the self-hosted fleet to the traffic ${tier === 'trough' ? 'trough' : tier.toUpperCase()}, so it is always busy, and send what exceeds it to the API.`,
          `ridgeline’s model: ${count(row.replicas, 'replicas')} of TP${result.projection.layout.tp} at B=${inputs.scenario.batch} on ${count(row.boxes, 'nodes')}${napkinReplicas !== null ? `; the blog’s napkin: ${count(napkinReplicas, 'replicas')} of TP4 at its measured throughput` : ''}.`,
        ];
      return [
        `The bill, ridgeline’s model: ${formatWithUnit(row.hybridCostPerMonthUsd, 'USD/month')} self-hosted plus spill-over against ${formatWithUnit(row.allApiCostPerMonthUsd, 'USD/month')} all-API.`,
        story.verdict.napkinLine ? `${story.verdict.napkinLine}.` : '',
        'The next slide states the model’s verdict; the napkin’s stands beside it.',
      ].filter((l) => l !== '');
    }
    case 'punchline':
      return [
        story.verdict.headline,
        story.verdict.napkinLine
          ? `${story.verdict.napkinLine}.`
          : 'The blog’s napkin has no verdict for this scenario.',
        story.verdict.why,
        `It rests on the GPU-hour price (${formatWithUnit(inputs.pricing.gpuHourUsd, 'USD/GPU-h')}), the API price (${formatWithUnit(inputs.pricing.apiPricePerMTokUsd, 'USD/Mtok')}) and the traffic tiers: change any of them in the explorer and this slide follows.`,
      ];
    default:
      return [];
  }
}
