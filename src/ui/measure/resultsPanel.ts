// Results: a table per run (every case, failed ones with their error), exports (JSON document, CSV, chart
// SVG/PNG), imports (one or more JSON documents, each overlaid in its own colour), the share link and the
// localStorage history. Nothing here removes a result on error: a bad file only produces a message.

import { computeRoofFor, documentRoofs } from '../../charts/rooflineSeries.ts';
import { LIMITS } from '../../measure/bounds.ts';
import {
  exportDocument,
  importDocument,
  isValidMeasurement,
  MATRIX_ROOF_KERNEL,
  type Measurement,
  type MeasurementDocument,
  tooLargeMessage,
} from '../../measure/document.ts';
import { plainText } from '../../model/text/plainText.ts';
import { intensity, percent, seconds, si } from '../../model/units/format.ts';
import { fractionOfRoof } from '../../model/units/roofline.ts';
import { deferred, errorMessage, fill, h } from '../dom.ts';
import { documentToCsv } from './csv.ts';
import { downloadBlob, downloadText, fileStem } from './download.ts';
import { cleanHistory, type HistoryEntry, historySkipText, removeFromHistory } from './history.ts';
import type { Notices } from './notices.ts';
import { shareHash } from './share.ts';
import { adapterName, type LoadedRun, MAX_LOADED_RUNS, type RunStore } from './store.ts';

function fraction(m: Measurement, document: MeasurementDocument): number | null {
  const roofs = documentRoofs(document);
  const peak = computeRoofFor(roofs, m.dtype, m.kernel);
  const bandwidth = roofs.memory?.value ?? null;
  if (
    !isValidMeasurement(m) ||
    peak === null ||
    bandwidth === null ||
    m.bytesPerSecond === null ||
    m.flopsPerSecond === null
  )
    return null;
  return fractionOfRoof(m.bytesPerSecond, m.flopsPerSecond, peak, bandwidth);
}

/**
 * The case's details as the CLI prints them: the variant measured and what the tuning tried (each one's time
 * per dispatch, or why it was not kept), and the working set over the rotated buffer sets.
 */
function caseDetails(m: Measurement, document: MeasurementDocument): string[] {
  const lines: string[] = [];
  if (m.kernel === MATRIX_ROOF_KERNEL) {
    lines.push(
      'experimental: Chromium’s subgroup matrices (the matrix f16 roof), checked against the CPU reference on this device before it counts',
    );
  }
  if (m.variant !== null) {
    const tried = m.variantTrials.map((t) => {
      const figure = t.error !== null ? `failed (${t.error})` : seconds(t.secondsPerDispatch);
      return `${t.name} ${figure}${t.name === m.variant ? ' (kept)' : ''}`;
    });
    const how =
      tried.length > 0
        ? ` — fastest verified of: ${tried.join(' · ')}`
        : document.tuned === false
          ? ' (not tuned: a CPU adapter measures each case’s first variant)'
          : '';
    lines.push(`variant ${m.variant}${how}`);
  } else if (m.variantTrials.length > 0) {
    lines.push(
      `no variant verified: ${m.variantTrials.map((t) => `${t.name} ${t.error ?? ''}`).join(' · ')}`,
    );
  }
  if (m.workingSetBytes !== null) {
    lines.push(
      `working set ${si(m.workingSetBytes, 'B')} over its rotated buffer sets` +
        (m.cacheResident ? ' — cache-resident: a cache figure, not DRAM, never the memory roof' : ''),
    );
  }
  return lines;
}

