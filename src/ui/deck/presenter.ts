// The presenter view: a second window (the page at #presenter) with the speaker notes of the slide and
// build step on screen, previews of the current and the next slide, the talk's timer (it starts with the
// first move and resets on demand) and ←/→, kept in step with the deck over a BroadcastChannel in both
// directions. The deck sends the scenario it shows as a query string; this window evaluates it itself,
// so notes and previews carry the live numbers of whatever model × GPU is on screen. It mounts alone:
// the measurement page and the explorer do not load here.
import './deck.css';
import '../explorer/explorer.css';
import type { SimulatedTtft } from '../../model/story.ts';
import { h } from '../dom.ts';
import type { Evaluation } from '../explorer/evaluation.ts';
import { buildPreview, type SlideSources } from './slideContent.ts';
import {
  clockText,
  DECK_CHANNEL,
  type DeckCommand,
  type DeckGpu,
  type DeckMessage,
  type DeckPosition,
  move,
  parseDeckMessage,
  SLIDES,
} from './slides.ts';
import { deckEvaluation, slideNotes, slideTitle } from './slideText.ts';

/** Width of a slide preview in the presenter view, px (the 1920×1080 stage scaled down). */
const PREVIEW_WIDTH = 400;

function previewFrame(label: string): { frame: HTMLElement; stage: HTMLElement } {
  const stage = h('div', { class: 'deck-stage presenter-preview-stage' });
  stage.style.transform = `scale(${PREVIEW_WIDTH / 1920})`;
  const frame = h(
    'figure',
    { class: 'presenter-preview deck explorer-root', 'data-preview': label },
    h('div', { class: 'presenter-preview-window' }, stage),
    h('figcaption', {}, label),
  );
  return { frame, stage };
}

export function mountPresenter(body: HTMLElement): void {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(DECK_CHANNEL) : null;
  const current = h(
    'h1',
    { class: 'presenter-current', 'data-field': 'presenter-current' },
    'Waiting for the deck…',
  );
  const position = h('p', { class: 'presenter-position', 'data-field': 'presenter-position' });
  const notes = h('div', {
    class: 'presenter-notes',
    'data-field': 'presenter-notes',
    'aria-live': 'polite',
  });
  const next = h('p', { class: 'presenter-next', 'data-field': 'presenter-next' });
  const timer = h('p', { class: 'presenter-timer', 'data-field': 'presenter-timer' }, '0:00');
  const send = (action: DeckCommand) => {
    const message: DeckMessage = { type: 'command', action };
    channel?.postMessage(message);
  };
  const button = (action: DeckCommand, text: string) => {
    const b = h('button', { type: 'button', 'data-command': action }, text);
    b.addEventListener('click', () => send(action));
    return b;
  };
  const now = previewFrame('now');
  const following = previewFrame('next');
  body.replaceChildren(
    h(
      'main',
      { class: 'presenter', 'aria-label': 'presenter view' },
      h(
        'header',
        { class: 'presenter-bar' },
        position,
        timer,
        button('reset-timer', 'Reset timer'),
        button('previous', '← Previous'),
        button('next', 'Next →'),
      ),
      h(
        'div',
        { class: 'presenter-body' },
        h('div', { class: 'presenter-text' }, current, notes, next),
        h('div', { class: 'presenter-previews' }, now.frame, following.frame),
      ),
      channel
        ? h(
            'p',
            { class: 'presenter-hint' },
            'The notes follow the build step on screen, with the live numbers of the scenario the deck shows. ← → here move the deck too.',
          )
        : h(
            'p',
            { class: 'notice error' },
            'This browser has no BroadcastChannel: the presenter view cannot follow the deck.',
          ),
    ),
  );
  document.title = 'ridgeline — presenter view';

  let startedAt: number | null = null;
  const tick = () => {
    timer.textContent = startedAt === null ? '0:00' : clockText((Date.now() - startedAt) / 1000);
    timer.dataset['running'] = String(startedAt !== null);
    timer.dataset['startedAt'] = String(startedAt ?? '');
  };
  setInterval(tick, 1000);

  // the scenario the deck shows, evaluated once per query and measured GPU ("Your GPU" is the deck's run)
  let evaluated: { key: string; evaluation: Evaluation } | null = null;
  const evaluationOf = (query: string, gpu: DeckGpu | undefined): Evaluation => {
    const key = `${query}|${gpu ? JSON.stringify(gpu) : ''}`;
    if (evaluated?.key !== key) evaluated = { key, evaluation: deckEvaluation(query, gpu) };
    return evaluated.evaluation;
  };
  let shown = '';
  const preview = (
    target: { stage: HTMLElement },
    at: DeckPosition,
    evaluation: Evaluation,
    load: SimulatedTtft | null,
  ) => {
    const spec = SLIDES[at.slide];
    if (!spec) return;
    const sources: SlideSources = {
      evaluation: () => evaluation,
      local: () => null,
      documents: () => [],
      verdict: () => '',
      query: () => '',
      load: () => load,
    };
    const view = buildPreview(spec, sources);
    target.stage.replaceChildren(view.element);
    view.show(at.step);
    target.stage.dataset['slide'] = spec.id;
    target.stage.dataset['step'] = String(at.step);
  };

  channel?.addEventListener('message', (event) => {
    const message = parseDeckMessage(event.data);
    if (message?.type !== 'state') return;
    const spec = SLIDES[message.slide];
    if (!spec) return;
    startedAt = message.startedAt;
    tick();
    const evaluation = evaluationOf(message.query, message.yourGpu);
    current.textContent = slideTitle(spec, evaluation);
    current.dataset['slide'] = spec.id;
    current.dataset['step'] = String(message.step);
    position.textContent = `Slide ${message.slide + 1} of ${SLIDES.length}${spec.steps ? ` · step ${message.step + 1} of ${spec.steps + 1}` : ''}`;
    const load = message.load ?? null;
    notes.replaceChildren(
      ...slideNotes(spec, message.step, evaluation, load).map((line) => h('p', {}, line)),
    );
    const at = { slide: message.slide, step: message.step };
    const after = move(at, 'next');
    const last = after.slide === at.slide && after.step === at.step;
    const nextSpec = SLIDES[after.slide];
    next.textContent = last
      ? 'Last slide.'
      : after.slide === at.slide
        ? `Next: build step ${after.step + 1} of ${spec.steps + 1}`
        : `Next: ${nextSpec ? slideTitle(nextSpec, evaluation) : ''}`;
    const key = `${message.query}|${JSON.stringify(message.yourGpu ?? null)}|${JSON.stringify(load)}|${message.slide}|${message.step}`;
    if (key === shown) return;
    shown = key;
    preview(now, at, evaluation, load);
    if (last) following.stage.replaceChildren();
    else preview(following, after, evaluation, load);
  });
  window.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight' || event.key === ' ' || event.key === 'PageDown') send('next');
    if (event.key === 'ArrowLeft' || event.key === 'PageUp') send('previous');
  });
  const hello: DeckMessage = { type: 'hello' };
  channel?.postMessage(hello);
}
