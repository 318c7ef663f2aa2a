// Which published measurements were taken on a scenario: the same model, the same silicon, the same
// layout, the same weight format and the same serving engine. Only those are drawn beside the scenario's curves (issue 11: a
// measurement is shown only for the scenario it was measured on); batch and context may differ, and the
// comparison states each measurement's own.

import type { ParallelLayout } from '../physics/layout.ts';
import { buildScenarioInputs } from '../scenario/buildScenario.ts';
import { defaultInputs } from '../scenario/inputDefaults.ts';
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { layoutOf } from '../scenario/servedModel.ts';
import { PUBLISHED_MEASUREMENTS, type PublishedMeasurement } from './measurements.ts';

/** Presets that are one model or one GPU under two names (the blog's label and the vendor's spec). */
const SAME = [
  ['kimi-k2.6', 'kimi-k2.6-config'],
  ['b200', 'b200-hgx'],
] as const;

function alike(a: string, b: string): boolean {
  return (
    a === b ||
    SAME.some((group) => (group as readonly string[]).includes(a) && (group as readonly string[]).includes(b))
  );
}

function sameLayout(a: ParallelLayout, b: ParallelLayout): boolean {
  return a.tp === b.tp && a.pp === b.pp && a.ep === b.ep;
}

let layouts: Map<string, ParallelLayout> | null = null;

/** Each measurement's layout as `ridgeline project` builds it for its choice (computed once). */
function layoutOfMeasurement(measurement: PublishedMeasurement): ParallelLayout {
  layouts ??= new Map(
    PUBLISHED_MEASUREMENTS.map((m) => [m.id, layoutOf(buildScenarioInputs(defaultInputs(), m.choice))]),
  );
  return layouts.get(measurement.id) ?? { tp: 0, pp: 0, ep: 0, dp: 0 };
}

export function measuredOnScenario(measurement: PublishedMeasurement, inputs: ScenarioInputs): boolean {
  const { choice } = measurement;
  return (
    alike(choice.modelId, inputs.identity.modelId) &&
    alike(choice.gpuId, inputs.identity.gpuId) &&
    (choice.weights ?? 'fp4') === inputs.projection.weights &&
    (choice.engine ?? 'vllm') === inputs.projection.engine &&
    sameLayout(layoutOfMeasurement(measurement), layoutOf(inputs))
  );
}

/** The published measurements taken on this scenario (any batch or context). */
export function measurementsFor(inputs: ScenarioInputs): PublishedMeasurement[] {
  return PUBLISHED_MEASUREMENTS.filter((m) => measuredOnScenario(m, inputs));
}

/** Whether a measurement's context is the scenario's, within a quarter (close enough to share a chart). */
export function atScenarioContext(measurement: PublishedMeasurement, inputs: ScenarioInputs): boolean {
  const context = measurement.choice.context;
  if (context === undefined) return false;
  const ratio = context / inputs.scenario.kvContextTokens;
  return ratio >= 0.8 && ratio <= 1.25;
}
