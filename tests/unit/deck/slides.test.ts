import { describe, expect, it } from 'vitest';
import {
  actionForKey,
  clockText,
  hashForSlide,
  move,
  parseDeckMessage,
  presentLinkProblem,
  SLIDE_IDS,
  SLIDES,
  slideFromHash,
} from '../../../src/ui/deck/slides.ts';
import { CHAPTER_IDS } from '../../../src/ui/explorer/chapters.ts';

describe('the talk (slides.ts)', () => {
  it('opens with a title, covers every blog chapter in order, measures live and ends with the punchline', () => {
    expect(SLIDE_IDS[0]).toBe('title');
    expect(SLIDE_IDS.at(-1)).toBe('punchline');
    expect(SLIDE_IDS).toContain('measure');
    const chapters = SLIDES.flatMap((s) => (s.chapter ? [s.chapter] : []));
    expect(chapters).toEqual([...CHAPTER_IDS]);
    for (const slide of SLIDES) expect(slide.title.length, slide.id).toBeLessThan(60);
    expect(new Set(SLIDE_IDS).size).toBe(SLIDES.length);
    // one idea per slide: the batching chapter is two slides, the regions then the SLA pick
    expect(SLIDE_IDS.indexOf('sla')).toBe(SLIDE_IDS.indexOf('batching') + 1);
  });

  it('keys: →/space/PageDown next, ←/PageUp/shift-space back, Home/End, Esc leaves, P opens the presenter view', () => {
    expect(actionForKey('ArrowRight', false)).toBe('next');
    expect(actionForKey(' ', false)).toBe('next');
    expect(actionForKey(' ', true)).toBe('previous');
    expect(actionForKey('ArrowLeft', false)).toBe('previous');
    expect(actionForKey('PageUp', false)).toBe('previous');
    expect(actionForKey('Home', false)).toBe('first');
    expect(actionForKey('End', false)).toBe('last');
    expect(actionForKey('Escape', false)).toBe('exit');
    expect(actionForKey('p', false)).toBe('presenter');
    expect(actionForKey('x', false)).toBeNull();
  });

  it('→ reveals a slide’s build steps before moving on; ← walks them back; both stop at the ends', () => {
    const roofline = SLIDE_IDS.indexOf('roofline');
    const steps = SLIDES[roofline]!.steps;
    expect(steps).toBeGreaterThan(0);
    let at = { slide: roofline, step: 0 };
    for (let i = 1; i <= steps; i++) {
      at = move(at, 'next');
      expect(at).toEqual({ slide: roofline, step: i });
    }
    expect(move(at, 'next')).toEqual({ slide: roofline + 1, step: 0 });
    // back from the next slide lands on the roofline's last step: what the audience saw
    expect(move({ slide: roofline + 1, step: 0 }, 'previous')).toEqual({ slide: roofline, step: steps });
    expect(move({ slide: 0, step: 0 }, 'previous')).toEqual({ slide: 0, step: 0 });
    const last = SLIDES.length - 1;
    expect(move({ slide: last, step: 0 }, 'next')).toEqual({ slide: last, step: 0 });
    expect(move({ slide: 3, step: 1 }, 'first')).toEqual({ slide: 0, step: 0 });
    expect(move({ slide: 3, step: 1 }, 'last')).toEqual({ slide: last, step: 0 });
  });

  it('a URL per slide, and links to a chapter (the old present mode) open its slide', () => {
    for (const [i, id] of SLIDE_IDS.entries()) {
      expect(hashForSlide(i)).toBe(`#present=${id}`);
      expect(slideFromHash(`#present=${id}`)).toBe(i);
    }
    expect(slideFromHash('#present=fleet')).toBe(SLIDE_IDS.indexOf('fleet'));
    expect(slideFromHash('#present=nope')).toBeNull();
    expect(slideFromHash('#measure')).toBeNull();
  });

  it('a damaged #present= link opens no slide and says so, never throws (issue 20)', () => {
    for (const hash of [
      '#present=%',
      '#present=%E0%A4%A',
      '#present=%ZZ',
      '#present=title%',
      '#present=%F0%9F',
    ]) {
      expect(() => slideFromHash(hash), hash).not.toThrow();
      expect(slideFromHash(hash), hash).toBeNull();
      expect(presentLinkProblem(hash), hash).toMatch(
        /^This link’s slide name does not decode \(a damaged link\?\): the deck opens at “How to save/,
      );
    }
    expect(presentLinkProblem('#present=<img src=x onerror=alert(1)>')).toMatch(
      /^This link names no slide of this deck \(“<img src=x onerror=alert\(1\)>”\): the deck opens at/,
    );
    // a good link, an old chapter link and a hash that is no present link: nothing to say
    expect(presentLinkProblem('#present=roofline')).toBeNull();
    expect(presentLinkProblem('#present=fleet')).toBeNull();
    expect(presentLinkProblem('#run=abc')).toBeNull();
    // an encoded good name still opens its slide
    expect(slideFromHash('#present=%72oofline')).toBe(SLIDE_IDS.indexOf('roofline'));
  });

  it('accepts only well-formed messages from the channel', () => {
    const now = 1_800_000_000_000;
    const roofline = SLIDE_IDS.indexOf('roofline');
    const state = { type: 'state', slide: roofline, step: 1, startedAt: now - 60_000, query: '?model=x' };
    expect(parseDeckMessage(state, now)).toEqual(state);
    expect(parseDeckMessage({ ...state, slide: 99 }, now)).toBeNull();
    expect(parseDeckMessage({ ...state, slide: 1.5 }, now)).toBeNull();
    // a build step the slide does not have
    expect(parseDeckMessage({ ...state, step: SLIDES[roofline]!.steps + 1 }, now)).toBeNull();
    expect(parseDeckMessage({ ...state, slide: 0, step: 1 }, now)).toBeNull();
    // the start of the talk must be near now: not 1e308, not before the epoch, not tomorrow (issue 20)
    for (const startedAt of [1e308, -1e308, -1, 5, now + 3600_000, now - 2 * 24 * 3600_000, '5'])
      expect(parseDeckMessage({ ...state, startedAt }, now), String(startedAt)).toBeNull();
    expect(parseDeckMessage({ ...state, startedAt: now + 1000 }, now)).not.toBeNull();
    // before the talk starts the timer has no start; an old deck sends no query
    const { query: _query, ...old } = state;
    expect(parseDeckMessage({ ...old, startedAt: null }, now)).toEqual({
      ...old,
      startedAt: null,
      query: '',
    });
    // the scenario's query: capped, and shaped like one
    expect(parseDeckMessage({ ...state, query: `?${'x'.repeat(5000)}` }, now)).toBeNull();
    expect(parseDeckMessage({ ...state, query: 'no-question-mark' }, now)).toBeNull();
    expect(parseDeckMessage({ ...state, query: 7 }, now)).toBeNull();
    // the deck's measured GPU ("Your GPU"): each number in its physical range, the date ISO, the name text
    const yourGpu = {
      name: 'google swiftshader',
      bandwidthBps: 2e9,
      flopsByDtype: { f32: 1.7e10 },
      createdAt: '2026-12-08T01:00:00.000Z',
    };
    expect(parseDeckMessage({ ...state, yourGpu }, now)).toEqual({ ...state, yourGpu });
    const long = parseDeckMessage({ ...state, yourGpu: { ...yourGpu, name: `<b>${'x'.repeat(500)}` } }, now);
    expect(long?.type === 'state' && (long.yourGpu?.name.length ?? 0) <= 80).toBe(true);
    for (const bad of [
      { ...yourGpu, bandwidthBps: 1e300 },
      { ...yourGpu, bandwidthBps: Number.NaN },
      { ...yourGpu, flopsByDtype: { f32: -1 } },
      { ...yourGpu, flopsByDtype: { f16: '1e12' } },
      { ...yourGpu, flopsByDtype: null },
      { ...yourGpu, createdAt: '<iframe src=//x> 2020' },
      { ...yourGpu, name: 7 },
      'a GPU',
      null,
    ])
      expect(parseDeckMessage({ ...state, yourGpu: bad }, now), JSON.stringify(bad)).toBeNull();
    // the story's TTFT under load (the page's simulation): whole concurrencies, times in range, capped
    const load = { points: [{ concurrency: 16, ttftP50Seconds: 0.21 }] };
    expect(parseDeckMessage({ ...state, load }, now)).toEqual({ ...state, load });
    for (const bad of [
      { points: [{ concurrency: 1.5, ttftP50Seconds: 0.2 }] },
      { points: [{ concurrency: 16, ttftP50Seconds: 1e300 }] },
      { points: [{ concurrency: 16, ttftP50Seconds: -1 }] },
      { points: [{ concurrency: 16 }] },
      { points: Array.from({ length: 65 }, (_, i) => ({ concurrency: i + 1, ttftP50Seconds: 0.1 })) },
      { points: 'many' },
      null,
    ])
      expect(parseDeckMessage({ ...state, load: bad }, now), JSON.stringify(bad)).toBeNull();
    // only the rates "Your GPU" reads are kept
    const extra = parseDeckMessage(
      { ...state, yourGpu: { ...yourGpu, flopsByDtype: { f32: 1e10, q4: 5 } } },
      now,
    );
    expect(extra?.type === 'state' && extra.yourGpu?.flopsByDtype).toEqual({ f32: 1e10 });
    expect(parseDeckMessage({ type: 'command', action: 'reset-timer' })).toEqual({
      type: 'command',
      action: 'reset-timer',
    });
    expect(parseDeckMessage({ type: 'command', action: 'next' })).toEqual({
      type: 'command',
      action: 'next',
    });
    expect(parseDeckMessage({ type: 'command', action: 'rm -rf' })).toBeNull();
    expect(parseDeckMessage({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(parseDeckMessage('<script>')).toBeNull();
    expect(parseDeckMessage(null)).toBeNull();
  });

  it('clockText shows minutes and seconds', () => {
    expect(clockText(0)).toBe('0:00');
    expect(clockText(245.7)).toBe('4:05');
    expect(clockText(Number.NaN)).toBe('0:00');
    expect(clockText(Number.POSITIVE_INFINITY)).toBe('0:00');
  });
});
