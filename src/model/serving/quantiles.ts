// Percentiles of what the simulator measures. TTFTs are few (one per request): kept and sorted, exact.
// Inter-token latencies are one per token of every stream (millions in a sweep): they go into a
// histogram with logarithmic bins 0.1 % wide, so a percentile read from it is within 0.1 % of the exact
// one, at a fixed cost per sample however long the run.

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, by linear interpolation between order statistics. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const at = q * (n - 1);
  const lo = Math.floor(at);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? 0;
  return a + (b - a) * (at - lo);
}

/** Relative width of one bin. */
const BIN_WIDTH = 1e-3;
/** Smallest and largest latency held: 1 µs and a day (anything outside lands in the end bins). */
const LOWEST = 1e-6;
const HIGHEST = 86_400;
const LOG_STEP = Math.log1p(BIN_WIDTH);
const BINS = Math.ceil(Math.log(HIGHEST / LOWEST) / LOG_STEP) + 1;

export class LogHistogram {
  private readonly weights = new Float64Array(BINS);
  private total = 0;
  private sum = 0;
  // the last bin added to and its edges: consecutive steps mostly land in the same bin (no logarithm)
  private lastBin = 0;
  private lastLow = Number.POSITIVE_INFINITY;
  private lastHigh = Number.NEGATIVE_INFINITY;

  /** Adds `weight` samples of `value` seconds. */
  add(value: number, weight: number): void {
    if (!(weight > 0)) return;
    let bin = this.lastBin;
    if (!(value >= this.lastLow && value < this.lastHigh)) {
      bin = value <= LOWEST ? 0 : Math.min(BINS - 1, Math.floor(Math.log(value / LOWEST) / LOG_STEP));
      this.lastBin = bin;
      this.lastLow = bin === 0 ? 0 : LOWEST * Math.exp(bin * LOG_STEP);
      this.lastHigh = bin === BINS - 1 ? Number.POSITIVE_INFINITY : LOWEST * Math.exp((bin + 1) * LOG_STEP);
    }
    this.weights[bin] = (this.weights[bin] ?? 0) + weight;
    this.total += weight;
    this.sum += value * weight;
  }

  get count(): number {
    return this.total;
  }

  get mean(): number {
    return this.total > 0 ? this.sum / this.total : 0;
  }

  /** The q-quantile, at the geometric middle of its bin (0 when empty). */
  quantile(q: number): number {
    if (this.total <= 0) return 0;
    const target = q * this.total;
    let seen = 0;
    for (let bin = 0; bin < BINS; bin++) {
      seen += this.weights[bin] ?? 0;
      if (seen >= target && (this.weights[bin] ?? 0) > 0) return LOWEST * Math.exp((bin + 0.5) * LOG_STEP);
    }
    return LOWEST * Math.exp((BINS - 0.5) * LOG_STEP);
  }
}
