// One figure on the page: value and unit always; on demand (a <details>) its formula in symbols and with
// its numbers, each input linked to its control, what the blog prints (agrees, or differs and why) and
// whether it is theoretical or empirically anchored (formulaView.ts). data-figure-id / data-value carry the
// unrounded number for tests and tools. Elements and textContent only.
import type { Figure } from '../../model/explain/figure.ts';
import { formatFigureValue } from '../../model/units/format.ts';
import { h } from '../dom.ts';
import type { FormulaContext } from './formulaView.ts';

// The formulas, their templates and the blog's printed values load with the first "how" opened: none of
// it is needed to show the figures, so the page's initial JavaScript does not carry it.
let formulaModule: Promise<typeof import('./formulaView.ts')> | null = null;
const loadFormulaView = () => {
  formulaModule ??= import('./formulaView.ts');
  return formulaModule;
};

export interface FigureCard {
  readonly element: HTMLElement;
  update(figure: Figure | undefined, context: FormulaContext, unavailableReason: string | null): void;
}

export function createFigureCard(id: string, headline: boolean): FigureCard {
  const label = h('div', { class: 'figure-label' });
  const value = h('span', { class: 'value' });
  const unit = h('span', { class: 'unit' });
  const why = h('div', { class: 'figure-why', hidden: true });
  const body = h('div', { class: 'figure-details' });
  // every card's summary reads "how"; its accessible name says which figure ("how: Decode ceiling")
  const summary = h('summary', { 'aria-label': 'how: this figure' }, 'how');
  const details = h('details', {}, summary, body);
  const element = h(
    'div',
    { class: headline ? 'figure headline' : 'figure', 'data-figure-id': id },
    label,
    h('div', { class: 'figure-value' }, value, ' ', unit),
    why,
    details,
  );
  let last: { figure: Figure; context: FormulaContext } | null = null;
  // what is on screen now: an input event rewrites only the cards whose number actually moved
  let shown = '';
  let detailsShown = '';
  const renderDetails = (): void => {
    // an open card spans the row, so the arithmetic is never cut at the card's edge
    element.classList.toggle('open', details.open);
    if (!details.open || !last) return;
    const key = `${shown}|${JSON.stringify(last.figure.inputs)}`;
    if (key === detailsShown) return;
    detailsShown = key;
    void loadFormulaView().then(({ formulaDetails }) => {
      // still open, still this figure: draw it (an input may have moved on meanwhile)
      if (details.open && last && detailsShown === key)
        body.replaceChildren(formulaDetails(last.figure, last.context));
    });
  };
  details.addEventListener('toggle', renderDetails);

  return {
    element,
    update(figure, context, unavailableReason) {
      const key = figure
        ? `${figure.value}|${figure.label}|${context.preset}|${unavailableReason ?? ''}`
        : `none|${unavailableReason ?? ''}`;
      if (figure) last = { figure, context };
      if (key === shown) {
        renderDetails();
        return;
      }
      shown = key;
      const display = figure ? formatFigureValue(figure.value, figure.unit, figure.id) : null;
      if (!figure || !display || unavailableReason) {
        element.classList.add('unavailable');
        delete element.dataset['value'];
        value.textContent = '—';
        unit.textContent = '';
        why.hidden = false;
        why.textContent =
          unavailableReason ??
          (figure ? `not defined for this scenario (${figure.label})` : 'not computed for this scenario');
        if (figure) label.textContent = figure.label;
        // no "how" for a value that was not computed: its inputs would describe another scenario
        last = null;
        details.hidden = true;
        return;
      }
      element.classList.remove('unavailable');
      details.hidden = false;
      element.dataset['value'] = String(figure.value);
      element.dataset['basis'] = figure.basis;
      label.textContent = figure.label;
      summary.setAttribute('aria-label', `how: ${figure.label}`);
      value.textContent = display.text;
      unit.textContent = display.unit;
      // a negative size or count only happens when the model does not fit: say so on the card itself
      const impossible = figure.value < 0 && ['B', 'users', 'tok/s', 'GPUs'].includes(figure.unit);
      why.hidden = !impossible;
      why.textContent = impossible ? 'negative: weights and activations exceed the VRAM (see above)' : '';
      renderDetails();
    },
  };
}
