// The talk, as plain data: one idea per slide in the blog's order, each with the number of build steps it
// reveals before → moves on, and the navigation over (slide, step). The URL names the slide
// (#present=roofline), so a speaker can share, reload or jump to one. Pure: the deck (deck.ts), the
// presenter view (presenter.ts, with the titles and notes of slideText.ts) and tests/unit/deck/slides.test.ts
// read it.
import { isIsoTimestamp } from '../../measure/isoTime.ts';
import type { SimulatedTtft } from '../../model/story.ts';
import { clipForMessage, plainText } from '../../model/text/plainText.ts';
import { RANGES, withinBound } from '../../model/units/ranges.ts';

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

/** The slide name a #present= link carries, decoded; null when the hash is no such link or does not decode. */
function presentName(hash: string): string | null {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  try {
    return decodeURIComponent(hash.slice(HASH_PREFIX.length));
  } catch {
    // "%", "%E0%A4%A", "%ZZ", a cut "%F0%9F": a damaged link, read as one that names no slide
    return null;
  }
}

/** "#present=roofline" → the roofline slide; older links to a chapter open that chapter's slide. */
export function slideFromHash(hash: string, slides: readonly SlideSpec[] = SLIDES): number | null {
  const id = presentName(hash);
  if (id === null) return null;
  const index = slides.findIndex((s) => s.id === id);
  if (index >= 0) return index;
  const byChapter = slides.findIndex((s) => s.chapter === id);
  return byChapter >= 0 ? byChapter : null;
}

/**
 * What is wrong with a #present= link that opens no slide (it does not decode, or names none), in one line
 * for the deck to show as it opens at its first slide; null for a good link or a hash that is no such link.
 */
export function presentLinkProblem(hash: string, slides: readonly SlideSpec[] = SLIDES): string | null {
  if (!hash.startsWith(HASH_PREFIX) || slideFromHash(hash, slides) !== null) return null;
  const id = presentName(hash);
  const first = slides[0]?.title ?? 'the first slide';
  if (id === null)
    return `This link’s slide name does not decode (a damaged link?): the deck opens at “${first}”.`;
  return `This link names no slide of this deck (“${clipForMessage(id)}”): the deck opens at “${first}”.`;
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
      /**
       * The deck's measured GPU ("Your GPU" in the explorer), which lives in the deck's window only: the
       * presenter needs it to evaluate a query that names that GPU. Absent before a run.
       */
      readonly yourGpu?: DeckGpu;
      /** the serving simulator's TTFT of the scenario, once the deck's page has simulated it (SlideSources.load) */
      readonly load?: SimulatedTtft;
    }
  | { readonly type: 'command'; readonly action: DeckCommand }
  | { readonly type: 'hello' };

/** The measured roofs "Your GPU" is built from (ui/explorer/measuredRoofs.ts yourGpuPreset reads these). */
export interface DeckGpu {
  readonly name: string;
  readonly bandwidthBps: number;
  /** the FMA rates yourGpuPreset reads: f32 and f16, FLOP/s */
  readonly flopsByDtype: Readonly<{ f32?: number; f16?: number }>;
  readonly createdAt: string;
}

/** A device name as the measure page caps it (measuredRoofs.ts). */
const MAX_GPU_NAME = 80;

/**
 * The measured GPU of a state message, each number within its physical range (units/ranges.ts), the date
 * ISO 8601, the name cut to plain text; undefined when it is not one.
 */
function deckGpuOf(value: unknown): DeckGpu | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const gpu = value as Record<string, unknown>;
  const { name, bandwidthBps, flopsByDtype, createdAt } = gpu;
  if (typeof name !== 'string' || typeof createdAt !== 'string' || !isIsoTimestamp(createdAt))
    return undefined;
  if (typeof bandwidthBps !== 'number' || !withinBound(bandwidthBps, RANGES.bandwidth)) return undefined;
  if (typeof flopsByDtype !== 'object' || flopsByDtype === null) return undefined;
  const flops: { f32?: number; f16?: number } = {};
  for (const dtype of ['f32', 'f16'] as const) {
    const rate = (flopsByDtype as Record<string, unknown>)[dtype];
    if (rate === undefined) continue;
    if (typeof rate !== 'number' || !withinBound(rate, RANGES.flopRate)) return undefined;
    flops[dtype] = rate;
  }
  return { name: plainText(name, MAX_GPU_NAME), bandwidthBps, flopsByDtype: flops, createdAt };
}

