// Present mode: a real slide deck. A 1920×1080 stage scaled to fit the window (so a slide that fits at
// 1920×1080 fits at 1280×720 too, with no scrolling), one slide at a time from slides.ts, the rest of the
// page not rendered underneath, a URL per slide (#present=roofline), ←/→/space/Home/End/Esc, slide and
// chart transitions, and a presenter view in a second window (P) kept in step over a BroadcastChannel.
// The control bar hides while presenting and comes back on a pointer move or keyboard focus; a clicker's
// keys move the deck whatever has focus (a slider on the slide included). The talk's timer starts with
// the first move and the presenter view can reset it. Everything comes from the static build.
import './deck.css';
import { h } from '../dom.ts';
import { buildSlide, type SlideSources, type SlideView } from './slideContent.ts';
import {
  actionForKey,
  DECK_CHANNEL,
  type DeckAction,
  type DeckCommand,
  type DeckMessage,
  type DeckPosition,
  hashForSlide,
  move,
  PRESENTER_HASH,
  parseDeckMessage,
  presentLinkProblem,
  SLIDES,
  slideFromHash,
} from './slides.ts';
import { slideTitle } from './slideText.ts';

export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;
/** How long the control bar stays after the pointer last moved, ms. */
const CONTROLS_IDLE_MS = 2500;

/** Keys a presentation clicker sends: they always move the deck, whatever on the slide has focus. */
const CLICKER_KEYS = new Set([
  'PageDown',
  'PageUp',
  'ArrowRight',
  'ArrowLeft',
  'ArrowDown',
  'ArrowUp',
  ' ',
  'Spacebar',
]);

/** Elements where a key is typing, not navigation (the deck's slides have none; a notice may). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return (
    target.tagName === 'INPUT' &&
    !['range', 'button', 'checkbox', 'radio'].includes((target as HTMLInputElement).type)
  );
}

export interface Deck {
  open(slide?: number): void;
  close(): void;
  readonly position: DeckPosition | null;
  /** the scenario or the measurements changed: rebuild the slide on screen */
  refresh(): void;
  /**
   * The story's TTFT changed (the page's load simulation finished): the slide that tells it is rebuilt, any
   * other stays as it is (a slider moved on it keeps its place), and the presenter view hears of it.
   */
  loadChanged(): void;
}

