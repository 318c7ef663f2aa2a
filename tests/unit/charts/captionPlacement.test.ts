import { describe, expect, it } from 'vitest';
import { markerBox, overlaps, placeCaptions, textBox } from '../../../src/charts/captionPlacement.ts';

const bounds = { x0: 0, y0: 0, x1: 500, y1: 300 };
const request = (x: number, y: number, text: string, required = false) => ({
  x,
  y,
  text,
  fontSize: 10,
  corners: ['below-right', 'above-right', 'below-left', 'above-left'] as const,
  required,
});

describe('placeCaptions(requests, obstacles, bounds)', () => {
  it('takes the first corner that is free: below-right of the marker', () => {
    const [label] = placeCaptions([request(100, 100, 'B=8')], [], bounds);
    expect(label).toEqual({ x: 110, y: 116, text: 'B=8', angle: 0, anchor: 'start' });
  });

  it('moves a caption that would overlap an earlier one, and keeps all placed boxes disjoint', () => {
    const labels = placeCaptions([request(100, 100, 'gemv f32'), request(102, 102, 'gemv q4')], [], bounds);
    expect(labels[0]!.anchor).toBe('start');
    expect(labels[1]).not.toBeNull();
    expect(overlaps(textBox(labels[0]!, 10), textBox(labels[1]!, 10))).toBe(false);
  });

  it('keeps captions inside the plot: a marker at the right edge gets a left-side caption', () => {
    const [label] = placeCaptions([request(495, 100, 'gemm f32')], [], bounds);
    expect(label!.anchor).toBe('end');
  });

  it('drops an optional caption that fits nowhere, but never a required one', () => {
    const wall = { x0: 0, y0: 0, x1: 500, y1: 300 };
    expect(placeCaptions([request(100, 100, 'x')], [wall], bounds)).toEqual([null]);
    const [required] = placeCaptions([request(100, 100, 'prefill', true)], [wall], bounds);
    expect(required!.text).toBe('prefill');
  });

  it('markerBox is centred on the marker', () => {
    expect(markerBox(10, 20, 5)).toEqual({ x0: 5, y0: 15, x1: 15, y1: 25 });
  });
});
