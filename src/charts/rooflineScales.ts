// The roofline chart's log-log domains and power-of-ten ticks, pure. Domains always include every roof's
// ridge, every point and the blog's reference range, snapped outwards to powers of ten, and never leave
// the widest range drawn (INTENSITY_LIMITS, FLOPS_LIMITS): a document with a rate of 5e-324 or 1e308 gives
// a chart of bounded size with the value left off it, not an endless tick loop (a denormal's log10 is
// −Infinity) or NaN coordinates.
import type { ScaleLogarithmic } from 'd3-scale';
import { powerOfTenLabel } from '../model/units/format.ts';
import { ridgeFlopsPerByte } from '../model/units/roofline.ts';
import type { RooflineChartData } from './rooflineTypes.ts';

export interface Tick {
  readonly value: number;
  readonly position: number;
  readonly label: string;
}

export const usable = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value) && value > 0;

/** x, FLOP per byte: from a stream's handful of FLOP per GB to a GEMM's thousands and far beyond. */
export const INTENSITY_LIMITS: readonly [number, number] = [1e-6, 1e9];
/** y, FLOP/s: 1 FLOP/s to 1e24 (a B200 does 1e16). */
export const FLOPS_LIMITS: readonly [number, number] = [1, 1e24];
/** Ticks per axis at most (a decade each): the limits above span 15 and 24 decades. */
const MAX_TICKS = 40;

/** Positive, finite and inside `limits`: a value the chart can place. */
export const drawable = (
  value: number | null | undefined,
  limits: readonly [number, number],
): value is number => usable(value) && value >= limits[0] && value <= limits[1];

const clampTo = (value: number, [lo, hi]: readonly [number, number]): number =>
  Math.min(hi, Math.max(lo, value));
const floorPow10 = (value: number): number => 10 ** Math.floor(Math.log10(value));
const ceilPow10 = (value: number): number => 10 ** Math.ceil(Math.log10(value));

/** x: FLOP/byte. Always spans at least 1/16 … 1k so an empty chart still reads as a roofline. */
export function intensityDomain(data: RooflineChartData): [number, number] {
  const xs: number[] = [0.0625, 1000];
  const add = (x: number | null | undefined) => {
    if (drawable(x, INTENSITY_LIMITS)) xs.push(x);
  };
  for (const roof of data.roofs) {
    for (const compute of roof.computeRoofs) {
      if (usable(roof.bandwidthBytesPerSecond) && usable(compute.flopsPerSecond)) {
        add(ridgeFlopsPerByte(compute.flopsPerSecond, roof.bandwidthBytesPerSecond));
      }
    }
  }
  for (const p of data.points) add(p.intensityFlopsPerByte);
  for (const p of data.operatingPoints) add(p.intensityFlopsPerByte);
  for (const p of data.extent ?? []) add(p.intensityFlopsPerByte);
  return [
    clampTo(floorPow10(Math.min(...xs) / 2), INTENSITY_LIMITS),
    clampTo(ceilPow10(Math.max(...xs) * 2), INTENSITY_LIMITS),
  ];
}

/** y: FLOP/s, from the lowest thing drawn (a point or the memory slope at the left edge) to above the top roof. */
export function flopsDomain(data: RooflineChartData, xMin: number): [number, number] {
  const ys: number[] = [];
  const add = (y: number | null | undefined) => {
    if (drawable(y, FLOPS_LIMITS)) ys.push(y);
  };
  for (const roof of data.roofs) {
    for (const compute of roof.computeRoofs) add(compute.flopsPerSecond);
    if (usable(roof.bandwidthBytesPerSecond)) add(roof.bandwidthBytesPerSecond * xMin);
  }
  for (const p of data.points) add(p.flopsPerSecond);
  for (const p of data.operatingPoints) add(p.flopsPerSecond);
  for (const p of data.extent ?? []) add(p.flopsPerSecond);
  if (ys.length === 0) return [1e9, 1e16];
  // A third below the lowest point, so a marker never sits on the x axis or under the region names.
  let lo = clampTo(floorPow10(Math.min(...ys) / 3), FLOPS_LIMITS);
  const hi = clampTo(ceilPow10(Math.max(...ys) * 3), FLOPS_LIMITS);
  // Keep at most 12 decades: a memory slope far below everything else is clipped at the bottom.
  if (hi / lo > 1e12) lo = hi / 1e12;
  return [lo, Math.max(hi, lo * 100)];
}

/** One tick per power of ten in the scale's domain; none for a domain that is not a finite positive span. */
export function powerTicks(scale: ScaleLogarithmic<number, number>, unit: string): Tick[] {
  const [lo, hi] = scale.domain() as [number, number];
  const ticks: Tick[] = [];
  if (!usable(lo) || !usable(hi) || hi < lo) return ticks;
  const last = Math.round(Math.log10(hi));
  for (let e = Math.round(Math.log10(lo)); e <= last && ticks.length < MAX_TICKS; e++) {
    const value = 10 ** e;
    ticks.push({ value, position: round(scale(value)), label: powerOfTenLabel(value, unit) });
  }
  return ticks;
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
