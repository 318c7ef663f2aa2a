// One story for every surface: the figures a decision rests on (the monthly verdict, the users that fit,
// TTFT, decode tok/s), each as the blog's napkin, ridgeline's model and what was measured on this
// scenario, with one line on why the napkin and the model part. The deck, the explorer and the CLI all
// read this, so a slide can never say one thing and the next slide another, and when the model's source
// of a figure changes (the serving simulator's TTFT under load, where a simulation was run) every surface follows
// by changing one function here (modelTtft, modelDecode). Pure: plain data in, plain data and text out.
import type { ScenarioResult } from './evaluate.ts';
import { maxUsersAt } from './napkin/kvCache.ts';
import { isBlogMeasuredScenario } from './napkin/napkinScope.ts';
import type { ScenarioInputs } from './scenario/inputs.ts';
import { count, formatWithUnit, grouped, percent, seconds, significant } from './units/format.ts';
import type { PublishedMeasurement } from './validation/measurements.ts';
import { atScenarioContext, measurementsFor } from './validation/scenarioMeasurements.ts';

/** How every surface names the three sources (issue 23: "the blog's napkin", "ridgeline's model", "measured"). */
export const SOURCE_LABELS = {
  napkin: 'the blog’s napkin',
  model: 'ridgeline’s model',
  measured: 'measured',
} as const;

export type StoryId = 'verdict' | 'users' | 'ttft' | 'per-stream' | 'aggregate';

/** Napkin against model: the same number once printed, or two numbers; one-sided when one is missing. */
export type Agreement = 'same' | 'differs' | 'one-sided' | 'none';

export interface StoryMeasured {
  readonly value: number;
  /** who measured it and where, in a few words */
  readonly source: string;
}

export interface StoryLine {
  readonly id: StoryId;
  /** what the figure is, for this scenario ("streams whose KV fits at 80,000 tokens") */
  readonly quantity: string;
  /** ridgeline's unit (formatWithUnit): 'USD/month', 'streams', 's', 'tok/s' */
  readonly unit: string;
  /** the blog's napkin; null where it has no such figure for this scenario */
  readonly napkin: number | null;
  /** how the napkin gets it, in words (no formula codes) */
  readonly napkinHow: string;
  /** ridgeline's model; null where the model does not run this scenario */
  readonly model: number | null;
  readonly modelHow: string;
  /** the model's figure is the serving simulator's (TTFT under load), not one step's arithmetic */
  readonly simulated?: boolean;
  /** a measurement taken on this scenario at this batch and context; null when there is none */
  readonly measured: StoryMeasured | null;
  /** one line: why the napkin and the model part (or why one of them is missing) */
  readonly why: string;
  readonly agreement: Agreement;
}

export interface StoryVerdict {
  /** ridgeline's model: all-API − (self-host + spill-over), USD per month; null when it has no fleet */
  readonly modelSavingsPerMonth: number | null;
  readonly napkinSavingsPerMonth: number | null;
  /** the headline: the model's verdict in one sentence ("Self-hosting the trough costs $30,643 a month more than all-API …") */
  readonly headline: string;
  /** the napkin's verdict beside it, labelled; null when the napkin has none for this scenario */
  readonly napkinLine: string | null;
  readonly why: string;
  /** the model's sign: true saves, false loses, null unknown */
  readonly saves: boolean | null;
}

export interface Story {
  readonly lines: readonly StoryLine[];
  readonly verdict: StoryVerdict;
}

const finite = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value);

function figure(result: ScenarioResult, id: string): number | null {
  const value = result.figures[id]?.value;
  return finite(value) ? value : null;
}

/** Whether two values print as the same number in `unit` (so a difference is only display rounding). */
export function printsTheSame(a: number, b: number, unit: string): boolean {
  return formatWithUnit(a, unit) === formatWithUnit(b, unit);
}

function agreementOf(napkin: number | null, model: number | null, unit: string): Agreement {
  if (napkin === null && model === null) return 'none';
  if (napkin === null || model === null) return 'one-sided';
  return printsTheSame(napkin, model, unit) ? 'same' : 'differs';
}

/** A published measurement of this scenario at its batch and context, for one metric. */
function measuredAt(
  inputs: ScenarioInputs,
  metric: PublishedMeasurement['metric'],
): PublishedMeasurement | null {
  const batch = inputs.scenario.batch;
  return (
    measurementsFor(inputs).find(
      (m) => m.metric === metric && (m.choice.batch ?? 1) === batch && atScenarioContext(m, inputs),
    ) ?? null
  );
}

