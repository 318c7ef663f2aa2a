// Greedy label placement with collision avoidance, pure. Each label tries its candidate spots in order of
// preference and takes the first whose box stays inside the plot and overlaps nothing placed before it
// (markers, lines, labels). Point captions try the spots around their marker, never one nearer another
// marker than their own (so "decode B=64" cannot float by the B=16 star), then rings further out with a
// leader line back to the marker (the leader says whose it is). A label that fits nowhere is left out rather than drawn
// over another (the tooltip and the legend still carry it); required captions try more rings first.
// Text widths come from textMetrics.ts.
import type { PlacedLabel } from './rooflineLayout.ts';
import { textWidth } from './textMetrics.ts';

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export type Corner =
  | 'below-right'
  | 'above-right'
  | 'below-left'
  | 'above-left'
  | 'below'
  | 'above'
  | 'left'
  | 'right';

export interface CaptionRequest {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly fontSize: number;
  readonly corners: readonly Corner[];
  readonly required: boolean;
  /** the marker's radius, px (captions keep this far from its centre); 8 by default */
  readonly radius?: number;
  /** markers that count as this caption's own (the members of a group named together) */
  readonly own?: readonly (readonly [number, number])[];
}

/** A caption and, when it sits away from its marker, the leader line drawn back to the marker. */
export interface PlacedCaption {
  readonly label: PlacedLabel;
  readonly leader: readonly [number, number, number, number] | null;
}

const gapX = 10;

export function textBox(label: Pick<PlacedLabel, 'x' | 'y' | 'text' | 'anchor'>, fontSize: number): Box {
  const width = textWidth(label.text, fontSize);
  const x0 =
    label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - width : label.x - width / 2;
  return { x0, y0: label.y - fontSize * 0.8, x1: x0 + width, y1: label.y + fontSize * 0.25 };
}

/**
 * A rotated label (along a roof's slope) as a chain of small boxes along its baseline, each covering the
 * glyphs' height: enough to keep other labels and markers off it without oriented-box geometry.
 */
export function rotatedTextBoxes(label: PlacedLabel, fontSize: number): Box[] {
  const width = textWidth(label.text, fontSize);
  const radians = (label.angle * Math.PI) / 180;
  const [ux, uy] = [Math.cos(radians), Math.sin(radians)];
  // the glyphs' middle sits 0.3 em above the baseline, across the text direction
  const [nx, ny] = [Math.sin(radians), -Math.cos(radians)];
  const start = label.anchor === 'middle' ? -width / 2 : label.anchor === 'end' ? -width : 0;
  const half = fontSize * 0.55;
  const boxes: Box[] = [];
  for (let d = start; d <= start + width + 0.01; d += fontSize * 0.5) {
    const cx = label.x + ux * d + nx * fontSize * 0.3;
    const cy = label.y + uy * d + ny * fontSize * 0.3;
    boxes.push({ x0: cx - half, y0: cy - half, x1: cx + half, y1: cy + half });
  }
  return boxes;
}

/** Boxes covering a line segment (a roof, a sweep), `pad` px either side. */
export function segmentBoxes(
  a: readonly [number, number],
  b: readonly [number, number],
  pad = 3,
  step = 8,
): Box[] {
  const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const steps = Math.max(1, Math.ceil(length / step));
  const boxes: Box[] = [];
  for (let i = 0; i <= steps; i++) {
    const x = a[0] + ((b[0] - a[0]) * i) / steps;
    const y = a[1] + ((b[1] - a[1]) * i) / steps;
    boxes.push({ x0: x - pad, y0: y - pad, x1: x + pad, y1: y + pad });
  }
  return boxes;
}

