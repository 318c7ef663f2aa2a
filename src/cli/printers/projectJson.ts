// `ridgeline project --json`: one object { model, gpu, preset, inputs, figures, … } where figures maps the
// golden ids of seed-golden.json to numbers (SI units), so scripts can diff it against the golden file.
import type { ProjectOutcome } from '../projectScenario.ts';
import { assertFiniteOutcome, finiteJsonReplacer } from './finiteGuard.ts';

const SAMPLE_BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

export function printProjectJson(outcome: ProjectOutcome): string {
  assertFiniteOutcome(outcome);
  const { inputs, result, notes, request } = outcome;
  const figures: Record<string, number> = {};
  for (const [id, figure] of Object.entries(result.figures)) figures[id] = figure.value;
  const { sweep } = result;
  const at = (series: Float64Array) =>
    SAMPLE_BATCHES.filter((b) => b <= sweep.maxBatch).map((b) => series[b - 1] ?? 0);
  return `${JSON.stringify(
    {
      model: { id: inputs.identity.modelId, label: inputs.identity.modelLabel },
      gpu: {
        id: inputs.identity.gpuId,
        label: inputs.identity.gpuLabel,
        gpusPerNode: inputs.hardware.gpusPerNode,
      },
      preset: request.preset,
      fits: result.fits,
      warnings: result.warnings,
      notes,
      inputs,
      figures,
      sweep: {
        contextTokens: sweep.contextTokens,
        maxUsers: sweep.maxUsers,
        regions: sweep.regions,
        napkinRegions: sweep.napkinRegions,
        sla: sweep.sla,
        measuredPoints: sweep.measuredPoints,
        batches: SAMPLE_BATCHES.filter((b) => b <= sweep.maxBatch),
        napkinPassS: at(sweep.napkinPassS),
        fitPassS: at(sweep.fitPassS),
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
