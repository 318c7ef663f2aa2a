// The tiles of gemv-batched's tiled path (shaders/gemv-batched.wgsl): which workgroup shapes a device can run
// and which suit a batch size. A tile is COL_THREADS × ROW_THREADS invocations, each with an RM × RB block.
import type { KernelLimits } from './options.ts';

export interface BatchedTile {
  readonly colThreads: number;
  readonly rowThreads: number;
  /** Rows and batch columns per invocation (≤ 4 each: the shader's register block). */
  readonly rm: number;
  readonly rb: number;
}

/** Up to a few columns gemv.wgsl takes the batch (its partial sums share one vec4); above, the tiled path. */
export const DIRECT_MAX_BATCH = 4;
/** Variants per batch size at most: each costs a pipeline and a brief timing in the tuning. */
const MAX_TILE_VARIANTS = 2;
/** K per staged step (the shader's four vec4). */
export const BATCHED_TILE_K = 16;
/** vec4 slots per staged row (4 + 1 of padding against bank conflicts, as in the shader). */
const TILE_STRIDE = 5;

/** Candidate tiles, preferred first: wider batch tiles re-read W less, 256 invocations hide more latency. */
const CANDIDATES: readonly BatchedTile[] = [
  { colThreads: 16, rowThreads: 16, rm: 2, rb: 4 },
  { colThreads: 16, rowThreads: 16, rm: 4, rb: 2 },
  { colThreads: 16, rowThreads: 8, rm: 4, rb: 2 },
  { colThreads: 8, rowThreads: 32, rm: 2, rb: 2 },
  { colThreads: 8, rowThreads: 16, rm: 4, rb: 2 },
  { colThreads: 8, rowThreads: 32, rm: 2, rb: 1 },
  { colThreads: 8, rowThreads: 16, rm: 4, rb: 1 },
];

export const tileRows = (t: BatchedTile) => t.rowThreads * t.rm;
export const tileColumns = (t: BatchedTile) => t.colThreads * t.rb;
export const tileName = (t: BatchedTile) =>
  `tile ${tileRows(t)}x${tileColumns(t)} wg${t.colThreads * t.rowThreads}`;

/** Workgroup memory of a tile's staged W and X slices, bytes. */
export function tileWorkgroupBytes(t: BatchedTile, elemBytes: number): number {
  return (tileRows(t) + tileColumns(t)) * TILE_STRIDE * 4 * elemBytes;
}

/**
 * The tiles to try for batch B on this device: within its invocations and workgroup memory, no wider than
 * B rounded up to a power of two (wider tiles would mostly multiply padding), the preferred few.
 */
export function batchedTiles(batch: number, limits: KernelLimits, elemBytes: number): BatchedTile[] {
  let widest = 1;
  while (widest < batch) widest *= 2;
  const fits = CANDIDATES.filter(
    (t) =>
      t.colThreads * t.rowThreads <= limits.maxComputeInvocationsPerWorkgroup &&
      tileWorkgroupBytes(t, elemBytes) <= limits.maxComputeWorkgroupStorageSize &&
      tileColumns(t) <= Math.max(8, widest),
  );
  if (fits.length === 0) throw new Error(`gemv-batched: no tile fits this device's workgroup limits`);
  // Compatibility tile first (the default variant): 128 invocations run everywhere.
  const ordered = [...fits].sort((a, b) => a.colThreads * a.rowThreads - b.colThreads * b.rowThreads);
  const first = ordered[0]!;
  return [first, ...fits.filter((t) => t !== first)].slice(0, MAX_TILE_VARIANTS);
}
