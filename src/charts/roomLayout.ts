// The room's chart, pure: every device's roofs as a family of rooflines (one SVG path per device class,
// so 500 devices are 4 paths, not 500), their kernel points (again one path per class), the B200's roofs
// above, the fastest, the median and the newest device drawn over the family, and a histogram of memory
// bandwidth. Numbers in, path strings and tick positions out; roomRender.ts puts them on an <svg>.
import { scaleLog } from 'd3-scale';
import { si } from '../model/units/format.ts';
import { DEVICE_CLASSES, type DeviceClass, type RoomEntry, topComputeRoof } from '../room/entry.ts';
import type { HistogramBin } from '../room/summary.ts';
import { drawable, FLOPS_LIMITS, INTENSITY_LIMITS, powerTicks, type Tick } from './rooflineScales.ts';

export interface ReferenceRoof {
  /** e.g. "B200 BF16 dense" */
  readonly label: string;
  readonly bandwidthBytesPerSecond: number;
  readonly flopsPerSecond: number;
}

export interface RoomChartSize {
  readonly width: number;
  readonly height: number;
  readonly font: number;
}

export interface FamilyPaths {
  readonly deviceClass: DeviceClass;
  readonly count: number;
  /** every roofline of the class: one "M…L…L…" run per device */
  readonly roofs: string;
  /** every kernel point of the class: one small circle per point */
  readonly points: string;
}

export interface Highlight {
  readonly role: 'fastest' | 'median' | 'latest';
  readonly id: string;
  readonly path: string;
  /** where its label sits (the right end of its roof, moved clear of the other labels), px */
  readonly labelX: number;
  labelY: number;
}

export interface RoomChartLayout {
  readonly width: number;
  readonly height: number;
  readonly plot: {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  };
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly families: readonly FamilyPaths[];
  readonly references: readonly {
    readonly label: string;
    readonly path: string;
    readonly labelX: number;
    labelY: number;
  }[];
  readonly highlights: readonly Highlight[];
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const floorPow10 = (v: number) => 10 ** Math.floor(Math.log10(v));
const ceilPow10 = (v: number) => 10 ** Math.ceil(Math.log10(v));
const clampTo = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));

interface Roof {
  readonly bandwidth: number | null;
  readonly peak: number | null;
  /** The highest intensity the device measured a kernel at (1 FLOP/byte without points). */
  readonly reach: number;
}

const roofOf = (entry: RoomEntry): Roof => ({
  bandwidth: drawable(entry.roofs.memoryBytesPerSecond, FLOPS_LIMITS)
    ? entry.roofs.memoryBytesPerSecond
    : null,
  peak: topComputeRoof(entry),
  reach: Math.max(
    1,
    ...entry.points.map((p) => p.intensityFlopsPerByte).filter((x) => drawable(x, INTENSITY_LIMITS)),
  ),
});

/** Log domains that hold every roof, ridge and point, the references included, snapped to decades. */
export function roomDomains(
  entries: readonly RoomEntry[],
  references: readonly ReferenceRoof[],
): { x: [number, number]; y: [number, number] } {
  const xs = [1 / 16, 1000];
  const ys: number[] = [];
  const roofs: Roof[] = [
    ...references.map((r) => ({ bandwidth: r.bandwidthBytesPerSecond, peak: r.flopsPerSecond, reach: 1 })),
    ...entries.map(roofOf),
  ];
  for (const { bandwidth, peak } of roofs) {
    if (bandwidth !== null && peak !== null && drawable(peak / bandwidth, INTENSITY_LIMITS))
      xs.push(peak / bandwidth);
    if (peak !== null && drawable(peak, FLOPS_LIMITS)) ys.push(peak);
  }
  for (const entry of entries)
    for (const p of entry.points) {
      if (drawable(p.intensityFlopsPerByte, INTENSITY_LIMITS)) xs.push(p.intensityFlopsPerByte);
      if (drawable(p.flopsPerSecond, FLOPS_LIMITS)) ys.push(p.flopsPerSecond);
    }
  const x: [number, number] = [
    clampTo(floorPow10(Math.min(...xs) / 2), INTENSITY_LIMITS),
    clampTo(ceilPow10(Math.max(...xs) * 2), INTENSITY_LIMITS),
  ];
  for (const { bandwidth } of roofs) if (bandwidth !== null) ys.push(bandwidth * x[0]);
  if (ys.length === 0) return { x, y: [1e9, 1e16] };
  const hi = clampTo(ceilPow10(Math.max(...ys) * 3), FLOPS_LIMITS);
  // at most 10 decades: a phone's memory slope at the far left is clipped, not the B200's roof
  const lo = Math.max(clampTo(floorPow10(Math.min(...ys) / 3), FLOPS_LIMITS), hi / 1e10);
  return { x, y: [lo, Math.max(hi, lo * 100)] };
}

