import { describe, expect, it } from 'vitest';
import { runPlans } from '../../src/bench/runPlans.ts';
import { exportDocument, importDocument, type MeasurementDocument } from '../../src/measure/document.ts';
import { validateDocument } from '../../src/measure/validateDocument.ts';
import { FakeClock, FakeSession, fakePlan } from './measure/fakeGpu.ts';

async function sampleDocument(): Promise<MeasurementDocument> {
  const clock = new FakeClock();
  const session = new FakeSession(clock, {
    read: { secondsPerDispatch: 0.0013, jitter: 0.003 },
    fma: { secondsPerDispatch: 0.0071, jitter: 0.002 },
    broken: { secondsPerDispatch: 0.001 },
  });
  const plans = [
    fakePlan('stream-read', 'read', 1 << 24, 0),
    fakePlan('fma-peak', 'fma', 0, 1e9),
    fakePlan('gemv', 'broken', 1 << 20, 1 << 19, false),
  ];
  return runPlans(
    session,
    plans,
    { profile: 'quick', runtime: 'test', skipped: ['gemm f16 needs shader-f16'] },
    clock,
  );
}

/** The document as plain JSON with one field replaced (path as a list of keys). */
function withField(doc: MeasurementDocument, path: (string | number)[], value: unknown): string {
  const copy = JSON.parse(JSON.stringify(doc));
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key];
  const last = path.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return JSON.stringify(copy);
}

