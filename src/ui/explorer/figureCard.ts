// One figure on the page: value and unit always; on demand (a <details>) its formula, the inputs it used,
// the blog section, whether it is theoretical or empirically anchored, and the blog's printed value where
// it differs, with the reason. data-figure-id / data-value carry the unrounded number for tests and tools.
import type { Figure } from '../../model/figure.ts';
import { blogValueOf } from './blogValues.ts';
import { formatFigureValue, formatWithUnit } from './formatValue.ts';

const basisText: Record<Figure['basis'], string> = {
  theoretical: 'theoretical (first principles)',
  empirical: 'empirically anchored (uses a measured or asserted input)',
  input: 'input (the blog’s number; editable)',
};

export interface FigureCard {
  readonly element: HTMLElement;
  update(figure: Figure | undefined, preset: string, unavailableReason: string | null): void;
}

function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function inputValueText(value: number | string): string {
  if (typeof value !== 'number') return value;
  if (!Number.isFinite(value)) return '—';
  const rounded = Number(value.toPrecision(6));
  const magnitude = Math.abs(rounded);
  // 956000000000 reads as 9.56e11: exponent form for very large and very small numbers
  return magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-4)
    ? rounded.toExponential().replace('e+', 'e')
    : String(rounded);
}

function detailsHtml(figure: Figure, preset: string): string {
  const inputs = Object.entries(figure.inputs);
  const blog = blogValueOf(figure.id, preset);
  const blogPrinted = figure.blogValue ?? blog?.printed;
  const blogRows =
    blogPrinted !== undefined
      ? `<dt>blog prints</dt><dd class="blog-value" data-blog-value="${blogPrinted}">${escapeText(
          blog?.text ?? formatWithUnit(blogPrinted, figure.unit, figure.id),
        )}${
          blog
            ? ` — at the blog's inputs the engine gives ${escapeText(
                formatWithUnit(blog.engineAtBlogInputs, figure.unit, figure.id),
              )}. Why: ${escapeText(figure.note ?? blog.reason)}`
            : figure.note
              ? ` — ${escapeText(figure.note)}`
              : ''
        }</dd>`
      : figure.note
        ? `<dt>note</dt><dd>${escapeText(figure.note)}</dd>`
        : '';
  return `<dl class="figure-meta">
    <dt>formula</dt><dd><code>${escapeText(figure.formula)}</code></dd>
    <dt>section</dt><dd>blog §${escapeText(figure.section)}</dd>
    <dt>basis</dt><dd class="basis basis-${figure.basis}">${basisText[figure.basis]}</dd>
    <dt>inputs used</dt><dd>${
      inputs.length
        ? `<ul class="figure-inputs">${inputs
            .map(
              ([name, value]) =>
                `<li><code>${escapeText(name)}</code> = ${escapeText(inputValueText(value))}</li>`,
            )
            .join('')}</ul>`
        : '—'
    }</dd>
    ${blogRows}
  </dl>`;
}

export function createFigureCard(id: string, headline: boolean): FigureCard {
  const element = document.createElement('div');
  element.className = headline ? 'figure headline' : 'figure';
  element.dataset['figureId'] = id;
  element.innerHTML = `<div class="figure-label"></div>
    <div class="figure-value"><span class="value"></span> <span class="unit"></span></div>
    <div class="figure-why" hidden></div>
    <details><summary>how</summary><div class="figure-details"></div></details>`;
  const label = element.querySelector<HTMLElement>('.figure-label')!;
  const value = element.querySelector<HTMLElement>('.value')!;
  const unit = element.querySelector<HTMLElement>('.unit')!;
  const why = element.querySelector<HTMLElement>('.figure-why')!;
  const details = element.querySelector<HTMLDetailsElement>('details')!;
  const body = element.querySelector<HTMLElement>('.figure-details')!;
  let last: { figure: Figure; preset: string } | null = null;
  // what is on screen now: an input event rewrites only the cards whose number actually moved
  let shown = '';
  const renderDetails = (): void => {
    if (details.open && last) body.innerHTML = detailsHtml(last.figure, last.preset);
  };
  details.addEventListener('toggle', renderDetails);

  return {
    element,
    update(figure, preset, unavailableReason) {
      const key = figure
        ? `${figure.value}|${figure.label}|${preset}|${unavailableReason ?? ''}`
        : `none|${unavailableReason ?? ''}`;
      if (key === shown) {
        if (figure) last = { figure, preset };
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
        renderDetails();
        return;
      }
      element.classList.remove('unavailable');
      details.hidden = false;
      element.dataset['value'] = String(figure.value);
      element.dataset['basis'] = figure.basis;
      label.textContent = figure.label;
      value.textContent = display.text;
      unit.textContent = display.unit;
      // a negative size or count only happens when the model does not fit: say so on the card itself
      const impossible = figure.value < 0 && ['B', 'users', 'tok/s', 'GPUs'].includes(figure.unit);
      why.hidden = !impossible;
      why.textContent = impossible ? 'negative: weights and activations exceed the VRAM (see above)' : '';
      last = { figure, preset };
      renderDetails();
    },
  };
}
