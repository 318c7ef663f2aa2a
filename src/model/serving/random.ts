// Seeded randomness for the serving simulator: a run is a pure function of its inputs and its seed. Each
// stream draws from its own generator (seed, stream), so stream 3's requests are the same at every
// concurrency level: the levels of a sweep differ in load, not in luck (common random numbers).

/** SplitMix32 finaliser: spreads a 32-bit state into a well-mixed 32-bit output. */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A small, fast generator (mulberry32: 2^32 period, passes the usual statistical batteries for this use;
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c) returning uniforms in [0, 1).
 */
export interface Random {
  /** a uniform in [0, 1) */
  next(): number;
}

export function randomFor(seed: number, stream: number): Random {
  let state = mix32(mix32(seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9));
  return {
    next() {
      state = (state + 0x6d2b79f5) | 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A standard normal draw (Box–Muller; the uniform is kept away from 0 so the logarithm is finite). */
export function normal(random: Random): number {
  const u = Math.max(random.next(), 2 ** -32);
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** An exponential draw of mean `mean` (Poisson arrivals' gaps). */
export function exponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random.next());
}
