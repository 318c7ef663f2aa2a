// What ridgeline's model predicts for a published measurement, at the default efficiencies: the scenario
// built as `ridgeline project` builds it, then the measured quantity read off the projection.
import { defaultInputs } from '../inputDefaults.ts';
import { decodePoint } from '../projection/decodeCurve.ts';
import { prefillPass, timeToFirstToken } from '../projection/prefill.ts';
import { servedScenario } from '../projection/servedModel.ts';
import { buildScenarioInputs } from '../scenario.ts';
import type { PublishedMeasurement } from './measurements.ts';

export interface Prediction {
  /** the model's value of the measured quantity; null when the scenario cannot be modelled */
  readonly predicted: number | null;
  /** measured ÷ predicted */
  readonly ratio: number | null;
  readonly reason: string | null;
}

export function predictMeasurement(measurement: PublishedMeasurement): Prediction {
  const inputs = buildScenarioInputs(defaultInputs(), measurement.choice);
  if (measurement.speculative) inputs.projection.speculative = { ...measurement.speculative };
  const served = servedScenario(inputs);
  if ('problems' in served) return { predicted: null, ratio: null, reason: served.problems[0] ?? null };
  const batch = served.batch;
  const point = decodePoint(served, batch);
  let predicted: number;
  switch (measurement.metric) {
    case 'stepSeconds':
      // an inter-token latency: one step per accepted token
      predicted = point.step.seconds / served.acceptedTokensPerStep;
      break;
    case 'perStreamTps':
      predicted = point.perStreamTps;
      break;
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