function resultsTable(run: LoadedRun): HTMLElement {
  const head = [
    'case',
    'samples',
    'median / dispatch',
    'noise (CV)',
    'bandwidth',
    'compute',
    'intensity',
    '% of roof',
    'verified',
  ];
  const rows = run.document.measurements.flatMap((m) => {
    const ok = isValidMeasurement(m);
    const details = caseDetails(m, run.document);
    const hasNotes = m.warnings.length > 0 || details.length > 0;
    const caseRow = h(
      'tr',
      {
        'data-kernel': m.kernel,
        'data-dtype': m.dtype,
        'data-valid': ok,
        'data-cache-resident': m.cacheResident === true || undefined,
        class: hasNotes ? 'has-notes' : undefined,
      },
      h('td', { class: 'mono', title: m.label }, m.label),
      h('td', {}, String(m.samplesSeconds.length)),
      h('td', {}, seconds(m.secondsPerDispatch?.median)),
      h(
        'td',
        {
          'data-field': 'cv',
          title:
            m.cv === null
              ? 'one timed pass: no spread to report'
              : `coefficient of variation over ${m.samplesSeconds.length} timed passes`,
        },
        m.cv === null ? '—' : percent(m.cv, 2),
      ),
      h(
        'td',
        {
          'data-field': 'bytes-per-second',
          'data-value': m.bytesPerSecond ?? '',
          title: m.cacheResident ? 'cache-resident: a cache rate, not DRAM' : undefined,
        },
        si(m.bytesPerSecond, 'B/s') + (m.cacheResident && m.bytesPerSecond !== null ? ' (cache)' : ''),
      ),
      h(
        'td',
        { 'data-field': 'flops-per-second', 'data-value': m.flopsPerSecond ?? '' },
        si(m.flopsPerSecond, 'FLOP/s'),
      ),
      h('td', {}, intensity(m.arithmeticIntensity)),
      h('td', {}, percent(fraction(m, run.document))),
      h(
        'td',
        {
          class: ok ? 'status-ok' : 'status-bad',
          title: m.error ?? m.verifyMessage,
          'data-field': 'verified',
        },
        ok ? '✓ yes' : `✗ ${m.error ?? 'not verified'}`,
      ),
    );
    // each cell names its column, so a phone can show a row as a card of "name value" lines
    caseRow.querySelectorAll('td').forEach((td, i) => {
      td.dataset['label'] = head[i] ?? '';
    });
    if (!hasNotes) return [caseRow];
    // The case's details (variant, working set) and what the runner noticed (noisy, shrunk to fit this
    // device, cache-resident, timer quantised…), as the CLI prints them: full-width lines under the case, so
    // long notes neither widen the table nor hide in a scrolled column.
    const notesRow = h(
      'tr',
      { class: 'case-notes' },
      h(
        'td',
        { colspan: head.length },
        h('div', { 'data-field': 'details' }, ...details.map((line) => h('div', {}, line))),
        h('div', { 'data-field': 'warnings' }, ...m.warnings.map((warning) => h('div', {}, `⚠ ${warning}`))),
      ),
    );
    return [caseRow, notesRow];
  });
  const d = run.document;
  return h(
    'details',
    { class: 'run-results', open: run.origin === 'this-browser' || undefined, 'data-run': run.id },
    h(
      'summary',
      {},
      `${run.label} — ${d.profile} profile, ${d.status}, ${new Date(d.createdAt).toLocaleString()}`,
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'results card-table' },
        h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...rows),
      ),
    ),
  );
}

/**
 * A run's table, or one line saying why it could not be drawn: one run the table code cannot handle must
 * never take the other runs' tables (and every later import's) with it.
 */
function safeResultsTable(run: LoadedRun): HTMLElement {
  try {
    return resultsTable(run);
  } catch (error) {
    return h(
      'p',
      { class: 'notice error', 'data-run': run.id },
      `${run.label}: its table could not be drawn (${errorMessage(error)}); the other runs are unaffected.`,
    );
  }
}

/** Files read from one Import: as many as the chart holds (store.ts MAX_LOADED_RUNS). */
const MAX_IMPORT_FILES = MAX_LOADED_RUNS;

export interface ResultsPanel {
  readonly element: HTMLElement;
  render(): void;
  /** Redraws the history list from `entries`, or from localStorage when not given. */
  refreshHistory(entries?: readonly HistoryEntry[]): void;
}

