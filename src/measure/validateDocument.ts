// Hand-written validator for an imported measurement document: every message names the path of the bad
// field and what it accepts (e.g. "measurements[2].bytesPerSecond: expected a number in 1 kB/s–1 PB/s, got
// 1e-320"). Numbers must lie in their physical range, strings are length-capped and free of control
// characters, lists are capped, and createdAt is strict ISO 8601 (bounds.ts holds every limit).
import { hasUnsafeCharacters } from '../model/plainText.ts';
import { BOUNDS, isIdentifier, LIMITS, type Range } from './bounds.ts';
import type { MeasurementDocument } from './document.ts';
import { isIsoTimestamp } from './isoTime.ts';

type Json = Record<string, unknown>;

class DocumentError extends Error {
  override readonly name = 'DocumentError';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string' && value.length > 40) return `a string of ${value.length} characters`;
  if (Array.isArray(value) && value.length > 8) return `a list of ${value.length}`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  text = text.replace(/[^\x20-\x7e]/g, '?');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new DocumentError(`measurement document ${path}: expected ${expected}, got ${describe(value)}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Json;
}

function array(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, 'an array', value);
  if (value.length > max) fail(path, `at most ${max} items`, value);
  return value;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A string of at most `max` characters on one line: no control characters, no bidi overrides. */
function text(value: unknown, path: string, max: number): void {
  if (typeof value !== 'string') fail(path, 'a string', value);
  if (value.length > max) fail(path, `a string of at most ${max} characters`, value);
  if (hasUnsafeCharacters(value)) fail(path, 'a string without control characters', value);
}

function string(o: Json, key: string, path: string, max: number = LIMITS.label): void {
  text(o[key], join(path, key), max);
}

function boolean(o: Json, key: string, path: string): void {
  if (typeof o[key] !== 'boolean') fail(join(path, key), 'true or false', o[key]);
}

/** A number in `range` (a whole one when the range says so); `zero`: 0 is allowed too (nothing moved). */
function number(
  value: unknown,
  path: string,
  range: Range,
  options: { nullable?: boolean; zero?: boolean } = {},
) {
  if (options.nullable && value === null) return;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    ((value >= range.min && value <= range.max) || (options.zero === true && value === 0)) &&
    (!range.integer || Number.isInteger(value));
  if (!ok) {
    const what = range.integer ? 'a whole number' : 'a number';
    fail(
      path,
      `${what} in ${range.text}${options.zero ? ' or 0' : ''}${options.nullable ? ' or null' : ''}`,
      value,
    );
  }
}

function oneOf(o: Json, key: string, path: string, allowed: readonly (string | null)[]): void {
  if (!allowed.includes(o[key] as string | null)) {
    fail(join(path, key), `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, o[key]);
  }
}

/** A record of identifier keys to numbers in `range`. */
function numberRecord(value: unknown, path: string, range: Range, maxKeys: number): void {
  const o = object(value, path);
  const entries = Object.entries(o);
  if (entries.length > maxKeys) fail(path, `at most ${maxKeys} entries`, `${entries.length} entries`);
  for (const [key, v] of entries) {
    if (!isIdentifier(key)) fail(`${path} key`, 'a name of letters, digits, - _ or .', key);
    number(v, `${path}.${key}`, range);
  }
}

function stringArray(value: unknown, path: string, maxItems: number, maxLength: number): void {
  array(value, path, maxItems).forEach((v, i) => {
    text(v, `${path}[${i}]`, maxLength);
  });
}

function roof(value: unknown, path: string, range: Range): void {
  if (value === null) return;
  const o = object(value, path);
  number(o['value'], `${path}.value`, range);
  string(o, 'label', path);
}

const KERNELS = [
  'dispatch-overhead',
  'stream-read',
  'stream-copy',
  'fma-peak',
  'gemv',
  'gemv-batched',
  'gemm',
  'moe-gemv',
  'gemm-subgroup-matrix',
];