const sourceOf = (m: PublishedMeasurement): string =>
  m.source.series === 'blog' ? 'the blog’s load test' : `${m.source.publisher}, ${m.source.date}`;

/**
 * TTFT under load, as the serving simulator measured it (evaluateLoad.ts's LoadResult, read structurally
 * so the story needs no simulation to be told): the median at each simulated concurrency.
 */
export interface SimulatedTtft {
  readonly points: readonly { readonly concurrency: number; readonly ttftP50Seconds: number }[];
}

/**
 * The model's TTFT and what it means: with a load simulation of this scenario (`--load`, the explorer's
 * batching chapter), the simulator's median at the scenario's batch — queues, chunked prefill among the
 * decoding streams, the prefix cache, every step from the same step model; without one, one prompt
 * prefilled beside B − 1 decoding streams on an otherwise idle replica, with no queue. Not a floor: on the
 * blog's scenario `project --load` gave a simulated median at 16 streams (210 ms) below this one prompt's
 * 247 ms, and a p90 and p99 above it (calibration of December 2026). Every surface
 * reads it from here.
 */
export function modelTtft(
  result: ScenarioResult,
  batch: number,
  load: SimulatedTtft | null = null,
): { seconds: number | null; how: string; simulated: boolean } {
  const point = load?.points.find((p) => p.concurrency === batch);
  if (point && finite(point.ttftP50Seconds))
    return {
      seconds: point.ttftP50Seconds,
      how: `the serving simulator's median at ${batch} streams (queues, chunked prefill, the prefix cache)`,
      simulated: true,
    };
  const p = result.projection;
  return {
    seconds: finite(p.ttftSeconds) ? p.ttftSeconds : null,
    how: 'one prompt prefilled beside the other decoding streams, no queue (the serving simulator adds load)',
    simulated: false,
  };
}

/** The model's decode at the scenario's batch (issue 19: under load, from the serving simulator). */
export function modelDecode(result: ScenarioResult): {
  perStreamTps: number | null;
  aggregateTps: number | null;
  stepSeconds: number | null;
} {
  const chosen = result.projection.chosen;
  return {
    perStreamTps: chosen?.perStreamTps ?? null,
    aggregateTps: chosen?.aggregateTps ?? null,
    stepSeconds: chosen?.step.seconds ?? null,
  };
}

const NAPKIN_ONLY_BLOG = 'it rests on the blog’s Kimi K2.6 / 8×B200 load test';

function usersLine(result: ScenarioResult, inputs: ScenarioInputs): StoryLine {
  const context = inputs.scenario.kvContextTokens;
  const budget = figure(result, 'mem.kv_budget');
  const perToken = figure(result, 'kv.bytes_per_token');
  const perUser = perToken !== null ? perToken * context : null;
  const napkin =
    budget !== null && perUser !== null && perUser > 0 ? maxUsersAt(budget, perToken ?? 0, context) : null;
  const plan = result.projection.memory;
  const model = plan?.fits ? plan.maxStreams : result.projection.fits ? null : 0;
  const gpus = result.projection.layout.tp * result.projection.layout.pp;
  let why: string;
  if (plan && perUser !== null && budget !== null) {
    const copies = (plan.kvBytesPerStreamPerGpu * gpus) / perUser;
    const perGpu = formatWithUnit(plan.kvBytesPerStreamPerGpu, 'B');
    const left = formatWithUnit(Math.max(0, plan.kvBudgetBytesPerGpu), 'B');
    const napkinPart = `The napkin divides the node’s ${formatWithUnit(budget, 'B')} KV budget by ${formatWithUnit(perUser, 'B')} per stream`;
    why =
      copies > 1.5
        ? `${napkinPart}; in the model each of the ${gpus} GPUs holds every stream’s whole ${perGpu} (it is not split across the tensor-parallel ranks) in the ${left} per GPU the engine leaves for KV.`
        : `${napkinPart}; in the model each of the ${gpus} GPUs holds ${perGpu} of every stream in the ${left} the engine leaves for KV after its memory cap, weights and activations.`;
  } else {
    why = result.projection.warnings[0] ?? 'ridgeline’s model does not run this scenario.';
  }
  // §5.7: "B=36+ is past the cache cliff" and §4.10.2 "we can barely support 32": the blog's own load test
  // put the cliff between 32 and 36 streams on its scenario (TP8, 80K context).
  const blogCliff =
    isBlogMeasuredScenario(inputs) && result.projection.layout.tp === 8 && context === 80_000
      ? { value: 32, source: 'the blog’s load test: 32 streams held, “B=36+ is past the cache cliff” (§5.7)' }
      : null;
  return {
    id: 'users',
    quantity: `streams whose KV cache fits at ${grouped(context)} tokens`,
    unit: 'streams',
    napkin,
    napkinHow: 'the node’s KV budget ÷ one stream’s KV',
    model,
    modelHow: 'each GPU’s KV budget after the engine’s cap, weights and activations ÷ its share of a stream',
    measured: blogCliff,
    why,
    agreement: agreementOf(napkin, model, 'streams'),
  };
}

