// `ridgeline project --full`: a header, warnings, then the blog's napkin (one block per blog section: value,
// formula id and section, basis), ridgeline's per-operator model, the batch sweep and the economics that
// follow from the model; with --ops the operator tables. Every line fits 100 columns (tables by their
// columns, prose wrapped by fitColumns); the golden ids of the napkin's figures are --json's.
import type { Figure } from '../../model/explain/figure.ts';
import { REGION_ORDER, type RegionSpan } from '../../model/sweep/regions.ts';
import type { ProjectOutcome } from '../projectScenario.ts';
import { wrapWords } from '../textWrap.ts';
import { assertFiniteOutcome } from './finiteGuard.ts';
import { modelSummaryLine } from './modelSummary.ts';
import { formatValue } from './projectFormat.ts';
import { loadLines } from './projectLoad.ts';
import { modelLines, operatorLines } from './projectModelTable.ts';
import { PROJECT_SECTIONS } from './projectSections.ts';
import { storyLines } from './projectStory.ts';
import { breakEvenLines, fitColumns } from './projectSummary.ts';

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

/** Labels wrap past this width, so a row (label, value, formula and section, basis) fits 100 columns. */
const LABEL_WIDTH = 46;

function figureRows(figures: Record<string, Figure>, ids: readonly string[]): string[][] {
  return ids.flatMap((id) => {
    const f = figures[id];
    if (!f) return [];
    const [first = '', ...rest] = wrapWords('', f.label, 0, LABEL_WIDTH);
    return [
      [`  ${first}`, formatValue(f.value, f.unit, id), `${f.formula} §${f.section}`, BASIS_MARK[f.basis]],
      ...rest.map((line) => [`    ${line}`, '', '', '']),
    ];
  });
}

export function printProjectTable(outcome: ProjectOutcome): string {
  assertFiniteOutcome(outcome);
  const { inputs, result, notes, request } = outcome;
  const lines: string[] = [
    `ridgeline project — ${inputs.identity.modelLabel} on ${inputs.hardware.gpusPerNode}× ${inputs.identity.gpuLabel}`,
    `preset ${request.preset} · weights ${inputs.precision.weightBytesPerParam} B/param · KV ${inputs.precision.kvBytesPerValue} B/value · batch ${inputs.scenario.batch} · context ${inputs.scenario.kvContextTokens} tokens · $${inputs.pricing.gpuHourUsd}/GPU·h · API $${inputs.pricing.apiPricePerMTokUsd}/M`,
    modelSummaryLine(inputs),
    "basis: theory = config and spec sheet only; empirical = anchored on a measured or asserted input; input = passed through; each figure's golden id: --json",
  ];
  for (const warning of result.warnings) lines.push(`WARNING: ${warning}`);
  for (const note of [...notes, ...result.notes]) lines.push(`note: ${note}`);
  lines.push('', ...storyLines(result, inputs, outcome.load));
  const blocks = PROJECT_SECTIONS.map((section) => ({
    title: section.title,
    rows: figureRows(result.figures, section.ids),
  })).filter((block) => block.rows.length > 0);
  const widths = columnWidths(blocks.flatMap((block) => block.rows));
  lines.push('', "THE BLOG'S NAPKIN (its formula chain F1–F67 on this scenario's inputs)");
  for (const block of blocks) lines.push('', block.title, ...table(block.rows, widths));
  lines.push(
    '',
    "RIDGELINE'S MODEL (from bytes and FLOP against the device's roofs)",
    '',
    ...modelLines(outcome),
  );
  lines.push('', ...sweepLines(outcome), '', ...economicsLines(outcome));
  if (request.ops) lines.push('', ...operatorLines(outcome));
  if (outcome.load !== null) lines.push('', ...loadLines(outcome));
  return `${fitColumns(lines).join('\n')}\n`;
}

const spans = (regions: readonly RegionSpan[]) =>
  regions.map((r) => `${r.region} ${r.fromBatch}–${r.toBatch}`).join(', ');