describe('measurement document', () => {
  it('export → import round-trips exactly (deep equal; once rebuilt, byte-identical whenever exported again)', async () => {
    const doc = await sampleDocument();
    const text = exportDocument(doc);
    const back = importDocument(text);
    expect(back).toEqual(doc);
    // the import rebuilds the document in the interface's field order: from then on the text is fixed
    expect(exportDocument(importDocument(exportDocument(back)))).toBe(exportDocument(back));
    expect(back.measurements[0]!.samplesSeconds).toEqual(doc.measurements[0]!.samplesSeconds);
    expect(back.measurements[2]!.error).toMatch(/verification failed/);
    expect(back.skipped).toEqual(['gemm f16 needs shader-f16']);
  });

  it('rejects text that is not JSON', () => {
    expect(() => importDocument('{"format": ')).toThrow(/^measurement document is not JSON: /);
  });

  it('rejects a document of another format or version, saying which', async () => {
    const doc = await sampleDocument();
    expect(() => importDocument(withField(doc, ['format'], 'nvbench'))).toThrow(
      'measurement document format: expected "ridgeline-measurements", got "nvbench"',
    );
    expect(() => importDocument(withField(doc, ['version'], 3))).toThrow(
      /version: expected version 1 or 2.*got 3$/,
    );
    expect(() => validateDocument([])).toThrow('measurement document (root): expected an object, got []');
  });

  it('names the path of a bad field deep inside a measurement', async () => {
    const doc = await sampleDocument();
    expect(() =>
      importDocument(withField(doc, ['measurements', 1, 'secondsPerDispatch', 'median'], 'fast')),
    ).toThrow(
      'measurement document measurements[1].secondsPerDispatch.median: expected a number in 1 ps–1 h, got "fast"',
    );
    expect(() => importDocument(withField(doc, ['measurements', 0, 'samplesSeconds', 2], -1))).toThrow(
      'measurements[0].samplesSeconds[2]: expected a number in 1 ps–1 h, got -1',
    );
    expect(() => importDocument(withField(doc, ['measurements', 0, 'kernel'], 'saxpy'))).toThrow(
      /measurements\[0\]\.kernel: expected one of "dispatch-overhead", "stream-read", .*got "saxpy"/,
    );
    expect(() => importDocument(withField(doc, ['measurements', 2, 'verified'], 'no'))).toThrow(
      'measurements[2].verified: expected true or false, got "no"',
    );
    expect(() => importDocument(withField(doc, ['measurements', 0, 'bytesPerSecond'], undefined))).toThrow(
      'measurements[0].bytesPerSecond: expected a number in 1 kB/s–1 PB/s or 0 or null, got nothing',
    );
  });

  it('names missing or mistyped top-level fields, adapter fields, limits and roofs', async () => {
    const doc = await sampleDocument();
    expect(() => importDocument(withField(doc, ['createdAt'], 'yesterday'))).toThrow(
      'measurement document createdAt: expected an ISO 8601 date and time, e.g. 2026-11-26T23:00:00.000Z, got "yesterday"',
    );
    expect(() => importDocument(withField(doc, ['adapter', 'isFallbackAdapter'], undefined))).toThrow(
      'adapter.isFallbackAdapter: expected true or false, got nothing',
    );
    expect(() => importDocument(withField(doc, ['limits', 'maxBufferSize'], '1 GB'))).toThrow(
      'limits.maxBufferSize: expected a whole number in 0–2^64, got "1 GB"',
    );
    expect(() => importDocument(withField(doc, ['roofs', 'compute', 'f32', 'value'], null))).toThrow(
      'roofs.compute.f32.value: expected a number in 1 kFLOP/s–100 EFLOP/s, got null',
    );
    expect(() => importDocument(withField(doc, ['status'], 'exploded'))).toThrow(
      /status: expected one of "complete", "cancelled", "device-lost", "out-of-memory", "failed", got "exploded"/,
    );
    expect(() => importDocument(withField(doc, ['measurements'], {}))).toThrow(
      'measurements: expected an array, got {}',
    );
  });

  it("reads a run that ended by an error outside any case (status 'failed', what the page keeps of a crashed worker)", async () => {
    const doc = {
      ...(await sampleDocument()),
      status: 'failed',
      statusReason: 'the benchmark worker failed: x',
    };
    expect(importDocument(exportDocument(doc as MeasurementDocument))).toEqual(doc);
  });

  it('version 2 records working sets, cache residency and the variants; their fields are validated', async () => {
    const doc = await sampleDocument();
    expect(doc.version).toBe(2);
    expect(doc.llcBytes).toBe(256 << 20);
    expect(doc.measurements[0]).toMatchObject({
      workingSetBytes: 1 << 24,
      cacheResident: false,
      variant: 'only',
    });
    expect(() => importDocument(withField(doc, ['measurements', 0, 'cacheResident'], 'no'))).toThrow(
      'measurements[0].cacheResident: expected true, false or null (not recorded), got "no"',
    );
    expect(() => importDocument(withField(doc, ['measurements', 0, 'workingSetBytes'], 2e15))).toThrow(
      'measurements[0].workingSetBytes: expected a number in 0–1 PB or null, got 2000000000000000',
    );
    expect(() => importDocument(withField(doc, ['llcBytes'], -1))).toThrow(
      'llcBytes: expected a number in 0–1 PB or null, got -1',
    );
    const trial = {
      name: 'wg256',
      verified: true,
      secondsPerDispatch: 1e-3,
      bytesPerSecond: 1e9,
      flopsPerSecond: 0,
    };
    expect(() =>
      importDocument(withField(doc, ['measurements', 0, 'variantTrials'], [{ ...trial, error: 7 }])),
    ).toThrow('measurements[0].variantTrials[0].error: expected a string, got 7');
    const withTrial = importDocument(
      withField(doc, ['measurements', 0, 'variantTrials'], [{ ...trial, error: null }]),
    );
    expect(withTrial.measurements[0]!.variantTrials[0]!.name).toBe('wg256');
  });

  it('reads a version 1 document as version 2 with the fields it never recorded as null or empty', async () => {
    const v1 = JSON.parse(exportDocument(await sampleDocument()));
    v1.version = 1;
    delete v1.schemaVersion;
    delete v1.llcBytes;
    delete v1.tuned;
    for (const m of v1.measurements) {
      for (const key of ['workingSetBytes', 'cacheResident', 'variant', 'variantTrials']) delete m[key];
    }
    const read = importDocument(JSON.stringify(v1));
    expect(read.version).toBe(2);
    expect(read.schemaVersion).toBe(2);
    expect(read.llcBytes).toBeNull();
    expect(read.tuned).toBeNull();
    expect(read.measurements[0]).toMatchObject({
      workingSetBytes: null,
      cacheResident: null,
      variant: null,
      variantTrials: [],
    });
    // A version 1 stream never said it was cache-resident: it still counts for the memory roof.
    expect(read.roofs.memory?.label).toBe('read');
  });
});