/** Version 2's fields of a measurement: working set, cache residency, the variant kept, the variants tried. */
function tuningFields(m: Json, path: string): void {
  number(m['workingSetBytes'], `${path}.workingSetBytes`, BOUNDS.bytes);
  boolean(m, 'cacheResident', path);
  if (m['variant'] !== null) string(m, 'variant', path, LIMITS.identifier);
  const trials = array(m['variantTrials'], `${path}.variantTrials`, LIMITS.variantsPerCase);
  for (const [i, value] of trials.entries()) {
    const at = `${path}.variantTrials[${i}]`;
    const trial = object(value, at);
    string(trial, 'name', at, LIMITS.identifier);
    boolean(trial, 'verified', at);
    number(trial['secondsPerDispatch'], `${at}.secondsPerDispatch`, BOUNDS.seconds, { nullable: true });
    for (const [key, range] of [
      ['bytesPerSecond', BOUNDS.bytesPerSecond],
      ['flopsPerSecond', BOUNDS.flopsPerSecond],
    ] as const)
      number(trial[key], `${at}.${key}`, range, { nullable: true, zero: true });
    if (trial['error'] !== null) string(trial, 'error', at, LIMITS.message);
    // issue 22's additions: absent in older documents
    if (trial['dispatchesPerPass'] !== undefined)
      number(trial['dispatchesPerPass'], `${at}.dispatchesPerPass`, BOUNDS.dispatchesPerSample, {
        nullable: true,
      });
    if (trial['retimedSecondsPerDispatch'] !== undefined)
      number(trial['retimedSecondsPerDispatch'], `${at}.retimedSecondsPerDispatch`, BOUNDS.seconds, {
        nullable: true,
      });
  }
}

function measurement(value: unknown, path: string, version: number): void {
  const m = object(value, path);
  oneOf(m, 'kernel', path, KERNELS);
  oneOf(m, 'dtype', path, ['f32', 'f16', 'q4']);
  numberRecord(m['shape'], `${path}.shape`, BOUNDS.shapeValue, LIMITS.shapeKeys);
  string(m, 'label', path);
  number(m['bytesPerDispatch'], `${path}.bytesPerDispatch`, BOUNDS.bytesPerDispatch);
  number(m['flopsPerDispatch'], `${path}.flopsPerDispatch`, BOUNDS.flopsPerDispatch);
  number(m['dispatchesPerSample'], `${path}.dispatchesPerSample`, BOUNDS.dispatchesPerSample);
  if (m['launchesPerDispatch'] !== undefined)
    number(m['launchesPerDispatch'], `${path}.launchesPerDispatch`, BOUNDS.dispatchesPerSample);
  const samples = array(m['samplesSeconds'], `${path}.samplesSeconds`, LIMITS.samplesPerCase);
  for (const [i, s] of samples.entries()) number(s, `${path}.samplesSeconds[${i}]`, BOUNDS.seconds);
  if (m['secondsPerDispatch'] !== null) {
    const seconds = object(m['secondsPerDispatch'], `${path}.secondsPerDispatch`);
    number(seconds['best'], `${path}.secondsPerDispatch.best`, BOUNDS.seconds);
    number(seconds['median'], `${path}.secondsPerDispatch.median`, BOUNDS.seconds);
    if ((seconds['best'] as number) > (seconds['median'] as number))
      fail(`${path}.secondsPerDispatch.best`, 'at most the median', seconds['best']);
  }
  number(m['cv'], `${path}.cv`, BOUNDS.cv, { nullable: true });
  // a kernel that moves no bytes (the FMA probe) or does no FLOP (the streams) has a rate of 0
  number(m['bytesPerSecond'], `${path}.bytesPerSecond`, BOUNDS.bytesPerSecond, {
    nullable: true,
    zero: true,
  });
  number(m['flopsPerSecond'], `${path}.flopsPerSecond`, BOUNDS.flopsPerSecond, {
    nullable: true,
    zero: true,
  });
  number(m['arithmeticIntensity'], `${path}.arithmeticIntensity`, BOUNDS.arithmeticIntensity, {
    nullable: true,
    zero: true,
  });
  number(m['timerTickSeconds'], `${path}.timerTickSeconds`, BOUNDS.timerTickSeconds, { nullable: true });
  boolean(m, 'verified', path);
  string(m, 'verifyMessage', path, LIMITS.message);
  oneOf(m, 'timingMethod', path, ['timestamp-query', 'wall-clock']);
  boolean(m, 'quantised', path);
  oneOf(m, 'stopReason', path, ['converged', 'max-samples', 'timeout', null]);
  stringArray(m['warnings'], `${path}.warnings`, LIMITS.warningsPerCase, LIMITS.message);
  if (m['error'] !== null) string(m, 'error', path, LIMITS.message);
  if (version >= 2) tuningFields(m, path);
}

