// The "every input" editor: each dotted path shows its value, its default (the preset's, which for the
// blog's Kimi on B200 is the blog's number) and a reset; an edit becomes a set.<path> in the URL.
import { getInputPath } from '../../model/inputPaths.ts';
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

export function syncInputEditor(root: HTMLElement, evaluation: Evaluation, query: ExplorerQuery): void {
  const { inputs, baseInputs } = evaluation;
  if (!inputs || !baseInputs) return;
  const overridden = new Map(query.sets);
  const refused = evaluation.droppedSets.join(' ');
  for (const entry of editablePaths()) {
    const row = root.querySelector<HTMLElement>(`[data-row="${entry.path}"]`);
    if (!row) continue;
    const field = row.querySelector<HTMLInputElement | HTMLSelectElement>('[data-path]');
    const text = inputText(getInputPath(inputs, entry.path));
    if (field && document.activeElement !== field && field.value !== text) field.value = text;
    const defaultEl = row.querySelector<HTMLElement>('[data-default-for]');
    if (defaultEl) defaultEl.textContent = inputText(getInputPath(baseInputs, entry.path));
    const reset = row.querySelector<HTMLButtonElement>('[data-reset]');
    if (reset) reset.disabled = !overridden.has(entry.path);
    row.classList.toggle('overridden', overridden.has(entry.path));
    const problem = row.querySelector<HTMLElement>('[data-problem-for]');
    if (problem) {
      const mine = refused.includes(`set.${entry.path}=`);
      problem.hidden = !mine;
      problem.textContent = mine ? 'refused: see the problems above' : '';
    }
  }
}
