// What ridgeline's model predicts for a published measurement: the scenario built as `ridgeline project`
// builds it (at the default efficiencies, for docs/validation.md), or the explorer's current scenario
// moved to the measurement's batch, context, KV width and speculative decoding (so edited efficiencies
// show in the comparison), then the measured quantity read off the projection.

import { decodePoint } from '../physics/decodeCurve.ts';
import { prefillPass, timeToFirstToken } from '../physics/prefill.ts';
import { kvBytesForChoice } from '../presets/choice.ts';
import { buildScenarioInputs } from '../scenario/buildScenario.ts';
import { defaultInputs } from '../scenario/inputDefaults.ts';
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { servedScenario } from '../scenario/servedModel.ts';
import { closedLoopPoint } from '../serving/loadSweep.ts';
import type { LoadTest, PublishedMeasurement } from './measurements.ts';

export interface Prediction {
  /** the model's value of the measured quantity; null when the scenario cannot be modelled */
  readonly predicted: number | null;
  /** measured ÷ predicted */
  readonly ratio: number | null;
  readonly reason: string | null;
}

/** The measured quantity from inputs already set to the measurement's conditions. */
function predictWith(inputs: ScenarioInputs, measurement: PublishedMeasurement): Prediction {
  const served = servedScenario(inputs);
  if ('problems' in served) return { predicted: null, ratio: null, reason: served.problems[0] ?? null };
  const batch = served.batch;
  if (measurement.metric === 'ttftSeconds' && measurement.loadTest)
    return predictUnderLoad(inputs, measurement.value, batch, measurement.loadTest);
  let predicted: number;
  switch (measurement.metric) {
    case 'stepSeconds':
      // an inter-token latency: one step per accepted token
      predicted = decodePoint(served, batch).step.seconds / served.acceptedTokensPerStep;
      break;
    case 'perStreamTps':
      predicted = decodePoint(served, batch).perStreamTps;
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

/** At the measurement's own scenario and the default efficiencies (docs/validation.md). */
export function predictMeasurement(measurement: PublishedMeasurement): Prediction {
  const inputs = buildScenarioInputs(defaultInputs(), measurement.choice);
  if (measurement.speculative) inputs.projection.speculative = { ...measurement.speculative };
  return predictWith(inputs, measurement);
}

/**
 * On a scenario the measurement was taken on (same model, hardware, layout and weights; see
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
