import { describe, expect, it } from 'vitest';
import {
  markerBox,
  overlaps,
  placeCaptionsWithLeaders,
  textBox,
} from '../../../src/charts/captionPlacement.ts';

const bounds = { x0: 0, y0: 0, x1: 500, y1: 300 };
const request = (x: number, y: number, text: string, required = false) => ({
  x,
  y,
  text,
  fontSize: 10,
  corners: ['below-right', 'above-right', 'below-left', 'above-left'] as const,
  required,
});

describe('placeCaptionsWithLeaders(requests, obstacles, bounds)', () => {
  it('takes the first corner that is free: below-right of the marker', () => {
    const [placed] = placeCaptionsWithLeaders([request(100, 100, 'B=8')], [], bounds);
    expect(placed?.label).toEqual({ x: 110, y: 116, text: 'B=8', angle: 0, anchor: 'start' });
  });

  it('moves a caption that would overlap an earlier one, and keeps all placed boxes disjoint', () => {
    const labels = placeCaptionsWithLeaders(
      [request(100, 100, 'gemv f32'), request(102, 102, 'gemv q4')],
      [],
      bounds,
    ).map((placed) => placed?.label ?? null);
    expect(labels[0]!.anchor).toBe('start');
    expect(labels[1]).not.toBeNull();
    expect(overlaps(textBox(labels[0]!, 10), textBox(labels[1]!, 10))).toBe(false);
  });

  it('keeps captions inside the plot: a marker at the right edge gets its caption slid back inside', () => {
    const [placed] = placeCaptionsWithLeaders([request(495, 100, 'gemm f32')], [], bounds);
    const box = textBox(placed!.label, 10);
    expect(box.x1).toBeLessThanOrEqual(500);
    expect(overlaps(box, markerBox(495, 100))).toBe(false);
  });

  it('leaves out a caption that fits nowhere rather than cover something; a required one tries further out', () => {
    const wall = { x0: 0, y0: 0, x1: 500, y1: 300 };
    expect(placeCaptionsWithLeaders([request(100, 100, 'x')], [wall], bounds)).toEqual([null]);
    expect(placeCaptionsWithLeaders([request(100, 100, 'prefill', true)], [wall], bounds)).toEqual([null]);
    // a ring of obstacles hugging the marker: the required caption moves out, with a leader back
    const ring = [0, 1, 2, 3].map((i) => markerBox(100 + (i % 2 ? 30 : -30), 100 + (i < 2 ? -20 : 20), 18));
    const [near] = placeCaptionsWithLeaders([request(100, 100, 'prefill', true)], ring, bounds);
    expect(near).not.toBeNull();
    expect(near!.leader).not.toBeNull();
    for (const box of ring) expect(overlaps(textBox(near!.label, 10), box)).toBe(false);
  });

  it('never puts a caption nearer another marker than its own', () => {
    const markers = [
      [100, 100],
      [100, 125],
    ] as const;
    const [label] = placeCaptionsWithLeaders([request(100, 100, 'decode B=64', true)], [], bounds, markers);
    const box = textBox(label!.label, 10);
    const distance = (x: number, y: number) =>
      Math.hypot(Math.max(box.x0 - x, 0, x - box.x1), Math.max(box.y0 - y, 0, y - box.y1));
    // (2 px of slack: a caption between two markers is read by the one it is aligned with)
    expect(distance(100, 100)).toBeLessThanOrEqual(distance(100, 125) + 2);
  });

  it('markerBox is centred on the marker', () => {
    expect(markerBox(10, 20, 5)).toEqual({ x0: 5, y0: 15, x1: 15, y1: 25 });
  });
});
