// What a published serving measurement is, as ridgeline checks its model against it: the number as
// published (SI units), what was measured, the setup as a `ridgeline project` choice (model, GPU, layout,
// weights, KV, batch, context and the serving engine), the request shape, and where it was published.
import type { ScenarioChoice } from '../presets/choice.ts';

export type MeasuredMetric =
  /** a step (inter-token latency, TPOT) at the stated concurrency */
  | 'stepSeconds'
  /** tokens per second one stream sees */
  | 'perStreamTps'
  | 'ttftSeconds'
  /** prompt tokens per second one replica prefills */
  | 'prefillTps'
  /** output tokens per second of the whole instance (all its replicas) in an offline run at full load */
  | 'outputTps';

export interface MeasurementSource {
  /** short key of the series (the charts' colour class) */
  readonly series: string;
  readonly publisher: string;
  readonly title: string;
  readonly url?: string;
  /** publication date, or what is known of it when the page is undated */
  readonly date: string;
}

export interface PublishedMeasurement {
  readonly id: string;
  readonly metric: MeasuredMetric;
  readonly value: number;
  /** the setup in words: model, hardware, engine, precision, shape */
  readonly scenario: string;
  /** the same setup as ridgeline's inputs (its engine names the engine profile the row is predicted with) */
  readonly choice: ScenarioChoice;
  /** TTFT and prefill: the prompt's fresh and cached tokens */
  readonly prompt?: { readonly freshTokens: number; readonly cachedTokens: number };
  /**
   * The requests' input and output tokens: a decode measurement at concurrency B > 1 carries the prefills
   * of B streams that each produce `outputTokens` (their share of every step), and an offline run is
   * sized by them.
   */
  readonly workload?: { readonly inputTokens: number; readonly outputTokens: number };
  readonly speculative?: { readonly draftTokens: number; readonly acceptedTokensPerStep: number };
  /** a TTFT measured under load: the load test the serving simulator re-runs to predict it */
  readonly loadTest?: LoadTest;
  readonly source: MeasurementSource;
  /**
   * In its engine's fit set (validation/calibration.ts fits the engine's costs to these), so not an
   * out-of-sample check; the engine's other rows are held out.
   */
  readonly calibration?: boolean;
  /** what had to be assumed where the publication is silent (KV width, layout, in-flight requests) */
  readonly assumed?: string;
}

/** TTFT measured under load needs the serving simulator (queues, prefill scheduling), not one step. */
export function needsLoadSimulation(measurement: PublishedMeasurement): boolean {
  return measurement.metric === 'ttftSeconds' && (measurement.choice.batch ?? 1) > 1;
}

/** How a TTFT was measured under load, for the serving simulator to run the same test. */
export interface LoadTest {
  /** the requests' tokens: the scenario's workload (the blog's own test), or fixed sizes */
  readonly tokens: 'workload' | { readonly cached: number; readonly fresh: number; readonly output: number };
  /** requests the statistic is over */
  readonly requests: number;
  /** turns each stream ran before measuring; 0 when the benchmark counts its start (all streams at once) */
  readonly warmupTurns: number;
  readonly statistic: 'p50' | 'mean';
}
