// What a measurement document may hold, in one place: the physical range of every number, the length of
// every string and list, and the size of the whole. A document is data from a stranger (an import, a share
// link, this browser's storage): validateDocument.ts refuses anything outside these, naming the field and
// the bound, so everything past it (tables, charts, the explorer) can trust what it reads. The ranges
// bracket every real device by orders of magnitude; the runner's own output sits well inside.

import { RANGES } from '../model/units/ranges.ts';

export interface Range {
  readonly min: number;
  readonly max: number;
  /** The range as people read it, with its unit: "1 kB/s–1 PB/s". */
  readonly text: string;
  readonly integer?: boolean;
}

// Each field's physical range comes from the one table every bounded number reads (model/units/ranges.ts),
// which scenario inputs read too: a GPU's bandwidth is the same range in a document and in a scenario.
export const BOUNDS = {
  bytesPerSecond: RANGES.bandwidth,
  flopsPerSecond: RANGES.flopRate,
  arithmeticIntensity: RANGES.arithmeticIntensity,
  seconds: RANGES.dispatchSeconds,
  runSeconds: RANGES.runSeconds,
  bytesPerDispatch: RANGES.bytesPerDispatch,
  flopsPerDispatch: RANGES.flopsPerDispatch,
  dispatchesPerSample: RANGES.dispatchesPerSample,
  cv: RANGES.cv,
  timerTickSeconds: RANGES.timerTickSeconds,
  shapeValue: RANGES.shapeValue,
  /** A working set or a last-level cache. */
  bytes: RANGES.bytes,
  limitValue: RANGES.limitValue,
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
