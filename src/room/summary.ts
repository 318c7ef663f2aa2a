// What the speaker's view says about the room, pure: how many devices of each class, which one is fastest
// and which sits at the median, and a histogram of memory bandwidth. Devices are ranked by DRAM bandwidth
// (decode, the talk's subject, is bound by it); while no device has a memory roof (a profile whose
// streams fit in cache) they are ranked by their compute roof instead, and the view says which.
import { computeFigure, DEVICE_CLASSES, type DeviceClass, type RoomEntry } from './entry.ts';

export type RankingMetric = 'memory' | 'compute';

export interface Ranked {
  readonly entry: RoomEntry;
  /** bytes/s for 'memory', FLOP/s for 'compute' */
  readonly value: number;
}

export interface HistogramBin {
  /** bytes/s, inclusive */
  readonly lo: number;
  /** bytes/s, exclusive */
  readonly hi: number;
  readonly count: number;
}

export interface RoomSummary {
  readonly count: number;
  readonly byClass: Readonly<Record<DeviceClass, number>>;
  readonly metric: RankingMetric;
  readonly fastest: Ranked | null;
  readonly median: Ranked | null;
  /** Memory bandwidth in fixed quarter-decade bins (edges 10^(k/4) B/s), empty bins inside the range kept. */
  readonly histogram: readonly HistogramBin[];
  /** Devices without a memory roof (not in the histogram). */
  readonly withoutBandwidth: number;
}

export const BINS_PER_DECADE = 4;
/** At most this many bins: the document bounds, 1 kB/s … 1 PB/s, span 12 decades, 49 bins with both ends. */
const MAX_BINS = 49;

/** Bins from the lowest to the highest bandwidth, on fixed edges so bins do not move as results arrive. */
export function bandwidthHistogram(values: readonly number[]): HistogramBin[] {
  const usable = values.filter((v) => Number.isFinite(v) && v > 0);
  if (usable.length === 0) return [];
  const binOf = (v: number) => Math.floor(Math.log10(v) * BINS_PER_DECADE + 1e-9);
  let first = Math.min(...usable.map(binOf));
  const last = Math.max(...usable.map(binOf));
  first = Math.max(first, last - MAX_BINS + 1);
  const counts = new Array<number>(last - first + 1).fill(0);
  for (const v of usable) counts[Math.max(0, binOf(v) - first)]! += 1;
  return counts.map((count, i) => ({
    lo: 10 ** ((first + i) / BINS_PER_DECADE),
    hi: 10 ** ((first + i + 1) / BINS_PER_DECADE),
    count,
  }));
}

export function summariseRoom(entries: readonly RoomEntry[]): RoomSummary {
  const byClass = Object.fromEntries(DEVICE_CLASSES.map((c) => [c, 0])) as Record<DeviceClass, number>;
  const bandwidths: number[] = [];
  for (const entry of entries) {
    byClass[entry.device.class] += 1;
    const bandwidth = entry.roofs.memoryBytesPerSecond;
    if (bandwidth !== null) bandwidths.push(bandwidth);
  }
  const metric: RankingMetric = bandwidths.length > 0 ? 'memory' : 'compute';
  const ranked: Ranked[] = [];
  for (const entry of entries) {
    const value = metric === 'memory' ? entry.roofs.memoryBytesPerSecond : computeFigure(entry);
    if (value !== null) ranked.push({ entry, value });
  }
  // fastest first; equal figures keep arrival order, so the first to reach a figure keeps the title
  ranked.sort((a, b) => b.value - a.value);
  return {
    count: entries.length,
    byClass,
    metric,
    fastest: ranked[0] ?? null,
    // the lower median of an even count: a real device, never an average of two
    median: ranked[Math.ceil((ranked.length - 1) / 2)] ?? null,
    histogram: bandwidthHistogram(bandwidths),
    withoutBandwidth: entries.length - bandwidths.length,
  };
}

/** How a device is named on the slide: its nickname, else its adapter. */
export function displayName(entry: RoomEntry): string {
  return entry.nickname ?? entry.device.name;
}
