// Hand-written validator for an imported measurement document: every message names the path of the bad
// field (e.g. "measurements[2].secondsPerDispatch.median: expected a number ≥ 0, got "fast"").
import type { MeasurementDocument } from './document.ts';

type Json = Record<string, unknown>;

class DocumentError extends Error {
  override readonly name = 'DocumentError';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new DocumentError(`measurement document ${path}: expected ${expected}, got ${describe(value)}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'an array', value);
  return value;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function string(o: Json, key: string, path: string): void {
  if (typeof o[key] !== 'string') fail(join(path, key), 'a string', o[key]);
}

function boolean(o: Json, key: string, path: string): void {
  if (typeof o[key] !== 'boolean') fail(join(path, key), 'true or false', o[key]);
}

function number(value: unknown, path: string, nullable = false): void {
  if (nullable && value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(path, nullable ? 'a number ≥ 0 or null' : 'a number ≥ 0', value);
  }
}

function oneOf(o: Json, key: string, path: string, allowed: readonly (string | null)[]): void {
  if (!allowed.includes(o[key] as string | null)) {
    fail(join(path, key), `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, o[key]);
  }
}

function numberRecord(value: unknown, path: string): void {
  const o = object(value, path);
  for (const [key, v] of Object.entries(o)) number(v, `${path}.${key}`);
}

function stringArray(value: unknown, path: string): void {
  array(value, path).forEach((v, i) => {
    if (typeof v !== 'string') fail(`${path}[${i}]`, 'a string', v);
  });
}

function roof(value: unknown, path: string): void {
  if (value === null) return;
  const o = object(value, path);
  number(o['value'], `${path}.value`);
  string(o, 'label', path);
}

const KERNELS = [
  'stream-read',
  'stream-copy',
  'fma-peak',
  'gemv',
  'gemv-batched',
  'gemm',
  'moe-gemv',
  'gemm-subgroup-matrix',
];

/** Bytes no GPU memory or cache reaches (1 PB): a larger working set or cache is not a measurement. */
const MAX_PLAUSIBLE_BYTES = 1e15;

function bytesField(value: unknown, path: string): void {
  number(value, path);
  if ((value as number) > MAX_PLAUSIBLE_BYTES) fail(path, 'at most 1e15 bytes', value);
}

/** Version 2's fields of a measurement: working set, cache residency, the variant kept, the variants tried. */
function tuningFields(m: Json, path: string): void {
  bytesField(m['workingSetBytes'], `${path}.workingSetBytes`);
  boolean(m, 'cacheResident', path);
  if (m['variant'] !== null) string(m, 'variant', path);
  for (const [i, value] of array(m['variantTrials'], `${path}.variantTrials`).entries()) {
    const at = `${path}.variantTrials[${i}]`;
    const trial = object(value, at);
    string(trial, 'name', at);
    boolean(trial, 'verified', at);
    for (const key of ['secondsPerDispatch', 'bytesPerSecond', 'flopsPerSecond'])
      number(trial[key], `${at}.${key}`, true);
    if (trial['error'] !== null) string(trial, 'error', at);
  }
}

function measurement(value: unknown, path: string, version: number): void {
  const m = object(value, path);
  oneOf(m, 'kernel', path, KERNELS);
  oneOf(m, 'dtype', path, ['f32', 'f16', 'q4']);
  numberRecord(m['shape'], `${path}.shape`);
  string(m, 'label', path);
  for (const key of ['bytesPerDispatch', 'flopsPerDispatch', 'dispatchesPerSample'])
    number(m[key], `${path}.${key}`);
  for (const [i, s] of array(m['samplesSeconds'], `${path}.samplesSeconds`).entries()) {
    number(s, `${path}.samplesSeconds[${i}]`);
  }
  if (m['secondsPerDispatch'] !== null) {
    const seconds = object(m['secondsPerDispatch'], `${path}.secondsPerDispatch`);
    number(seconds['best'], `${path}.secondsPerDispatch.best`);
    number(seconds['median'], `${path}.secondsPerDispatch.median`);
  }
  for (const key of ['cv', 'bytesPerSecond', 'flopsPerSecond', 'arithmeticIntensity', 'timerTickSeconds']) {
    number(m[key], `${path}.${key}`, true);
  }
  boolean(m, 'verified', path);
  string(m, 'verifyMessage', path);
  oneOf(m, 'timingMethod', path, ['timestamp-query', 'wall-clock']);
  boolean(m, 'quantised', path);
  oneOf(m, 'stopReason', path, ['converged', 'max-samples', 'timeout', null]);
  stringArray(m['warnings'], `${path}.warnings`);
  if (m['error'] !== null) string(m, 'error', path);
  if (version >= 2) tuningFields(m, path);
}

export function validateDocument(value: unknown): MeasurementDocument {
  const d = object(value, '(root)');
  if (d['format'] !== 'ridgeline-measurements') fail('format', '"ridgeline-measurements"', d['format']);
  if (d['version'] !== 1 && d['version'] !== 2)
    fail('version', 'version 1 or 2 (the ones this build reads)', d['version']);
  const version = d['version'] as number;
  string(d, 'createdAt', '');
  if (Number.isNaN(Date.parse(d['createdAt'] as string)))
    fail('createdAt', 'an ISO 8601 date', d['createdAt']);
  string(d, 'runtime', '');
  oneOf(d, 'profile', '', ['quick', 'full']);
  number(d['budgetSeconds'], 'budgetSeconds');
  number(d['elapsedSeconds'], 'elapsedSeconds');
  oneOf(d, 'status', '', ['complete', 'cancelled', 'device-lost', 'out-of-memory', 'failed']);
  if (d['statusReason'] !== null) string(d, 'statusReason', '');
  const adapter = object(d['adapter'], 'adapter');
  for (const key of ['vendor', 'architecture', 'device', 'description']) string(adapter, key, 'adapter');
  boolean(adapter, 'isFallbackAdapter', 'adapter');
  oneOf(adapter, 'featureLevel', 'adapter', ['core', 'compatibility']);
  stringArray(d['features'], 'features');
  numberRecord(d['limits'], 'limits');
  if (version >= 2) {
    bytesField(d['llcBytes'], 'llcBytes');
    boolean(d, 'tuned', '');
  }
  stringArray(d['skipped'], 'skipped');
  for (const [i, m] of array(d['measurements'], 'measurements').entries())
    measurement(m, `measurements[${i}]`, version);
  const roofs = object(d['roofs'], 'roofs');
  roof(roofs['memory'], 'roofs.memory');
  const compute = object(roofs['compute'], 'roofs.compute');
  for (const [dtype, r] of Object.entries(compute)) roof(r, `roofs.compute.${dtype}`);
  return d as unknown as MeasurementDocument;
}
