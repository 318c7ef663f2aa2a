// A figure's "how": its formula in symbols, the same with the values and units substituted and the result
// ("50 TB/s ÷ 16 GB = 3,125 tok/s"), each input a link to its control or to the figure it comes from, and
// what the blog prints with its section (agrees, or differs and why). Elements and textContent only.

import type { Figure } from '../../model/explain/figure.ts';
import {
  evaluateTerms,
  type FormulaTerm,
  parseFormula,
  type TermValues,
  termValue,
} from '../../model/explain/formulaExpression.ts';
import {
  FORMULA_TEXT,
  INPUT_FIGURE_PATHS,
  INPUT_STYLES,
  replacingInput,
} from '../../model/explain/formulaText.ts';
import { formatWithUnit, percent } from '../../model/units/format.ts';
import { h } from '../dom.ts';
import { blogAgreement, blogValueOf } from './blogValues.ts';

const basisText: Record<Figure['basis'], string> = {
  theoretical: 'theoretical (first principles)',
  empirical: 'empirically anchored (uses a measured or asserted input)',
  input: 'input (the blog’s number; editable)',
};

/** What the details need beside the figure: the scenario's inputs and the other figures' values. */
export interface FormulaContext {
  readonly preset: string;
  readonly scenarioInput: (path: string) => number | string | null;
  readonly figureValue: (id: string) => number | undefined;
}

/** A value in its display unit: '%' shows a fraction as percent; literals without a unit as numbers. */
export function termText(value: number, unit: string): string {
  if (unit === '%') return percent(value);
  return formatWithUnit(value, unit);
}

function linkButton(text: string, link: string | null, title: string): HTMLElement {
  if (link === null) return h('span', { class: 'formula-value' }, text);
  return h('button', { type: 'button', class: 'formula-input', 'data-link': link, title }, text);
}

function linkTitle(link: string): string {
  return link.startsWith('#') ? `from the figure ${link.slice(1)}` : `the input ${link}: click to change it`;
}

