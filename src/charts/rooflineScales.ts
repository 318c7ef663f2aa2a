// The roofline chart's log-log domains and power-of-ten ticks, pure. Domains always include every roof's
// ridge, every point and the blog's reference range, snapped outwards to powers of ten.
import type { ScaleLogarithmic } from 'd3-scale';
import { ridgeFlopsPerByte } from '../model/roofline.ts';
import { powerOfTenLabel } from './format.ts';
import type { RooflineChartData } from './rooflineTypes.ts';

export interface Tick {
  readonly value: number;
  readonly position: number;
  readonly label: string;
}

export const usable = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value) && value > 0;

const floorPow10 = (value: number): number => 10 ** Math.floor(Math.log10(value));
const ceilPow10 = (value: number): number => 10 ** Math.ceil(Math.log10(value));

/** x: FLOP/byte. Always spans at least 1/16 … 1k so an empty chart still reads as a roofline. */
export function intensityDomain(data: RooflineChartData): [number, number] {
  const xs: number[] = [0.0625, 1000];
  for (const roof of data.roofs) {
    for (const compute of roof.computeRoofs) {
      if (usable(roof.bandwidthBytesPerSecond) && usable(compute.flopsPerSecond)) {
        xs.push(ridgeFlopsPerByte(compute.flopsPerSecond, roof.bandwidthBytesPerSecond));
      }
    }
  }
  for (const p of data.points) if (usable(p.intensityFlopsPerByte)) xs.push(p.intensityFlopsPerByte);
  for (const p of data.operatingPoints) if (usable(p.intensityFlopsPerByte)) xs.push(p.intensityFlopsPerByte);
  return [floorPow10(Math.min(...xs) / 2), ceilPow10(Math.max(...xs) * 2)];
}

/** y: FLOP/s, from the lowest thing drawn (a point or the memory slope at the left edge) to above the top roof. */
export function flopsDomain(data: RooflineChartData, xMin: number): [number, number] {
  const ys: number[] = [];
  for (const roof of data.roofs) {
    for (const compute of roof.computeRoofs)
      if (usable(compute.flopsPerSecond)) ys.push(compute.flopsPerSecond);
    if (usable(roof.bandwidthBytesPerSecond)) ys.push(roof.bandwidthBytesPerSecond * xMin);
  }
  for (const p of data.points) if (usable(p.flopsPerSecond)) ys.push(p.flopsPerSecond);
  for (const p of data.operatingPoints) if (usable(p.flopsPerSecond)) ys.push(p.flopsPerSecond);
  if (ys.length === 0) return [1e9, 1e16];
  // A third below the lowest point, so a marker never sits on the x axis or under the region names.
  let lo = floorPow10(Math.min(...ys) / 3);
  const hi = ceilPow10(Math.max(...ys) * 3);
  // Keep at most 12 decades: a memory slope far below everything else is clipped at the bottom.
  if (hi / lo > 1e12) lo = hi / 1e12;
  return [lo, Math.max(hi, lo * 100)];
}

export function powerTicks(scale: ScaleLogarithmic<number, number>, unit: string): Tick[] {
  const [lo, hi] = scale.domain() as [number, number];
  const ticks: Tick[] = [];
  for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) {
    const value = 10 ** e;
    ticks.push({ value, position: round(scale(value)), label: powerOfTenLabel(value, unit) });
  }
  return ticks;
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