export function roomChartLayout(
  entries: readonly RoomEntry[],
  references: readonly ReferenceRoof[],
  highlighted: {
    readonly fastest?: string | null;
    readonly median?: string | null;
    readonly latest?: string | null;
  },
  size: RoomChartSize,
): RoomChartLayout {
  const { font } = size;
  const plot = {
    left: font * 7.5,
    top: font * 1.2,
    right: size.width - font * 10,
    bottom: size.height - font * 3,
  };
  const domains = roomDomains(entries, references);
  const x = scaleLog().domain(domains.x).range([plot.left, plot.right]);
  const y = scaleLog().domain(domains.y).range([plot.bottom, plot.top]);
  const [x0, x1] = domains.x;
  const [yLo, yHi] = domains.y;

  /** One roofline as "M…L…": memory slope (clipped to the plot) up to the ridge, then the flat roof. */
  const roofPath = (roof: Roof): string => {
    const { bandwidth, peak } = roof;
    if (bandwidth === null && peak === null) return '';
    if (bandwidth === null) return `M${r1(x(x0))} ${r1(y(clampTo(peak!, domains.y)))}H${r1(x(x1))}`;
    // without a compute roof the slope stops where the device has evidence: its rightmost point
    const top = Math.min(peak ?? bandwidth * Math.min(x1, roof.reach), yHi);
    const start = clampTo(yLo / bandwidth, [x0, x1]);
    const ridge = clampTo(top / bandwidth, [x0, x1]);
    const startY = clampTo(bandwidth * start, domains.y);
    let d = `M${r1(x(start))} ${r1(y(startY))}L${r1(x(ridge))} ${r1(y(clampTo(bandwidth * ridge, domains.y)))}`;
    if (peak !== null && ridge < x1) d += `H${r1(x(x1))}`;
    return d;
  };
  const radius = Math.max(2, font * 0.2);
  const pointPath = (entry: RoomEntry): string => {
    let d = '';
    for (const p of entry.points) {
      if (!drawable(p.intensityFlopsPerByte, domains.x) || !drawable(p.flopsPerSecond, domains.y)) continue;
      const cx = r1(x(p.intensityFlopsPerByte));
      const cy = r1(y(p.flopsPerSecond));
      d += `M${r1(cx - radius)} ${cy}a${radius} ${radius} 0 1 0 ${2 * radius} 0a${radius} ${radius} 0 1 0 ${-2 * radius} 0`;
    }
    return d;
  };

  const families: FamilyPaths[] = DEVICE_CLASSES.map((deviceClass) => {
    const members = entries.filter((e) => e.device.class === deviceClass);
    return {
      deviceClass,
      count: members.length,
      roofs: members.map((e) => roofPath(roofOf(e))).join(''),
      points: members.map(pointPath).join(''),
    };
  });

  const labelAt = (roof: Roof) => {
    const yValue = roof.peak ?? (roof.bandwidth !== null ? roof.bandwidth * x1 : yLo);
    return { labelX: r1(plot.right + font * 0.4), labelY: r1(y(clampTo(yValue, domains.y)) + font * 0.35) };
  };
  const referencePaths = references.map((r) => {
    const roof = { bandwidth: r.bandwidthBytesPerSecond, peak: r.flopsPerSecond, reach: 1 };
    return { label: r.label, path: roofPath(roof), ...labelAt(roof) };
  });
  const highlights: Highlight[] = [];
  for (const role of ['fastest', 'median', 'latest'] as const) {
    const id = highlighted[role];
    const entry = id ? entries.find((e) => e.id === id) : undefined;
    if (!entry) continue;
    const roof = roofOf(entry);
    highlights.push({ role, id: entry.id, path: roofPath(roof), ...labelAt(roof) });
  }
  spreadLabels([...referencePaths, ...highlights], font * 1.15, plot.top, size.height - font);
  return {
    width: size.width,
    height: size.height,
    plot,
    xTicks: powerTicks(x, ''),
    yTicks: powerTicks(y, 'FLOP/s'),
    families,
    references: referencePaths,
    highlights,
  };
}

