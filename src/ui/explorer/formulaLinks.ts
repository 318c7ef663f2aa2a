// Where a formula's inputs lead: a click on "50 TB/s" in "50 TB/s ÷ 16 GB = 3,125 tok/s" brings up the
// control that sets it (a scenario knob, or its row in the input editor, opened and focused) or the figure
// card it comes from (opened and flashed).
import { getInputPath } from '../../model/scenario/inputPaths.ts';
import type { Evaluation } from './evaluation.ts';
import type { FormulaContext } from './formulaView.ts';
import { KNOB_OF_PATH } from './urlState.ts';

export function formulaContext(evaluation: Evaluation): FormulaContext {
  const { inputs, result, preset } = evaluation;
  return {
    preset,
    scenarioInput: (path) => {
      if (!inputs) return null;
      try {
        return getInputPath(inputs, path);
      } catch {
        return null;
      }
    },
    figureValue: (id) => result?.figures[id]?.value,
  };
}

function flash(element: HTMLElement): void {
  element.classList.remove('flash');
  // restart the animation on a second click
  void element.offsetWidth;
  element.classList.add('flash');
  element.addEventListener('animationend', () => element.classList.remove('flash'), { once: true });
}

/** The element a link names: the knob or editor field of an input path, or a figure's card. */
export function linkedElement(root: HTMLElement, link: string): HTMLElement | null {
  if (link.startsWith('#')) {
    return root.querySelector<HTMLElement>(`[data-figure-id="${CSS.escape(link.slice(1))}"]`);
  }
  const knob = KNOB_OF_PATH[link];
  if (knob) return root.querySelector<HTMLElement>(`input[type="number"][data-knob="${knob}"]`);
  return root.querySelector<HTMLElement>(`[data-path="${CSS.escape(link)}"]`);
}

export function showLinked(root: HTMLElement, link: string): void {
  const target = linkedElement(root, link);
  if (!target) return;
  // open every <details> it sits in (the input editor and its group, "All figures of this chapter")
  for (let node = target.parentElement; node && node !== root; node = node.parentElement) {
    if (node instanceof HTMLDetailsElement) node.open = true;
  }
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  if (link.startsWith('#')) flash(target);
  else {
    target.focus({ preventScroll: true });
    flash(target.closest<HTMLElement>('.input-row, .knob') ?? target);
  }
}
