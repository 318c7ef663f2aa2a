// The blog's napkin, ridgeline's model and the published measurements side by side (issue 11, item 3), as
// plain rows: where the napkin and the model agree, where they part and by how much, and how far
// reality is from both. Pure (no DOM): comparisonView.ts draws it. A napkin value is null where the
// napkin does not compute it for this scenario (its figures resting on the blog's Kimi/B200
// measurements are not shown elsewhere); a model value is null where the model does not fit.

import type { ScenarioResult } from '../../model/evaluate.ts';
import { maxUsersAt } from '../../model/napkin/kvCache.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { grouped } from '../../model/units/format.ts';
import type { MeasuredMetric, PublishedMeasurement } from '../../model/validation/measurements.ts';
import { predictOnScenario } from '../../model/validation/predict.ts';
import { measurementsFor } from '../../model/validation/scenarioMeasurements.ts';

export type ComparisonUnit = 'tok/s' | 's' | 'streams' | 'USD/Mtok';

export interface ComparisonRow {
  readonly id: string;
  readonly quantity: string;
  readonly unit: ComparisonUnit;
  readonly napkin: number | null;
  /** which napkin formula, or why there is none */
  readonly napkinNote: string;
  /** the napkin's formula id (docs/spec/napkin-chain.md) for readers who check it; null where none */
  readonly napkinFormula: string | null;
  readonly model: number | null;
}

export interface MeasurementRow {
  readonly id: string;
  /** the setup in words, with its own batch and context */
  readonly scenario: string;
  readonly publisher: string;
  readonly url: string | null;
  readonly date: string;
  readonly unit: ComparisonUnit;
  readonly measured: number;
  /** the napkin at the measurement's batch (the blog's scenario only) */
  readonly napkin: number | null;
  /** the model at the measurement's batch, context, KV width and speculative decoding */
  readonly model: number | null;
  readonly calibration: boolean;
}

