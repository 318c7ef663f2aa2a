// Where the blog's napkin may be shown as a scenario's own figures. The blog measured Kimi K2.6 in FP4 on
// one 8×B200 node; its load test (the linear fit, the 36.8 ms pass, 48.7 tok/s per GPU, the TTFT, the TP4
// replica's 26,600 tok/s), its prefill rate and its MBU range describe that scenario only. For any other
// scenario the napkin figures resting on them are not shown (issue 11: "never presented as that scenario's
// figures"); ridgeline's per-operator model gives those figures instead. Figures that rest on the
// scenario's own config, spec sheet, prices, workload (request shape, traffic) or the napkin's stated
// assumptions (50/64 effective bandwidth, 50 % MBU, 0.5 overlap) stay.

import type { ScenarioInputs } from '../scenario/inputs.ts';
import type { FigureMap } from './sink.ts';

const MEASURED_MODELS: readonly string[] = ['kimi-k2.6', 'kimi-k2.6-config'];
const MEASURED_GPUS: readonly string[] = ['b200', 'b200-hgx'];

/** The blog's own scenario: Kimi K2.6, FP4 weights, one node of 8 B200s. */
export function isBlogMeasuredScenario(inputs: ScenarioInputs): boolean {
  return (
    MEASURED_MODELS.includes(inputs.identity.modelId) &&
    MEASURED_GPUS.includes(inputs.identity.gpuId) &&
    inputs.hardware.gpusPerNode === 8 &&
    inputs.projection.weights === 'fp4'
  );
}

/**
 * Families of napkin figures that all rest on the blog's load test (golden id prefixes): tok/s per GPU and
 * per stream measured, the batching points, Little's law on the measured e2e, the TP4 replica and the
 * fleet built from it, TTFT on the measured prefill rate — but for the few that read only prices or the
 * traffic.
 */
const ANCHORED_FAMILIES: readonly string[] = ['tps.', 'batch.', 'little.', 'tp4.', 'fleet.', 'ttft.'];
const NOT_ANCHORED: ReadonlySet<string> = new Set([
  'tp4.replica_cost_month',
  'tp4.replicas_per_node',
  'fleet.monthly_tokens',
]);

/** The rest, one by one: the measured MBU range, prefill rate, TTFT, pass times and what uses them. */
const ANCHORED_FIGURES: ReadonlySet<string> = new Set([
  'decode.realistic_lo_tps',
  'decode.realistic_hi_tps',
  'decode.mbu_measured',
  'decode.mbu_measured_reproduced',
  'prefill.measured_tps',
  'prefill.mfu_stated',
  'prefill.at_stated_mfu',
  'pass.time_napkin',
  'pass.fixed_overhead',
  'pass.per_slot',
  'pass.time_fit',
  'pass.time_measured',
  'pass.fit_gap',
  'pass.napkin_gap',
  'pass.mbu_reality_13',
  'cost.proc_tokens_per_hour',
  'cost.tp8_per_m',
  'bill.savings',
  'bill.savings_pct',
]);

/** Whether a napkin figure (golden id) rests on the blog's Kimi K2.6 / 8×B200 measurements. */
export function isMeasurementAnchored(id: string): boolean {
  if (ANCHORED_FIGURES.has(id)) return true;
  return !NOT_ANCHORED.has(id) && ANCHORED_FAMILIES.some((family) => id.startsWith(family));
}

export const NAPKIN_SCOPE_NOTE =
  "the blog's napkin figures that rest on its Kimi K2.6 / 8×B200 measurements (load test, prefill rate, TTFT, TP4 replica, fleet) are not shown for this scenario: ridgeline's model gives them";

/** The figures to present for the scenario: all of them for the blog's own, else the anchored ones dropped. */
export function napkinFiguresFor(inputs: ScenarioInputs, figures: FigureMap): FigureMap {
  if (isBlogMeasuredScenario(inputs)) return figures;
  const kept: FigureMap = {};
  for (const [id, figure] of Object.entries(figures)) {
    if (!isMeasurementAnchored(id)) kept[id] = figure;
  }
  return kept;
}
