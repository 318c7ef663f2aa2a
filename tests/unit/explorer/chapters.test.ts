import { describe, expect, it } from 'vitest';
import { CHAPTER_IDS, chapterOfFigure, chapterOfSection } from '../../../src/ui/explorer/chapters.ts';

describe('chapters', () => {
  it('follow the blog: Load, Decode, Roofline, Prefill & TTFT, KV cache, Batching, Fleet & bill', () => {
    expect(CHAPTER_IDS).toEqual(['load', 'decode', 'roofline', 'prefill', 'kv', 'batching', 'fleet']);
  });

  it('chapterOfSection(section) maps blog sections to chapters', () => {
    expect(chapterOfSection('3.2')).toBe('load');
    expect(chapterOfSection('4')).toBe('load');
    expect(chapterOfSection('4.2')).toBe('decode');
    expect(chapterOfSection('4.3/5.9')).toBe('decode');
    expect(chapterOfSection('4.5')).toBe('roofline');
    expect(chapterOfSection('4.7/4.8')).toBe('prefill');
    expect(chapterOfSection('4.10.2')).toBe('kv');
    expect(chapterOfSection('5.10 step 3')).toBe('batching');
    expect(chapterOfSection('6/7.1')).toBe('fleet');
  });

  it('chapterOfFigure(id, section) lets TTFT and node cost follow their topic', () => {
    expect(chapterOfFigure('ttft.napkin', '5.10 step 8')).toBe('prefill');
    expect(chapterOfFigure('cost.node_per_month', '2.1')).toBe('fleet');
    expect(chapterOfFigure('cost.tp8_per_m', '5.10 step 7')).toBe('batching');
  });
});