function figure(result: ScenarioResult, id: string): number | null {
  const value = result.figures[id]?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const inverse = (value: number | null) => (value !== null && value > 0 ? 1 / value : null);

/** The scenario's own figures: napkin and model at the same B, context and layout. */
export function comparisonRows(result: ScenarioResult, inputs: ScenarioInputs): ComparisonRow[] {
  const p = result.projection;
  const batch = inputs.scenario.batch;
  const context = inputs.scenario.kvContextTokens;
  const napkinPass = figure(result, 'pass.time_napkin');
  const napkinOnly = 'not shown: rests on the blog’s Kimi K2.6 / 8×B200 measurements';
  const kvBudget = figure(result, 'mem.kv_budget');
  const kvPerToken = figure(result, 'kv.bytes_per_token');
  const tp4 = p.tpVariants.find((v) => v.tensorParallel === 4) ?? null;
  return [
    {
      id: 'decode-b1',
      quantity: 'decode at B=1, per stream',
      unit: 'tok/s',
      napkin: figure(result, 'decode.ceiling_tps'),
      napkinNote: 'the node’s effective bandwidth ÷ bytes per token (a ceiling, no per-step costs)',
      napkinFormula: 'F12',
      model: p.curve !== null ? (p.curve.perStreamTps[0] ?? null) : null,
    },
    {
      id: 'step',
      quantity: `decode step at B=${batch}`,
      unit: 's',
      napkin: napkinPass,
      napkinNote: napkinPass === null ? napkinOnly : 'fixed overhead + bytes per pass ÷ (bandwidth × MBU)',
      napkinFormula: napkinPass === null ? null : 'F32',
      model: p.chosen?.step.seconds ?? null,
    },
    {
      id: 'per-stream',
      quantity: `per-stream decode at B=${batch}`,
      unit: 'tok/s',
      napkin: inverse(napkinPass),
      napkinNote: napkinPass === null ? napkinOnly : '1 ÷ the napkin’s pass time',
      napkinFormula: null,
      model: p.chosen?.perStreamTps ?? null,
    },
    {
      id: 'aggregate',
      quantity: `aggregate decode at B=${batch}`,
      unit: 'tok/s',
      napkin: napkinPass === null ? null : batch / napkinPass,
      napkinNote: napkinPass === null ? napkinOnly : 'B ÷ the napkin’s pass time',
      napkinFormula: null,
      model: p.chosen?.aggregateTps ?? null,
    },
    {
      id: 'max-streams',
      quantity: `streams whose KV fits at ${grouped(context)} tokens`,
      unit: 'streams',
      napkin:
        kvBudget !== null && kvPerToken !== null && kvPerToken > 0
          ? maxUsersAt(kvBudget, kvPerToken, context)
          : null,
      napkinNote: 'the node’s KV budget ÷ one stream’s KV, with the blog’s flat activation reserve',
      napkinFormula: 'F25',
      model: p.memory?.fits ? p.memory.maxStreams : null,
    },
    {
      id: 'ttft',
      quantity: `TTFT at B=${batch} (one prompt, no queue)`,
      unit: 's',
      napkin: figure(result, 'ttft.napkin'),
      napkinNote:
        figure(result, 'ttft.napkin') === null
          ? napkinOnly
          : 'the median prompt × c ÷ the measured prefill rate (at the load test’s c)',
      napkinFormula: figure(result, 'ttft.napkin') === null ? null : 'F48',
      model: p.ttftSeconds,
    },
    {
      id: 'cost',
      quantity: `$ per M processed tokens, TP${p.layout.tp} at B=${batch}`,
      unit: 'USD/Mtok',
      napkin: figure(result, 'cost.tp8_per_m'),
      napkinNote:
        figure(result, 'cost.tp8_per_m') === null
          ? napkinOnly
          : 'the TP8 node at the load test’s c=16 throughput',
      napkinFormula: figure(result, 'cost.tp8_per_m') === null ? null : 'F47',
      model: p.economics?.costPerMTokensUsd ?? null,
    },
    {
      id: 'cost-tp4',
      quantity: '$ per M processed tokens, TP4 at its SLA batch',
      unit: 'USD/Mtok',
      napkin: figure(result, 'tp4.cost_per_m'),
      napkinNote: figure(result, 'tp4.cost_per_m') === null ? napkinOnly : 'the blog’s measured TP4 replica',
      napkinFormula: figure(result, 'tp4.cost_per_m') === null ? null : 'F51',
      model: tp4?.costPerMProcUsd ?? null,
    },
  ];
}

/** The unit each published metric is printed in (the comparison table, the load charts' points). */
export const MEASURED_UNIT: Readonly<Record<MeasuredMetric, ComparisonUnit>> = {
  stepSeconds: 's',
  perStreamTps: 'tok/s',
  ttftSeconds: 's',
  prefillTps: 'tok/s',
  outputTps: 'tok/s',
};

/** The napkin's value of a measured quantity at the measurement's batch (null where it has none). */
function napkinFor(result: ScenarioResult, m: PublishedMeasurement, ttftNapkinAt: NapkinTtft): number | null {
  const batch = m.choice.batch ?? 1;
  const pass = result.sweep.napkinPassS?.[batch - 1];
  switch (m.metric) {
    case 'stepSeconds':
      return pass ?? null;
    case 'perStreamTps':
      return pass !== undefined && pass > 0 ? 1 / pass : null;
    case 'ttftSeconds':
      return ttftNapkinAt(batch);
    case 'prefillTps':
      return figure(result, 'prefill.at_stated_mfu');
    case 'outputTps':
      // an offline run's rate: the napkin has no offline throughput of its own
      return null;
  }
}

/** The napkin's TTFT (F48) at a concurrency, or null (the explorer memoises the re-evaluation). */
export type NapkinTtft = (concurrency: number) => number | null;

/**
 * A TTFT measured under load, as the load simulation predicted it: the page's worker runs those tests
 * (src/model/evaluateLoad.ts) so the page never simulates on its main thread; null while it runs.
 */
export type UnderLoad = (id: string) => number | null;

/** Every published measurement taken on this scenario, with the napkin and the model at its conditions. */
export function measurementRows(
  result: ScenarioResult,
  inputs: ScenarioInputs,
  ttftNapkinAt: NapkinTtft,
  underLoad?: UnderLoad,
): MeasurementRow[] {
  return measurementsFor(inputs).map((m) => ({
    id: m.id,
    scenario: m.scenario,
    publisher: m.source.publisher,
    url: m.source.url ?? null,
    date: m.source.date,
    unit: MEASURED_UNIT[m.metric],
    measured: m.value,
    napkin: napkinFor(result, m, ttftNapkinAt),
    model:
      m.loadTest !== undefined && underLoad !== undefined
        ? underLoad(m.id)
        : predictOnScenario(inputs, m).predicted,
    calibration: m.calibration === true,
  }));
}
