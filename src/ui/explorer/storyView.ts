// The explorer's side of the one story (model/story.ts): a panel at the top with the figures a decision
// rests on (the blog's napkin, ridgeline's model, measured, and why they part), the same line again in
// its chapter above the napkin's cards, the bound words of the chapters read from the operator
// breakdown, the one decode-intensity definition the page shows (the other explained where it appears),
// the rule the batch slider shows, and worked questions with their answers hidden. Elements and
// textContent only; each part is rebuilt only when its text changed.
import { batchRule, decodeIntensityAt, ridgeOf } from '../../charts/operatingPoints.ts';
import type { BoundBy } from '../../model/physics/types.ts';
import {
  decisionStory,
  type SimulatedTtft,
  SOURCE_LABELS,
  type StoryLine,
  storySummary,
  storyValue,
} from '../../model/story.ts';
import { grouped, intensity, readable } from '../../model/units/format.ts';
import { h } from '../dom.ts';
import type { Evaluation } from './evaluation.ts';
import { rooflinePointOptions } from './extraCharts.ts';
import { workedQuestions } from './workedQuestions.ts';

/** Which chapter shows each story line, above its cards. */
const CHAPTER_OF: Readonly<Record<StoryLine['id'], string | null>> = {
  users: 'kv',
  ttft: 'prefill',
  'per-stream': 'batching',
  aggregate: null,
  verdict: 'fleet',
};

const BOUND_WORDS: Readonly<Record<BoundBy, string>> = {
  memory: 'memory-bound',
  compute: 'compute-bound',
  communication: 'communication-bound (the interconnect)',
};

/** Replaces `el`'s children only when the text they carry changed (most inputs move few of these). */
function replaceIfChanged(el: HTMLElement, key: string, build: () => (Node | string)[]): void {
  if (el.dataset['key'] === key) return;
  el.dataset['key'] = key;
  el.replaceChildren(...build());
}

function ensure(
  parent: Element,
  selector: string,
  make: () => HTMLElement,
  before?: Element | null,
): HTMLElement {
  const existing = parent.querySelector<HTMLElement>(selector);
  if (existing) return existing;
  const made = make();
  if (before) parent.insertBefore(made, before);
  else parent.append(made);
  return made;
}

function cell(tag: 'td' | 'th', text: string, label: string, className?: string): HTMLElement {
  return h(tag, { 'data-label': label, ...(className ? { class: className } : {}) }, text);
}

function storyTable(lines: readonly StoryLine[]): HTMLElement {
  const head = [
    'figure',
    SOURCE_LABELS.model,
    SOURCE_LABELS.napkin,
    SOURCE_LABELS.measured,
    'why they differ',
  ];
  return h(
    'table',
    { class: 'story-table card-table' },
    h('thead', {}, h('tr', {}, ...head.map((text) => h('th', {}, text)))),
    h(
      'tbody',
      {},
      ...lines.map((line) =>
        h(
          'tr',
          { 'data-story': line.id, 'data-agreement': line.agreement },
          cell('td', line.quantity, head[0]!),
          cell('td', storyValue(line.model, line.unit), head[1]!, 'model'),
          cell('td', storyValue(line.napkin, line.unit), head[2]!, 'napkin'),
          cell(
            'td',
            line.measured ? `${storyValue(line.measured.value, line.unit)} (${line.measured.source})` : '—',
            head[3]!,
            'measured',
          ),
          cell('td', line.why, head[4]!, 'why'),
        ),
      ),
    ),
  );
}

function storyLineElement(line: StoryLine): (Node | string)[] {
  return [
    h('strong', {}, `${line.quantity}: `),
    `${storySummary(line)}. `,
    h('span', { class: 'why' }, line.why),
  ];
}