/** Levels a load simulation sweeps (the CLI's concurrency sweep has about a dozen). */
export const MAX_DECK_LOAD_POINTS = 64;

/** A state message's simulated TTFTs: at most MAX_DECK_LOAD_POINTS, whole concurrencies, times in range. */
function deckLoadOf(value: unknown): SimulatedTtft | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const points = (value as Record<string, unknown>)['points'];
  if (!Array.isArray(points) || points.length > MAX_DECK_LOAD_POINTS) return undefined;
  const kept: { concurrency: number; ttftP50Seconds: number }[] = [];
  for (const point of points as unknown[]) {
    if (typeof point !== 'object' || point === null) return undefined;
    const { concurrency, ttftP50Seconds } = point as Record<string, unknown>;
    if (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 1)
      return undefined;
    if (concurrency > RANGES.shapeValue.max) return undefined;
    if (typeof ttftP50Seconds !== 'number' || !withinBound(ttftP50Seconds, RANGES.runSeconds))
      return undefined;
    kept.push({ concurrency, ttftP50Seconds });
  }
  return { points: kept };
}

export const DECK_CHANNEL = 'ridgeline-deck';

/**
 * How far from this window's clock a deck's start may be: both windows read the same computer's clock, so
 * a start in the future is at most a moment's skew, and a talk runs for hours, not days.
 */
export const STARTED_AT_SKEW_MS = 60_000;
export const STARTED_AT_MAX_AGE_MS = 24 * 3600_000;

/** The longest query a state message may carry (the explorer's links are well under 1,000 characters). */
export const MAX_DECK_QUERY = 4000;

const COMMANDS: readonly DeckCommand[] = ['next', 'previous', 'first', 'last', 'reset-timer'];

/**
 * A message from the channel, or null when it is not one of ours. Any page of this origin can post on the
 * channel, so nothing is trusted blindly: the type and action by name, the slide and its build step in the
 * deck's range, the start of the talk null (not started) or near `now` (never "2.99e+303:48" on the
 * presenter's timer), the scenario's query capped and shaped like one, and a measured GPU and simulated
 * TTFTs within their physical ranges.
 */
export function parseDeckMessage(
  data: unknown,
  now: number = Date.now(),
  slides: readonly SlideSpec[] = SLIDES,
): DeckMessage | null {
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
    const whole = (v: unknown, max: number): v is number =>
      typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
    if (!whole(slide, slides.length - 1) || !whole(step, slides[slide]?.steps ?? 0)) return null;
    if (
      !(
        startedAt === null ||
        (typeof startedAt === 'number' &&
          Number.isFinite(startedAt) &&
          startedAt <= now + STARTED_AT_SKEW_MS &&
          startedAt >= now - STARTED_AT_MAX_AGE_MS)
      ) ||
      typeof query !== 'string' ||
      query.length > MAX_DECK_QUERY ||
      (query !== '' && !query.startsWith('?'))
    )
      return null;
    const yourGpu = message['yourGpu'] === undefined ? undefined : deckGpuOf(message['yourGpu']);
    const load = message['load'] === undefined ? undefined : deckLoadOf(message['load']);
    if ((message['yourGpu'] !== undefined && !yourGpu) || (message['load'] !== undefined && !load))
      return null;
    return {
      type: 'state',
      slide,
      step,
      startedAt,
      query,
      ...(yourGpu ? { yourGpu } : {}),
      ...(load ? { load } : {}),
    };
  }
  return null;
}

/** "4:05" for 245 s; for the presenter's timer. */
export function clockText(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
