// The measurement document: what `ridgeline bench --json` writes and the page imports. Plain JSON,
// versioned; no NaN/Infinity anywhere (absent figures are null), so JSON.stringify → parse is exact.
// Version 2 (issue 12) adds each case's working set, whether it was cache-resident, the variant the tuning
// kept and the others' rates; version 1 documents are read and rebuilt as version 2 (validateDocument.ts),
// with those fields null ("not recorded").
import type { KernelDtype, KernelName } from '../kernels/types.ts';
import { type MeasuredRoofs, roofsFromMeasurements } from '../model/units/roofline.ts';
import { bytesText, LIMITS } from './bounds.ts';
import { parseJsonKeepingNumbers } from './jsonText.ts';
import { checkDocument, type DocumentCheck } from './validateDocument.ts';

export const DOCUMENT_FORMAT = 'ridgeline-measurements';
export const DOCUMENT_VERSION = 2;

export type TimingMethod = 'timestamp-query' | 'wall-clock';
/** Suite profiles (measure/profile.ts): quick (CPU adapters, CI), full, talk (a live demo: four points). */
export type SuiteProfile = 'quick' | 'full' | 'talk';
export type CaseStopReason = 'converged' | 'max-samples' | 'timeout';
/**
 * How the run ended; anything but 'complete' keeps the measurements finished before it. 'failed': it ended
 * by an error outside any case (the page's bench worker died mid-run); the runner's snapshots after each
 * finished case carry it too, since a snapshot is what is left if the run never returns.
 */
export type RunStatus = 'complete' | 'cancelled' | 'device-lost' | 'out-of-memory' | 'failed';

export interface AdapterRecord {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter: boolean;
  readonly featureLevel: 'core' | 'compatibility';
}

/** One variant of a case as the tuning saw it: verified and briefly timed, or why not. */
export interface VariantTrial {
  readonly name: string;
  readonly verified: boolean;
  /** Best seconds per dispatch over the brief timing; null when it failed or was not timed. */
  readonly secondsPerDispatch: number | null;
  readonly bytesPerSecond: number | null;
  readonly flopsPerSecond: number | null;
  /** Why it was not kept: verification failure, compile error; null when it ran. */
  readonly error: string | null;
  /** Dispatches in each of its brief timing's passes; null when not timed (absent: before issue 22). */
  readonly dispatchesPerPass?: number | null;
  /** Median seconds per dispatch when re-timed as one of the top two; null otherwise (absent: before issue 22). */
  readonly retimedSecondsPerDispatch?: number | null;
}

export interface Measurement {
  readonly kernel: KernelName;
  readonly dtype: KernelDtype;
  readonly shape: Readonly<Record<string, number>>;
  readonly label: string;
  readonly bytesPerDispatch: number;
  readonly flopsPerDispatch: number;
  /** Dispatches in one timed pass (0 when the case never reached timing). */
  readonly dispatchesPerSample: number;
  /**
   * Compute dispatches one of those dispatches launches: 2 for a split-K variant and its reduction, else 1
   * (absent: 1; the overhead correction subtracts one overhead per launch, measure/overhead.ts).
   */
  readonly launchesPerDispatch?: number;
  /** Raw timed-pass durations, seconds (each holds `dispatchesPerSample` dispatches). */
  readonly samplesSeconds: readonly number[];
  /** Seconds per dispatch: best (minimum) and median of the samples; null when not timed. */
  readonly secondsPerDispatch: { readonly best: number; readonly median: number } | null;
  /** Coefficient of variation of the samples (nvbench's "noise"); null below two samples. */
  readonly cv: number | null;
  /** Rates at the median time, bytes/s and FLOP/s (SI; GB/s = 1e9 bytes/s). */
  readonly bytesPerSecond: number | null;
  readonly flopsPerSecond: number | null;
  /** FLOP per byte; null when the kernel moves no bytes. */
  readonly arithmeticIntensity: number | null;
  readonly verified: boolean;
  readonly verifyMessage: string;
  readonly timingMethod: TimingMethod;
  /** The timer ticks coarsely (e.g. 100 µs browser quantisation); `timerTickSeconds` says how coarse. */
  readonly quantised: boolean;
  readonly timerTickSeconds: number | null;
  readonly stopReason: CaseStopReason | null;
  /** Things a reader should know (noisy, pass below target, slow dispatch). */
  readonly warnings: readonly string[];
  /** Why the case failed (verification, shader compile, dispatch); null when it ran. */
  readonly error: string | null;
  /** Distinct bytes the case touched across its rotated buffer sets; null in a version 1 document. */
  readonly workingSetBytes: number | null;
  /**
   * A bandwidth case whose working set stayed below the policy's multiple of the last-level cache (2 × until
   * issue 22, 4 × since: kernels/workingSet.ts): a cache figure, never the
   * memory roof; null in a version 1 document (not recorded).
   */
  readonly cacheResident: boolean | null;
  /** The variant measured (the fastest verified one); null when none ran, or in a version 1 document. */
  readonly variant: string | null;
  /** Every variant the tuning tried, the kept one included; empty for a case with one variant. */
  readonly variantTrials: readonly VariantTrial[];
}

