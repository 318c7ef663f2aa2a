// Detects a coarse timer: browsers quantise timestamp queries to 100 µs (Chrome, see plan.ts) and coarsen
// performance.now() (100 µs, or 5 µs when cross-origin isolated). A quantised timer shows up as every
// interval being a multiple of one tick; we take the greatest common divisor of the integer-nanosecond
// intervals. Native timestamps have ~1 ns resolution, so a common divisor ≥ 1 µs across several samples
// is a quantised clock (chance of 3 fine-grained intervals sharing one: ~1e-9).
import { secondsFromNanoseconds } from './time.ts';

export interface QuantisationReport {
  /** True when all intervals are multiples of a tick of at least `MIN_TICK_NS`. */
  readonly quantised: boolean;
  /** The tick in seconds when quantised, else null. */
  readonly tickSeconds: number | null;
  /** Tick ÷ median interval: the worst relative error one tick can cause. 0 when not quantised. */
  readonly relativeResolution: number;
  /** True when one tick is more than `COARSE_FRACTION` of the interval (the figures are unreliable). */
  readonly tooCoarse: boolean;
}

export const MIN_TICK_NS = 1000n;
export const MIN_SAMPLES_FOR_DETECTION = 3;
/** One tick above 1 % of a pass makes the median uncertain beyond the noise target of a full run. */
export const COARSE_FRACTION = 0.01;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function detectQuantisation(intervalsNs: readonly bigint[]): QuantisationReport {
  const positive = intervalsNs.filter((ns) => ns > 0n);
  const none: QuantisationReport = {
    quantised: false,
    tickSeconds: null,
    relativeResolution: 0,
    tooCoarse: false,
  };
  if (positive.length < MIN_SAMPLES_FOR_DETECTION) return none;
  const tick = positive.reduce(gcd);
  if (tick < MIN_TICK_NS) return none;
  const sorted = [...positive].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  const relativeResolution = Number(tick) / Number(middle);
  return {
    quantised: true,
    tickSeconds: secondsFromNanoseconds(tick),
    relativeResolution,
    tooCoarse: relativeResolution > COARSE_FRACTION,
  };
}
