// Pure geometry of the 3D batching landscape: batch (log2) along x, context (log2) along z, tok/s up y.
// Everything the scene draws is built here as typed arrays, so the numbers can be tested in Node and the
// slice at the current context can be read back from the very buffer the GPU draws.

import { countText } from '../model/units/format.ts';

export type LandscapeMetric = 'aggregate' | 'perStream';

export interface LandscapeGrid {
  /** ascending batch sizes, e.g. 1…512 */
  readonly batches: readonly number[];
  /** ascending context lengths in tokens, e.g. 1K…256K; includes the current context */
  readonly contexts: readonly number[];
  /** [contextIndex][batchIndex] tok/s per stream; null where the engine has no value */
  readonly perStreamTps: readonly (readonly (number | null)[])[];
  /** [contextIndex][batchIndex] aggregate tok/s */
  readonly aggregateTps: readonly (readonly (number | null)[])[];
  /** per context: the largest batch whose KV fits (F25), null when every batch fits */
  readonly kvCliffBatch: readonly (number | null)[];
  /** per context: the SLA pick (largest B meeting the per-stream SLA within the KV capacity), or null */
  readonly slaBatch: readonly (number | null)[];
  readonly slaPerStreamTps: number | null;
  readonly currentContext: number;
}

export interface LandscapeGeometry {
  /** surface vertices, xyz per (context, batch), row-major by context */
  readonly surface: Float32Array;
  /** two triangles per grid cell */
  readonly indices: Uint32Array;
  /** rgb per vertex: meets the SLA, misses it, or past the KV cliff */
  readonly colors: Float32Array;
  /** the KV cliff wall: a triangle strip as explicit triangles, xyz */
  readonly wall: Float32Array;
  /** height of the SLA plane in scene units (perStream metric only), else null */
  readonly slaY: number | null;
  /** aggregate metric: the SLA as a vertical curtain through the picked B at each context */
  readonly slaWall: Float32Array;
  /** tok/s at scene height 1 */
  readonly heightScale: number;
  readonly sliceIndex: number;
}

const logSpan = (values: readonly number[]): [number, number] => {
  const lo = Math.log2(values[0] ?? 1);
  const hi = Math.log2(values.at(-1) ?? 2);
  return [lo, hi > lo ? hi : lo + 1];
};

/** Map a batch or context to [-1, 1] on its log2 axis. */
export function axisPosition(value: number, values: readonly number[]): number {
  const [lo, hi] = logSpan(values);
  return ((Math.log2(value) - lo) / (hi - lo)) * 2 - 1;
}

const meets = [0.16, 0.55, 0.85];
const misses = [0.62, 0.66, 0.72];
const pastCliff = [0.85, 0.3, 0.25];

