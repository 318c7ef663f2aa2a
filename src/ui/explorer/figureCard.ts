// One figure on the page: value and unit always; on demand (a <details>) its formula, the inputs it used,
// the blog section, whether it is theoretical or empirically anchored, and the blog's printed value where
// it differs, with the reason. data-figure-id / data-value carry the unrounded number for tests and tools.
import type { Figure } from '../../model/figure.ts';
import { h } from '../dom.ts';
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

/** The "how" of a figure: formula, section, basis, the inputs it used and the blog's value, as elements. */
function details(figure: Figure, preset: string): HTMLElement {
  const inputs = Object.entries(figure.inputs);
  const blog = blogValueOf(figure.id, preset);
  const blogPrinted = figure.blogValue ?? blog?.printed;
  const blogRows: HTMLElement[] = [];
  if (blogPrinted !== undefined) {
    const why = blog
      ? ` — at the blog's inputs the engine gives ${formatWithUnit(blog.engineAtBlogInputs, figure.unit, figure.id)}. Why: ${figure.note ?? blog.reason}`
      : figure.note
        ? ` — ${figure.note}`
        : '';
    blogRows.push(
      h('dt', {}, 'blog prints'),
      h(
        'dd',
        { class: 'blog-value', 'data-blog-value': blogPrinted },
        `${blog?.text ?? formatWithUnit(blogPrinted, figure.unit, figure.id)}${why}`,
      ),
    );
  } else if (figure.note) {
    blogRows.push(h('dt', {}, 'note'), h('dd', {}, figure.note));
  }
  return h(
    'dl',
    { class: 'figure-meta' },
    h('dt', {}, 'formula'),
    h('dd', {}, h('code', {}, figure.formula)),
    h('dt', {}, 'section'),
    h('dd', {}, `blog §${figure.section}`),
    h('dt', {}, 'basis'),
    h('dd', { class: `basis basis-${figure.basis}` }, basisText[figure.basis]),
    h('dt', {}, 'inputs used'),
    h(
      'dd',
      {},
      inputs.length
        ? h(
            'ul',
            { class: 'figure-inputs' },
            ...inputs.map(([name, value]) => h('li', {}, h('code', {}, name), ` = ${inputValueText(value)}`)),
          )
        : '—',
    ),
    ...blogRows,
  );
}

export function createFigureCard(id: string, headline: boolean): FigureCard {
  const label = h('div', { class: 'figure-label' });
  const value = h('span', { class: 'value' });
  const unit = h('span', { class: 'unit' });
  const why = h('div', { class: 'figure-why', hidden: true });
  const body = h('div', { class: 'figure-details' });
  const how = h('details', {}, h('summary', {}, 'how'), body);
  const element = h(
    'div',
    { class: headline ? 'figure headline' : 'figure', 'data-figure-id': id },
    label,
    h('div', { class: 'figure-value' }, value, ' ', unit),
    why,
    how,
  );
  let last: { figure: Figure; preset: string } | null = null;
  // what is on screen now: an input event rewrites only the cards whose number actually moved
  let shown = '';
  const renderDetails = (): void => {
    if (how.open && last) body.replaceChildren(details(last.figure, last.preset));
  };
  how.addEventListener('toggle', renderDetails);

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
        how.hidden = true;
        renderDetails();
        return;
      }
      element.classList.remove('unavailable');
      how.hidden = false;
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