function ttftLine(result: ScenarioResult, inputs: ScenarioInputs, load: SimulatedTtft | null): StoryLine {
  const batch = inputs.scenario.batch;
  const rate = inputs.empirical.prefillRateMeasuredTps;
  // the napkin's TTFT (median fresh prompt × c ÷ the measured prefill rate) at this scenario's B, where the
  // napkin has one at all (its prefill rate was measured on the blog's scenario only)
  const napkin =
    figure(result, 'ttft.napkin') !== null && rate > 0
      ? (inputs.request.freshTokensMedian * batch) / rate
      : null;
  const model = modelTtft(result, batch, load);
  const m = measuredAt(inputs, 'ttftSeconds');
  const prompt = `a prompt of ${grouped(inputs.request.freshTokensMedian)} fresh tokens`;
  const napkinPart =
    napkin !== null
      ? `The napkin makes all ${batch} streams prefill at once at the measured ${formatWithUnit(rate, 'tok/s')}`
      : `The napkin has no TTFT here (${NAPKIN_ONLY_BLOG})`;
  const modelPart =
    model.seconds === null
      ? 'the model does not run this scenario'
      : model.simulated
        ? `the serving simulator runs ${batch} streams with queues, chunked prefill and a prefix cache`
        : `the model prefills ${prompt} beside ${batch - 1} decoding streams with no queue (the serving simulator adds queues and the spread of prompts)`;
  // where the simulation still falls far short of the measurement, load is not what explains the gap
  const measuredPart = !m
    ? ''
    : model.simulated && model.seconds !== null && m.value > 1.5 * model.seconds
      ? `; the load test measured ${seconds(m.value)}, ${significant(m.value / model.seconds, 2)}× that: queueing does not explain it (docs/validation.md)`
      : `; the load test measured ${seconds(m.value)} with its queues`;
  return {
    id: 'ttft',
    quantity: `time to first token at B=${batch}`,
    unit: 's',
    napkin,
    napkinHow: 'median fresh prompt × concurrent streams ÷ the measured prefill rate',
    model: model.seconds,
    modelHow: model.how,
    simulated: model.simulated,
    measured: m ? { value: m.value, source: sourceOf(m) } : null,
    why: `${napkinPart}; ${modelPart}${measuredPart}.`,
    agreement: agreementOf(napkin, model.seconds, 's'),
  };
}

/** The model's step in words: its largest parts, for the decode line's why. */
function stepWords(result: ScenarioResult): string {
  const step = result.projection.chosen?.step;
  if (!step || !(step.seconds > 0)) return '';
  const overhead =
    step.launchSeconds +
    step.smallExpertSeconds +
    step.routingSeconds +
    step.schedulerSeconds +
    step.draftSeconds;
  const share = overhead / step.seconds;
  const bound = step.boundBy === 'communication' ? 'the interconnect' : `${step.boundBy}`;
  return share >= 0.25
    ? `each kernel’s efficiency, and per-step costs (launches, small experts) that take ${percent(share)} of it`
    : `each operator at its own kernel efficiency, most of it ${bound}-bound`;
}

