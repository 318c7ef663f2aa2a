// A figure's formula written out with its numbers, as plain data: a template such as
// "{nodeBandwidthEffectiveBps} ÷ {bytesPerTokenB1}" is parsed into text and value terms, each value term
// naming where its number comes from (an input of the figure, an input of the scenario by dotted path, or a
// literal), the unit it is shown in and what it links to (the input's control or the figure it comes
// from). `evaluateTerms` does the arithmetic again from the raw numbers, so a test (and the page) can check
// that what is shown adds up to the figure's value. Pure: no DOM, no formatting.

/** Display units: SI ('B', 'B/s', 'FLOP', 'FLOP/s', 's'), counts ('tokens', 'GPUs'…), money ('USD/…'), '%'. */
export type TermUnit = string;

export type TermSource =
  /** figure.inputs[name] */
  | { readonly kind: 'figure-input'; readonly name: string }
  /** the scenario's input at a dotted path (src/model/scenario/inputPaths.ts) */
  | { readonly kind: 'scenario-input'; readonly path: string }
  /** another figure's value, by id */
  | { readonly kind: 'figure'; readonly id: string }
  | { readonly kind: 'literal'; readonly value: number };

export interface ValueTerm {
  readonly kind: 'value';
  readonly source: TermSource;
  readonly unit: TermUnit;
  /** an input path ("empirical.nodeBandwidthEffectiveBps") or "#<figure id>"; null = nothing to link */
  readonly link: string | null;
}

export interface TextTerm {
  readonly kind: 'text';
  readonly text: string;
}

export type FormulaTerm = ValueTerm | TextTerm;

/** How an input name of a figure is shown and linked when the template does not say. */
export interface InputStyle {
  readonly unit: TermUnit;
  readonly link: string | null;
}

/**
 * Parses a template. Placeholders: `{name}` (a figure input, styled by `styles`), `{name:unit}`,
 * `{name:unit>link}`, `{@dotted.path}` or `{@dotted.path:unit}` (a scenario input, linked to itself),
 * `{#figure.id:unit}` (another figure's value, linked to its card),
 * `[3600 s/h]` (a literal with an optional unit). Everything else is text. Throws on a malformed template
 * (templates are data written by hand: a unit test parses every one).
 */
export function parseFormula(
  template: string,
  styles: Readonly<Record<string, InputStyle>> = {},
): FormulaTerm[] {
  const terms: FormulaTerm[] = [];
  const pattern = /\{([^}]*)\}|\[([^\]]*)\]/g;
  let last = 0;
  for (const match of template.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) terms.push({ kind: 'text', text: template.slice(last, index) });
    last = index + match[0].length;
    if (match[1] !== undefined) terms.push(placeholder(match[1], styles, template));
    else terms.push(literal(match[2] ?? '', template));
  }
  if (last < template.length) terms.push({ kind: 'text', text: template.slice(last) });
  return terms;
}

function placeholder(
  body: string,
  styles: Readonly<Record<string, InputStyle>>,
  template: string,
): ValueTerm {
  const [head = '', rawLink] = body.split('>');
  const [name = '', unitOverride] = head.split(':');
  // "{name:unit>}": an empty link means "link nothing" (a constant such as FP8's 1 byte per parameter)
  const linkOverride = rawLink === undefined ? undefined : rawLink === '' ? null : rawLink;
  if (name === '') throw new Error(`empty placeholder in "${template}"`);
  if (name.startsWith('#')) {
    return {
      kind: 'value',
      source: { kind: 'figure', id: name.slice(1) },
      unit: unitOverride ?? '',
      link: linkOverride === undefined ? name : linkOverride,
    };
  }
  if (name.startsWith('@')) {
    const path = name.slice(1);
    return {
      kind: 'value',
      source: { kind: 'scenario-input', path },
      unit: unitOverride ?? styles[path]?.unit ?? '',
      link: linkOverride === undefined ? path : linkOverride,
    };
  }
  const style = styles[name];
  if (!style && unitOverride === undefined) throw new Error(`no style for input "${name}" in "${template}"`);
  return {
    kind: 'value',
    source: { kind: 'figure-input', name },
    unit: unitOverride ?? style?.unit ?? '',
    link: linkOverride === undefined ? (style?.link ?? null) : linkOverride,
  };
}

