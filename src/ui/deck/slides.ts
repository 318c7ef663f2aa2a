// The talk, as plain data: one idea per slide in the blog's order, each with its speaker notes and the
// number of build steps it reveals before → moves on, and the navigation over (slide, step). The URL names
// the slide (#present=roofline), so a speaker can share, reload or jump to one. Pure: the deck
// (deck.ts), the presenter view (presenter.ts) and tests/unit/deck/slides.test.ts all read it.

export interface SlideSpec {
  readonly id: string;
  /** shown on the slide and in the presenter view */
  readonly title: string;
  /** the blog chapter it belongs to (explorer chapters.ts), or null for the title, measure and punchline */
  readonly chapter: string | null;
  /** build steps after the first view (→ reveals them one by one before the next slide) */
  readonly steps: number;
  /** what to say: the presenter view shows it */
  readonly notes: readonly string[];
}

export const SLIDES: readonly SlideSpec[] = [
  {
    id: 'title',
    title: 'How to save millions by self-hosting LLMs — checked, live',
    chapter: null,
    steps: 0,
    notes: [
      'The blog works from a 1-trillion-parameter model on one 8×B200 node to a monthly bill. Every number on these slides is computed live in this browser tab, from the blog’s own inputs.',
      'Press P to open this presenter view in a second window; → and ← move, Esc leaves.',
    ],
  },
  {
    id: 'load',
    title: 'Load: where the weights go',
    chapter: 'load',
    steps: 0,
    notes: [
      'Weights are parameters times bytes per parameter: 1 T × 0.5 B at FP4 is 500 GB, three B200s just to hold them.',
      'What is left of the node after weights and activations is the KV budget: it decides how many users fit.',
    ],
  },
  {
    id: 'decode',
    title: 'Decode: one token reads every active weight',
    chapter: 'decode',
    steps: 0,
    notes: [
      'Each token reads the 32 B active parameters once: 16 GB at FP4. Divide the node’s effective bandwidth by that and you get the ceiling, 3,125 tokens per second at batch 1.',
      'Real systems reach 10–12 % of it at batch 1 (MBU): 312–375 tok/s.',
    ],
  },
  {
    id: 'roofline',
    title: 'The roofline: decode sits far left of the ridge',
    chapter: 'roofline',
    steps: 3,
    notes: [
      'x is FLOP per byte moved, y is FLOP per second. The slope is the bandwidth roof, the flat line the compute roof; they meet at the ridge, 1,250 FLOP/B for the B200.',
      'Decode at batch 1 does about 3–4 FLOP per byte: memory-bound, the tensor cores mostly idle. → moves the batch up; the point climbs the slope.',
      'It stalls: weights are shared by the batch, the KV cache is not. At 80K context intensity creeps to about 22 FLOP/B, and the KV budget holds 340 streams.',
    ],
  },
  {
    id: 'measure',
    title: 'Measure this laptop',
    chapter: null,
    steps: 0,
    notes: [
      'Press Run: the quick profile streams memory and runs FMA, GEMV and GEMM kernels on this machine’s GPU through WebGPU, in about half a minute.',
      'Its roofline lands beside the B200: the same shape, a few orders of magnitude lower. On a CPU fallback adapter the page says so.',
    ],
  },
  {
    id: 'prefill',
    title: 'Prefill & TTFT: compute-bound, and shared',
    chapter: 'prefill',
    steps: 0,
    notes: [
      'Prefill processes the whole prompt at once: thousands of tokens per read of the weights, right of the ridge. The theoretical rate is 1.25 M tok/s; the blog measured 78,000 (6.2 % MFU).',
      'Concurrent prefills share that rate: TTFT grows with the number of requests arriving together.',
    ],
  },
  {
    id: 'kv',
    title: 'KV cache: each user holds their context',
    chapter: 'kv',
    steps: 0,
    notes: [
      'MLA keeps 576 values per token per layer: 35 kB per token. At 80K tokens that is 2.8 GB per user, and the 956 GB budget holds 340 users.',
      'Halve the context and twice as many fit: the cliff moves.',
    ],
  },
  {
    id: 'batching',
    title: 'Batching: climb, bend, plateau, cliff',
    chapter: 'batching',
    steps: 0,
    notes: [
      'Per-stream speed falls as B grows, aggregate throughput rises then flattens; past the KV capacity it falls off a cliff.',
      'Pick the largest B that still meets the per-stream SLA.',
    ],
  },
  {
    id: 'fleet',
    title: 'Fleet & bill: size to the trough, spill the peaks',
    chapter: 'fleet',
    steps: 1,
    notes: [
      'Size the self-hosted fleet to the traffic trough, so it is always busy; send what exceeds it to the API.',
      'The bill: self-host plus spill-over against paying the API for everything.',
    ],
  },
  {
    id: 'punchline',
    title: 'The punchline',
    chapter: null,
    steps: 0,
    notes: [
      'The saving is real but modest, and it rests on a handful of measured numbers: the TP4 replica’s throughput, the GPU-hour price, the API price and the traffic tiers.',
      'Change any of them in the explorer: the whole chain, and this number, follows.',
    ],
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

/** What the deck and the presenter view tell each other over a BroadcastChannel. */
export type DeckMessage =
  | { readonly type: 'state'; readonly slide: number; readonly step: number; readonly startedAt: number }
  | { readonly type: 'command'; readonly action: 'next' | 'previous' | 'first' | 'last' }
  | { readonly type: 'hello' };

export const DECK_CHANNEL = 'ridgeline-deck';

/** A message from the channel, or null when it is not one of ours (never trusted blindly). */
export function parseDeckMessage(data: unknown): DeckMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  if (message['type'] === 'hello') return { type: 'hello' };
  if (message['type'] === 'command') {
    const action = message['action'];
    return action === 'next' || action === 'previous' || action === 'first' || action === 'last'
      ? { type: 'command', action }
      : null;
  }
  if (message['type'] === 'state') {
    const { slide, step, startedAt } = message;
    const ok = (v: unknown, max: number) =>
      typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
    if (
      !ok(slide, SLIDES.length - 1) ||
      !ok(step, 16) ||
      typeof startedAt !== 'number' ||
      !Number.isFinite(startedAt)
    )
      return null;
    return { type: 'state', slide: slide as number, step: step as number, startedAt };
  }
  return null;
}

/** "4:05" for 245 s; for the presenter's timer. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
