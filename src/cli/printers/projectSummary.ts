// The default `ridgeline project` output: a summary that answers first (issue 21: at most 40 lines, at most
// 100 columns). The scenario; whether it fits; decode, prefill, TTFT, the SLA pick and $/M from ridgeline's
// model, with the blog's napkin beside them where the blog's own scenario applies (Kimi K2.6, FP4, one
// 8×B200 node: napkinScope.ts); the break-even verdict of both there; what a reader must know. `--full`
// prints the whole chain (projectTable.ts).
//
// The summary is a list of sections, each a function of the outcome that returns its lines (none when it
// has nothing to say). A flag that adds to the projection (a serving simulation, an engine, a model config)
// adds its section to SUMMARY_SECTIONS, or passes its own list to printProjectSummary; the test in
// tests/cli/projectSummary.test.ts holds every scenario it tries to the line and column limits.
//
// The napkin/model rows are the explorer's comparison rows (ui/explorer/comparison.ts, pure), so the
// command line and the page show the same pairs with the same napkin formulas.

import { isBlogMeasuredScenario } from '../../model/napkin/napkinScope.ts';
import { layoutText } from '../../model/project.ts';
import { type ComparisonRow, type ComparisonUnit, comparisonRows } from '../../ui/explorer/comparison.ts';
import type { ProjectOutcome } from '../projectScenario.ts';
import { COLUMNS, fitLine, wrapWords } from '../textWrap.ts';
import { assertFiniteOutcome } from './finiteGuard.ts';
import { modelSummaryLine } from './modelSummary.ts';
import { formatValue } from './projectFormat.ts';
import { loadLines } from './projectLoad.ts';
import { operatorLines } from './projectModelTable.ts';
import { measuredText } from './projectStory.ts';

/** The summary's limits: lines in all, and columns per line. */
export const SUMMARY_MAX_LINES = 40;
export const SUMMARY_COLUMNS = COLUMNS;

export interface SummarySection {
  /** A short name (tests and later sections refer to it). */
  readonly id: string;
  /** The section's lines, each within SUMMARY_COLUMNS; none when it has nothing to say here. */
  lines(outcome: ProjectOutcome): string[];
  /**
   * The section in at most `maxLines` lines, where the whole summary would pass SUMMARY_MAX_LINES; it says
   * what it left out and where to find it (never dropped silently). Sections without it are kept whole.
   */
  shorten?(outcome: ProjectOutcome, maxLines: number): string[];
}

export const MODEL_LABEL = "ridgeline's model";
export const NAPKIN_LABEL = "the blog's napkin";

const KEY_WIDTH = 11;

/** `text` wrapped to SUMMARY_COLUMNS after `lead` (padded to KEY_WIDTH), continuation lines indented. */
export function keyed(lead: string, text: string, indent = KEY_WIDTH): string[] {
  return wrapWords(lead.padEnd(indent), text, indent, SUMMARY_COLUMNS);
}

/**
 * Lines longer than SUMMARY_COLUMNS broken between words, each continuation indented two past the line's
 * own indent: prose wraps, and a table built to fit passes through unchanged.
 */
export function fitColumns(lines: readonly string[]): string[] {
  return lines.flatMap((line) => fitLine(line, 2, SUMMARY_COLUMNS));
}

const PRECISION_WORDS: Record<string, string> = {
  fp4: 'FP4',
  fp8: 'FP8',
  bf16: 'BF16',
  int4: 'INT4',
  'int4-experts': 'INT4 routed experts (BF16 rest)',
  'fp4-experts': 'NVFP4 FFNs (BF16 attention)',
};

const scenarioSection: SummarySection = {
  id: 'scenario',
  lines({ inputs, request, result }) {
    const p = result.projection;
    const replicas = `${p.layout.dp} replica${p.layout.dp === 1 ? '' : 's'}`;
    const weights = PRECISION_WORDS[inputs.projection.weights] ?? inputs.projection.weights;
    const kvBytes = inputs.precision.kvBytesPerValue;
    const kv = kvBytes === 1 ? 'FP8' : kvBytes === 2 ? 'BF16' : `${kvBytes} B/value`;
    return [
      ...keyed('Scenario', inputs.identity.modelLabel),
      ...keyed(
        '',
        `on ${inputs.hardware.gpusPerNode}× ${inputs.identity.gpuLabel}, ${layoutText(p.layout, inputs.hardware.gpusPerNode)}, ${replicas}`,
      ),
      ...keyed(
        '',
        `${weights} weights · ${kv} KV cache · batch ${inputs.scenario.batch} · ${formatValue(inputs.scenario.kvContextTokens, 'tokens')} of context · ${formatValue(inputs.pricing.gpuHourUsd, 'USD')}/GPU·h · API ${formatValue(inputs.pricing.apiPricePerMTokUsd, 'USD/Mtok')}${request.preset === 'default' ? '' : ` · preset ${request.preset}`}`,
      ),
      // a model read from a config.json or edited by --set model.*: its counts, to check against the card
      ...(request.modelConfig !== undefined || request.sets.some((set) => set.path.startsWith('model.'))
        ? keyed('', modelSummaryLine(inputs))
        : []),
    ];
  },
};