function literal(body: string, template: string): ValueTerm {
  const [number = '', ...unit] = body.trim().split(/\s+/);
  const value = Number(number.replace(/,/g, ''));
  if (!Number.isFinite(value)) throw new Error(`bad literal "[${body}]" in "${template}"`);
  return { kind: 'value', source: { kind: 'literal', value }, unit: unit.join(' '), link: null };
}

export interface TermValues {
  readonly figureInputs: Readonly<Record<string, number | string>>;
  /** the scenario input at a dotted path; null when there is none */
  readonly scenarioInput: (path: string) => number | string | null;
  /** another figure's value; undefined when there is none */
  readonly figureValue?: (id: string) => number | undefined;
}

/** The raw number behind a value term, or null when it is missing or not a number. */
export function termValue(term: ValueTerm, values: TermValues): number | null {
  const { source } = term;
  const raw =
    source.kind === 'literal'
      ? source.value
      : source.kind === 'figure-input'
        ? values.figureInputs[source.name]
        : source.kind === 'figure'
          ? values.figureValue?.(source.id)
          : values.scenarioInput(source.path);
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
}

type Token =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'op'; readonly op: string };

const operatorText: Readonly<Record<string, string>> = {
  '×': '*',
  '÷': '/',
  '−': '-',
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '^': '^',
  '(': '(',
  ')': ')',
  ',': ',',
};

function tokenize(terms: readonly FormulaTerm[], values: TermValues): Token[] | null {
  const tokens: Token[] = [];
  for (const term of terms) {
    if (term.kind === 'value') {
      const value = termValue(term, values);
      if (value === null) return null;
      tokens.push({ kind: 'number', value });
      continue;
    }
    const text = term.text;
    for (let i = 0; i < text.length; i++) {
      const char = text[i] ?? '';
      if (/\s/.test(char)) continue;
      const word = /^(floor|ceil|max|min)\(/.exec(text.slice(i));
      if (word?.[1]) {
        tokens.push({ kind: 'op', op: word[1] });
        i += word[1].length - 1;
        continue;
      }
      const number = /^\d+(\.\d+)?/.exec(text.slice(i));
      if (number) {
        tokens.push({ kind: 'number', value: Number(number[0]) });
        i += number[0].length - 1;
        continue;
      }
      const op = operatorText[char];
      if (op === undefined) return null;
      tokens.push({ kind: 'op', op });
    }
  }
  return tokens;
}

/**
 * The arithmetic of the terms (× ÷ + − ^, parentheses, floor/ceil/max/min), from the raw numbers; null
 * when a value is missing or the text is not arithmetic. Recursive descent, usual precedence.
 */
export function evaluateTerms(terms: readonly FormulaTerm[], values: TermValues): number | null {
  const tokens = tokenize(terms, values);
  if (!tokens) return null;
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isOp = (op: string): boolean => {
    const t = peek();
    return t?.kind === 'op' && t.op === op;
  };
  const expect = (op: string): void => {
    if (!isOp(op)) throw new Error(`expected ${op}`);
    at++;
  };
  const primary = (): number => {
    const t = peek();
    if (!t) throw new Error('unexpected end');
    at++;
    if (t.kind === 'number') return t.value;
    if (t.op === '(') {
      const v = sum();
      expect(')');
      return v;
    }
    if (t.op === '-') return -power();
    if (t.op === 'floor' || t.op === 'ceil' || t.op === 'max' || t.op === 'min') {
      // the tokenizer consumed "floor(" as the name only: the parenthesis follows
      expect('(');
      const args = [sum()];
      while (isOp(',')) {
        at++;
        args.push(sum());
      }
      expect(')');
      if (t.op === 'floor') return Math.floor(args[0] ?? Number.NaN);
      if (t.op === 'ceil') return Math.ceil(args[0] ?? Number.NaN);
      return t.op === 'max' ? Math.max(...args) : Math.min(...args);
    }
    throw new Error(`unexpected ${t.op}`);
  };
  const power = (): number => {
    const base = primary();
    if (isOp('^')) {
      at++;
      return base ** power();
    }
    return base;
  };
  const product = (): number => {
    let v = power();
    while (isOp('*') || isOp('/')) {
      const op = (peek() as { op: string }).op;
      at++;
      v = op === '*' ? v * power() : v / power();
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (isOp('+') || isOp('-')) {
      const op = (peek() as { op: string }).op;
      at++;
      v = op === '+' ? v + product() : v - product();
    }
    return v;
  };
  try {
    const value = sum();
    return at === tokens.length && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}