export function createResultsPanel(
  store: RunStore,
  notices: Notices,
  chartSvg: () => Promise<SVGSVGElement>,
): ResultsPanel {
  const runSelect = h('select', { name: 'export-run', 'aria-label': 'Run to export' });
  const button = (id: string, text: string) => h('button', { type: 'button', id }, text);
  const exportJson = button('export-json', 'Export JSON');
  const exportCsv = button('export-csv', 'Export CSV');
  const exportSvg = button('export-svg', 'Chart as SVG');
  const exportPng = button('export-png', 'Chart as PNG');
  const shareButton = button('share-link', 'Share link');
  const shareOutput = h('input', {
    type: 'text',
    readonly: true,
    id: 'share-output',
    'aria-label': 'Share link',
    hidden: true,
    class: 'share-output',
  });
  const importInput = h('input', {
    type: 'file',
    id: 'import-file',
    accept: '.json,application/json',
    multiple: true,
    class: 'visually-hidden',
  });
  const importLabel = h('label', { for: 'import-file', class: 'button' }, 'Import JSON…');
  const tables = h('div', { class: 'run-tables' });
  const historyList = h('ul', { class: 'history', id: 'history' });
  const element = h(
    'div',
    { class: 'card', id: 'results-card' },
    h('h3', {}, 'Results'),
    h(
      'div',
      { class: 'controls' },
      h('label', {}, 'Run ', runSelect),
      exportJson,
      exportCsv,
      shareButton,
      exportSvg,
      exportPng,
      importLabel,
      importInput,
    ),
    shareOutput,
    tables,
    h('details', { class: 'history-box' }, h('summary', {}, 'History (kept in this browser)'), historyList),
  );

  const selectedRun = (): LoadedRun | null =>
    store.runs.find((r) => r.id === runSelect.value) ?? store.primary;
  const stemOf = (run: LoadedRun) => fileStem(adapterName(run.document.adapter), run.document.createdAt);

  // Every run on the chart came through the validator (rebuilt from its known fields), so these cannot fail;
  // if one ever did, the page says so instead of a click that downloads nothing.
  const exportRun = (kind: string, write: (run: LoadedRun) => void) => () => {
    const run = selectedRun();
    if (!run) return;
    try {
      write(run);
    } catch (error) {
      notices.show('export', 'error', `The ${kind} could not be made: ${errorMessage(error)}.`);
    }
  };
  exportJson.addEventListener(
    'click',
    exportRun('JSON', (run) =>
      downloadText(exportDocument(run.document), `${stemOf(run)}.json`, 'application/json'),
    ),
  );
  exportCsv.addEventListener(
    'click',
    exportRun('CSV', (run) => downloadText(documentToCsv(run.document), `${stemOf(run)}.csv`, 'text/csv')),
  );
  // the export code (the frame with title, legend, device and date; the PNG encoder) loads on first use
  const exportCode = () => import('./exportChart.ts');
  exportSvg.addEventListener('click', () => {
    Promise.all([chartSvg(), exportCode()])
      .then(([svg, { svgText }]) => downloadText(svgText(svg), 'ridgeline-roofline.svg', 'image/svg+xml'))
      .catch((error: unknown) =>
        notices.show('export', 'error', `The SVG could not be made: ${errorMessage(error)}.`),
      );
  });
  exportPng.addEventListener('click', () => {
    Promise.all([chartSvg(), exportCode()])
      .then(([svg, { pngBlob }]) => pngBlob(svg))
      .then((blob) => downloadBlob(blob, 'ridgeline-roofline.png'))
      .catch((error: unknown) =>
        notices.show('export', 'error', `The PNG could not be made: ${errorMessage(error)}.`),
      );
  });
  shareButton.addEventListener('click', async () => {
    const run = selectedRun();
    if (!run) return;
    const result = await shareHash(run.document).catch(
      (error: unknown) =>
        ({ ok: false, message: `the link could not be made: ${errorMessage(error)}` }) as const,
    );
    if (!result.ok) {
      shareOutput.hidden = true;
      notices.show('share', 'error', result.message);
      return;
    }
    const url = `${location.origin}${location.pathname}${location.search}${result.hash}`;
    shareOutput.value = url;
    shareOutput.hidden = false;
    shareOutput.select();
    try {
      await navigator.clipboard.writeText(url);
      notices.show(
        'share',
        'ok',
        'Share link copied to the clipboard (it carries the whole run; nothing is uploaded).',
      );
    } catch {
      notices.show(
        'share',
        'info',
        'Share link below: copy it (it carries the whole run; nothing is uploaded).',
      );
    }
  });

  importInput.addEventListener('change', async () => {
    const chosen = [...(importInput.files ?? [])];
    importInput.value = '';
    const files = chosen.slice(0, MAX_IMPORT_FILES);
    const errors: string[] =
      chosen.length > files.length
        ? [`${chosen.length} files chosen: only the first ${MAX_IMPORT_FILES} are read`]
        : [];
    let imported = 0;
    for (const file of files) {
      const name = plainText(file.name, 60);
      try {
        // the size is known before reading: a file too large to be a document is refused unread
        if (file.size > LIMITS.documentBytes) throw new Error(tooLargeMessage('the file', file.size));
        store.add(importDocument(await file.text()), 'imported', file.name);
        imported++;
      } catch (error) {
        errors.push(`${name}: ${errorMessage(error)}`);
      }
    }
    if (errors.length > 0) {
      notices.show('import', 'error', `Not imported (earlier results are kept): ${errors.join('; ')}`);
    } else if (imported > 0) {
      notices.show('import', 'ok', `Imported ${imported} document${imported === 1 ? '' : 's'}.`);
    }
  });

  function historyItem(entry: HistoryEntry): HTMLElement {
    const d = entry.document;
    const show = h('button', { type: 'button', class: 'small' }, 'Show');
    const remove = h(
      'button',
      { type: 'button', class: 'small', 'aria-label': 'Delete from history' },
      'Delete',
    );
    show.addEventListener('click', () => {
      try {
        store.add(d, 'history', new Date(entry.savedAt).toLocaleString());
      } catch (error) {
        notices.show('history', 'error', `Not shown: ${errorMessage(error)}.`);
      }
    });
    remove.addEventListener('click', () => {
      try {
        refreshHistory(removeFromHistory(localStorage, entry.id).kept);
      } catch (error) {
        notices.show('history', 'error', `Not deleted: ${errorMessage(error)}.`);
      }
    });
    return h(
      'li',
      { 'data-history': entry.id },
      h(
        'span',
        {},
        `${new Date(entry.savedAt).toLocaleString()} · ${adapterName(d.adapter)} · ${d.profile} · ${d.status}`,
      ),
      show,
      remove,
    );
  }

  function refreshHistory(given?: readonly HistoryEntry[]): void {
    let entries: readonly HistoryEntry[] = given ?? [];
    let empty = 'No saved runs yet.';
    if (!given) {
      try {
        // what this browser's storage holds is untrusted too: invalid entries go, and the list is trimmed
        const loaded = cleanHistory(localStorage);
        entries = loaded.entries;
        const skipped = historySkipText(loaded);
        if (skipped !== null) notices.show('history', 'info', skipped);
      } catch (error) {
        // storage turned off or blocked (a privacy setting, a sandboxed frame): said, not shown as "no runs"
        entries = [];
        empty = 'The history is not available in this browser.';
        notices.show(
          'history',
          'error',
          `The history cannot be read from this browser’s storage (${errorMessage(error)}); nothing in it was changed.`,
        );
      }
    }
    fill(
      historyList,
      ...(entries.length > 0 ? entries.map(historyItem) : [h('li', { class: 'muted' }, empty)]),
    );
  }

  // The export target follows what the user just did: a run that has just arrived (measured, imported,
  // shown from history) is selected; otherwise the earlier choice stays.
  let listed = new Set<string>();
  function render(): void {
    const arrived = store.runs.filter((run) => !listed.has(run.id)).at(-1)?.id;
    listed = new Set(store.runs.map((run) => run.id));
    const chosen = arrived ?? runSelect.value;
    fill(
      runSelect,
      ...store.runs.map((run) =>
        h('option', { value: run.id, selected: run.id === chosen || undefined }, run.label),
      ),
    );
    const hasRun = store.runs.length > 0;
    for (const b of [exportJson, exportCsv, shareButton]) b.disabled = !hasRun;
    runSelect.disabled = !hasRun;
    fill(
      tables,
      ...(hasRun
        ? store.runs.map(safeResultsTable)
        : [h('p', { class: 'muted' }, 'No results yet: press Run, or import a JSON document.')]),
    );
  }

  store.subscribe(deferred(render, 'results'));
  render();
  refreshHistory();
  return { element, render, refreshHistory };
}