export function createDeck(sources: SlideSources): Deck {
  let position: DeckPosition | null = null;
  let view: SlideView | null = null;
  // the talk's clock: starts with the first move off the opening slide, reset from the presenter view
  let startedAt: number | null = null;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(DECK_CHANNEL) : null;

  const title = h('span', { class: 'deck-position', 'aria-live': 'polite' });
  const navButton = (nav: string, label: string, text: string) =>
    h('button', { type: 'button', 'data-nav': nav, 'aria-label': label }, text);
  const nav = h(
    'nav',
    { class: 'deck-nav', 'aria-label': 'slides' },
    navButton('previous', 'Previous', '←'),
    title,
    navButton('next', 'Next', '→'),
    navButton('presenter', 'Open the presenter view in a new window', 'Presenter'),
    navButton('exit', 'Leave the presentation', 'Esc'),
  );
  const slot = h('div', { class: 'deck-slot' });
  // a link that opens no slide (damaged, or naming none) says so over the first slide until the next move
  const notice = h('p', {
    class: 'deck-notice',
    role: 'status',
    'data-field': 'deck-notice',
    hidden: true,
  });
  const stage = h('div', { class: 'deck-stage' }, slot, nav, notice);
  const say = (problem: string | null): void => {
    notice.hidden = problem === null;
    notice.textContent = problem ?? '';
  };
  const root = h(
    'div',
    {
      class: 'deck explorer-root',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-roledescription': 'slide deck',
      'aria-label': 'Presentation',
      hidden: true,
    },
    stage,
  );
  document.body.append(root);

  const fitStage = (): void => {
    const scale = Math.min(window.innerWidth / STAGE_WIDTH, window.innerHeight / STAGE_HEIGHT);
    stage.style.transform = `translate(${(window.innerWidth - STAGE_WIDTH * scale) / 2}px, ${(window.innerHeight - STAGE_HEIGHT * scale) / 2}px) scale(${scale})`;
    root.dataset['scale'] = String(scale);
  };

  const publish = (): void => {
    if (!position) return;
    const local = sources.local();
    const load = sources.load();
    const message: DeckMessage = {
      type: 'state',
      slide: position.slide,
      step: position.step,
      startedAt,
      query: sources.query(),
      // the presenter's window has no runs of its own: it needs these to evaluate "Your GPU"
      ...(local
        ? {
            yourGpu: {
              name: local.name,
              bandwidthBps: local.bandwidthBps,
              flopsByDtype: Object.fromEntries(
                (['f32', 'f16'] as const).flatMap((dtype) => {
                  const rate = local.flopsByDtype[dtype];
                  return rate === undefined ? [] : [[dtype, rate]];
                }),
              ),
              createdAt: local.createdAt,
            },
          }
        : {}),
      // the story's TTFT under load, as the deck tells it (only the fields the story reads)
      ...(load
        ? {
            load: {
              points: load.points.map((p) => ({
                concurrency: p.concurrency,
                ttftP50Seconds: p.ttftP50Seconds,
              })),
            },
          }
        : {}),
    };
    channel?.postMessage(message);
  };

  // The control bar: shown on open, on a pointer move and while a control has keyboard focus; hidden
  // after CONTROLS_IDLE_MS without either, so the projected slide carries no buttons.
  let controlsTimer: ReturnType<typeof setTimeout> | undefined;
  const showControls = (): void => {
    root.dataset['controls'] = 'shown';
    clearTimeout(controlsTimer);
    controlsTimer = setTimeout(() => {
      if (!nav.contains(document.activeElement)) root.dataset['controls'] = 'hidden';
    }, CONTROLS_IDLE_MS);
  };
  root.addEventListener('pointermove', showControls);
  nav.addEventListener('focusin', showControls);
  nav.addEventListener('focusout', showControls);

  const show = (next: DeckPosition, rebuild = false): void => {
    const previous = position;
    position = next;
    const spec = SLIDES[next.slide] ?? SLIDES[0]!;
    const changed = !previous || previous.slide !== next.slide;
    if (rebuild || changed || !view) {
      view = buildSlide(spec, sources);
      // a new slide slides in; going back slides in from the other side
      if (changed)
        view.element.classList.add(previous && previous.slide > next.slide ? 'enter-back' : 'enter');
      slot.replaceChildren(view.element);
    }
    view.show(next.step);
    root.dataset['slide'] = spec.id;
    root.dataset['step'] = String(next.step);
    title.textContent = `${next.slide + 1} / ${SLIDES.length} · ${slideTitle(spec, sources.evaluation())}`;
    const hash = hashForSlide(next.slide);
    if (location.hash !== hash)
      history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    publish();
  };

  const close = (): void => {
    if (!position) return;
    position = null;
    view = null;
    say(null);
    root.hidden = true;
    slot.replaceChildren();
    document.body.classList.remove('deck-open');
    if (slideFromHash(location.hash) !== null)
      history.replaceState(null, '', `${location.pathname}${location.search}`);
  };

  const openPresenter = (): void => {
    window.open(
      `${location.pathname}${location.search}${PRESENTER_HASH}`,
      'ridgeline-presenter',
      'popup,width=1100,height=720',
    );
  };

  const act = (action: DeckAction | DeckCommand): void => {
    if (!position || action === null) return;
    say(null);
    if (action === 'exit') close();
    else if (action === 'presenter') openPresenter();
    else if (action === 'reset-timer') {
      startedAt = Date.now();
      publish();
    } else {
      const next = move(position, action);
      // the talk starts with its first move
      if (startedAt === null && (next.slide !== position.slide || next.step !== position.step))
        startedAt = Date.now();
      show(next);
    }
  };

  // Capture phase: a clicker's PageDown reaches the deck before a focused slider or button can take it
  // (after the speaker touched the batch slider, PageDown moved the slider, not the slide).
  window.addEventListener(
    'keydown',
    (event) => {
      if (!position) return;
      const clicker = CLICKER_KEYS.has(event.key);
      if (!clicker && event.key !== 'Escape' && isTextEntry(event.target)) return;
      if (clicker && isTextEntry(event.target)) return;
      const action = actionForKey(event.key, event.shiftKey);
      if (action === null) return;
      event.preventDefault();
      event.stopPropagation();
      act(action);
    },
    true,
  );
  nav.addEventListener('click', (event) => {
    const action = (event.target as HTMLElement).closest<HTMLElement>('[data-nav]')?.dataset['nav'];
    if (action === 'next' || action === 'previous' || action === 'exit' || action === 'presenter')
      act(action);
  });
  window.addEventListener('resize', () => {
    if (position) fitStage();
  });
  window.addEventListener('hashchange', () => {
    const slide = slideFromHash(location.hash);
    const problem = presentLinkProblem(location.hash);
    if (slide === null && problem === null) return;
    if (!position) deck.open(slide ?? 0);
    else if (slide !== null && slide !== position.slide) show({ slide, step: 0 });
    else if (slide === null) show(position);
    say(problem);
  });
  channel?.addEventListener('message', (event) => {
    const message = parseDeckMessage(event.data);
    if (!message || !position) return;
    if (message.type === 'hello') publish();
    if (message.type === 'command') act(message.action);
  });

  const deck: Deck = {
    open(slide) {
      root.hidden = false;
      document.body.classList.add('deck-open');
      fitStage();
      showControls();
      const problem = slide === undefined ? presentLinkProblem(location.hash) : null;
      show({ slide: slide ?? slideFromHash(location.hash) ?? 0, step: 0 }, true);
      say(problem);
    },
    close,
    get position() {
      return position;
    },
    refresh() {
      if (!position) return;
      if (view?.refresh) view.refresh();
      else show(position, true);
    },
    loadChanged() {
      if (!position) return;
      if (SLIDES[position.slide]?.id === 'prefill') show(position, true);
      else publish();
    },
  };
  return deck;
}