/** Draws every part of the story for this evaluation (idempotent: call after each recompute). */
export function renderStory(
  root: HTMLElement,
  evaluation: Evaluation,
  load: SimulatedTtft | null = null,
): void {
  const chapters = root.querySelector<HTMLElement>('.explorer-chapters');
  if (!chapters) return;
  const { result, inputs } = evaluation;
  const panel = ensure(
    chapters,
    '.story-panel',
    () => h('section', { class: 'story-panel', 'aria-labelledby': 'story-title' }),
    chapters.firstElementChild,
  );
  if (!result || !inputs) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const story = decisionStory(result, inputs, load);
  replaceIfChanged(panel, JSON.stringify(story), () => [
    h('h3', { id: 'story-title' }, 'What the decision rests on'),
    h(
      'p',
      { class: 'story-verdict', 'data-role': 'verdict', 'data-saves': String(story.verdict.saves) },
      h('strong', {}, `${SOURCE_LABELS.model}: `),
      story.verdict.headline,
      story.verdict.napkinLine ? ` Beside it, ${story.verdict.napkinLine}.` : '',
    ),
    storyTable(story.lines),
  ]);

  // each line again in its chapter, above the napkin's cards
  for (const line of story.lines) {
    const chapter = CHAPTER_OF[line.id];
    const section = chapter ? root.querySelector<HTMLElement>(`section[data-chapter="${chapter}"]`) : null;
    if (!section) continue;
    const el = ensure(
      section,
      `p.story-line[data-story="${line.id}"]`,
      () => h('p', { class: 'story-line', 'data-story': line.id }),
      section.querySelector('.headline-figures'),
    );
    replaceIfChanged(el, JSON.stringify(line), () => storyLineElement(line));
  }

  // bound words from the operator breakdown, not from the blog's prose
  const prefill = result.projection.fits ? result.projection.prefill : null;
  const decode = result.projection.chosen?.step ?? null;
  const prefillLede = root.querySelector<HTMLElement>('section[data-chapter="prefill"] .lede');
  if (prefillLede)
    prefillLede.textContent = prefill
      ? `Prompts load in parallel, thousands of tokens per read of the weights; in ridgeline’s operator breakdown the first chunk is ${BOUND_WORDS[prefill.firstChunk.boundBy]}, and everyone shares it.`
      : 'Prompts load in parallel, and everyone shares the prefill.';
  const prefillTitle = root.querySelector<HTMLElement>('[data-chart="prefill-ops"] figcaption');
  if (prefillTitle)
    prefillTitle.textContent = `One prefill chunk, stacked by operator${prefill ? `: ${BOUND_WORDS[prefill.firstChunk.boundBy]}` : ''}${decode ? ` (a decode step: ${BOUND_WORDS[decode.boundBy]})` : ''}`;

  // one decode-intensity definition on show (the whole pass, as the roofline draws it); the blog's
  // weights-only formula explained where it appears
  const options = rooflinePointOptions(evaluation);
  const roofline = root.querySelector<HTMLElement>('section[data-chapter="roofline"]');
  const ridge = options ? ridgeOf(options) : null;
  if (roofline && options && ridge !== null) {
    const whole = decodeIntensityAt(options, 1);
    const weights = result.figures['roof.decode_intensity']?.value;
    const line = ensure(
      roofline,
      'p.story-line[data-story="intensity"]',
      () => h('p', { class: 'story-line', 'data-story': 'intensity' }),
      roofline.querySelector('.headline-figures'),
    );
    const text = `Decode intensity at B=1, over the whole pass (weights and the KV cache at ${grouped(options.contextTokens)} tokens): ${intensity(whole)}, ${grouped(ridge / whole)}× left of the ridge (${intensity(ridge)}). Every star on the chart counts this way.`;
    const aside =
      weights !== undefined
        ? `The blog’s formula counts the weights alone: ${intensity(weights)} at ${readable(inputs.precision.weightBytesPerParam)} B per parameter (it prints ~2, which holds at 1 B per parameter; “All figures” below has it and the blog’s “~600× below the ridge” built on it).`
        : '';
    replaceIfChanged(line, `${text}|${aside}`, () => [
      h('strong', {}, 'Decode intensity: '),
      text,
      aside ? ' ' : '',
      aside ? h('span', { class: 'why' }, aside) : '',
    ]);
    const control = roofline.querySelector<HTMLElement>('[data-role="roofline-batch"]');
    if (control) {
      const rule = ensure(control, '[data-field="batch-rule"]', () =>
        h('p', { class: 'chart-note batch-rule', 'data-field': 'batch-rule' }),
      );
      rule.textContent = batchRule(options);
    }
  }

  // worked questions, answers hidden until asked for: written a task after the input (nothing of them is
  // on screen until a reader opens one), so the input's own recompute does not carry them
  const block = ensure(chapters, '.worked-questions', () =>
    h('section', { class: 'chapter worked-questions', 'aria-labelledby': 'questions-title' }),
  );
  clearTimeout(questionsTimer);
  questionsTimer = setTimeout(() => renderQuestions(block, evaluation), 0);
}

let questionsTimer: ReturnType<typeof setTimeout> | undefined;

function renderQuestions(block: HTMLElement, evaluation: Evaluation): void {
  const questions = workedQuestions(evaluation);
  replaceIfChanged(block, JSON.stringify(questions), () => [
    h('h3', { id: 'questions-title' }, 'Check yourself'),
    h(
      'p',
      { class: 'lede' },
      'Worked questions on the scenario above; every answer is computed from ridgeline’s model for it.',
    ),
    h(
      'ol',
      { class: 'question-list' },
      ...questions.map((q) =>
        h(
          'li',
          { 'data-question': q.id },
          h('p', { class: 'question' }, q.question),
          h(
            'details',
            { class: 'answer' },
            h('summary', {}, 'Answer'),
            ...q.answer.map((text) => h('p', {}, text)),
          ),
        ),
      ),
    ),
  ]);
}
