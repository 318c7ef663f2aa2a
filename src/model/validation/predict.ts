// What ridgeline's model predicts for a published measurement: the scenario built as `ridgeline project`
// builds it (its engine profile included, for docs/validation.md), or the explorer's current scenario
// moved to the measurement's batch, context, KV width and speculative decoding (so edited efficiencies
// show in the comparison), then the measured quantity read off the step model:
//
// - a decode measurement at one stream is the decode step; at B streams that each bring a prompt of I
//   tokens per O generated, every step also carries B ÷ O of those prompts' prefill work (chunked
//   prefill rides the decode steps), so the mean inter-token latency is the step plus that share;
// - an offline run at full load keeps as many sequences running as the engine allows (its batch limit, or
//   its KV cache at each sequence's length: the mean length for an engine that pages on demand, the final
//   length for one that reserves it), and its output rate is B tokens per such step, times the replicas.
//
// Those are the steady state of the step model. A TTFT measured under load (a row with a `loadTest`) is
// predicted by the serving simulator running that load test on the same step model (queues, prefix
// cache, chunked prefill); a TTFT without one is one prompt's prefill beside B − 1 decoding streams.

import { decodePoint } from '../physics/decodeCurve.ts';
import { memoryPlan } from '../physics/memory.ts';
import { prefillPass, timeToFirstToken } from '../physics/prefill.ts';
import type { ServedScenario } from '../physics/servedScenario.ts';
import { kvBytesForChoice } from '../presets/choice.ts';
import { engineProfile } from '../presets/engines.ts';
import { buildScenarioInputs } from '../scenario/buildScenario.ts';
import { defaultInputs } from '../scenario/inputDefaults.ts';
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { servedScenario } from '../scenario/servedModel.ts';
import { closedLoopPoint } from '../serving/loadSweep.ts';
import type { LoadTest, PublishedMeasurement } from './measurementTypes.ts';

export interface Prediction {
  /** the model's value of the measured quantity; null when the scenario cannot be modelled */
  readonly predicted: number | null;
  /** measured ÷ predicted */
  readonly ratio: number | null;
  readonly reason: string | null;
}

/**
 * Seconds a prompt of `tokens` adds to the decode steps it rides on (chunked prefill mixes it into them,
 * which read the weights anyway): what `tokens` more prompt tokens add to a prefill of `tokens`.
 */
export function marginalPrefillSeconds(served: ServedScenario, tokens: number): number {
  if (tokens <= 1) return 0;
  return Math.max(0, prefillPass(served, 2 * tokens, 0).seconds - prefillPass(served, tokens, 0).seconds);
}

/**
 * E[max of `ranks` independent Poisson(λ) counts]: the prompts the busiest of `ranks` synchronised ranks
 * prefills in a step when each starts λ per step on average (Σ_k 1 − P(N ≤ k)^ranks).
 */
export function expectedMaxPoisson(lambda: number, ranks: number): number {
  if (ranks <= 1 || lambda <= 0) return Math.max(0, lambda);
  let expected = 0;
  let term = Math.exp(-lambda);
  let cdf = term;
  for (let k = 0; k < 1000; k++) {
    const tail = 1 - cdf ** ranks;
    expected += tail;
    if (tail < 1e-9 && k > lambda) break;
    term *= lambda / (k + 1);
    cdf += term;
  }
  return expected;
}

/**
 * The mean step of B streams that each generate `outputTokens` after a prompt of `inputTokens`: the
 * decode step plus the prefill work the prompts add to every step — B ÷ O prompts per step on one
 * replica (one stream: no other prompts). Attention-data-parallel ranks that share an expert-parallel
 * group (EP > TP) meet at every MoE layer's all-to-all, so a step lasts as long as the rank with the most
 * prompt work in it: the expected busiest rank's prompts, not the mean.
 */
export function steadyStepSeconds(
  served: ServedScenario,
  batch: number,
  workload: PublishedMeasurement['workload'],
): number {
  const step = decodePoint(served, batch).step.seconds;
  if (workload === undefined || batch <= 1) return step;
  const perStep = (batch * served.acceptedTokensPerStep) / workload.outputTokens;
  const { tp, ep } = served.model.layout;
  const ranks = ep > tp ? ep / tp : 1;
  return step + expectedMaxPoisson(perStep, ranks) * marginalPrefillSeconds(served, workload.inputTokens);
}

/** Sequences one replica runs at full load: the batch given, else the engine's limit or its KV cache's. */
export function offlineBatch(
  served: ServedScenario,
  inputs: ScenarioInputs,
  measurement: PublishedMeasurement,
): number {
  const given = measurement.choice.batch;
  if (given !== undefined) return given;
  const workload = measurement.workload;
  if (workload === undefined) return served.batch;
  const reserve = engineProfile(inputs.projection.engine).kvAdmission === 'reserveMax';
  const length = workload.inputTokens + (reserve ? workload.outputTokens : workload.outputTokens / 2);
  const plan = memoryPlan(served.model, served.capacityBytesPerGpu, served.memory, length);
  return Math.max(1, Math.min(served.memory.maxSequences, plan.maxStreams));
}

