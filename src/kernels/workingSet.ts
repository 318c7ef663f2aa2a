// The one working-set policy (issues 12 and 22): a case that measures bandwidth touches, across the buffer
// sets it rotates through, at least 4 × the largest last-level cache it could meet, so back-to-back
// dispatches read DRAM and not the previous dispatch's data still in cache. Four times, as McCalpin's STREAM
// asks of its arrays ("each array must be at least 4 times the size of the available cache memory", STREAM
// FAQ): caches are not LRU, and at 2 × (this policy's first rule) a review of the plans found sets at
// 2.00–2.03 × the cache, where non-LRU replacement still lets ~20 % of reads hit. (nvbench's cold-cache mode
// writes one L2-sized buffer between runs instead.) A case that cannot reach it (a small device, a shape
// shrunk for a slow one, the quick profile) is marked cache-resident.

import { si } from '../model/units/format.ts';

/** Rotation sets are separate buffers bound in turn; beyond this many the bind groups cost more than they show. */
export const MAX_ROTATE_SETS = 64;

export interface WorkingSet {
  /** Copies of the rotated buffers (1 = none). */
  readonly rotateSets: number;
  /** Distinct bytes the case touches across all its sets. */
  readonly workingSetBytes: number;
  /** The working set is below 4 × LLC: its rates are cache rates, never a DRAM figure or the memory roof. */
  readonly cacheResident: boolean;
}

export interface WorkingSetRequest {
  /** Bytes one dispatch touches in the buffers that rotate (a copy per set). */
  readonly rotatedBytes: number;
  /** Bytes touched that every set shares (inputs not rotated, outputs). */
  readonly sharedBytes: number;
  readonly llcBytes: number;
  /** Fewer sets than MAX_ROTATE_SETS where the case cannot make more distinct ones (moe-gemv's experts). */
  readonly maxSets?: number;
}

/** The policy's multiple of the last-level cache a bandwidth case's working set reaches. */
export const LLC_MULTIPLE = 4;

/** The fewest sets that reach the multiple of the LLC, within the cap; cache-resident when even the cap falls short. */
export function bandwidthWorkingSet(request: WorkingSetRequest): WorkingSet {
  const { rotatedBytes, sharedBytes, llcBytes } = request;
  const cap = Math.max(1, Math.min(MAX_ROTATE_SETS, Math.floor(request.maxSets ?? MAX_ROTATE_SETS)));
  const target = LLC_MULTIPLE * llcBytes;
  const wanted = rotatedBytes > 0 ? Math.ceil((target - sharedBytes) / rotatedBytes) : 1;
  const rotateSets = Math.min(cap, Math.max(1, wanted));
  const workingSetBytes = rotateSets * rotatedBytes + sharedBytes;
  return { rotateSets, workingSetBytes, cacheResident: workingSetBytes < target };
}

/** A compute-bound case: one set, its operands are meant to stay in cache; never cache-resident. */
export function computeWorkingSet(bytes: number): WorkingSet {
  return { rotateSets: 1, workingSetBytes: bytes, cacheResident: false };
}

/** Bytes as the CLI and the page print them (4.1 kB, 268 MB): ridgeline's one number formatter. */
const bytesText = (bytes: number): string => si(bytes, 'B');

/** One line for a cache-resident case's warnings (and the page's details). */
export function cacheResidentNote(workingSetBytes: number, llcBytes: number): string {
  return (
    `cache-resident: working set ${bytesText(workingSetBytes)} is too small against the ${bytesText(llcBytes)} ` +
    'last-level cache to read from DRAM, so its rate is a cache figure (never the memory roof)'
  );
}