export function validateDocument(value: unknown): MeasurementDocument {
  const d = object(value, '(root)');
  if (d['format'] !== 'ridgeline-measurements') fail('format', '"ridgeline-measurements"', d['format']);
  if (d['version'] !== 1 && d['version'] !== 2)
    fail('version', 'version 1 or 2 (the ones this build reads)', d['version']);
  const version = d['version'] as number;
  // the pattern bounds its length and excludes every character but digits, '-', ':', '.', 'T', 'Z', '+'
  if (typeof d['createdAt'] !== 'string' || !isIsoTimestamp(d['createdAt']))
    fail('createdAt', 'an ISO 8601 date and time, e.g. 2026-11-26T23:00:00.000Z', d['createdAt']);
  string(d, 'runtime', '', LIMITS.runtime);
  oneOf(d, 'profile', '', ['quick', 'full', 'talk']);
  number(d['budgetSeconds'], 'budgetSeconds', BOUNDS.runSeconds);
  number(d['elapsedSeconds'], 'elapsedSeconds', BOUNDS.runSeconds);
  oneOf(d, 'status', '', ['complete', 'cancelled', 'device-lost', 'out-of-memory', 'failed']);
  if (d['statusReason'] !== null) string(d, 'statusReason', '', LIMITS.message);
  const adapter = object(d['adapter'], 'adapter');
  for (const key of ['vendor', 'architecture', 'device', 'description']) string(adapter, key, 'adapter');
  boolean(adapter, 'isFallbackAdapter', 'adapter');
  oneOf(adapter, 'featureLevel', 'adapter', ['core', 'compatibility']);
  stringArray(d['features'], 'features', LIMITS.features, LIMITS.identifier);
  numberRecord(d['limits'], 'limits', BOUNDS.limitValue, LIMITS.limitKeys);
  if (d['timerResolutionSeconds'] !== undefined)
    number(d['timerResolutionSeconds'], 'timerResolutionSeconds', BOUNDS.timerTickSeconds, {
      nullable: true,
    });
  if (version >= 2) {
    number(d['llcBytes'], 'llcBytes', BOUNDS.bytes);
    boolean(d, 'tuned', '');
  }
  stringArray(d['skipped'], 'skipped', LIMITS.skipped, LIMITS.message);
  for (const [i, m] of array(d['measurements'], 'measurements', LIMITS.measurements).entries())
    measurement(m, `measurements[${i}]`, version);
  const roofs = object(d['roofs'], 'roofs');
  roof(roofs['memory'], 'roofs.memory', BOUNDS.bytesPerSecond);
  const compute = object(roofs['compute'], 'roofs.compute');
  const dtypes = Object.entries(compute);
  if (dtypes.length > LIMITS.computeRoofs)
    fail('roofs.compute', `at most ${LIMITS.computeRoofs} roofs`, `${dtypes.length} roofs`);
  for (const [dtype, r] of dtypes) {
    if (!isIdentifier(dtype)) fail('roofs.compute key', 'a dtype name', dtype);
    roof(r, `roofs.compute.${dtype}`, BOUNDS.flopsPerSecond);
  }
  return d as unknown as MeasurementDocument;
}