/** The substituted line as nodes, and the arithmetic's own result (null when it is not arithmetic). */
export function substitutedNodes(
  terms: readonly FormulaTerm[],
  values: TermValues,
): { nodes: (Node | string)[]; result: number | null } {
  const nodes: (Node | string)[] = [];
  let superscript = false;
  for (const term of terms) {
    if (term.kind === 'text') {
      // "(…)^{B}": the exponent is drawn raised, as on a blackboard
      superscript = term.text.endsWith('^');
      nodes.push(superscript ? term.text.slice(0, -1) : term.text);
      continue;
    }
    const value = termValue(term, values);
    const text = value === null ? '—' : termText(value, term.unit);
    const node = linkButton(text, term.link, term.link ? linkTitle(term.link) : '');
    nodes.push(superscript ? h('sup', {}, node) : node);
    superscript = false;
  }
  return { nodes, result: evaluateTerms(terms, values) };
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

function formulaLines(figure: Figure, context: FormulaContext): HTMLElement[] {
  const result = formatWithUnit(figure.value, figure.unit, figure.id);
  if (figure.formula === 'input') {
    const path = INPUT_FIGURE_PATHS[figure.id] ?? null;
    return [
      h(
        'p',
        { class: 'formula-numbers', 'data-role': 'formula-numbers' },
        'an input: ',
        linkButton(result, path, path ? linkTitle(path) : ''),
        path ? ` (${path}; its default is the blog’s number)` : '',
      ),
    ];
  }
  const text = FORMULA_TEXT[figure.id];
  const id = h('span', { class: 'formula-id' }, figure.formula);
  if (!text) return [h('p', { class: 'formula-symbols' }, id, ' ', figure.label)];
  const values: TermValues = {
    figureInputs: figure.inputs,
    scenarioInput: context.scenarioInput,
    figureValue: context.figureValue,
  };
  const { nodes, result: sum } = substitutedNodes(parseFormula(text.numbers, INPUT_STYLES), values);
  const replaced = replacingInput(text, context.scenarioInput);
  const lines = [h('p', { class: 'formula-symbols', 'data-role': 'formula-symbols' }, id, ' ', text.symbols)];
  if (replaced !== null) {
    lines.push(
      h(
        'p',
        { class: 'formula-numbers', 'data-role': 'formula-numbers' },
        ...nodes,
        sum === null ? '' : ` = ${formatWithUnit(sum, figure.unit, figure.id)}`,
      ),
      h(
        'p',
        { class: 'formula-replaced', 'data-role': 'formula-replaced' },
        'This scenario uses ',
        h('strong', {}, result),
        ' instead, set by ',
        linkButton(replaced, replaced, linkTitle(replaced)),
        replaced.startsWith('architecture.')
          ? ' (derived from the model’s architecture, layer by layer).'
          : ' (the preset’s override).',
      ),
    );
    return lines;
  }
  // "=" only when the shown arithmetic gives the value; otherwise say what the engine has
  const tail =
    sum === null
      ? [' has no value here (a division by zero: nothing of this kind in this model); the engine takes ']
      : [close(sum, figure.value) ? ' = ' : ' ≈ '];
  lines.push(
    h(
      'p',
      { class: 'formula-numbers', 'data-role': 'formula-numbers' },
      ...nodes,
      ...tail,
      h('strong', { class: 'formula-result' }, result),
    ),
  );
  return lines;
}

function blogLine(figure: Figure, preset: string): HTMLElement {
  const blog = blogValueOf(figure.id, preset);
  if (!blog) {
    return h(
      'p',
      { class: 'blog-line', 'data-role': 'blog-line', 'data-blog': 'not-printed' },
      `The blog does not print this number (it belongs to §${figure.section}).`,
    );
  }
  const engine = formatWithUnit(blog.engineAtBlogInputs, figure.unit, figure.id);
  const agreement = blogAgreement(blog);
  // "rounds to" where only the blog's printed digits part the two; "differs" only beyond that
  const verdict =
    agreement === 'agrees'
      ? [h('strong', { class: 'agrees' }, 'agrees')]
      : agreement === 'rounds'
        ? [
            h('strong', { class: 'rounds' }, 'rounds to it'),
            `: at the blog’s inputs the engine gives ${engine}`,
          ]
        : [
            h('strong', { class: 'differs' }, 'differs'),
            ` — ${blog.reason ?? ''}; at the blog’s inputs the engine gives ${engine}`,
          ];
  // the blog's numbers are about its own scenario (Kimi K2.6 on 8×B200): elsewhere, say so
  const blogScenario = close(figure.value, blog.engineAtBlogInputs);
  return h(
    'p',
    {
      class: `blog-line ${agreement}`,
      'data-role': 'blog-line',
      'data-blog': agreement,
      'data-blog-value': String(blog.printed),
    },
    blogScenario ? 'The blog says ' : 'For its own scenario (Kimi K2.6 on 8×B200) the blog says ',
    h('q', {}, blog.text),
    ` (§${blog.section}): `,
    ...verdict,
    blogScenario
      ? '.'
      : `. This scenario is not the blog’s, so it gives ${formatWithUnit(figure.value, figure.unit, figure.id)}.`,
  );
}

function noteLine(figure: Figure): HTMLElement | null {
  return figure.note ? h('p', { class: 'formula-note' }, `Note: ${figure.note}.`) : null;
}

/** The whole "how" panel of one figure. */
export function formulaDetails(figure: Figure, context: FormulaContext): HTMLElement {
  return h(
    'div',
    { class: 'formula' },
    ...formulaLines(figure, context),
    blogLine(figure, context.preset),
    noteLine(figure),
    h('p', { class: `basis basis-${figure.basis}` }, basisText[figure.basis]),
  );
}

/**
 * A figure's arithmetic as one line of text ("50 TB/s ÷ 16 GB = 3,125 tok/s"), for the slides; null for an
 * input or a figure whose value a preset or the architecture sets instead.
 */
export function formulaPlain(figure: Figure, context: FormulaContext): string | null {
  const text = FORMULA_TEXT[figure.id];
  if (!text || figure.formula === 'input' || replacingInput(text, context.scenarioInput) !== null)
    return null;
  const values: TermValues = {
    figureInputs: figure.inputs,
    scenarioInput: context.scenarioInput,
    figureValue: context.figureValue,
  };
  const parts = parseFormula(text.numbers, INPUT_STYLES).map((term) => {
    if (term.kind === 'text') return term.text;
    const value = termValue(term, values);
    return value === null ? '—' : termText(value, term.unit);
  });
  return `${parts.join('')} = ${formatWithUnit(figure.value, figure.unit, figure.id)}`;
}

/**
 * What the blog prints for a figure, in a few words for a slide ("blog §4.2: “≈ 3,125 tok/s” — agrees"),
 * on the blog's own scenario only: elsewhere the blog's number is another model's (issue 23).
 */
export function blogShort(figure: Figure, preset: string): string | null {
  const blog = blogValueOf(figure.id, preset);
  if (!blog || !close(figure.value, blog.engineAtBlogInputs)) return null;
  const agreement = blogAgreement(blog);
  const verdict =
    agreement === 'agrees'
      ? 'agrees'
      : agreement === 'rounds'
        ? `${formatWithUnit(figure.value, figure.unit, figure.id)} rounds to it`
        : 'differs';
  return `blog §${blog.section}: “${blog.text}” — ${verdict}`;
}