function decodeLines(result: ScenarioResult, inputs: ScenarioInputs): [StoryLine, StoryLine] {
  const batch = inputs.scenario.batch;
  const napkinPass = result.sweep.napkinPassS?.[batch - 1] ?? null;
  const napkinPerStream = napkinPass !== null && napkinPass > 0 ? 1 / napkinPass : null;
  const model = modelDecode(result);
  const step = measuredAt(inputs, 'stepSeconds');
  const perStream = measuredAt(inputs, 'perStreamTps');
  const measuredPerStream: StoryMeasured | null = step
    ? { value: 1 / step.value, source: `${sourceOf(step)}: ${seconds(step.value)} per pass` }
    : perStream
      ? { value: perStream.value, source: sourceOf(perStream) }
      : null;
  const why =
    napkinPass !== null && model.stepSeconds !== null
      ? `The napkin’s ${seconds(napkinPass)} pass reads the bytes at 50 % of the bandwidth and hides half of that time; the model’s ${seconds(model.stepSeconds)} step adds ${stepWords(result)}.`
      : model.stepSeconds !== null
        ? `The napkin has no pass time here (${NAPKIN_ONLY_BLOG}); the model’s ${seconds(model.stepSeconds)} step adds ${stepWords(result)}.`
        : (result.projection.warnings[0] ?? 'ridgeline’s model does not run this scenario.');
  const common = {
    napkinHow: 'the bytes of one pass at 50 % of the bandwidth, half of it overlapped, plus a fixed overhead',
    modelHow: 'every operator’s bytes and FLOP against the roofs, launches and links, step by step',
    why,
  };
  return [
    {
      id: 'per-stream',
      quantity: `decode per stream at B=${batch}`,
      unit: 'tok/s',
      napkin: napkinPerStream,
      model: model.perStreamTps,
      measured: measuredPerStream,
      agreement: agreementOf(napkinPerStream, model.perStreamTps, 'tok/s'),
      ...common,
    },
    {
      id: 'aggregate',
      quantity: `decode, all ${batch} streams together`,
      unit: 'tok/s',
      napkin: napkinPerStream === null ? null : batch * napkinPerStream,
      model: model.aggregateTps,
      measured: measuredAggregate(result, inputs),
      agreement: agreementOf(
        napkinPerStream === null ? null : batch * napkinPerStream,
        model.aggregateTps,
        'tok/s',
      ),
      ...common,
      why:
        model.stepSeconds === null
          ? why
          : `All ${batch} streams share each step: ${batch} × the per-stream rate${napkinPerStream !== null ? ', so napkin and model part as they do per stream' : ''}${measuredAggregate(result, inputs) ? '; the measured output also counts the time streams spend in prefill' : ''}.`,
    },
  ];
}

/**
 * The blog's measured aggregate output, 48.7 tok/s per GPU × 8 at TP8 c=16 (§5.10 step 5), where the
 * scenario is that one; it counts the time streams spend in prefill, so it sits below B ÷ the pass time.
 */
function measuredAggregate(result: ScenarioResult, inputs: ScenarioInputs): StoryMeasured | null {
  const value = figure(result, 'tps.aggregate_measured');
  const sameShape =
    result.projection.layout.tp === inputs.tp8.gpusPerReplica &&
    inputs.scenario.batch === inputs.tp8.concurrency &&
    inputs.scenario.kvContextTokens === 80_000;
  return value !== null && sameShape && isBlogMeasuredScenario(inputs)
    ? { value, source: 'the blog’s load test: 48.7 tok/s per GPU × 8, prefill time included (§5.10)' }
    : null;
}

const money = (value: number): string => formatWithUnit(Math.abs(value), 'USD');

