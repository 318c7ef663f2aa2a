// The "every input" editor: each dotted path shows its value, its default (the preset's, which for the
// blog's Kimi on B200 is the blog's number) and a reset; an edit becomes a set.<path> in the URL.
import { getInputPath } from '../../model/scenario/inputPaths.ts';
import { editablePaths, inputText } from './controls.ts';
import type { Evaluation } from './evaluation.ts';
import { type ExplorerQuery, withSet } from './urlState.ts';

export function bindInputEditor(
  root: HTMLElement,
  current: () => ExplorerQuery,
  apply: (next: ExplorerQuery) => void,
): void {
  root.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const path = target.dataset['path'];
    if (!path) return;
    apply(withSet(current(), path, target.value.trim()));
  });
  root.addEventListener('click', (event) => {
    const path = (event.target as HTMLElement).closest<HTMLElement>('[data-reset]')?.dataset['reset'];
    if (path) apply(withSet(current(), path, null));
  });
}

interface EditorRow {
  readonly path: string;
  readonly row: HTMLElement;
  readonly field: HTMLInputElement | HTMLSelectElement | null;
  readonly defaultEl: HTMLElement | null;
  readonly reset: HTMLButtonElement | null;
  readonly problem: HTMLElement | null;
}

// The rows are looked up once per root: ~100 attribute queries per input event cost milliseconds.
const rowsByRoot = new WeakMap<HTMLElement, EditorRow[]>();

function editorRows(root: HTMLElement): EditorRow[] {
  let rows = rowsByRoot.get(root);
  if (!rows) {
    rows = [];
    for (const entry of editablePaths()) {
      const row = root.querySelector<HTMLElement>(`[data-row="${entry.path}"]`);
      if (!row) continue;
      rows.push({
        path: entry.path,
        row,
        field: row.querySelector<HTMLInputElement | HTMLSelectElement>('[data-path]'),
        defaultEl: row.querySelector<HTMLElement>('[data-default-for]'),
        reset: row.querySelector<HTMLButtonElement>('[data-reset]'),
        problem: row.querySelector<HTMLElement>('[data-problem-for]'),
      });
    }
    rowsByRoot.set(root, rows);
  }
  return rows;
}

export function syncInputEditor(root: HTMLElement, evaluation: Evaluation, query: ExplorerQuery): void {
  const { inputs, baseInputs } = evaluation;
  if (!inputs || !baseInputs) return;
  const overridden = new Map(query.sets);
  const refused = evaluation.droppedSets.join(' ');
  const refusal = evaluation.refusal;
  for (const { path, row, field, defaultEl, reset, problem } of editorRows(root)) {
    const text = inputText(getInputPath(inputs, path));
    if (field && document.activeElement !== field && field.value !== text) field.value = text;
    const defaultText = inputText(getInputPath(baseInputs, path));
    if (defaultEl && defaultEl.textContent !== defaultText) defaultEl.textContent = defaultText;
    if (reset) reset.disabled = !overridden.has(path);
    row.classList.toggle('overridden', overridden.has(path));
    if (problem) {
      // the input a refused scenario is blamed on says why, in the CLI's words, and its group opens
      const blamed = refusal?.path === path;
      const mine = blamed || refused.includes(`set.${path}=`);
      problem.hidden = !mine;
      problem.textContent = blamed ? refusal.line : mine ? 'refused: see the problems above' : '';
      field?.setAttribute('aria-invalid', String(mine));
      // its group and the editor around it open, so the line is seen where the input is
      if (blamed)
        for (
          let group = row.closest('details');
          group;
          group = group.parentElement?.closest('details') ?? null
        )
          group.open = true;
    }
  }
}
