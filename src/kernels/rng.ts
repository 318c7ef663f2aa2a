// Seeded pseudo-random numbers for kernel inputs. WebGPU zero-fills buffers and zeros compress, so every input
// is filled from a seed; the same seed gives the same bytes in the browser and in Node, which makes a failed
// verification reproducible.

/** mulberry32 (Tommy Ettinger, public domain): 32-bit state, full 2^32 period, fast enough for 64M draws. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Derives an independent seed for the `stream`-th buffer of a plan, so buffers never share a sequence. */
export function deriveSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream + 1, 0xc2b2ae35)) >>> 0;
}

/**
 * Values repeat with this period (a prime, so matrix rows never line up with it). Drawing 1M numbers and
 * copying them keeps plan creation for a 256 MB buffer at tens of milliseconds instead of seconds, and a
 * 4 MB period is still far beyond anything a GPU's memory compression (per tile of a few hundred bytes)
 * or cache could exploit.
 */
export const RANDOM_PERIOD = 1_000_003;

/** `count` floats uniform in [lo, hi), rounded to f32, repeating with period RANDOM_PERIOD. */
export function randomFloats(count: number, seed: number, lo = -1, hi = 1): Float32Array {
  const next = createRng(seed);
  const out = new Float32Array(count);
  const span = (hi - lo) / 4294967296;
  const drawn = Math.min(count, RANDOM_PERIOD);
  for (let i = 0; i < drawn; i++) out[i] = lo + next() * span;
  // set(subarray) is a memcpy; V8's copyWithin is ~10× slower on large typed arrays.
  const block = out.subarray(0, drawn);
  for (let filled = drawn; filled < count; filled += drawn) {
    out.set(filled + drawn <= count ? block : block.subarray(0, count - filled), filled);
  }
  return out;
}