export interface MeasurementDocument {
  readonly format: typeof DOCUMENT_FORMAT;
  readonly version: typeof DOCUMENT_VERSION;
  /**
   * The schema of this document, docs/json.md (issue 21: every JSON ridgeline writes names it so);
   * always equal to `version`, which stays for the builds before it. Documents without it get it on import.
   */
  readonly schemaVersion: typeof DOCUMENT_VERSION;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  /** Where it ran, e.g. "node v20.20.0 (Dawn, webgpu npm)" or a browser's user agent. */
  readonly runtime: string;
  readonly profile: SuiteProfile;
  readonly budgetSeconds: number;
  readonly elapsedSeconds: number;
  readonly status: RunStatus;
  /** Why the run ended early (device lost message, OOM, the worker's error); null when complete. */
  readonly statusReason: string | null;
  readonly adapter: AdapterRecord;
  readonly features: readonly string[];
  readonly limits: Readonly<Record<string, number>>;
  /**
   * The resolution the pass timer obtained, seconds (gpu/timestamps.ts: the common divisor of the raw
   * timestamps; 1 ns with Dawn's quantization off, 65.5 µs with it on, 100 µs in Chrome); null when not
   * known; absent in documents before issue 22 (read absent as null: not recorded).
   */
  readonly timerResolutionSeconds?: number | null;
  /** The last-level cache the working-set policy planned against (bytes); null in a version 1 document. */
  readonly llcBytes: number | null;
  /**
   * Whether every variant was verified and timed and the fastest measured (false: each case's first variant,
   * as on a CPU adapter); null in a version 1 document.
   */
  readonly tuned: boolean | null;
  /** Cases this device could not run, one line each (e.g. "gemm f16 needs shader-f16"). */
  readonly skipped: readonly string[];
  readonly measurements: readonly Measurement[];
  /** Derived from the verified measurements (model/units/roofline roofsFromMeasurements). */
  readonly roofs: MeasuredRoofs;
}

/** A measurement whose figures may be used: it ran, was verified and has finite rates. */
export function isValidMeasurement(m: Measurement): boolean {
  return m.verified && m.error === null && m.secondsPerDispatch !== null;
}

/**
 * The roofs these measurements support: the best valid rate of the roof kernels (model/units/roofline). A
 * cache-resident case never sets the memory roof (its rate is a cache's); `includeCacheResident` lets them
 * in where an upper bound on rates is wanted instead (the runner's lower bound on a dispatch's time).
 */
export function measuredRoofs(
  measurements: readonly Measurement[],
  options: { readonly includeCacheResident?: boolean } = {},
): MeasuredRoofs {
  const usable = (m: Measurement) =>
    isValidMeasurement(m) && (options.includeCacheResident === true || m.cacheResident !== true);
  const roofs = roofsFromMeasurements(
    measurements.map((m) => ({
      kernel: m.kernel,
      dtype: m.dtype,
      label: m.label,
      valid: usable(m),
      bytesPerSecond: m.bytesPerSecond,
      flopsPerSecond: m.flopsPerSecond,
    })),
  );
  // The experimental subgroup-matrix GEMM is a roof of its own (matrix units, not the FMA pipes).
  let matrix: { value: number; label: string } | null = null;
  for (const m of measurements) {
    const rate = m.flopsPerSecond;
    if (m.kernel !== MATRIX_ROOF_KERNEL || !usable(m) || rate === null || !(rate > 0)) continue;
    if (matrix === null || rate > matrix.value) matrix = { value: rate, label: m.label };
  }
  return matrix ? { ...roofs, compute: { ...roofs.compute, [MATRIX_ROOF]: matrix } } : roofs;
}

/** The compute roof the subgroup-matrix GEMM sets, beside the per-dtype FMA roofs. */
export const MATRIX_ROOF = 'matrix-f16';
export const MATRIX_ROOF_KERNEL = 'gemm-subgroup-matrix';

export function exportDocument(document: MeasurementDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A document's text over the size limit: said as "too large", before any parsing. */
export function tooLargeMessage(what: string, bytes: number): string {
  return `${what} is too large (${bytesText(bytes)}; a measurement document may be at most ${bytesText(LIMITS.documentBytes)})`;
}

/** How readDocumentText's message for text that is not JSON begins (the room's reply tells that apart). */
export const NOT_JSON = 'measurement document is not JSON';

/**
 * A document's text (a file, an unpacked link, a request body) → the rebuilt current-version document, or one
 * line saying why not. Pure and total: it never throws, whatever the text.
 */
export function readDocumentText(text: string): DocumentCheck {
  if (text.length > LIMITS.documentBytes)
    return { ok: false, error: tooLargeMessage('the measurement document', text.length) };
  let parsed: unknown;
  try {
    // a byte-order mark (some editors save one) is not part of the JSON
    parsed = parseJsonKeepingNumbers(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    return {
      ok: false,
      error: `${NOT_JSON}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return checkDocument(parsed);
}

/** Parses, validates and rebuilds; throws an Error whose message names the offending field. */
export function importDocument(text: string): MeasurementDocument {
  const read = readDocumentText(text);
  if (!read.ok) throw new Error(read.error);
  return read.document;
}
