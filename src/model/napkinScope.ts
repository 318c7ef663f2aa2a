// Where the blog's napkin may be shown as a scenario's own figures. The blog measured Kimi K2.6 in FP4 on
// one 8×B200 node; its load test (the linear fit, the 36.8 ms pass, 48.7 tok/s per GPU, the TTFT, the TP4
// replica's 26,600 tok/s), its prefill rate and its MBU range describe that scenario only. For any other
// scenario the napkin figures resting on them are not shown (issue 11: "never presented as that scenario's
// figures"); ridgeline's per-operator model gives those figures instead. Figures that rest on the
// scenario's own config, spec sheet, prices, workload (request shape, traffic) or the napkin's stated
// assumptions (50/64 effective bandwidth, 50 % MBU, 0.5 overlap) stay.
import type { FigureMap } from './chain/sink.ts';
import type { ScenarioInputs } from './inputs.ts';

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

/** Napkin figures that rest on the blog's Kimi K2.6 / 8×B200 measurements (golden ids). */
export const MEASUREMENT_ANCHORED_FIGURES: ReadonlySet<string> = new Set([
  'decode.realistic_lo_tps',
  'decode.realistic_hi_tps',
  'decode.mbu_measured',
  'decode.mbu_measured_reproduced',
  'prefill.measured_tps',
  'prefill.mfu_stated',
  'prefill.at_stated_mfu',
  'ttft.demo_single',
  'ttft.demo_per_user_rate',
  'ttft.demo_shared',
  'ttft.napkin',
  'ttft.measured_p50',
  'ttft.napkin_gap',
  'pass.time_napkin',
  'pass.fixed_overhead',
  'pass.per_slot',
  'pass.time_fit',
  'pass.time_measured',
  'pass.fit_gap',
  'pass.napkin_gap',
  'pass.mbu_reality_13',
  'tps.per_stream_measured',
  'tps.output_per_gpu',
  'tps.aggregate_measured',
  'tps.aggregate_naive',
  'batch.per_stream_fit_b8',
  'batch.per_stream_b32',
  'batch.per_stream_b32_measured',
  'batch.aggregate_b32_flat',
  'little.lifecycle_tps',
  'little.e2e_derived',
  'little.e2e_measured',
  'little.req_rate',
  'little.proc_tps',
  'little.output_share',
  'little.decode_time',
  'little.e2e_composed',
  'little.e2e_composed_gap',
  'cost.proc_tokens_per_hour',
  'cost.tp8_per_m',
  'tp4.per_stream',
  'tp4.proc_tps',
  'tp4.tokens_per_replica_month',
  'tp4.cost_per_m',
  'tp4.node_proc_tps',
  'tp4.uplift_ratio',
  'tp4.discount_vs_api',
  'fleet.replicas',
  'fleet.boxes',
  'fleet.selfhost_cost',
  'fleet.selfhost_tokens',
  'fleet.spill_tokens',
  'fleet.spill_cost',
  'fleet.hybrid_total',
  'bill.savings',
  'bill.savings_pct',
]);

export const NAPKIN_SCOPE_NOTE =
  "the blog's napkin figures that rest on its Kimi K2.6 / 8×B200 measurements (load test, prefill rate, TTFT, TP4 replica, fleet) are not shown for this scenario: ridgeline's model gives them";

/** The figures to present for the scenario: all of them for the blog's own, else the anchored ones dropped. */
export function napkinFiguresFor(inputs: ScenarioInputs, figures: FigureMap): FigureMap {
  if (isBlogMeasuredScenario(inputs)) return figures;
  const kept: FigureMap = {};
  for (const [id, figure] of Object.entries(figures)) {
    if (!MEASUREMENT_ANCHORED_FIGURES.has(id)) kept[id] = figure;
  }
  return kept;
}
