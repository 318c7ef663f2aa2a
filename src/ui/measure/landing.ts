// The landing's story around the roofline: a heading, a TL;DR, three sentences on memory- vs
// compute-bound pointing at the ridge on the chart, and the blog the projection follows, cited by title,
// author and date. The numbers come from the chart's own data (the B200 preset and the model's points).

import { BLOG_CITATION } from '../../model/presets/source.ts';
import { intensity } from '../../model/units/format.ts';
import { h } from '../dom.ts';

export interface LandingFacts {
  readonly ridgeFlopsPerByte: number;
  readonly decodeB1FlopsPerByte: number | null;
}

export const LANDING_TITLE = 'Why LLM decode waits on memory, measured on your GPU beside a B200';

export function landingHeading(): HTMLElement {
  return h('h2', { id: 'measure-title', class: 'landing-title' }, LANDING_TITLE);
}

export function landingStory(facts: LandingFacts): HTMLElement[] {
  const ridge = intensity(facts.ridgeFlopsPerByte);
  const decode = facts.decodeB1FlopsPerByte === null ? 'a few FLOP/B' : intensity(facts.decodeB1FlopsPerByte);
  return [
    h(
      'p',
      { class: 'tldr', 'data-field': 'tldr' },
      h('strong', {}, 'TL;DR '),
      `To emit one token an LLM reads every active weight from memory, so decode runs at the speed of memory: Kimi K2.6 on a B200 does ${decode} at batch 1, far left of the ridge, and its tensor cores mostly wait. Batching shares the reads; the explorer below follows the blog from there to a fleet and a monthly bill.`,
    ),
    h(
      'div',
      { class: 'bound-explainer', 'data-field': 'bound-explainer' },
      h('h3', {}, 'Memory-bound or compute-bound?'),
      h(
        'p',
        {},
        'A kernel’s arithmetic intensity is the FLOP it does per byte it moves from memory (across). ',
        `Left of a GPU’s ridge — peak FLOP/s ÷ bandwidth, ${ridge} for the B200, the ringed circle — the sloped roof caps it: it is memory-bound, and only bandwidth helps. `,
        'Right of the ridge the flat roof caps it: compute-bound, where prefill sits (★), while decode (★ at B = 1…256) stays far to the left.',
      ),
    ),
  ];
}

export function citation(): HTMLElement {
  return h(
    'p',
    { class: 'citation', 'data-field': 'citation' },
    'The projection follows ',
    h('cite', {}, `“${BLOG_CITATION.title}”`),
    ` by ${BLOG_CITATION.author} (${BLOG_CITATION.date}); every number it prints is checked in the explorer below.`,
  );
}