/**
 * Moves the labels at the plot's right edge apart so none overlaps another (two devices of one figure
 * share a roof): sorted by height, each at least `gap` below the one above, the stack kept on the chart.
 */
export function spreadLabels(labels: { labelY: number }[], gap: number, top: number, bottom: number): void {
  const sorted = [...labels].sort((a, b) => a.labelY - b.labelY);
  let previous = top - gap;
  for (const label of sorted) {
    label.labelY = r1(Math.max(label.labelY, previous + gap));
    previous = label.labelY;
  }
  // pushed past the bottom: shift the stack back up from the end
  let next = bottom + gap;
  for (const label of sorted.reverse()) {
    label.labelY = r1(Math.min(label.labelY, next - gap));
    next = label.labelY;
  }
}

export interface HistogramLayout {
  readonly width: number;
  readonly height: number;
  /** all bars in one path */
  readonly bars: string;
  readonly baseline: number;
  readonly left: number;
  readonly right: number;
  /** decade labels under the bars ("10 GB/s") */
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
  /** the tallest bar's count and where its label sits */
  readonly maxCount: number;
  readonly markers: readonly { readonly role: 'fastest' | 'median'; readonly x: number }[];
}

/** Bars of the bandwidth histogram, with markers at the fastest and median devices' bandwidths. */
export function histogramLayout(
  bins: readonly HistogramBin[],
  markers: { readonly fastest?: number | null; readonly median?: number | null },
  size: RoomChartSize,
): HistogramLayout {
  const { font } = size;
  const left = font * 2.5;
  const right = size.width - font * 2.5;
  const top = font * 1.4;
  const baseline = size.height - font * 1.8;
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const first = bins[0];
  const last = bins.at(-1);
  if (!first || !last)
    return {
      width: size.width,
      height: size.height,
      bars: '',
      baseline,
      left,
      right,
      ticks: [],
      maxCount: 0,
      markers: [],
    };
  // whole decades either side, so one busy bin is a bar among empty ones, not the whole width
  const x = scaleLog()
    .domain([10 ** Math.floor(Math.log10(first.lo) + 1e-9), 10 ** Math.ceil(Math.log10(last.hi) - 1e-9)])
    .range([left, right]);
  const gap = Math.min(2, (right - left) / bins.length / 6);
  let bars = '';
  for (const bin of bins) {
    if (bin.count === 0) continue;
    const h = ((baseline - top) * bin.count) / maxCount;
    bars += `M${r1(x(bin.lo) + gap)} ${r1(baseline)}V${r1(baseline - h)}H${r1(x(bin.hi) - gap)}V${r1(baseline)}Z`;
  }
  const ticks: { x: number; label: string }[] = [];
  const [lo, hi] = x.domain() as [number, number];
  for (let e = Math.round(Math.log10(lo)); 10 ** e <= hi * (1 + 1e-9); e++)
    ticks.push({ x: r1(x(10 ** e)), label: si(10 ** e, 'B/s', 1) });
  const placed: { role: 'fastest' | 'median'; x: number }[] = [];
  for (const role of ['fastest', 'median'] as const) {
    const value = markers[role];
    if (value !== null && value !== undefined && value >= first.lo && value <= last.hi)
      placed.push({ role, x: r1(x(value)) });
  }
  return {
    width: size.width,
    height: size.height,
    bars,
    baseline,
    left,
    right,
    ticks,
    maxCount,
    markers: placed,
  };
}
