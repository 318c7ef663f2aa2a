// What a measurement document may hold, in one place: the physical range of every number, the length of
// every string and list, and the size of the whole. A document is data from a stranger (an import, a share
// link, this browser's storage): validateDocument.ts refuses anything outside these, naming the field and
// the bound, so everything past it (tables, charts, the explorer) can trust what it reads. The ranges
// bracket every real device by orders of magnitude; the runner's own output sits well inside.

export interface Range {
  readonly min: number;
  readonly max: number;
  /** The range as people read it, with its unit: "1 kB/s–1 PB/s". */
  readonly text: string;
  readonly integer?: boolean;
}

const range = (min: number, max: number, text: string, integer = false): Range => ({
  min,
  max,
  text,
  integer,
});

export const BOUNDS = {
  /** Memory bandwidth of a run: a phone GPU moves tens of GB/s, a B200 8 TB/s. */
  bytesPerSecond: range(1e3, 1e15, '1 kB/s–1 PB/s'),
  /** Arithmetic rate: a CPU adapter does GFLOP/s, a B200 10 PFLOP/s (FP4). */
  flopsPerSecond: range(1e3, 1e20, '1 kFLOP/s–100 EFLOP/s'),
  /** FLOP per byte of a kernel: a stream moves bytes with a handful of FLOP, a GEMM thousands per byte. */
  arithmeticIntensity: range(1e-9, 1e12, '1e-9–1e12 FLOP/byte'),
  /** One dispatch or one timed pass: the runner keeps a dispatch under 50 ms; an hour bounds any pass. */
  seconds: range(1e-12, 3600, '1 ps–1 h'),
  /** A whole run and its budget: up to a day. */
  runSeconds: range(0, 86_400, '0 s–1 day'),
  /** Bytes and FLOP of one dispatch. */
  bytesPerDispatch: range(0, 1e14, '0–100 TB'),
  flopsPerDispatch: range(0, 1e18, '0–1e18 FLOP'),
  dispatchesPerSample: range(0, 1e9, '0–1e9 dispatches', true),
  /** Coefficient of variation: 0 for identical samples; 10 (1,000 %) is already noise only. */
  cv: range(0, 10, '0–10 (1,000 %)'),
  timerTickSeconds: range(1e-12, 1, '1 ps–1 s'),
  /** A kernel's shape (rows, columns, batch, elements, workgroups): whole numbers below 2^53. */
  shapeValue: range(0, Number.MAX_SAFE_INTEGER, `0–2^53`, true),
  /** A working set or a last-level cache: no GPU memory or cache reaches 1 PB. */
  bytes: range(0, 1e15, '0–1 PB'),
  /** A device limit (WebGPU GPUSupportedLimits: whole numbers; maxBufferSize may be near 2^64). */
  limitValue: range(0, 2 ** 64, '0–2^64', true),
} as const satisfies Readonly<Record<string, Range>>;

/** Lengths and counts (characters for strings, items for lists). */
export const LIMITS = {
  /** The document's JSON, as imported or unpacked from a link; a full run with raw samples is ~100 KB. */
  documentBytes: 2_000_000,
  measurements: 512,
  /** The full profile takes up to 100 samples a case. */
  samplesPerCase: 1000,
  warningsPerCase: 32,
  shapeKeys: 16,
  limitKeys: 256,
  features: 128,
  skipped: 256,
  computeRoofs: 16,
  /** Variants a kernel family declares and the tuning tries. */
  variantsPerCase: 32,
  /** Identifiers: shape keys, limit names, feature names, dtypes. */
  identifier: 64,
  /** Names shown beside a chart: a case label, an adapter field, a roof label. */
  label: 256,
  /** A browser's user agent or the Node runtime line. */
  runtime: 512,
  /** Messages: verification, an error, why a run ended, one warning, one skipped case. */
  message: 2000,
} as const;

/** An identifier-like key: letters, digits, '-', '_', '.'; never an object's own machinery. */
const IDENTIFIER = /^[A-Za-z0-9_.-]+$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

export function isIdentifier(key: string): boolean {
  return key.length <= LIMITS.identifier && IDENTIFIER.test(key) && !RESERVED.has(key);
}

/** "1,234 kB": a byte count for a "too large" message. */
export function bytesText(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
  return `${(bytes / 1e3).toLocaleString('en-US', { maximumFractionDigits: 1 })} kB`;
}