const fitSection: SummarySection = {
  id: 'fits',
  lines({ result }) {
    const p = result.projection;
    if (p.problems.length > 0)
      return p.problems.flatMap((problem, i) => keyed(i === 0 ? 'Fits' : '', `no: ${problem}`));
    const m = p.memory;
    if (!p.fits || m === null)
      return keyed(
        'Fits',
        `no: ${p.warnings[0] ?? result.warnings[0] ?? 'the model does not fit this layout'}`,
      );
    return keyed(
      'Fits',
      `yes: per GPU ${formatValue(m.weightBytesPerGpu, 'B')} of weights and ${formatValue(m.activationBytesPerGpu, 'B')} of activations in ${formatValue(m.usableBytesPerGpu, 'B')} usable leave ${formatValue(Math.max(0, m.kvBudgetBytesPerGpu), 'B')} of KV cache: ${m.maxStreams} stream${m.maxStreams === 1 ? '' : 's'} at ${formatValue(result.sweep.contextTokens, 'tokens')}`,
    );
  },
};

function cell(value: number | null, unit: ComparisonUnit | 'streams'): string {
  if (value === null) return '—';
  if (unit === 'streams') return formatValue(value, '') === '' ? '—' : String(Math.round(value));
  return formatValue(value, unit);
}

/** A napkin cell with its formula ("9.162 ms (F32)"): the comparison row's formula id. */
function napkinCell(row: ComparisonRow): string {
  if (row.napkin === null) return '—';
  const formula = row.napkinFormula;
  return `${cell(row.napkin, row.unit)}${formula ? ` (${formula})` : ''}`;
}

interface FigureRow {
  readonly quantity: string;
  readonly model: string;
  readonly napkin: string;
}

function figureRows({ inputs, result }: ProjectOutcome): FigureRow[] {
  const p = result.projection;
  const rows = comparisonRows(result, inputs);
  const byId = (id: string) => rows.find((r) => r.id === id);
  const out: FigureRow[] = [];
  const add = (row: ComparisonRow | undefined) => {
    if (row) out.push({ quantity: row.quantity, model: cell(row.model, row.unit), napkin: napkinCell(row) });
  };
  add(byId('decode-b1'));
  add(byId('step'));
  add(byId('per-stream'));
  add(byId('aggregate'));
  const prefill = p.prefill !== null && p.fits ? p.prefill : null;
  const napkinPrefill = result.figures['prefill.at_stated_mfu']?.value;
  out.push({
    quantity: `prefill of ${(prefill?.promptTokens ?? inputs.request.freshTokensMedian).toLocaleString('en-US')} fresh tokens`,
    model: prefill ? `${formatValue(prefill.tps, 'tok/s')} (${formatValue(prefill.seconds, 's')})` : '—',
    napkin: napkinPrefill === undefined ? '—' : `${formatValue(napkinPrefill, 'tok/s')} (F20)`,
  });
  add(byId('ttft'));
  const sla = p.sla;
  out.push({
    quantity: `SLA pick (largest B with ≥ ${formatValue(sla.targetPerStreamTps, 'tok/s')} per stream)`,
    model:
      sla.batch === null
        ? p.fits
          ? 'none reaches it'
          : '—'
        : `B=${sla.batch} (${formatValue(sla.perStreamTps ?? 0, 'tok/s')})`,
    napkin: '—',
  });
  add(byId('cost'));
  add(byId('max-streams'));
  return out;
}

const figuresSection: SummarySection = {
  id: 'figures',
  lines(outcome) {
    const p = outcome.result.projection;
    // a scenario that cannot run has no figures: the Fits line says why, and nothing is shown as a dash
    if (!p.fits || p.problems.length > 0) return [];
    const napkin = isBlogMeasuredScenario(outcome.inputs);
    const rows = figureRows(outcome);
    const header: FigureRow = { quantity: '', model: MODEL_LABEL, napkin: napkin ? NAPKIN_LABEL : '' };
    const all = [header, ...rows];
    const q = Math.max(...all.map((r) => r.quantity.length));
    const m = Math.max(...all.map((r) => r.model.length));
    const lines = all.map((r) =>
      `${r.quantity.padEnd(q)}  ${r.model.padStart(m)}${napkin ? `  ${r.napkin.padStart(NAPKIN_LABEL.length)}` : ''}`.trimEnd(),
    );
    if (napkin)
      lines.push(
        ...keyed(
          '',
          "(Fnn: the napkin's formula, docs/spec/napkin-chain.md; —: it has no such figure. The model times every operator against the roofs; the napkin divides bytes by bandwidth with the blog's measured efficiencies.)",
          0,
        ),
      );
    return lines;
  },
};

/** The measurements of this scenario (model/story.ts), the third source beside the model and the napkin. */
const measuredSection: SummarySection = {
  id: 'measured',
  lines({ inputs, result, load }) {
    const p = result.projection;
    if (!p.fits || p.problems.length > 0) return [];
    const text = measuredText(result, inputs, load);
    return text === null ? [] : keyed('Measured', text);
  },
};

const usd = (value: number) => formatValue(value, 'USD');

