// The default `ridgeline project` output: a header, warnings, then one block per blog section (value,
// formula id, section, basis, golden id), the batch sweep and the generalised economics.
import type { Figure } from '../../model/figure.ts';
import { REGION_ORDER, type RegionSpan } from '../../model/sweep/regions.ts';
import type { ProjectOutcome } from '../projectScenario.ts';
import { assertFiniteOutcome } from './finiteGuard.ts';
import { formatValue } from './projectFormat.ts';
import { PROJECT_SECTIONS } from './projectSections.ts';

const BASIS_MARK: Record<Figure['basis'], string> = {
  theoretical: 'theory',
  empirical: 'empirical',
  input: 'input',
};

function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, col) => {
      widths[col] = Math.max(widths[col] ?? 0, cell.length);
    });
  }
  return widths;
}

/** Left-aligned columns except the second (numbers), which is right-aligned. */
function table(rows: readonly (readonly string[])[], widths = columnWidths(rows)): string[] {
  return rows.map((row) =>
    row
      .map((cell, col) => (col === 1 ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function figureRows(figures: Record<string, Figure>, ids: readonly string[]): string[][] {
  return ids.flatMap((id) => {
    const f = figures[id];
    if (!f) return [];
    return [
      [`  ${f.label}`, formatValue(f.value, f.unit), f.formula, `§${f.section}`, BASIS_MARK[f.basis], id],
    ];
  });
}

export function printProjectTable(outcome: ProjectOutcome): string {
  assertFiniteOutcome(outcome);
  const { inputs, result, notes, request } = outcome;
  const lines: string[] = [
    `ridgeline project — ${inputs.identity.modelLabel} on ${inputs.hardware.gpusPerNode}× ${inputs.identity.gpuLabel}`,
    `preset ${request.preset} · weights ${inputs.precision.weightBytesPerParam} B/param · KV ${inputs.precision.kvBytesPerValue} B/value · batch ${inputs.scenario.batch} · context ${inputs.scenario.kvContextTokens} tokens · $${inputs.pricing.gpuHourUsd}/GPU·h · API $${inputs.pricing.apiPricePerMTokUsd}/M`,
    'basis: theory = config and spec sheet only; empirical = anchored on a measured or asserted input; input = passed through',
  ];
  for (const warning of result.warnings) lines.push(`WARNING: ${warning}`);
  for (const note of notes) lines.push(`note: ${note}`);
  const blocks = PROJECT_SECTIONS.map((section) => ({
    title: section.title,
    rows: figureRows(result.figures, section.ids),
  }));
  const widths = columnWidths(blocks.flatMap((block) => block.rows));
  for (const block of blocks) lines.push('', block.title, ...table(block.rows, widths));
  lines.push('', ...sweepLines(outcome), '', ...economicsLines(outcome));
  return `${lines.join('\n')}\n`;
}

const spans = (regions: readonly RegionSpan[]) =>
  regions.map((r) => `${r.region} ${r.fromBatch}–${r.toBatch}`).join(', ');

function sweepLines({ result }: ProjectOutcome): string[] {
  const { sweep } = result;
  const sla = sweep.sla;
  const lines = [
    `Batch sweep B = 1…${sweep.maxBatch} at ${sweep.contextTokens} tokens of context (§5.1–5.6)`,
    `  regions (fit): ${spans(sweep.regions)}`,
    `  regions (napkin, follows this model's bytes): ${spans(sweep.napkinRegions)}`,
    `  KV cliff: at most ${sweep.maxUsers} concurrent users fit the KV budget (F25)`,
    sla.batch === null
      ? `  SLA pick: no batch within the KV capacity reaches ${sla.targetPerStreamTps} tok/s per stream`
      : `  SLA pick: B=${sla.batch} is the largest batch with >= ${sla.targetPerStreamTps} tok/s per stream (${formatValue(sla.perStreamTps ?? 0, 'tok/s')}, aggregate ${formatValue(sla.aggregateTps ?? 0, 'tok/s')})`,
  ];
  const rows: string[][] = [
    ['  B', 'napkin pass', 'fit pass', 'predicted', 'per-stream', 'aggregate', 'region (fit / napkin)'],
  ];
  for (let batch = 1; batch <= sweep.maxBatch; batch *= 2) {
    const i = batch - 1;
    const measured = sweep.measuredPoints.some((p) => p.batch === batch);
    rows.push([
      `  ${batch}`,
      formatValue(sweep.napkinPassS[i] ?? 0, 's'),
      formatValue(sweep.fitPassS[i] ?? 0, 's'),
      `${formatValue(sweep.predictedPassS[i] ?? 0, 's')}${measured ? ' (measured)' : ''}`,
      formatValue(sweep.perStreamTps[i] ?? 0, 'tok/s'),
      formatValue(sweep.aggregateTps[i] ?? 0, 'tok/s'),
      `${REGION_ORDER[sweep.regionIndex[i] ?? 0]} / ${REGION_ORDER[sweep.napkinRegionIndex[i] ?? 0]}`,
    ]);
  }
  return [...lines, ...table(rows)];
}

const usd = (value: number | null, unit = 'USD') => (value === null ? '—' : formatValue(value, unit));

function economicsLines({ result }: ProjectOutcome): string[] {
  const { economics } = result;
  const tpRows: string[][] = [
    ['  TP', 'replicas/node', 'replica $/h', 'KV budget/replica', 'users at ctx', 'proc tok/s', '$/M proc'],
  ];
  for (const v of economics.tpVariants) {
    tpRows.push([
      `  TP${v.tensorParallel}`,
      String(v.replicasPerNode),
      usd(v.replicaCostPerHourUsd, 'USD/h'),
      v.fits ? formatValue(v.replicaKvBudgetBytes, 'B') : 'does not fit',
      String(v.maxUsersAtContext),
      v.procTps === null ? 'not measured' : formatValue(v.procTps, 'tok/s'),
      usd(v.costPerMProcUsd, 'USD/Mtok'),
    ]);
  }
  const fleetRows: string[][] = [
    [
      '  sized to',
      'replicas',
      'nodes',
      'self-host/month',
      'spill tokens',
      'hybrid/month',
      'all-API/month',
      'saved',
    ],
  ];
  for (const row of economics.fleetByTier) {
    fleetRows.push([
      `  ${row.sizingTier}`,
      String(row.replicas),
      String(row.boxes),
      usd(row.selfHostCostPerMonthUsd),
      formatValue(row.spillTokensPerMonth, 'tokens'),
      usd(row.hybridCostPerMonthUsd),
      usd(row.allApiCostPerMonthUsd),
      `${usd(row.savingsPerMonthUsd)} (${formatValue(row.savingsPct, '')})`,
    ]);
  }
  const lines = [
    'Tensor-parallel variants of one node (§5.8, §5.11)',
    ...table(tpRows),
    '',
    'Fleet sized to each traffic tier, month billed at the monthly token basis (§6; above the trough assumes a busy fleet)',
    ...table(fleetRows),
  ];
  const band = economics.savingsBands[economics.allApiBandIndex];
  if (band) {
    const hi = band.monthlyHiUsd === null ? '+' : `–${usd(band.monthlyHiUsd)}`;
    lines.push(
      '',
      `Savings band (§7.2): the all-API bill falls in ${usd(band.monthlyLoUsd)}${hi}/month: baseline ${band.baseline}, autoscaling ${band.autoscaling}`,
    );
  }
  const b = economics.breakEven;
  lines.push(
    `Break-even (§7.3): annual savings ${usd(b.annualSavingsUsd)} against an engineer at ${usd(b.engineerCostLoUsd)}–${usd(b.engineerCostHiUsd)}/yr covers ${formatValue(b.coverageAtHi, '')}–${formatValue(b.coverageAtLo, '')} of one`,
  );
  return lines;
}