function verdictOf(
  result: ScenarioResult,
  inputs: ScenarioInputs,
): { line: StoryLine; verdict: StoryVerdict } {
  const tier = inputs.scenario.fleetSizingTier;
  const row = result.projection.fleetByTier.find((r) => r.sizingTier === tier) ?? null;
  const model = row ? row.savingsPerMonthUsd : null;
  const napkin = figure(result, 'bill.savings');
  const layout = result.projection.layout;
  const economics = result.projection.economics;
  const api = inputs.pricing.apiPricePerMTokUsd;
  const apiText = formatWithUnit(api, 'USD/Mtok');
  const tierName = tier === 'trough' ? 'the trough' : tier.toUpperCase();
  const headline =
    row === null || model === null
      ? `ridgeline’s model has no fleet for this scenario: ${result.projection.warnings[0] ?? 'it does not run'}.`
      : model >= 0
        ? `Self-hosting ${tierName} saves ${money(model)} a month against all-API (${percent(row.savingsPct)} of its bill).`
        : `Self-hosting ${tierName} costs ${money(model)} a month more than all-API (${percent(-row.savingsPct)} over its bill).`;
  const napkinLine =
    napkin === null
      ? null
      : `${SOURCE_LABELS.napkin}: ${napkin >= 0 ? `${money(napkin)} a month saved` : `${money(napkin)} a month lost`}`;
  const napkinReplicas = figure(result, 'fleet.replicas');
  const napkinPerM = figure(result, 'tp4.cost_per_m');
  const cheaper = result.projection.tpVariants
    .filter((v) => v.tensorParallel !== layout.tp && v.costPerMProcUsd !== null && v.costPerMProcUsd < api)
    .sort((a, b) => (a.costPerMProcUsd ?? 0) - (b.costPerMProcUsd ?? 0))[0];
  const modelPart =
    row && economics
      ? `the model sizes ${count(row.replicas, 'replicas')} of this scenario’s TP${layout.tp} at B=${inputs.scenario.batch}: ${formatWithUnit(economics.procTps, 'tok/s')} each, ${formatWithUnit(economics.costPerMTokensUsd, 'USD/Mtok')} against the API’s ${apiText}${cheaper && economics.costPerMTokensUsd >= api ? ` (its TP${cheaper.tensorParallel} replica would cost ${formatWithUnit(cheaper.costPerMProcUsd ?? 0, 'USD/Mtok')})` : ''}`
      : 'the model has no fleet here';
  const napkinPart =
    napkin !== null && napkinReplicas !== null && napkinPerM !== null
      ? `The napkin’s fleet is ${count(napkinReplicas, 'replicas')} of TP4 at the ${formatWithUnit(inputs.tp4.procTpsMeasured, 'tok/s')} the blog measured (${formatWithUnit(napkinPerM, 'USD/Mtok')})`
      : `The napkin has no verdict here (its fleet rests on the blog’s measured TP4 replica)`;
  const why = `${napkinPart}; ${modelPart}.`;
  return {
    line: {
      id: 'verdict',
      quantity: `self-hosting ${tierName} against all-API, per month`,
      unit: 'USD/month',
      napkin,
      napkinHow: 'the blog’s TP4 replicas at their measured throughput, the rest spilled to the API',
      model,
      modelHow: 'this scenario’s replicas at their modelled throughput, the rest spilled to the API',
      measured: null,
      why,
      agreement: agreementOf(napkin, model, 'USD/month'),
    },
    verdict: {
      modelSavingsPerMonth: model,
      napkinSavingsPerMonth: napkin,
      headline,
      napkinLine,
      why,
      saves: model === null ? null : model >= 0,
    },
  };
}

/** The decision figures of one evaluated scenario, in the order a talk reaches them. */
export function decisionStory(
  result: ScenarioResult,
  inputs: ScenarioInputs,
  load: SimulatedTtft | null = null,
): Story {
  const { line, verdict } = verdictOf(result, inputs);
  const [perStream, aggregate] = decodeLines(result, inputs);
  return {
    lines: [usersLine(result, inputs), ttftLine(result, inputs, load), perStream, aggregate, line],
    verdict,
  };
}

/** One value of a line, printed: "340 streams", "1.93 s", "$18,559 /month", or "—". */
export function storyValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === 'streams') return count(value, 'streams');
  // a monthly verdict reads as words: a sign on a dollar amount is easy to miss from the back of a room
  if (unit === 'USD/month') return `${value >= 0 ? 'saves' : 'loses'} ${money(value)} a month`;
  return formatWithUnit(value, unit);
}

/**
 * A line's three numbers, each named: "ridgeline’s model 37 streams · the blog’s napkin 340 streams ·
 * measured 32 streams" (the napkin and the measurement only where there are such).
 */
export function storySummary(line: StoryLine, separator = ' · '): string {
  const parts = [`${SOURCE_LABELS.model} ${storyValue(line.model, line.unit)}`];
  if (line.napkin !== null) parts.push(`${SOURCE_LABELS.napkin} ${storyValue(line.napkin, line.unit)}`);
  if (line.measured) parts.push(`${SOURCE_LABELS.measured} ${storyValue(line.measured.value, line.unit)}`);
  return parts.join(separator);
}
