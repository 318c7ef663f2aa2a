import { describe, expect, it } from 'vitest';
import {
  actionForKey,
  clockText,
  hashForSlide,
  move,
  parseDeckMessage,
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

  it('accepts only well-formed messages from the channel', () => {
    expect(parseDeckMessage({ type: 'state', slide: 2, step: 1, startedAt: 5, query: '?model=x' })).toEqual({
      type: 'state',
      slide: 2,
      step: 1,
      startedAt: 5,
      query: '?model=x',
    });
    // before the talk starts the timer has no start; an old deck sends no query
    expect(parseDeckMessage({ type: 'state', slide: 2, step: 1, startedAt: null })).toEqual({
      type: 'state',
      slide: 2,
      step: 1,
      startedAt: null,
      query: '',
    });
    expect(
      parseDeckMessage({ type: 'state', slide: 2, step: 1, startedAt: 5, query: 'x'.repeat(5000) }),
    ).toBeNull();
    expect(
      parseDeckMessage({ type: 'state', slide: 2, step: 1, startedAt: 5, query: 'no-question-mark' }),
    ).toBeNull();
    expect(parseDeckMessage({ type: 'state', slide: 2, step: 1, startedAt: 5, query: 7 })).toBeNull();
    expect(parseDeckMessage({ type: 'command', action: 'reset-timer' })).toEqual({
      type: 'command',
      action: 'reset-timer',
    });
    expect(parseDeckMessage({ type: 'state', slide: 99, step: 0, startedAt: 5 })).toBeNull();
    expect(parseDeckMessage({ type: 'state', slide: 1.5, step: 0, startedAt: 5 })).toBeNull();
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
  });
});
