// fast-check arbitraries for measurement documents of every version this build reads (1 and 2): each field
// anywhere in its physical range (measure/bounds.ts), strings of any printable text (wide glyphs, markup,
// emoji), nulls where a field may be null, and, when asked, keys the format does not know at any level,
// one of them nested far deeper than JSON.stringify can follow.
import fc from 'fast-check';
import { BOUNDS, LIMITS, type Range } from '../../../src/measure/bounds.ts';
import { DOCUMENT_KERNELS } from '../../../src/measure/validateDocument.ts';
import { hasUnsafeCharacters } from '../../../src/model/text/plainText.ts';

type Json = Record<string, unknown>;

const inRange = (range: Range): fc.Arbitrary<number> =>
  range.integer
    ? fc.integer({ min: range.min, max: Math.min(range.max, Number.MAX_SAFE_INTEGER) })
    : fc.double({ min: range.min, max: range.max, noNaN: true, noDefaultInfinity: true });

/** A number in range, or null; rates may also be 0 (a kernel that moves no bytes). */
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const rate = (range: Range) => nullable(fc.oneof(fc.constant(0), inRange(range)));

/** Printable text a document may carry: any Unicode but control characters, bidi overrides, lone halves. */
const text = (max: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength: Math.min(max, 40) }),
      fc.constantFrom('<img src=x onerror=alert(1)>', '=HYPERLINK("x")', ' =1+1', '\u00a0=cmd', 'a;b'),
      fc.constant('Ｗ'.repeat(Math.min(max, 256))),
    )
    .filter((s) => s.length <= max && !hasUnsafeCharacters(s));

const identifier = fc
  .stringMatching(/^[A-Za-z0-9_.-]{1,24}$/)
  .filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const seconds = inRange(BOUNDS.seconds);

const trial = fc.record({
  name: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
  verified: fc.boolean(),
  secondsPerDispatch: nullable(seconds),
  bytesPerSecond: rate(BOUNDS.bytesPerSecond),
  flopsPerSecond: rate(BOUNDS.flopsPerSecond),
  error: nullable(text(80)),
});

const measurement = (version: 1 | 2) =>
  fc
    .record({
      kernel: fc.constantFrom(...DOCUMENT_KERNELS),
      dtype: fc.constantFrom('f32', 'f16', 'q4'),
      shape: fc.dictionary(identifier, inRange(BOUNDS.shapeValue), { maxKeys: 4 }),
      label: text(LIMITS.label),
      bytesPerDispatch: inRange(BOUNDS.bytesPerDispatch),
      flopsPerDispatch: inRange(BOUNDS.flopsPerDispatch),
      dispatchesPerSample: inRange(BOUNDS.dispatchesPerSample),
      samplesSeconds: fc.array(seconds, { maxLength: 6 }),
      secondsPerDispatch: nullable(
        fc.tuple(seconds, seconds).map(([a, b]) => ({ best: Math.min(a, b), median: Math.max(a, b) })),
      ),
      cv: nullable(inRange(BOUNDS.cv)),
      bytesPerSecond: rate(BOUNDS.bytesPerSecond),
      flopsPerSecond: rate(BOUNDS.flopsPerSecond),
      arithmeticIntensity: rate(BOUNDS.arithmeticIntensity),
      verified: fc.boolean(),
      verifyMessage: text(200),
      timingMethod: fc.constantFrom('timestamp-query', 'wall-clock'),
      quantised: fc.boolean(),
      timerTickSeconds: nullable(inRange(BOUNDS.timerTickSeconds)),
      stopReason: fc.constantFrom('converged', 'max-samples', 'timeout', null),
      warnings: fc.array(text(200), { maxLength: 3 }),
      error: nullable(text(200)),
      workingSetBytes: nullable(inRange(BOUNDS.bytes)),
      cacheResident: nullable(fc.boolean()),
      variant: nullable(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/)),
      variantTrials: fc.array(trial, { maxLength: 3 }),
    })
    .map((m) => (version === 1 ? withoutVersion2Fields(m) : m));

function withoutVersion2Fields(m: Json): Json {
  const { workingSetBytes: _w, cacheResident: _c, variant: _v, variantTrials: _t, ...v1 } = m;
  return v1;
}

const roof = fc.record({ value: inRange(BOUNDS.flopsPerSecond), label: text(LIMITS.label) });

/** A document of `version` as a stranger may have saved it (plain JSON-able data). */
export function documentArbitrary(version: 1 | 2): fc.Arbitrary<Json> {
  return fc
    .record({
      format: fc.constant('ridgeline-measurements'),
      version: fc.constant(version),
      createdAt: isoDate,
      runtime: text(LIMITS.runtime),
      profile: fc.constantFrom('quick', 'full'),
      budgetSeconds: inRange(BOUNDS.runSeconds),
      elapsedSeconds: inRange(BOUNDS.runSeconds),
      status: fc.constantFrom('complete', 'cancelled', 'device-lost', 'out-of-memory', 'failed'),
      statusReason: nullable(text(200)),
      adapter: fc.record({
        vendor: text(LIMITS.label),
        architecture: text(LIMITS.label),
        device: text(LIMITS.label),
        description: text(LIMITS.label),
        isFallbackAdapter: fc.boolean(),
        featureLevel: fc.constantFrom('core', 'compatibility'),
      }),
      features: fc.array(identifier, { maxLength: 4 }),
      limits: fc.dictionary(identifier, fc.nat(), { maxKeys: 4 }),
      llcBytes: nullable(inRange(BOUNDS.bytes)),
      tuned: nullable(fc.boolean()),
      skipped: fc.array(text(200), { maxLength: 2 }),
      measurements: fc.array(measurement(version), { maxLength: 4 }),
      roofs: fc.record({
        memory: nullable(fc.record({ value: inRange(BOUNDS.bytesPerSecond), label: text(LIMITS.label) })),
        compute: fc.dictionary(identifier, roof, { maxKeys: 3 }),
      }),
      // version 2 documents written since issue 21 carry schemaVersion beside version; older ones do not
      withSchemaVersion: fc.boolean(),
    })
    .map(({ withSchemaVersion, ...d }) => {
      if (version === 2) return withSchemaVersion ? { ...d, schemaVersion: 2 } : d;
      const { llcBytes: _l, tuned: _t, ...v1 } = d;
      return v1;
    });
}

/** A value nested `depth` levels deep (built without recursion): far past what JSON.stringify follows. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { deeper: value } : [value];
  return value;
}

/** Keys the format does not know, added to the document, an adapter and a measurement (a copy). */
export function withUnknownKeys(document: Json, extra: unknown): Json {
  const copy: Json = {
    ...document,
    futureField: extra,
    adapter: { ...(document['adapter'] as Json), x: extra },
  };
  const measurements = document['measurements'] as Json[];
  copy['measurements'] = measurements.map((m, i) => (i === 0 ? { ...m, note: extra } : m));
  return copy;
}

/** Any document of a version this build reads, and sometimes with unknown keys at several levels. */
export const anyDocument: fc.Arbitrary<Json> = fc
  .tuple(
    fc.oneof(documentArbitrary(1), documentArbitrary(2)),
    fc.option(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(deeplyNested(50))), { nil: undefined }),
  )
  .map(([document, extra]) => (extra === undefined ? document : withUnknownKeys(document, extra)));
