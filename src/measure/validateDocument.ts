// Hand-written validator for a measurement document from anywhere (an import, a #run= link, this browser's
// storage, and a room server's submissions): a pure function from unknown to a result, usable in Node and
// the browser. It rebuilds the document from its known fields, so what passes holds nothing else (unknown
// keys are dropped, however deep they nest: nothing unexpected reaches JSON.stringify, the tables or the
// charts) and is always the current version: a version 1 document gets the fields it never recorded as
// null or empty, the documented "not recorded" values this validator accepts in version 2 too, so an
// upgraded run exports, shares and imports again. Every message names the path of the bad field and what
// it accepts (e.g. "measurements[2].bytesPerSecond: expected a number in 1 kB/s–1 PB/s, got 1e-320").
// Numbers must lie in their physical range, strings are length-capped and free of control characters,
// lists are capped, and createdAt is strict ISO 8601 (bounds.ts holds every limit).

import { hasUnsafeCharacters } from '../model/text/plainText.ts';
import type { MeasuredRoof, MeasuredRoofs } from '../model/units/roofline.ts';
import { BOUNDS, isIdentifier, LIMITS, type Range } from './bounds.ts';
import type { AdapterRecord, Measurement, MeasurementDocument, VariantTrial } from './document.ts';
import { isIsoTimestamp } from './isoTime.ts';
import { writtenNumber } from './jsonText.ts';

type Json = Record<string, unknown>;

class DocumentError extends Error {
  override readonly name = 'DocumentError';
}

/** The result of checking a document: the rebuilt document, or one line naming the field at fault. */
export type DocumentCheck =
  | { readonly ok: true; readonly document: MeasurementDocument }
  | { readonly ok: false; readonly error: string };

/** The versions this build reads; every one is rebuilt as the current one. */
export const READABLE_VERSIONS = [1, 2] as const;

/** A value as a message quotes it: short, printable, never recursive (a value may nest 100,000 deep). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const written = writtenNumber(value);
  if (written !== null) {
    // a number no double can hold, quoted as it was written (a 401-digit one by its length)
    const digits = written.replace(/[^0-9]/g, '').length;
    return written.length > 40 ? `a number of ${digits} digits (${written.slice(0, 24)}…)` : written;
  }
  if (typeof value === 'string' && value.length > 40) return `a string of ${value.length} characters`;
  if (Array.isArray(value)) {
    if (value.length > 8 || value.some((v) => typeof v === 'object' && v !== null))
      return `a list of ${value.length}`;
  } else if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length > 4 || Object.values(value).some((v) => typeof v === 'object' && v !== null))
      return `an object of ${keys.length} ${keys.length === 1 ? 'key' : 'keys'}`;
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = typeof value;
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
function text(value: unknown, path: string, max: number): string {
  if (typeof value !== 'string') fail(path, 'a string', value);
  if (value.length > max) fail(path, `a string of at most ${max} characters`, value);
  if (hasUnsafeCharacters(value)) fail(path, 'a string without control characters', value);
  return value;
}

function string(o: Json, key: string, path: string, max: number = LIMITS.label): string {
  return text(o[key], join(path, key), max);
}

function nullableString(o: Json, key: string, path: string, max: number): string | null {
  return o[key] === null ? null : string(o, key, path, max);
}

function boolean(o: Json, key: string, path: string): boolean {
  const value = o[key];
  if (typeof value !== 'boolean') fail(join(path, key), 'true or false', value);
  return value;
}

/** A boolean, or null: the documented "not recorded" of a run saved before the field existed. */
function nullableBoolean(o: Json, key: string, path: string): boolean | null {
  const value = o[key];
  if (value !== null && typeof value !== 'boolean')
    fail(join(path, key), 'true, false or null (not recorded)', value);
  return value;
}

interface NumberOptions {
  readonly zero?: boolean;
}

/** A number in `range` (a whole one when the range says so); `zero`: 0 is allowed too (nothing moved). */
function number(value: unknown, path: string, range: Range, options: NumberOptions = {}): number {
  if (!inRange(value, range, options)) fail(path, expectedNumber(range, options, false), value);
  // -0 (JSON.parse reads "-0" so) is 0: JSON.stringify writes it as 0, and the rebuilt document must be
  // the one its export imports as
  return (value as number) + 0;
}

function nullableNumber(
  value: unknown,
  path: string,
  range: Range,
  options: NumberOptions = {},
): number | null {
  if (value === null) return null;
  if (!inRange(value, range, options)) fail(path, expectedNumber(range, options, true), value);
  return (value as number) + 0;
}

