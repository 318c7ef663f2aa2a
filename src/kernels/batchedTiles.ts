// The tiles of gemv-batched's tiled path (shaders/gemv-batched.wgsl): which workgroup shapes a device can run,
// which suit a batch size, and how many K slices (split-K) each needs to fill the device. A tile is
// COL_THREADS × ROW_THREADS invocations, each with an RM × RB block.
import type { DeviceTraits } from './deviceProfiles.ts';
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
/** K per staged step: 32 (the shader's 8 vec4; issue 22 asks for 32–64, it was 16). */
export const BATCHED_TILE_K = 32;
/** vec4 slots per staged row (8 + 1 of padding against bank conflicts, as in the shader). */
const TILE_STRIDE = 9;
/** Staged vec4 per invocation and step at most (the shader's prefetch registers, MAX_LOADS). */
const MAX_LOADS = 8;

/**
 * Candidate tiles, preferred first: wider batch tiles re-read W less, 256 invocations hide more latency.
 * The 32-row, 8-column one with 128 invocations fits compatibility limits (11.5 KB of f32 staging).
 */
const CANDIDATES: readonly BatchedTile[] = [
  { colThreads: 16, rowThreads: 16, rm: 4, rb: 2 },
  { colThreads: 16, rowThreads: 16, rm: 2, rb: 2 },
  { colThreads: 16, rowThreads: 8, rm: 4, rb: 2 },
  { colThreads: 8, rowThreads: 16, rm: 4, rb: 2 },
  { colThreads: 8, rowThreads: 32, rm: 2, rb: 1 },
  { colThreads: 8, rowThreads: 16, rm: 4, rb: 1 },
  { colThreads: 8, rowThreads: 16, rm: 2, rb: 1 },
];

export const tileRows = (t: BatchedTile) => t.rowThreads * t.rm;
export const tileColumns = (t: BatchedTile) => t.colThreads * t.rb;
export const tileName = (t: BatchedTile, split = 1) =>
  `tile ${tileRows(t)}x${tileColumns(t)} wg${t.colThreads * t.rowThreads}${split > 1 ? ` split-k ${split}` : ''}`;

/** Workgroup memory of a tile's double-buffered W and X slices, bytes. */
export function tileWorkgroupBytes(t: BatchedTile, elemBytes: number): number {
  return 2 * (tileRows(t) + tileColumns(t)) * TILE_STRIDE * 4 * elemBytes;
}

/**
 * The tiles to try for batch B on this device: within its invocations and workgroup memory, every staged
 * load placed, no wider than B rounded up to a power of two (wider tiles would mostly multiply padding),
 * the preferred few, the one with the fewest invocations first (the default variant).
 */
export function batchedTiles(batch: number, limits: KernelLimits, elemBytes: number): BatchedTile[] {
  let widest = 1;
  while (widest < batch) widest *= 2;
  const fits = CANDIDATES.filter((t) => {
    const invocations = t.colThreads * t.rowThreads;
    const loads = Math.ceil((Math.max(tileRows(t), tileColumns(t)) * 8) / invocations);
    return (
      invocations <= limits.maxComputeInvocationsPerWorkgroup &&
      tileWorkgroupBytes(t, elemBytes) <= limits.maxComputeWorkgroupStorageSize &&
      loads <= MAX_LOADS &&
      tileColumns(t) <= Math.max(8, widest)
    );
  });
  if (fits.length === 0) throw new Error(`gemv-batched: no tile fits this device's workgroup limits`);
  const ordered = [...fits].sort((a, b) => a.colThreads * a.rowThreads - b.colThreads * b.rowThreads);
  const first = ordered[0]!;
  return [first, ...fits.filter((t) => t !== first)].slice(0, MAX_TILE_VARIANTS);
}

/**
 * Workgroups a dispatch should reach: 2 per compute unit (so every SM / CU holds two and one can load while
 * the other computes); 256 where the device's units are unknown (2 per unit of a 128-unit GPU, the
 * largest class a profile does not name).
 */
export function workgroupTarget(device: DeviceTraits): number {
  return 2 * (device.computeUnits ?? 128);
}

/** Split-K at most: 16 slices. */
export const MAX_SPLIT_K = 16;
/** Each K slice keeps at least 4 staged steps (128 of K), so the prefetch has something to overlap. */
const MIN_STEPS_PER_SLICE = 4;

/**
 * K slices for a tile grid of `tiles` workgroups: the fewest (a power of two) reaching the device's
 * workgroup target, while each slice keeps MIN_STEPS_PER_SLICE steps of the padded K.
 */
export function splitK(tiles: number, K: number, device: DeviceTraits): number {
  const steps = Math.ceil(K / BATCHED_TILE_K);
  let split = 1;
  while (
    tiles * split < workgroupTarget(device) &&
    split * 2 <= MAX_SPLIT_K &&
    steps / (split * 2) >= MIN_STEPS_PER_SLICE
  )
    split *= 2;
  return split;
}