function sweepLines({ result }: ProjectOutcome): string[] {
  const { sweep } = result;
  const lines = [
    `Batch sweep B = 1…${sweep.maxBatch} at ${sweep.contextTokens} tokens of context (§5.1–5.6): ridgeline's model${sweep.napkinPassS ? ", the blog's napkin (F32) and its load-test fit (F33) beside it" : ''}`,
  ];
  if (!sweep.fits) return [...lines, '  no throughput: the model does not fit this layout'];
  lines.push(`  regions (model): ${spans(sweep.regions)}`);
  if (sweep.napkinRegionIndex) lines.push(`  regions (napkin): ${spans(sweep.napkinRegions)}`);
  lines.push(`  KV cliff: at most ${sweep.maxUsers} concurrent streams fit the KV cache (model memory plan)`);
  const napkin = sweep.napkinPassS;
  const fit = sweep.fitPassS;
  const header = ['  B', 'model step', 'per-stream', 'aggregate', 'region'];
  if (napkin && fit) header.splice(2, 0, 'napkin pass', 'fit pass');
  const rows: string[][] = [header];
  for (let batch = 1; batch <= sweep.maxBatch; batch *= 2) {
    const i = batch - 1;
    const measured = sweep.measuredPoints.find((p) => p.batch === batch);
    const inCache = batch <= sweep.maxUsers;
    const row = [
      `  ${batch}`,
      inCache
        ? `${formatValue(sweep.predictedPassS[i] ?? 0, 's')}${measured ? ` (measured ${formatValue(measured.passS, 's')})` : ''}`
        : 'KV full',
      inCache ? formatValue(sweep.perStreamTps[i] ?? 0, 'tok/s') : '—',
      inCache ? formatValue(sweep.aggregateTps[i] ?? 0, 'tok/s') : '—',
      REGION_ORDER[sweep.regionIndex[i] ?? 0] ?? '',
    ];
    if (napkin && fit) row.splice(2, 0, formatValue(napkin[i] ?? 0, 's'), formatValue(fit[i] ?? 0, 's'));
    rows.push(row);
  }
  return [...lines, ...table(rows)];
}

const usd = (value: number | null, unit = 'USD') => (value === null ? '—' : formatValue(value, unit));

function economicsLines(outcome: ProjectOutcome): string[] {
  const { result } = outcome;
  const { economics } = result;
  const tpRows: string[][] = [
    ['  TP', 'replicas', 'replica $/h', 'KV/GPU', 'streams', 'SLA B', 'proc tok/s', '$/M proc'],
  ];
  for (const v of economics.tpVariants) {
    tpRows.push([
      `  TP${v.tensorParallel}`,
      String(v.replicasPerNode),
      usd(v.replicaCostPerHourUsd, 'USD/h'),
      v.fits ? formatValue(v.kvBudgetBytesPerGpu, 'B') : 'does not fit',
      String(v.maxStreams),
      v.slaBatch === null ? '—' : String(v.slaBatch),
      v.procTps === null ? '—' : formatValue(v.procTps, 'tok/s'),
      usd(v.costPerMProcUsd, 'USD/Mtok'),
    ]);
  }
  const fleetRows: string[][] = [
    [
      '  sized to',
      'replicas',
      'nodes',
      'self-host/mo',
      'spill tokens',
      'hybrid/mo',
      'all-API/mo',
      'saved/mo',
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
      `${usd(row.savingsPerMonthUsd)} ${formatValue(row.savingsPct, '')}`,
    ]);
  }
  const lines = [
    "Tensor-parallel variants of one node from ridgeline's model, each at its largest batch meeting the SLA (§5.8, §5.11); KV/GPU: the KV budget per GPU, streams: those whose KV fits at the context",
    ...table(tpRows),
    '',
    "Fleet of the chosen layout's replicas from ridgeline's model, sized to each traffic tier, month billed at the monthly token basis (§6; above the trough assumes a busy fleet)",
    ...(economics.fleetByTier.length > 0
      ? table(fleetRows)
      : ['  no fleet: the model does not fit, or B is past the KV capacity']),
  ];
  const band = economics.savingsBands[economics.allApiBandIndex];
  if (band) {
    const hi = band.monthlyHiUsd === null ? '+' : `–${usd(band.monthlyHiUsd)}`;
    lines.push(
      '',
      `Savings band (§7.2): the all-API bill falls in ${usd(band.monthlyLoUsd)}${hi}/month: baseline ${band.baseline}, autoscaling ${band.autoscaling}`,
    );
  }
  lines.push(...breakEvenLines(outcome));
  return lines;
}