function inRange(value: unknown, range: Range, options: NumberOptions): boolean {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    ((value >= range.min && value <= range.max) || (options.zero === true && value === 0)) &&
    (!range.integer || Number.isInteger(value))
  );
}

function expectedNumber(range: Range, options: NumberOptions, nullable: boolean): string {
  const what = range.integer ? 'a whole number' : 'a number';
  return `${what} in ${range.text}${options.zero ? ' or 0' : ''}${nullable ? ' or null' : ''}`;
}

function oneOf<T extends string | null>(o: Json, key: string, path: string, allowed: readonly T[]): T {
  const value = o[key];
  if (!allowed.includes(value as T))
    fail(join(path, key), `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
  return value as T;
}

/** A record of identifier keys to numbers in `range`. */
function numberRecord(value: unknown, path: string, range: Range, maxKeys: number): Record<string, number> {
  const o = object(value, path);
  const keys = Object.keys(o);
  if (keys.length > maxKeys) fail(path, `at most ${maxKeys} entries`, `${keys.length} entries`);
  const record: Record<string, number> = {};
  for (const key of keys) {
    if (!isIdentifier(key)) fail(`${path} key`, 'a name of letters, digits, - _ or .', key);
    record[key] = number(o[key], `${path}.${key}`, range);
  }
  return record;
}

function stringArray(value: unknown, path: string, maxItems: number, maxLength: number): string[] {
  return array(value, path, maxItems).map((v, i) => text(v, `${path}[${i}]`, maxLength));
}

function roof(value: unknown, path: string, range: Range): MeasuredRoof | null {
  if (value === null) return null;
  const o = object(value, path);
  return { value: number(o['value'], `${path}.value`, range), label: string(o, 'label', path) };
}

/** The kernels a document may name. */
export const DOCUMENT_KERNELS = [
  'dispatch-overhead',
  'stream-read',
  'stream-copy',
  'fma-peak',
  'gemv',
  'gemv-batched',
  'gemm',
  'moe-gemv',
  'gemm-subgroup-matrix',
] as const satisfies readonly Measurement['kernel'][];

function variantTrial(value: unknown, at: string): VariantTrial {
  const trial = object(value, at);
  const rate = (key: 'bytesPerSecond' | 'flopsPerSecond', range: Range) =>
    nullableNumber(trial[key], `${at}.${key}`, range, { zero: true });
  return {
    name: string(trial, 'name', at, LIMITS.identifier),
    verified: boolean(trial, 'verified', at),
    secondsPerDispatch: nullableNumber(
      trial['secondsPerDispatch'],
      `${at}.secondsPerDispatch`,
      BOUNDS.seconds,
    ),
    bytesPerSecond: rate('bytesPerSecond', BOUNDS.bytesPerSecond),
    flopsPerSecond: rate('flopsPerSecond', BOUNDS.flopsPerSecond),
    error: nullableString(trial, 'error', at, LIMITS.message),
    // issue 22's additions: kept when given, absent in older documents
    ...optional(trial, 'dispatchesPerPass', () =>
      nullableNumber(trial['dispatchesPerPass'], `${at}.dispatchesPerPass`, BOUNDS.dispatchesPerSample),
    ),
    ...optional(trial, 'retimedSecondsPerDispatch', () =>
      nullableNumber(trial['retimedSecondsPerDispatch'], `${at}.retimedSecondsPerDispatch`, BOUNDS.seconds),
    ),
  };
}

/** `{ [key]: read() }` when the object has the key, else nothing: a field later versions may add. */
function optional<K extends string, V>(o: Json, key: K, read: () => V): Partial<Record<K, V>> {
  return o[key] === undefined ? {} : ({ [key]: read() } as Record<K, V>);
}

/** The fields version 2 added to a measurement; a version 1 one never recorded them (null or empty). */
type TuningFields = Pick<Measurement, 'workingSetBytes' | 'cacheResident' | 'variant' | 'variantTrials'>;
const NOT_RECORDED: TuningFields = {
  workingSetBytes: null,
  cacheResident: null,
  variant: null,
  variantTrials: [],
};

function tuningFields(m: Json, path: string): TuningFields {
  return {
    workingSetBytes: nullableNumber(m['workingSetBytes'], `${path}.workingSetBytes`, BOUNDS.bytes),
    cacheResident: nullableBoolean(m, 'cacheResident', path),
    variant: nullableString(m, 'variant', path, LIMITS.identifier),
    variantTrials: array(m['variantTrials'], `${path}.variantTrials`, LIMITS.variantsPerCase).map((t, i) =>
      variantTrial(t, `${path}.variantTrials[${i}]`),
    ),
  };
}

function secondsPerDispatch(value: unknown, path: string): Measurement['secondsPerDispatch'] {
  if (value === null) return null;
  const seconds = object(value, path);
  const best = number(seconds['best'], `${path}.best`, BOUNDS.seconds);
  const median = number(seconds['median'], `${path}.median`, BOUNDS.seconds);
  if (best > median) fail(`${path}.best`, 'at most the median', best);
  return { best, median };
}

function measurement(value: unknown, path: string, version: number): Measurement {
  const m = object(value, path);
  const at = (key: string) => `${path}.${key}`;
  // in the order of the checks before the rebuild, so the first field at fault is named as it was
  const kernel = oneOf(m, 'kernel', path, DOCUMENT_KERNELS);
  const dtype = oneOf(m, 'dtype', path, ['f32', 'f16', 'q4'] as const);
  const shape = numberRecord(m['shape'], at('shape'), BOUNDS.shapeValue, LIMITS.shapeKeys);
  const label = string(m, 'label', path);
  const bytesPerDispatch = number(m['bytesPerDispatch'], at('bytesPerDispatch'), BOUNDS.bytesPerDispatch);
  const flopsPerDispatch = number(m['flopsPerDispatch'], at('flopsPerDispatch'), BOUNDS.flopsPerDispatch);
  const dispatchesPerSample = number(
    m['dispatchesPerSample'],
    at('dispatchesPerSample'),
    BOUNDS.dispatchesPerSample,
  );
  const launches = optional(m, 'launchesPerDispatch', () =>
    number(m['launchesPerDispatch'], at('launchesPerDispatch'), BOUNDS.dispatchesPerSample),
  );
  const samplesSeconds = array(m['samplesSeconds'], at('samplesSeconds'), LIMITS.samplesPerCase).map((s, i) =>
    number(s, `${path}.samplesSeconds[${i}]`, BOUNDS.seconds),
  );
  const seconds = secondsPerDispatch(m['secondsPerDispatch'], at('secondsPerDispatch'));
  const cv = nullableNumber(m['cv'], at('cv'), BOUNDS.cv);
  // a kernel that moves no bytes (the FMA probe) or does no FLOP (the streams) has a rate of 0
  const rate = (key: string, range: Range) => nullableNumber(m[key], at(key), range, { zero: true });
  const bytesPerSecond = rate('bytesPerSecond', BOUNDS.bytesPerSecond);
  const flopsPerSecond = rate('flopsPerSecond', BOUNDS.flopsPerSecond);
  const arithmeticIntensity = rate('arithmeticIntensity', BOUNDS.arithmeticIntensity);
  const timerTickSeconds = nullableNumber(
    m['timerTickSeconds'],
    at('timerTickSeconds'),
    BOUNDS.timerTickSeconds,
  );
  const verified = boolean(m, 'verified', path);
  const verifyMessage = string(m, 'verifyMessage', path, LIMITS.message);
  const timingMethod = oneOf(m, 'timingMethod', path, ['timestamp-query', 'wall-clock'] as const);
  const quantised = boolean(m, 'quantised', path);
  const stopReason = oneOf(m, 'stopReason', path, ['converged', 'max-samples', 'timeout', null] as const);
  const warnings = stringArray(m['warnings'], at('warnings'), LIMITS.warningsPerCase, LIMITS.message);
  const error = nullableString(m, 'error', path, LIMITS.message);
  const tuning = version >= 2 ? tuningFields(m, path) : NOT_RECORDED;
  // the field order of the Measurement interface: every rebuilt document exports the same way
  return {
    kernel,
    dtype,
    shape,
    label,
    bytesPerDispatch,
    flopsPerDispatch,
    dispatchesPerSample,
    ...launches,
    samplesSeconds,
    secondsPerDispatch: seconds,
    cv,
    bytesPerSecond,
    flopsPerSecond,
    arithmeticIntensity,
    verified,
    verifyMessage,
    timingMethod,
    quantised,
    timerTickSeconds,
    stopReason,
    warnings,
    error,
    ...tuning,
    variantTrials: [...tuning.variantTrials],
  };
}

function adapterRecord(value: unknown): AdapterRecord {
  const adapter = object(value, 'adapter');
  return {
    vendor: string(adapter, 'vendor', 'adapter'),
    architecture: string(adapter, 'architecture', 'adapter'),
    device: string(adapter, 'device', 'adapter'),
    description: string(adapter, 'description', 'adapter'),
    isFallbackAdapter: boolean(adapter, 'isFallbackAdapter', 'adapter'),
    featureLevel: oneOf(adapter, 'featureLevel', 'adapter', ['core', 'compatibility'] as const),
  };
}

function roofs(value: unknown): MeasuredRoofs {
  const o = object(value, 'roofs');
  const memory = roof(o['memory'], 'roofs.memory', BOUNDS.bytesPerSecond);
  const given = object(o['compute'], 'roofs.compute');
  const dtypes = Object.keys(given);
  if (dtypes.length > LIMITS.computeRoofs)
    fail('roofs.compute', `at most ${LIMITS.computeRoofs} roofs`, `${dtypes.length} roofs`);
  const compute: Record<string, MeasuredRoof> = {};
  for (const dtype of dtypes) {
    if (!isIdentifier(dtype)) fail('roofs.compute key', 'a dtype name', dtype);
    // a null roof says nothing (no dtype has a roof of "none"): it is left out, not kept as a hole
    const r = roof(given[dtype], `roofs.compute.${dtype}`, BOUNDS.flopsPerSecond);
    if (r !== null) compute[dtype] = r;
  }
  return { memory, compute };
}

function rebuild(value: unknown): MeasurementDocument {
  const d = object(value, '(root)');
  if (d['format'] !== 'ridgeline-measurements') fail('format', '"ridgeline-measurements"', d['format']);
  const version = d['version'];
  if (!READABLE_VERSIONS.includes(version as 1 | 2))
    fail('version', 'version 1 or 2 (the ones this build reads)', version);
  // written since issue 21 beside `version`, with the same number; older documents have none
  if (d['schemaVersion'] !== undefined && d['schemaVersion'] !== version)
    fail('schemaVersion', `${version} (the same as version)`, d['schemaVersion']);
  // the pattern bounds its length and excludes every character but digits, '-', ':', '.', 'T', 'Z', '+'
  const createdAt = d['createdAt'];
  if (typeof createdAt !== 'string' || !isIsoTimestamp(createdAt))
    fail('createdAt', 'an ISO 8601 date and time, e.g. 2026-11-26T23:00:00.000Z', createdAt);
  const runtime = string(d, 'runtime', '', LIMITS.runtime);
  const profile = oneOf(d, 'profile', '', ['quick', 'full', 'talk'] as const);
  const budgetSeconds = number(d['budgetSeconds'], 'budgetSeconds', BOUNDS.runSeconds);
  const elapsedSeconds = number(d['elapsedSeconds'], 'elapsedSeconds', BOUNDS.runSeconds);
  const status = oneOf(d, 'status', '', [
    'complete',
    'cancelled',
    'device-lost',
    'out-of-memory',
    'failed',
  ] as const);
  const statusReason = nullableString(d, 'statusReason', '', LIMITS.message);
  const adapter = adapterRecord(d['adapter']);
  const features = stringArray(d['features'], 'features', LIMITS.features, LIMITS.identifier);
  const limits = numberRecord(d['limits'], 'limits', BOUNDS.limitValue, LIMITS.limitKeys);
  const timerResolution = optional(d, 'timerResolutionSeconds', () =>
    nullableNumber(d['timerResolutionSeconds'], 'timerResolutionSeconds', BOUNDS.timerTickSeconds),
  );
  // version 1 never recorded the cache the policy planned against, nor whether the run was tuned
  const llcBytes = version === 1 ? null : nullableNumber(d['llcBytes'], 'llcBytes', BOUNDS.bytes);
  const tuned = version === 1 ? null : nullableBoolean(d, 'tuned', '');
  const skipped = stringArray(d['skipped'], 'skipped', LIMITS.skipped, LIMITS.message);
  const measurements = array(d['measurements'], 'measurements', LIMITS.measurements).map((m, i) =>
    measurement(m, `measurements[${i}]`, version as number),
  );
  return {
    format: 'ridgeline-measurements',
    version: 2,
    schemaVersion: 2,
    createdAt,
    runtime,
    profile,
    budgetSeconds,
    elapsedSeconds,
    status,
    statusReason,
    adapter,
    features,
    limits,
    ...timerResolution,
    llcBytes,
    tuned,
    skipped,
    measurements,
    roofs: roofs(d['roofs']),
  };
}

/** Checks and rebuilds `value` as a current-version document; never throws. */
export function checkDocument(value: unknown): DocumentCheck {
  try {
    return { ok: true, document: rebuild(value) };
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, error: error.message };
    // not expected (every check above throws a DocumentError), but a stranger's data still gets one line
    return {
      ok: false,
      error: `measurement document could not be read (${error instanceof Error ? error.name : 'unknown error'})`,
    };
  }
}

/** checkDocument for callers that throw: the rebuilt document, or an Error whose message names the field. */
export function validateDocument(value: unknown): MeasurementDocument {
  const checked = checkDocument(value);
  if (!checked.ok) throw new DocumentError(checked.error);
  return checked.document;
}
