// Time sources and the one conversion from integer nanoseconds (GPU timestamps are u64 ns) to seconds.

/** A monotonic clock in seconds. The real one wraps performance.now(); tests pass a fake. */
export interface Clock {
  now(): number;
}

const NANOSECONDS_PER_SECOND = 1e9;

/** The single point where bigint nanoseconds become floating-point seconds. */
export function secondsFromNanoseconds(nanoseconds: bigint): number {
  return Number(nanoseconds) / NANOSECONDS_PER_SECOND;
}

/** Wall-clock intervals (milliseconds from performance.now) as integer nanoseconds, like a timestamp delta. */
export function nanosecondsFromMilliseconds(milliseconds: number): bigint {
  if (!Number.isFinite(milliseconds)) throw new RangeError(`interval must be finite, got ${milliseconds}`);
  return BigInt(Math.round(milliseconds * 1e6));
}
