// The explorer's static skeleton: toolbar, notices, inputs, and one section per chapter with slots for its
// charts and figures, built as elements. Everything dynamic is filled in by mount.ts.
import { h } from '../dom.ts';
import { CHAPTERS } from './chapters.ts';

export const CHART_SLOTS: Record<string, readonly { readonly id: string; readonly title: string }[]> = {
  load: [{ id: 'vram', title: 'VRAM: weights, activations and the KV budget, per GPU and per node' }],
  decode: [
    {
      id: 'decode',
      title: 'Decode at B=1: the napkin’s bandwidth ceiling and MBU range against ridgeline’s model',
    },
    { id: 'decode-ops', title: 'One decode step, stacked by operator: what each costs and what bounds it' },
  ],
  roofline: [
    {
      id: 'roofline',
      title: 'Roofline: where decode and prefill, and each of their operators, sit against the GPU’s roofs',
    },
  ],
  prefill: [
    { id: 'prefill-ops', title: 'One prefill chunk, stacked by operator: compute-bound where decode is not' },
    {
      id: 'ttft',
      title: 'TTFT against concurrency: ridgeline’s model, the blog’s napkin and measured points',
    },
  ],
  kv: [
    {
      id: 'kv',
      title:
        'Max concurrent streams against context (the KV-capacity cliff): ridgeline’s model and the blog’s napkin',
    },
  ],
  batching: [
    { id: 'batching', title: 'The batching curve: per-stream and aggregate tok/s against B (log2)' },
    // under load (the serving simulator, in a worker): the blog's four load-test curves (§8.3)
    { id: 'load-aggregate', title: 'Under load: aggregate output tok/s against concurrency' },
    { id: 'load-per-stream', title: 'Under load: per-stream tok/s against concurrency' },
    { id: 'load-ttft', title: 'Under load: TTFT against concurrency' },
    { id: 'load-cache', title: 'Under load: prefix cache hit rate against concurrency' },
  ],
  fleet: [
    { id: 'fleet', title: 'The fleet against the traffic tiers: self-hosted and API spill-over' },
    { id: 'bill', title: 'Monthly bill: self-host + spill-over against all-API' },
  ],
};

const button = (action: string, text: string, extra: Record<string, string> = {}) =>
  h('button', { type: 'button', 'data-action': action, ...extra }, text);

function chapterSection(chapter: (typeof CHAPTERS)[number]): HTMLElement {
  const slots = (CHART_SLOTS[chapter.id] ?? []).map((slot) =>
    h(
      'figure',
      { class: 'chart-slot', 'data-chart': slot.id },
      h('figcaption', {}, slot.title),
      h('div', { class: 'chart-host' }),
      h('div', { class: 'chart-legend', 'data-legend': slot.id }),
    ),
  );
  return h(
    'section',
    { class: 'chapter', 'data-chapter': chapter.id, 'aria-labelledby': `chapter-${chapter.id}` },
    h('h3', { id: `chapter-${chapter.id}` }, chapter.title),
    h('p', { class: 'lede' }, chapter.lede),
    h('div', { class: 'chapter-problems', hidden: true }),
    h('div', { class: 'charts' }, ...slots),
    chapter.id === 'batching' ? h('div', { class: 'load-table-host', 'data-role': 'load-table' }) : null,
    h('div', { class: 'chapter-extra', 'data-extra': chapter.id }),
    h('div', { class: 'figures headline-figures' }),
    h(
      'details',
      { class: 'more-figures' },
      h('summary', {}, 'All figures of this chapter'),
      h('div', { class: 'figures' }),
    ),
  );
}

function landscapeDialog(): HTMLElement {
  return h(
    'div',
    { class: 'landscape-dialog', role: 'dialog', 'aria-label': '3D batching landscape', hidden: true },
    h(
      'div',
      { class: 'landscape-header' },
      h('strong', {}, '3D batching landscape'),
      h(
        'label',
        {},
        'height ',
        h(
          'select',
          { 'data-role': 'landscape-metric' },
          h('option', { value: 'aggregate' }, 'aggregate tok/s'),
          h('option', { value: 'perStream' }, 'per-stream tok/s'),
        ),
      ),
      button('close-3d', 'Close'),
    ),
    h(
      'p',
      { class: 'landscape-help' },
      'Batch 1…512 (log2) across, context 1K…256K (log2) to the back, tok/s up. Drag to orbit, wheel to zoom.',
    ),
    h(
      'ul',
      { class: 'chart-legend landscape-legend', 'aria-label': '3D legend' },
      ...(
        [
          ['surface-meets', 'surface: meets the per-stream SLA'],
          ['surface-misses', 'misses the SLA'],
          ['surface-cliff', 'past the KV capacity'],
          ['kv-wall', 'red wall: KV capacity'],
          [
            'sla-plane',
            'blue: the SLA (a plane for per-stream height, a curtain through the chosen B for aggregate)',
          ],
          ['slice', "black line: the current context, the 2D chart's curve"],
        ] as const
      ).map(([cls, text]) => h('li', { class: `legend-item ${cls}` }, text)),
    ),
    h('div', { class: 'landscape-host' }),
  );
}

/** The explorer's skeleton, built as elements (no markup strings): `knobs` and `editor` go in the inputs. */
export function explorerSkeleton(knobs: HTMLElement, editor: readonly HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'explorer' },
    h(
      'header',
      { class: 'explorer-toolbar' },
      h('h2', { id: 'project-title' }, 'Projection explorer: the blog’s chain, step by step'),
      h(
        'div',
        { class: 'toolbar-actions' },
        button('present', 'Present', { class: 'present-button' }),
        button('open-3d', '3D landscape'),
        h('a', { class: 'share-link', 'data-role': 'share', href: '' }, 'link to this scenario'),
      ),
    ),
    h('div', { class: 'explorer-notices', role: 'status', 'aria-live': 'polite', hidden: true }),
    h(
      'div',
      { class: 'explorer-body' },
      h(
        'aside',
        { class: 'explorer-inputs', 'aria-label': 'Scenario inputs' },
        knobs,
        h('div', { class: 'scenario-problems', role: 'alert', hidden: true }),
        h('p', { class: 'cli-line' }, 'CLI: ', h('code', { 'data-role': 'cli' })),
        h(
          'details',
          { class: 'input-editor' },
          h('summary', {}, 'Every input (blog defaults, reset)'),
          ...editor,
        ),
      ),
      h('div', { class: 'explorer-chapters' }, ...CHAPTERS.map(chapterSection)),
    ),
    landscapeDialog(),
  );
}