function finiteOrZero(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

export function buildLandscapeGeometry(grid: LandscapeGrid, metric: LandscapeMetric): LandscapeGeometry {
  const nb = grid.batches.length;
  const nc = grid.contexts.length;
  const heights = metric === 'aggregate' ? grid.aggregateTps : grid.perStreamTps;
  let max = 0;
  for (const row of heights) for (const v of row) max = Math.max(max, finiteOrZero(v));
  if (metric === 'perStream') max = Math.max(max, finiteOrZero(grid.slaPerStreamTps));
  const heightScale = max > 0 ? max : 1;
  const surface = new Float32Array(nb * nc * 3);
  const colors = new Float32Array(nb * nc * 3);
  for (let c = 0; c < nc; c++) {
    const z = axisPosition(grid.contexts[c] ?? 1, grid.contexts);
    const cliff = grid.kvCliffBatch[c] ?? null;
    for (let b = 0; b < nb; b++) {
      const batch = grid.batches[b] ?? 1;
      const i = (c * nb + b) * 3;
      surface[i] = axisPosition(batch, grid.batches);
      surface[i + 1] = finiteOrZero(heights[c]?.[b]) / heightScale;
      surface[i + 2] = z;
      const stream = finiteOrZero(grid.perStreamTps[c]?.[b]);
      const color =
        cliff !== null && batch > cliff
          ? pastCliff
          : grid.slaPerStreamTps !== null && stream < grid.slaPerStreamTps
            ? misses
            : meets;
      colors.set(color, i);
    }
  }
  const indices = new Uint32Array(Math.max(0, (nb - 1) * (nc - 1) * 6));
  let k = 0;
  for (let c = 0; c < nc - 1; c++) {
    for (let b = 0; b < nb - 1; b++) {
      const a = c * nb + b;
      const d = a + nb;
      indices.set([a, d, a + 1, a + 1, d, d + 1], k);
      k += 6;
    }
  }
  return {
    surface,
    indices,
    colors,
    wall: buildWall(grid, grid.kvCliffBatch),
    slaWall: metric === 'aggregate' ? buildWall(grid, grid.slaBatch) : new Float32Array(0),
    slaY: metric === 'perStream' && grid.slaPerStreamTps !== null ? grid.slaPerStreamTps / heightScale : null,
    heightScale,
    sliceIndex: Math.max(0, grid.contexts.indexOf(grid.currentContext)),
  };
}

/** A vertical wall through a batch per context (the KV cliff, the SLA pick), height 1 (the plot's top). */
function buildWall(grid: LandscapeGrid, batchAt: readonly (number | null)[]): Float32Array {
  const maxBatch = grid.batches.at(-1) ?? 1;
  const minBatch = grid.batches[0] ?? 1;
  const edge: [number, number][] = [];
  grid.contexts.forEach((context, c) => {
    const cliff = batchAt[c];
    if (cliff === null || cliff === undefined || !(cliff >= minBatch && cliff <= maxBatch)) return;
    edge.push([axisPosition(cliff, grid.batches), axisPosition(context, grid.contexts)]);
  });
  const wall = new Float32Array(Math.max(0, (edge.length - 1) * 18));
  for (let i = 0; i < edge.length - 1; i++) {
    const [x0, z0] = edge[i] as [number, number];
    const [x1, z1] = edge[i + 1] as [number, number];
    wall.set([x0, 0, z0, x1, 0, z1, x0, 1, z0, x0, 1, z0, x1, 0, z1, x1, 1, z1], i * 18);
  }
  return wall;
}

/** Read the slice at the current context back out of the surface buffer, in tok/s. */
export function sliceFromGeometry(geometry: LandscapeGeometry, batchCount: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < batchCount; b++) {
    const i = (geometry.sliceIndex * batchCount + b) * 3 + 1;
    out.push((geometry.surface[i] ?? 0) * geometry.heightScale);
  }
  return out;
}

export interface AxisTick {
  /** position along its axis in scene units ([-1, 1] for batch and context, [0, 1] for height) */
  readonly at: number;
  readonly label: string;
}

export interface LandscapeTicks {
  readonly batch: readonly AxisTick[];
  readonly context: readonly AxisTick[];
  readonly height: readonly AxisTick[];
}

/** "1,500" / "12.5k" / "1.2M": short tok/s labels for the height axis. */
function shortRate(value: number): string {
  return countText(value).replace(' ', '');
}

/**
 * Ticks for the three axes: batch at every second doubling (1, 4, 16, 64, 256 and the last), context at
 * every second doubling (1K, 4K, 16K, 64K, 256K), height at 0, ¼, ½, ¾ and the top, in tok/s. Pure.
 */
export function landscapeTicks(grid: LandscapeGrid, heightScale: number): LandscapeTicks {
  const everyOther = (
    values: readonly number[],
    isDoubling: (v: number) => boolean,
    label: (v: number) => string,
  ): AxisTick[] => {
    const doublings = values.filter(isDoubling);
    const picked = doublings.filter((_, i) => i % 2 === 0);
    const last = values.at(-1);
    if (last !== undefined && !picked.includes(last) && doublings.includes(last)) picked.push(last);
    return picked.map((v) => ({ at: axisPosition(v, values), label: label(v) }));
  };
  return {
    batch: everyOther(
      grid.batches,
      (b) => Number.isInteger(Math.log2(b)),
      (b) => String(b),
    ),
    // contexts double in decimal thousands (1K = 1,000 tokens, spec §1.2)
    context: everyOther(
      grid.contexts,
      (c) => Number.isInteger(Math.log2(c / 1000)),
      (c) => `${Math.round(c / 1000)}K`,
    ),
    height: [0, 0.25, 0.5, 0.75, 1].map((f) => ({ at: f, label: shortRate(f * heightScale) })),
  };
}