export function markerBox(x: number, y: number, radius = 8): Box {
  return { x0: x - radius, y0: y - radius, x1: x + radius, y1: y + radius };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

export function inside(box: Box, bounds: Box): boolean {
  return box.x0 >= bounds.x0 && box.x1 <= bounds.x1 && box.y0 >= bounds.y0 && box.y1 <= bounds.y1;
}

/** Distance from a point to a box (0 inside). */
function distanceTo(box: Box, x: number, y: number): number {
  const dx = Math.max(box.x0 - x, 0, x - box.x1);
  const dy = Math.max(box.y0 - y, 0, y - box.y1);
  return Math.hypot(dx, dy);
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

function candidate(request: CaptionRequest, corner: Corner, ring: number, bounds: Box): PlacedLabel {
  const radius = request.radius ?? 8;
  // Ring 0 hugs the marker; rings 1–3 step further out (with a leader line) for crowded spots, e.g. a
  // point on a roof line between the roof's label and the ridge's.
  const stepY = ring * (request.fontSize + 6);
  const stepX = ring * request.fontSize * 1.2;
  const side = Math.max(gapX, radius + 2) + stepX;
  const level = corner === 'left' || corner === 'right';
  const centred = corner === 'below' || corner === 'above';
  const right = corner.endsWith('right');
  const below = corner.startsWith('below');
  const label: PlacedLabel = {
    x: round2(centred ? request.x : request.x + (right ? side : -side)),
    y: round2(
      level
        ? request.y + request.fontSize * 0.35
        : request.y + (below ? request.fontSize * 0.8 + radius + stepY : -radius - 2 - stepY),
    ),
    text: request.text,
    angle: 0,
    anchor: centred ? 'middle' : right ? 'start' : 'end',
  };
  // a label that would run off the plot slides back inside (the collision check decides if it fits there)
  const box = textBox(label, request.fontSize);
  const shift = box.x1 > bounds.x1 ? bounds.x1 - box.x1 : box.x0 < bounds.x0 ? bounds.x0 - box.x0 : 0;
  return shift === 0 ? label : { ...label, x: round2(label.x + shift) };
}

/** The leader from a marker to a label placed away from it: from the marker's edge to the box's near side. */
function leaderTo(request: CaptionRequest, box: Box): [number, number, number, number] {
  const tx = Math.min(Math.max(request.x, box.x0), box.x1);
  const ty = Math.min(Math.max(request.y, box.y0), box.y1);
  const length = Math.hypot(tx - request.x, ty - request.y) || 1;
  const r = (request.radius ?? 8) * 0.8;
  return [
    round2(request.x + ((tx - request.x) / length) * r),
    round2(request.y + ((ty - request.y) / length) * r),
    round2(tx),
    round2(ty),
  ];
}

/**
 * One PlacedCaption (or null when an optional caption fits nowhere) per request, in request order.
 * `markers` are the centres of every marker on the chart: a caption never sits nearer another marker
 * than its own.
 */
export function placeCaptionsWithLeaders(
  requests: readonly CaptionRequest[],
  obstacles: readonly Box[],
  bounds: Box,
  markers: readonly (readonly [number, number])[] = [],
): (PlacedCaption | null)[] {
  const taken: Box[] = [...obstacles];
  return requests.map((request) => {
    const rings = request.required ? [0, 1, 2, 3] : [0, 1];
    const candidates = rings.flatMap((ring) =>
      request.corners.map((corner) => ({ label: candidate(request, corner, ring, bounds), ring })),
    );
    const mine = (mx: number, my: number): boolean =>
      (mx === request.x && my === request.y) ||
      (request.own ?? []).some(([ox, oy]) => ox === mx && oy === my);
    const unambiguous = (box: Box): boolean => {
      const own = Math.min(
        distanceTo(box, request.x, request.y),
        ...(request.own ?? []).map(([ox, oy]) => distanceTo(box, ox, oy)),
      );
      return !markers.some(([mx, my]) => !mine(mx, my) && distanceTo(box, mx, my) + 2 < own);
    };
    for (const { label, ring } of candidates) {
      const box = textBox(label, request.fontSize);
      // a caption beside its marker must be nearest to it; one further out has a leader that says whose it is
      const clear = ring === 0 ? unambiguous(box) : true;
      if (inside(box, bounds) && clear && !taken.some((other) => overlaps(box, other))) {
        taken.push(box);
        return { label, leader: ring === 0 ? null : leaderTo(request, box) };
      }
    }
    return null;
  });
}

/**
 * The first of `spots` whose box is inside `bounds` and free of `taken` (which it then joins), or null
 * when every spot would cover something. Rotated spots are checked as chains of boxes.
 */
export function placeFirstFree(
  spots: readonly PlacedLabel[],
  fontSize: number,
  bounds: Box,
  taken: Box[],
): PlacedLabel | null {
  for (const spot of spots) {
    const boxes = spot.angle === 0 ? [textBox(spot, fontSize)] : rotatedTextBoxes(spot, fontSize);
    if (boxes.every((box) => inside(box, bounds) && !taken.some((other) => overlaps(box, other)))) {
      taken.push(...boxes);
      return spot;
    }
  }
  return null;
}
