// Greedy caption placement for chart markers: each caption tries the corners around its marker in order
// of preference and takes the first whose box stays inside the plot and overlaps nothing placed before
// (markers, roof labels, earlier captions). Optional captions that fit nowhere are dropped (the tooltip
// still has the text); required ones fall back to their first choice. Pure; text width is estimated
// (0.6 em per character, close for the system sans-serif fonts at these sizes).
import type { PlacedLabel } from './rooflineLayout.ts';

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export type Corner = 'below-right' | 'above-right' | 'below-left' | 'above-left';

export interface CaptionRequest {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly fontSize: number;
  readonly corners: readonly Corner[];
  readonly required: boolean;
}

const gapX = 10;

export function textBox(label: Pick<PlacedLabel, 'x' | 'y' | 'text' | 'anchor'>, fontSize: number): Box {
  const width = label.text.length * fontSize * 0.6;
  const x0 =
    label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - width : label.x - width / 2;
  return { x0, y0: label.y - fontSize * 0.8, x1: x0 + width, y1: label.y + fontSize * 0.25 };
}

export function markerBox(x: number, y: number, radius = 8): Box {
  return { x0: x - radius, y0: y - radius, x1: x + radius, y1: y + radius };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function inside(box: Box, bounds: Box): boolean {
  return box.x0 >= bounds.x0 && box.x1 <= bounds.x1 && box.y0 >= bounds.y0 && box.y1 <= bounds.y1;
}

function candidate(request: CaptionRequest, corner: Corner, ring: number): PlacedLabel {
  const right = corner.endsWith('right');
  const below = corner.startsWith('below');
  // Ring 0 hugs the marker; ring 1 steps one line further out, for crowded spots (a point on a roof line
  // between the roof's label and the ridge's).
  const step = ring * (request.fontSize + 4);
  return {
    x: Math.round((request.x + (right ? gapX : -gapX)) * 100) / 100,
    y: Math.round((request.y + (below ? request.fontSize + 6 + step : -10 - step)) * 100) / 100,
    text: request.text,
    angle: 0,
    anchor: right ? 'start' : 'end',
  };
}

function overlapArea(a: Box, b: Box): number {
  return (
    Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) *
    Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0))
  );
}

/** One PlacedLabel (or null when an optional caption fits nowhere) per request, in request order. */
export function placeCaptions(
  requests: readonly CaptionRequest[],
  obstacles: readonly Box[],
  bounds: Box,
): (PlacedLabel | null)[] {
  const taken: Box[] = [...obstacles];
  return requests.map((request) => {
    const candidates = [0, 1].flatMap((ring) =>
      request.corners.map((corner) => candidate(request, corner, ring)),
    );
    for (const label of candidates) {
      const box = textBox(label, request.fontSize);
      if (inside(box, bounds) && !taken.some((other) => overlaps(box, other))) {
        taken.push(box);
        return label;
      }
    }
    if (!request.required || candidates.length === 0) return null;
    // Nowhere is free: take the inside candidate that covers the least of what is already there.
    let best: PlacedLabel | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const label of candidates) {
      const box = textBox(label, request.fontSize);
      const cost =
        (inside(box, bounds) ? 0 : 1e9) + taken.reduce((sum, other) => sum + overlapArea(box, other), 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = label;
      }
    }
    if (best) taken.push(textBox(best, request.fontSize));
    return best;
  });
}
