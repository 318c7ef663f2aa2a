// `ridgeline project --json`: one object { schemaVersion, model, gpu, preset, inputs, figures, projection, … }
// where figures maps the golden ids of seed-golden.json to numbers (SI units: the blog's napkin, so scripts
// can diff it against the golden file) and `projection` is ridgeline's per-operator model
// (projectionJson.ts). docs/json.md documents every field; tests/unit/jsonDocs.test.ts holds it to that.
import type { ProjectOutcome } from '../projectScenario.ts';
import { assertFiniteOutcome, finiteJsonReplacer } from './finiteGuard.ts';
import { modelSummary } from './modelSummary.ts';
import { PROJECTION_BATCHES, projectionJson } from './projectionJson.ts';
import { projectionLoadJson } from './projectLoad.ts';

/**
 * The schema of this object (docs/json.md). Adding a field keeps it; renaming or removing one, or changing
 * a field's meaning or unit, raises it.
 */
export const PROJECT_JSON_SCHEMA_VERSION = 1;

export function printProjectJson(outcome: ProjectOutcome): string {
  assertFiniteOutcome(outcome);
  const { inputs, result, notes, request } = outcome;
  const figures: Record<string, number> = {};
  for (const [id, figure] of Object.entries(result.figures)) figures[id] = figure.value;
  const { sweep } = result;
  const batches = PROJECTION_BATCHES.filter((b) => b <= sweep.maxBatch);
  const at = (series: Float64Array | null) =>
    series === null
      ? null
      : batches.map((b) => (sweep.fits && b <= sweep.maxUsers ? (series[b - 1] ?? 0) : null));
  const atNapkin = (series: Float64Array | null) =>
    series === null ? null : batches.map((b) => series[b - 1] ?? 0);
  return `${JSON.stringify(
    {
      schemaVersion: PROJECT_JSON_SCHEMA_VERSION,
      model: { id: inputs.identity.modelId, label: inputs.identity.modelLabel, ...modelSummary(inputs) },
      gpu: {
        id: inputs.identity.gpuId,
        label: inputs.identity.gpuLabel,
        gpusPerNode: inputs.hardware.gpusPerNode,
      },
      preset: request.preset,
      fits: result.fits,
      warnings: result.warnings,
      notes: [...notes, ...result.notes],
      inputs,
      figures,
      projection: {
        ...projectionJson(result, inputs.scenario.batch),
        ...(outcome.load === null ? {} : { load: projectionLoadJson(outcome.load) }),
      },
      sweep: {
        contextTokens: sweep.contextTokens,
        maxUsers: sweep.maxUsers,
        regions: sweep.regions,
        napkinRegions: sweep.napkinRegions,
        sla: sweep.sla,
        measuredPoints: sweep.measuredPoints,
        batches,
        napkinPassS: atNapkin(sweep.napkinPassS),
        fitPassS: atNapkin(sweep.fitPassS),
        predictedPassS: at(sweep.predictedPassS),
        perStreamTps: at(sweep.perStreamTps),
        aggregateTps: at(sweep.aggregateTps),
      },
      economics: result.economics,
      diagnostics: result.diagnostics,
    },
    finiteJsonReplacer,
    2,
  )}\n`;
}
