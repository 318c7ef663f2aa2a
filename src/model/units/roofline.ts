// Roofline rate math in one place: every GB/s, GFLOP/s, arithmetic
// intensity, ridge point and "% of roof" in ridgeline comes from these functions. SI units: bytes, FLOP,
// seconds; rates in bytes/s and FLOP/s; intensity in FLOP/byte.

function positive(value: number, what: string): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`${what} must be a positive number, got ${value}`);
  return value;
}

function nonNegative(value: number, what: string): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${what} must be ≥ 0, got ${value}`);
  return value;
}

export function bytesPerSecond(bytes: number, seconds: number): number {
  return nonNegative(bytes, 'bytes') / positive(seconds, 'seconds');
}

export function flopsPerSecond(flop: number, seconds: number): number {
  return nonNegative(flop, 'FLOP') / positive(seconds, 'seconds');
}

/** FLOP per byte moved; null when the kernel moves no bytes (intensity undefined). */
export function arithmeticIntensity(flop: number, bytes: number): number | null {
  nonNegative(flop, 'FLOP');
  return nonNegative(bytes, 'bytes') === 0 ? null : flop / bytes;
}

/** The intensity where the memory roof meets the compute roof, FLOP/byte. */
export function ridgeFlopsPerByte(peakFlopsPerSecond: number, bandwidthBytesPerSecond: number): number {
  return positive(peakFlopsPerSecond, 'peak FLOP/s') / positive(bandwidthBytesPerSecond, 'bandwidth');
}

/** attainable(I) = min(peak, bandwidth · I), FLOP/s. */
export function attainableFlopsPerSecond(
  intensityFlopsPerByte: number,
  peakFlopsPerSecond: number,
  bandwidthBytesPerSecond: number,
): number {
  nonNegative(intensityFlopsPerByte, 'arithmetic intensity');
  return Math.min(
    positive(peakFlopsPerSecond, 'peak FLOP/s'),
    positive(bandwidthBytesPerSecond, 'bandwidth') * intensityFlopsPerByte,
  );
}

/**
 * Achieved ÷ attainable at the kernel's own intensity. perf / min(peak, bw·I) = max(perf/peak, perf/(bw·I))
 * and perf/I = bytes/s, so this is max(FLOP/s ÷ peak, bytes/s ÷ bandwidth): defined also for kernels that
 * do no FLOP (streams) or move no bytes. A roof not measured (null) drops its term; both null gives null.
 */
export function fractionOfRoof(
  achievedBytesPerSecond: number,
  achievedFlopsPerSecond: number,
  peakFlopsPerSecond: number | null,
  bandwidthBytesPerSecond: number | null,
): number | null {
  nonNegative(achievedFlopsPerSecond, 'FLOP/s');
  nonNegative(achievedBytesPerSecond, 'bytes/s');
  const terms: number[] = [];
  if (peakFlopsPerSecond !== null)
    terms.push(achievedFlopsPerSecond / positive(peakFlopsPerSecond, 'peak FLOP/s'));
  if (bandwidthBytesPerSecond !== null) {
    terms.push(achievedBytesPerSecond / positive(bandwidthBytesPerSecond, 'bandwidth'));
  }
  return terms.length === 0 ? null : Math.max(...terms);
}

/** A measured rate that may define a roof; only verified, finite figures count. */
export interface RoofCandidate {
  readonly kernel: string;
  readonly dtype: string;
  readonly label: string;
  readonly valid: boolean;
  readonly bytesPerSecond: number | null;
  readonly flopsPerSecond: number | null;
}

export interface MeasuredRoof {
  readonly value: number;
  readonly label: string;
}

export interface MeasuredRoofs {
  /** Best streaming bandwidth, bytes/s. */
  readonly memory: MeasuredRoof | null;
  /** Best FMA-peak rate per dtype, FLOP/s. */
  readonly compute: Readonly<Record<string, MeasuredRoof>>;
}

export const MEMORY_ROOF_KERNELS: readonly string[] = ['stream-read', 'stream-copy'];
export const COMPUTE_ROOF_KERNELS: readonly string[] = ['fma-peak'];

function better(
  current: MeasuredRoof | undefined | null,
  value: number | null,
  label: string,
): MeasuredRoof | null {
  if (value === null || !Number.isFinite(value) || value <= 0) return current ?? null;
  return current && current.value >= value ? current : { value, label };
}

/** Roofs as the best valid rate of the roof kernels (BabelStream/ERT report the maximum). */
export function roofsFromMeasurements(candidates: readonly RoofCandidate[]): MeasuredRoofs {
  let memory: MeasuredRoof | null = null;
  const compute: Record<string, MeasuredRoof> = {};
  for (const m of candidates) {
    if (!m.valid) continue;
    if (MEMORY_ROOF_KERNELS.includes(m.kernel)) memory = better(memory, m.bytesPerSecond, m.label);
    if (COMPUTE_ROOF_KERNELS.includes(m.kernel)) {
      const roof = better(compute[m.dtype], m.flopsPerSecond, m.label);
      if (roof) compute[m.dtype] = roof;
    }
  }
  return { memory, compute };
}
