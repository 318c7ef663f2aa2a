// The blog's chain as chapters (the panels' order and the presentation's slides), and which chapter a
// figure belongs to, from its blog section: §2–4.1 Load, §4.2–4.3 Decode, §4.4–4.5 Roofline, §4.6–4.9
// Prefill & TTFT, §4.10 KV cache, §5 Batching, §6–7 Fleet & bill.

export const CHAPTERS = [
  { id: 'load', title: 'Load', lede: 'Load the model: weights, VRAM, and what is left for the KV cache.' },
  { id: 'decode', title: 'Decode', lede: 'Emit a token: every active byte crosses HBM once per pass.' },
  {
    id: 'roofline',
    title: 'Roofline',
    lede: 'Decode sits far left of the ridge: memory-bound, compute idle.',
  },
  {
    id: 'prefill',
    title: 'Prefill & TTFT',
    lede: 'Prompts load in parallel: compute-bound, and shared by everyone.',
  },
  { id: 'kv', title: 'KV cache', lede: 'Each user holds their context in VRAM: the budget sets the cliff.' },
  {
    id: 'batching',
    title: 'Batching',
    lede: 'Linear climb, bend, plateau, cliff: pick the largest B that meets the SLA.',
  },
  {
    id: 'fleet',
    title: 'Fleet & bill',
    lede: 'Size the fleet to the trough, spill the peaks to an API, compare the bill.',
  },
] as const;

export type ChapterId = (typeof CHAPTERS)[number]['id'];

export const CHAPTER_IDS: readonly ChapterId[] = CHAPTERS.map((c) => c.id);

/** "4.10.2" → [4, 10, 2]; "5.10 step 3" → [5, 10]; "4.3/5.9" → [4, 3] (the first section cited). */
function sectionNumbers(section: string): number[] {
  const first = section.trim().split(/[\s/]/)[0] ?? '';
  return first
    .split('.')
    .map((part) => Number.parseInt(part, 10))
    .filter((n) => Number.isFinite(n));
}

export function chapterOfSection(section: string): ChapterId {
  const [major = 0, minor = 0] = sectionNumbers(section);
  if (major <= 3) return 'load';
  if (major === 4) {
    if (minor <= 1) return 'load';
    if (minor <= 3) return 'decode';
    if (minor <= 5) return 'roofline';
    if (minor <= 9) return 'prefill';
    return 'kv';
  }
  if (major === 5) return 'batching';
  return 'fleet';
}

/** Figure ids whose topic outranks their section (TTFT napkin is printed in §5.10 step 8, cost in §2.1). */
const chapterByIdPrefix: readonly (readonly [string, ChapterId])[] = [
  ['ttft.', 'prefill'],
  ['cost.node_', 'fleet'],
  ['cost.entry_ticket', 'fleet'],
];

export function chapterOfFigure(id: string, section: string): ChapterId {
  for (const [prefix, chapter] of chapterByIdPrefix) if (id.startsWith(prefix)) return chapter;
  return chapterOfSection(section);
}