/** Output tokens per second of the whole instance in an offline run. */
function offlineOutputTps(served: ServedScenario, inputs: ScenarioInputs, m: PublishedMeasurement): number {
  const batch = offlineBatch(served, inputs, m);
  const step = steadyStepSeconds(served, batch, m.workload);
  return (served.model.layout.dp * batch * served.acceptedTokensPerStep) / step;
}

/** The measured quantity from inputs already set to the measurement's conditions. */
export function predictWith(inputs: ScenarioInputs, measurement: PublishedMeasurement): Prediction {
  const served = servedScenario(inputs);
  if ('problems' in served) return { predicted: null, ratio: null, reason: served.problems[0] ?? null };
  const batch = served.batch;
  if (measurement.metric === 'ttftSeconds' && measurement.loadTest)
    return predictUnderLoad(inputs, measurement.value, batch, measurement.loadTest);
  let predicted: number;
  switch (measurement.metric) {
    case 'stepSeconds':
      // an inter-token latency: one step per accepted token
      predicted = steadyStepSeconds(served, batch, measurement.workload) / served.acceptedTokensPerStep;
      break;
    case 'perStreamTps':
      predicted = served.acceptedTokensPerStep / steadyStepSeconds(served, batch, measurement.workload);
      break;
    case 'outputTps':
      predicted = offlineOutputTps(served, inputs, measurement);
      break;
    // a TTFT without a load test: one request's prefill beside B − 1 decoding streams
    case 'ttftSeconds':
    case 'prefillTps': {
      const prompt = measurement.prompt ?? { freshTokens: inputs.request.freshTokensMedian, cachedTokens: 0 };
      const prefill = prefillPass(served, prompt.freshTokens, prompt.cachedTokens);
      predicted =
        measurement.metric === 'prefillTps' ? prefill.tps : timeToFirstToken(served, prefill, batch);
      break;
    }
  }
  return { predicted, ratio: measurement.value / predicted, reason: null };
}

/**
 * The last few simulated load tests by their exact inputs: the page re-reads its comparison on every
 * input, most of which (the batch knob, prices) leave the measurement's own test unchanged, and a
 * simulation costs milliseconds where the rest of the table costs microseconds.
 */
const recent = new Map<string, Prediction>();
const RECENT = 8;

/** A TTFT under load: the serving simulator runs the measurement's load test on the scenario. */
function predictUnderLoad(
  inputs: ScenarioInputs,
  measured: number,
  streams: number,
  test: LoadTest,
): Prediction {
  const key = JSON.stringify([inputs, measured, streams, test]);
  const known = recent.get(key);
  if (known) return known;
  const prediction = simulateLoadTest(inputs, measured, streams, test);
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value as string);
  recent.set(key, prediction);
  return prediction;
}

function simulateLoadTest(
  inputs: ScenarioInputs,
  measured: number,
  streams: number,
  test: LoadTest,
): Prediction {
  const moved = structuredClone(inputs);
  if (test.tokens !== 'workload') {
    moved.workload.cachedTokens = { median: test.tokens.cached, spread: 0 };
    moved.workload.freshTokens = { median: test.tokens.fresh, spread: 0 };
    moved.workload.outputTokens = { median: test.tokens.output, spread: 0 };
  }
  const point = closedLoopPoint(moved, streams, test.requests, test.warmupTurns);
  if ('problems' in point) return { predicted: null, ratio: null, reason: point.problems[0] ?? null };
  const predicted = test.statistic === 'p50' ? point.ttftP50Seconds : point.ttftMeanSeconds;
  return { predicted, ratio: measured / predicted, reason: null };
}

/** The measurement's scenario as `ridgeline project` builds it, its engine profile included. */
export function measurementInputs(measurement: PublishedMeasurement): ScenarioInputs {
  const inputs = buildScenarioInputs(defaultInputs(), measurement.choice);
  if (measurement.speculative) inputs.projection.speculative = { ...measurement.speculative };
  return inputs;
}

/** At the measurement's own scenario and its engine profile's defaults (docs/validation.md). */
export function predictMeasurement(measurement: PublishedMeasurement): Prediction {
  return predictWith(measurementInputs(measurement), measurement);
}

/**
 * On a scenario the measurement was taken on (same model, hardware, layout, weights and engine; see
 * scenarioMeasurements.ts), at the measurement's batch, context, KV width and speculative decoding, with
 * everything else (efficiencies, engine memory, links) as the scenario has it.
 */
export function predictOnScenario(inputs: ScenarioInputs, measurement: PublishedMeasurement): Prediction {
  const moved = structuredClone(inputs);
  const { choice } = measurement;
  if (choice.batch !== undefined) moved.scenario.batch = choice.batch;
  if (choice.context !== undefined) moved.scenario.kvContextTokens = choice.context;
  moved.precision.kvBytesPerValue = kvBytesForChoice(choice.kv ?? 'fp8');
  moved.projection.speculative = measurement.speculative
    ? { ...measurement.speculative }
    : { draftTokens: 0, acceptedTokensPerStep: 1 };
  return predictWith(moved, measurement);
}