/**
 * The break-even of §7.3: the napkin's (its savings against an engineer's cost) only where the napkin
 * applies, since it rests on the blog's measured TP4 replica and fleet; the model's verdict beside it, from
 * its own fleet at the same sizing tier. Shared by the summary and --full.
 */
export function breakEvenLines({ inputs, result }: ProjectOutcome): string[] {
  if (!isBlogMeasuredScenario(inputs)) return [];
  const b = result.economics.breakEven;
  const engineer = `${usd(b.engineerCostLoUsd)}–${usd(b.engineerCostHiUsd)}/yr`;
  const tier = inputs.scenario.fleetSizingTier;
  const fleet = result.economics.fleetByTier.find((row) => row.sizingTier === tier);
  let model: string;
  if (!fleet) model = 'no fleet: the model does not fit, or the batch is past the KV capacity';
  else {
    const annual = 12 * fleet.savingsPerMonthUsd;
    model =
      annual > 0
        ? `the fleet sized to ${tier} saves ${usd(annual)}/yr: ${formatValue(annual / b.engineerCostHiUsd, '')}–${formatValue(annual / b.engineerCostLoUsd, '')} of an engineer`
        : `the fleet sized to ${tier} costs ${usd(-annual)}/yr more than the all-API bill: no savings to pay an engineer (${engineer})`;
  }
  return [
    ...keyed(
      'Break-even',
      `${NAPKIN_LABEL} (§7.3): saves ${usd(b.annualSavingsUsd)}/yr, ${formatValue(b.coverageAtHi, '')}–${formatValue(b.coverageAtLo, '')} of an engineer at ${engineer}`,
    ),
    ...keyed('', `${MODEL_LABEL}: ${model}`),
  ];
}

const breakEvenSection: SummarySection = { id: 'break-even', lines: breakEvenLines };

function noteLines({ result, notes }: ProjectOutcome): { warnings: string[]; notes: string[][] } {
  // "does not fit" is the Fits line's already; everything else a reader must know is said once
  const fitLine = result.projection.warnings[0];
  const warnings = result.warnings.filter((w) => w !== fitLine || result.projection.fits);
  return {
    warnings: warnings.flatMap((w) => keyed('Warning', w)),
    notes: [...notes, ...result.notes].map((n) => keyed('Note', n)),
  };
}

const notesSection: SummarySection = {
  id: 'notes',
  lines(outcome) {
    const { warnings, notes } = noteLines(outcome);
    return [...warnings, ...notes.flat()];
  },
  // warnings are always shown; notes as many as fit, then one line that says how many more and where
  shorten(outcome, maxLines) {
    const { warnings, notes } = noteLines(outcome);
    const kept: string[] = [...warnings];
    let shown = 0;
    for (const note of notes) {
      if (kept.length + note.length > maxLines - 1) break;
      kept.push(...note);
      shown++;
    }
    const left = notes.length - shown;
    if (left > 0)
      kept.push(...keyed('Note', `and ${left} more note${left === 1 ? '' : 's'}: --full prints them`));
    return kept;
  },
};

const moreSection: SummarySection = {
  id: 'more',
  lines({ request }) {
    return keyed(
      'More',
      `--full: the napkin's whole chain (F1–F67), the batch sweep, TP variants, fleet and bill${request.ops ? '' : '; --ops: the operators of one step'}; --json: all of it for scripts`,
    );
  },
};

export const SUMMARY_SECTIONS: readonly SummarySection[] = [
  scenarioSection,
  fitSection,
  figuresSection,
  measuredSection,
  breakEvenSection,
  notesSection,
  moreSection,
];

/**
 * The summary: every section with lines, a blank line between, within SUMMARY_MAX_LINES (sections that
 * can shorten themselves do, last first); --ops adds the operator tables after it.
 */
export function printProjectSummary(
  outcome: ProjectOutcome,
  sections: readonly SummarySection[] = SUMMARY_SECTIONS,
): string {
  assertFiniteOutcome(outcome);
  const title = `ridgeline project — summary (${MODEL_LABEL}${isBlogMeasuredScenario(outcome.inputs) ? `, ${NAPKIN_LABEL} beside it` : ''})`;
  const blocks = sections.map((section) => fitColumns(section.lines(outcome)));
  const total = () => 1 + blocks.reduce((sum, block) => sum + (block.length > 0 ? block.length + 1 : 0), 0);
  for (let i = sections.length - 1; i >= 0 && total() > SUMMARY_MAX_LINES; i--) {
    const shorten = sections[i]?.shorten;
    const block = blocks[i] ?? [];
    if (!shorten || block.length === 0) continue;
    const room = Math.max(1, block.length - (total() - SUMMARY_MAX_LINES));
    blocks[i] = fitColumns(shorten(outcome, room));
  }
  const lines = [title];
  for (const block of blocks) if (block.length > 0) lines.push('', ...block);
  if (outcome.request.ops) lines.push('', ...fitColumns(operatorLines(outcome)));
  if (outcome.load !== null) lines.push('', ...fitColumns(loadLines(outcome)));
  return `${lines.join('\n')}\n`;
}
