// Draws comparison.ts's rows: the blog's napkin and ridgeline's model for this scenario, then every
// published measurement taken on it with the napkin and the model at its own batch and context. Built
// with DOM nodes and textContent (measurement text never becomes markup); rebuilt only when a cell moved.
import type { ScenarioResult } from '../../model/evaluate.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { formatWithUnit, times } from '../../model/units/format.ts';
import {
  type ComparisonUnit,
  comparisonRows,
  measurementRows,
  type NapkinTtft,
  type UnderLoad,
} from './comparison.ts';
import type { Evaluation } from './evaluation.ts';

function shown(value: number | null, unit: ComparisonUnit): string {
  return value === null ? '—' : formatWithUnit(value, unit === 'streams' ? '' : unit);
}

/** a ÷ b as "×1.23", or "—" */
function ratio(a: number | null, b: number | null): string {
  return a !== null && b !== null && b > 0 ? times(a / b) : '—';
}

function cell(tag: 'td' | 'th', text: string, className?: string): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

function table(head: readonly string[], rows: readonly HTMLTableRowElement[]): HTMLTableElement {
  const el = document.createElement('table');
  el.className = 'reality-table card-table';
  const tr = document.createElement('tr');
  for (const h of head) tr.append(cell('th', h));
  el.createTHead().append(tr);
  // each cell names its column, so a phone can show a row as a card (styles.css, table.card-table)
  for (const row of rows) {
    [...row.cells].forEach((td, i) => {
      td.dataset['label'] = head[i] ?? '';
    });
  }
  el.createTBody().append(...rows);
  return el;
}

function scenarioTable(result: ScenarioResult, inputs: ScenarioInputs): HTMLTableElement {
  const rows = comparisonRows(result, inputs).map((row) => {
    const tr = document.createElement('tr');
    tr.dataset['row'] = row.id;
    tr.append(
      cell('td', row.quantity),
      cell('td', shown(row.napkin, row.unit), 'napkin'),
      cell('td', shown(row.model, row.unit), 'model'),
      cell('td', ratio(row.napkin, row.model)),
      cell('td', row.napkinNote, 'note'),
    );
    return tr;
  });
  return table(
    ['quantity', 'the blog’s napkin', 'ridgeline’s model', 'napkin ÷ model', 'the napkin’s formula'],
    rows,
  );
}

function measuredTable(
  result: ScenarioResult,
  inputs: ScenarioInputs,
  ttft: NapkinTtft,
  underLoad: UnderLoad,
): HTMLElement {
  const rows = measurementRows(result, inputs, ttft, underLoad).map((row) => {
    const tr = document.createElement('tr');
    tr.dataset['measurement'] = row.id;
    const source = cell('td', '');
    if (row.url && /^https:\/\//.test(row.url)) {
      const link = document.createElement('a');
      link.href = row.url;
      link.rel = 'noopener';
      link.textContent = row.publisher;
      source.append(link, `, ${row.date}`);
    } else source.textContent = `${row.publisher}, ${row.date}`;
    tr.append(
      cell('td', `${row.scenario}${row.calibration ? ' (calibration point)' : ''}`),
      source,
      cell('td', shown(row.measured, row.unit), 'measured'),
      cell('td', shown(row.napkin, row.unit), 'napkin'),
      cell('td', shown(row.model, row.unit), 'model'),
      cell('td', ratio(row.measured, row.model)),
    );
    return tr;
  });
  if (rows.length === 0) {
    const p = document.createElement('p');
    p.className = 'reality-note';
    p.textContent =
      'No published measurement of this model on this hardware, layout and weight format (docs/validation.md lists them all).';
    return p;
  }
  return table(
    ['measurement', 'source', 'measured', 'the blog’s napkin', 'ridgeline’s model', 'measured ÷ model'],
    rows,
  );
}

export function renderComparison(
  host: HTMLElement,
  evaluation: Evaluation,
  ttft: NapkinTtft,
  underLoad: UnderLoad,
): void {
  let panel = host.querySelector<HTMLElement>('.reality');
  if (!panel) {
    panel = document.createElement('div');
    panel.className = 'reality';
    host.append(panel);
  }
  const { result, inputs } = evaluation;
  if (!result || !inputs) {
    panel.replaceChildren();
    delete panel.dataset['text'];
    return;
  }
  const title = document.createElement('h4');
  title.textContent = 'The blog’s napkin, ridgeline’s model and the measurements';
  const note = document.createElement('p');
  note.className = 'reality-note';
  note.textContent =
    'The napkin is the blog’s formula chain; the model is ridgeline’s per-operator roofline with named efficiencies. Measurements are shown only for the model, hardware, layout and weight format they were taken on, each against the napkin and the model at its own batch and context.';
  const scenario = scenarioTable(result, inputs);
  const measuredTitle = document.createElement('h5');
  measuredTitle.textContent = 'Published measurements of this scenario';
  const measured = measuredTable(result, inputs, ttft, underLoad);
  const text = `${scenario.textContent}|${measured.textContent}`;
  // rebuild only when a number moved (most inputs leave most cells as they are)
  if (panel.dataset['text'] === text) return;
  panel.dataset['text'] = text;
  panel.replaceChildren(title, note, scenario, measuredTitle, measured);
}
