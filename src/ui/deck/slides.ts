// The talk, as plain data: one idea per slide in the blog's order, each with the number of build steps it
// reveals before → moves on, and the navigation over (slide, step). The URL names the slide
// (#present=roofline), so a speaker can share, reload or jump to one. Pure: the deck (deck.ts), the
// presenter view (presenter.ts, with the titles and notes of slideText.ts) and tests/unit/deck/slides.test.ts
// read it.

export interface SlideSpec {
  readonly id: string;
  /** shown on the slide and in the presenter view (slideText.ts words it for the scenario on screen) */
  readonly title: string;
  /**
   * the blog chapter it belongs to (explorer chapters.ts), or null for the title, measure, room, the SLA
   * pick (the batching chapter's second slide) and the punchline
   */
  readonly chapter: string | null;
  /** build steps after the first view (→ reveals them one by one before the next slide) */
  readonly steps: number;
}

export const SLIDES: readonly SlideSpec[] = [
  {
    id: 'title',
    title: 'How to save millions by self-hosting LLMs — checked, live',
    chapter: null,
    steps: 0,
  },
  {
    id: 'load',
    title: 'Load: where the weights go',
    chapter: 'load',
    steps: 0,
  },
  {
    id: 'decode',
    title: 'Decode: one token reads every active weight',
    chapter: 'decode',
    steps: 0,
  },
  {
    id: 'roofline',
    title: 'The roofline: decode sits far left of the ridge',
    chapter: 'roofline',
    steps: 3,
  },
  {
    id: 'measure',
    title: 'Measure this laptop',
    chapter: null,
    steps: 0,
  },
  {
    id: 'room',
    title: 'Measure this room',
    chapter: null,
    steps: 0,
  },
  {
    id: 'prefill',
    title: 'Prefill & TTFT: compute-bound, and shared',
    chapter: 'prefill',
    steps: 0,
  },
  {
    id: 'kv',
    title: 'KV cache: each user holds their context',
    chapter: 'kv',
    steps: 0,
  },
  {
    id: 'batching',
    title: 'Batching: climb, bend, plateau, cliff',
    chapter: 'batching',
    steps: 0,
  },
  {
    // one idea per slide (issue 23): the regions of the aggregate above, the SLA pick per stream here
    id: 'sla',
    title: 'Batching: the largest B that meets the SLA',
    chapter: null,
    steps: 0,
  },
  {
    id: 'fleet',
    title: 'Fleet & bill: size to the trough, spill the peaks',
    chapter: 'fleet',
    steps: 1,
  },
  {
    id: 'punchline',
    title: 'The punchline',
    chapter: null,
    steps: 0,
  },
];

export const SLIDE_IDS: readonly string[] = SLIDES.map((s) => s.id);

export interface DeckPosition {
  readonly slide: number;
  readonly step: number;
}

export type DeckAction = 'next' | 'previous' | 'first' | 'last' | 'exit' | 'presenter' | null;

export function actionForKey(key: string, shiftKey: boolean): DeckAction {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return 'next';
    case ' ':
    case 'Spacebar':
      return shiftKey ? 'previous' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
      return 'exit';
    case 'p':
    case 'P':
      return 'presenter';
    default:
      return null;
  }
}

/** → reveals the slide's next build step, then moves to the next slide; ← goes back the same way. */
export function move(
  position: DeckPosition,
  action: 'next' | 'previous' | 'first' | 'last',
  slides: readonly SlideSpec[] = SLIDES,
): DeckPosition {
  const last = slides.length - 1;
  const stepsOf = (i: number) => slides[i]?.steps ?? 0;
  if (action === 'first') return { slide: 0, step: 0 };
  if (action === 'last') return { slide: last, step: 0 };
  if (action === 'next') {
    if (position.step < stepsOf(position.slide)) return { slide: position.slide, step: position.step + 1 };
    return position.slide < last ? { slide: position.slide + 1, step: 0 } : position;
  }
  if (position.step > 0) return { slide: position.slide, step: position.step - 1 };
  // back onto the previous slide at its last build step: what the audience saw before →
  return position.slide > 0 ? { slide: position.slide - 1, step: stepsOf(position.slide - 1) } : position;
}

const HASH_PREFIX = '#present=';

/** "#present=roofline" → the roofline slide; older links to a chapter open that chapter's slide. */
export function slideFromHash(hash: string, slides: readonly SlideSpec[] = SLIDES): number | null {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  const id = decodeURIComponent(hash.slice(HASH_PREFIX.length));
  const index = slides.findIndex((s) => s.id === id);
  if (index >= 0) return index;
  const byChapter = slides.findIndex((s) => s.chapter === id);
  return byChapter >= 0 ? byChapter : null;
}

export function hashForSlide(index: number, slides: readonly SlideSpec[] = SLIDES): string {
  return `${HASH_PREFIX}${slides[index]?.id ?? slides[0]?.id ?? ''}`;
}

/** The presenter window's address: the same page, which then shows only the presenter view. */
export const PRESENTER_HASH = '#presenter';

/** Commands the presenter view sends the deck. */
export type DeckCommand = 'next' | 'previous' | 'first' | 'last' | 'reset-timer';

/** What the deck and the presenter view tell each other over a BroadcastChannel. */
export type DeckMessage =
  | {
      readonly type: 'state';
      readonly slide: number;
      readonly step: number;
      /** when the talk started (the first move off the opening slide); null before it has */
      readonly startedAt: number | null;
      /** the scenario on screen as the explorer's query string ("?model=…"): the presenter evaluates it */
      readonly query: string;
    }
  | { readonly type: 'command'; readonly action: DeckCommand }
  | { readonly type: 'hello' };

export const DECK_CHANNEL = 'ridgeline-deck';

/** The longest query a state message may carry (the explorer's links are well under 1,000 characters). */
export const MAX_DECK_QUERY = 4000;

const COMMANDS: readonly DeckCommand[] = ['next', 'previous', 'first', 'last', 'reset-timer'];

/** A message from the channel, or null when it is not one of ours (never trusted blindly). */
export function parseDeckMessage(data: unknown): DeckMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  if (message['type'] === 'hello') return { type: 'hello' };
  if (message['type'] === 'command') {
    const action = message['action'];
    return typeof action === 'string' && (COMMANDS as readonly string[]).includes(action)
      ? { type: 'command', action: action as DeckCommand }
      : null;
  }
  if (message['type'] === 'state') {
    const { slide, step, startedAt } = message;
    const query = message['query'] ?? '';
    const ok = (v: unknown, max: number) =>
      typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
    if (
      !ok(slide, SLIDES.length - 1) ||
      !ok(step, 16) ||
      !(startedAt === null || (typeof startedAt === 'number' && Number.isFinite(startedAt))) ||
      typeof query !== 'string' ||
      query.length > MAX_DECK_QUERY ||
      (query !== '' && !query.startsWith('?'))
    )
      return null;
    return {
      type: 'state',
      slide: slide as number,
      step: step as number,
      startedAt: startedAt as number | null,
      query,
    };
  }
  return null;
}

/** "4:05" for 245 s; for the presenter's timer. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
