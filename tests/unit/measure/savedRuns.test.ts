// Saved runs never break or vanish (issue 20): old documents, the history, round trips, numbers as they were
// written, the CSV guard. Each listed bug has a case here that failed before its fix; the round-trip
// property runs over generated documents of every version this build reads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exportDocument,
  importDocument,
  type MeasurementDocument,
  readDocumentText,
} from '../../../src/measure/document.ts';
import { checkDocument } from '../../../src/measure/validateDocument.ts';
import { csvField, documentToCsv } from '../../../src/ui/measure/csv.ts';
import {
  addToHistory,
  cleanHistory,
  HISTORY_KEY,
  HISTORY_LIMIT,
  historyLossText,
  historySkipText,
  loadHistory,
  saveHistory,
} from '../../../src/ui/measure/history.ts';
import { documentFromShare, sharedRunParam, shareHash } from '../../../src/ui/measure/share.ts';
import { sampleDocument, sampleVersion1Document } from '../charts/sampleDocument.ts';
import { anyDocument, deeplyNested, documentArbitrary, withUnknownKeys } from './documentArbitrary.ts';

type Json = Record<string, unknown>;

const version1 = () => sampleVersion1Document();

class MemoryStorage {
  readonly items = new Map<string, string>();
  /** Characters the storage holds at most (a quota); a write past it throws QuotaExceededError. */
  constructor(private readonly quota = Number.POSITIVE_INFINITY) {}
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length > this.quota)
      throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const entry = (id: string, document: unknown, savedAt = '2026-11-27T10:00:00.000Z') => ({
  id,
  savedAt,
  document,
});

async function roundTripShare(document: MeasurementDocument): Promise<MeasurementDocument> {
  const shared = await shareHash(document);
  if (!shared.ok) throw new Error(shared.message);
  return documentFromShare(sharedRunParam(shared.hash)!);
}

describe('bug 1: a version 1 history entry is upgraded on load', () => {
  it('loads as version 2 with the fields it never recorded as null or empty; its CSV has no "undefined"', () => {
    const storage = new MemoryStorage();
    storage.setItem(HISTORY_KEY, JSON.stringify([entry('old-run', version1())]));
    const { entries } = cleanHistory(storage);
    expect(entries).toHaveLength(1);
    const document = entries[0]!.document;
    expect(document.version).toBe(2);
    for (const m of document.measurements) {
      expect(m.variantTrials).toEqual([]);
      expect(m).toMatchObject({ workingSetBytes: null, cacheResident: null, variant: null });
    }
    expect(documentToCsv(document)).not.toContain('undefined');
    // and the stored list is written back in the current version
    const stored = JSON.parse(storage.getItem(HISTORY_KEY)!) as { document: Json }[];
    expect(stored[0]!.document['version']).toBe(2);
  });
});

describe('bug 2: the page imports its own export and share link of a version 1 run', () => {
  it('import → export → import, and share link → open', async () => {
    const upgraded = importDocument(JSON.stringify(version1()));
    expect(upgraded.llcBytes).toBeNull();
    expect(upgraded.tuned).toBeNull();
    expect(importDocument(exportDocument(upgraded))).toEqual(upgraded);
    expect(await roundTripShare(upgraded)).toEqual(upgraded);
  });
});

describe('bugs 3 and 6: unknown keys nested deep never reach JSON.stringify', () => {
  const deep = withUnknownKeys(sampleDocument() as unknown as Json, deeplyNested(100_000));

  it('an import drops them: the document exports, shares and imports again', async () => {
    const imported = importDocument(
      JSON.stringify({ ...sampleDocument(), futureField: 1 }).replace(
        '"futureField":1',
        `"futureField":${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      ),
    );
    expect(imported).toEqual(sampleDocument());
    const rebuilt = checkDocument(deep);
    expect(rebuilt.ok).toBe(true);
    if (!rebuilt.ok) return;
    expect(rebuilt.document).toEqual(sampleDocument());
    expect(() => exportDocument(rebuilt.document)).not.toThrow();
    expect(await roundTripShare(rebuilt.document)).toEqual(sampleDocument());
  });

  it('one such entry in the history costs no other entry when a run is added', () => {
    const storage = new MemoryStorage();
    const others = Array.from({ length: 5 }, (_, i) => entry(`run-${i}`, sampleDocument()));
    // planted as text: JSON.stringify could not write the deep value, JSON.parse reads it
    const text = JSON.stringify([entry('deep', { ...sampleDocument(), futureField: 0 }), ...others]).replace(
      '"futureField":0',
      `"futureField":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
    );
    storage.setItem(HISTORY_KEY, text);
    const saved = addToHistory(storage, sampleDocument(), 'new-run');
    expect(saved.kept.map((e) => e.id)).toEqual(['new-run', 'deep', ...others.map((e) => e.id)]);
    expect(saved.quotaDropped).toEqual([]);
    expect(loadHistory(storage).entries).toHaveLength(7);
  });

  it('a value nested 100,000 deep in any field is refused in one line, never a RangeError', () => {
    const paths: (string | number)[][] = [
      ['adapter'],
      ['measurements'],
      ['measurements', 0, 'label'],
      ['measurements', 0, 'shape'],
      ['roofs', 'compute', 'f32'],
    ];
    for (const path of paths) {
      const copy = JSON.parse(JSON.stringify(sampleDocument())) as Json;
      let target = copy as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
      target[path.at(-1)!] = deeplyNested(100_000);
      const checked = checkDocument(copy);
      expect(checked.ok, path.join('.')).toBe(false);
      if (!checked.ok) expect(checked.error).toMatch(/^measurement document \S+: expected [^\n]*, got /);
    }
  });
});

describe('bug 3 and item 4: the history drops runs only for a full storage, and says which', () => {
  it('a write that fails for another reason drops nothing: it throws and the stored list stays', () => {
    const storage = new MemoryStorage();
    saveHistory(storage, Array.from({ length: 4 }, (_, i) => entry(`run-${i}`, sampleDocument())) as never);
    const before = storage.getItem(HISTORY_KEY);
    // the first write fails for a reason that is not a full storage (a browser that blocks storage, a
    // script on this origin that wraps it); a second would succeed, which a "full quota" loop would take
    let calls = 0;
    const failingOnce = {
      getItem: (key: string) => storage.getItem(key),
      setItem: (key: string, value: string) => {
        if (calls++ === 0) throw new DOMException('the operation is insecure', 'SecurityError');
        storage.setItem(key, value);
      },
    };
    expect(() => addToHistory(failingOnce, sampleDocument(), 'new-run')).toThrow(/insecure/);
    expect(storage.getItem(HISTORY_KEY)).toBe(before);
    expect(loadHistory(storage).entries).toHaveLength(4);
  });

  it('a full storage drops the oldest runs, one at a time, and the page is told which', () => {
    const one = JSON.stringify([entry('run-0', sampleDocument())]).length;
    const storage = new MemoryStorage(one * 3.5);
    const entries = Array.from({ length: 3 }, (_, i) =>
      entry(`run-${i}`, sampleDocument(), `2026-11-2${i}T10:00:00.000Z`),
    );
    saveHistory(storage, entries.reverse() as never);
    const saved = addToHistory(storage, sampleDocument(), 'new-run');
    expect(saved.kept.map((e) => e.id)).toEqual(['new-run', 'run-2', 'run-1']);
    expect(saved.quotaDropped.map((e) => e.id)).toEqual(['run-0']);
    expect(historyLossText(saved)).toMatch(
      /^This browser’s storage is full: the oldest saved run was removed from the history to make room: .*\(SwiftShader \(CPU fallback\)\)\.$/,
    );
  });

  it('when even the new run alone does not fit, nothing is written and the saved runs stay', () => {
    const storage = new MemoryStorage();
    saveHistory(storage, [entry('run-0', sampleDocument())] as never);
    const before = storage.getItem(HISTORY_KEY);
    const tiny = {
      getItem: (key: string) => storage.getItem(key),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => addToHistory(tiny, sampleDocument(), 'new-run')).toThrow(/storage is full/);
    expect(storage.getItem(HISTORY_KEY)).toBe(before);
  });

  it('a bad entry is skipped and reported; the good ones around it are kept', () => {
    const storage = new MemoryStorage();
    const bad = { ...sampleDocument(), createdAt: 'yesterday' };
    storage.setItem(
      HISTORY_KEY,
      JSON.stringify([entry('a', sampleDocument()), entry('bad', bad), entry('b', sampleDocument())]),
    );
    const loaded = cleanHistory(storage);
    expect(loaded.entries.map((e) => e.id)).toEqual(['a', 'b']);
    expect(loaded.unreadable).toBe(1);
    expect(historySkipText(loaded)).toMatch(
      /^1 saved entry was not valid .* the others are kept: 1 could not be read \(entry 2: measurement document createdAt: expected an ISO 8601/,
    );
  });

  it('a run past the latest 12 is named when it leaves', () => {
    const storage = new MemoryStorage();
    saveHistory(
      storage,
      Array.from({ length: HISTORY_LIMIT }, (_, i) => entry(`run-${i}`, sampleDocument())) as never,
    );
    const saved = addToHistory(storage, sampleDocument(), 'new-run');
    expect(saved.kept).toHaveLength(HISTORY_LIMIT);
    expect(saved.overLimit.map((e) => e.id)).toEqual([`run-${HISTORY_LIMIT - 1}`]);
    expect(historyLossText(saved)).toMatch(/^The history keeps the latest 12 runs: this one left it: /);
  });
});

describe('bug 9: a number is described as it was written', () => {
  const withRate = (token: string) =>
    JSON.stringify(sampleDocument()).replace(/"bytesPerSecond":[^,]+/, `"bytesPerSecond":${token}`);

  it('a 401-digit number is quoted by its digits, never as "null"', () => {
    const read = readDocumentText(withRate(`1${'0'.repeat(400)}`));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error).not.toMatch(/got null/);
    expect(read.error).toMatch(
      /^measurement document measurements\[0\]\.bytesPerSecond: expected a number in 1 kB\/s–1 PB\/s or 0 or null, got a number of 401 digits \(1000000000000000000000000?…\)$/,
    );
  });

  it('1e400 and -1e999 as written; 1e-400 is refused, not read as 0', () => {
    for (const [token, shown] of [
      ['1e400', 'got 1e400'],
      ['-1e999', 'got -1e999'],
      ['1e-400', 'got 1e-400'],
    ] as const) {
      const read = readDocumentText(withRate(token));
      expect(read.ok, token).toBe(false);
      if (!read.ok) expect(read.error).toMatch(new RegExp(`bytesPerSecond: expected .*, ${shown}$`));
    }
    // a number a double holds is read as usual, 0 included
    expect(readDocumentText(withRate('0')).ok).toBe(true);
    expect(readDocumentText(withRate('0.0e-400')).ok).toBe(true);
  });
});

describe('bug 9: the CSV guard', () => {
  it('a formula after leading spaces or no-break spaces is neutralised', () => {
    for (const formula of [' =1+1', '\u00a0=cmd', '  @SUM(A1)', '\u3000+1', '\ufeff=1'])
      expect(csvField(formula).replace(/^"/, ''), JSON.stringify(formula)).toMatch(/^'/);
  });

  it('a semicolon (the separator of comma-decimal locales) is quoted, in the last column too', () => {
    expect(csvField('a;=cmd|"/c calc"!A1')).toBe(`"a;=cmd|""/c calc""!A1"`);
    const doc = sampleDocument();
    const csv = documentToCsv({
      ...doc,
      measurements: [{ ...doc.measurements[0]!, variant: 'x;=1+1' }],
    });
    const row = csv.split('\r\n')[1]!;
    expect(row.endsWith(',"x;=1+1"')).toBe(true);
  });
});

describe('the validator is a pure function from unknown to a result', () => {
  it('never throws, whatever the value (deep nesting, cycles of types, arbitrary JSON)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.constant(deeplyNested(100_000))), (value) => {
        const checked = checkDocument(value);
        if (!checked.ok) {
          expect(checked.error).toMatch(/^measurement document /);
          expect(checked.error).not.toMatch(/\n/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('item 3: the page imports everything it exports (generated documents of every version)', () => {
  it('import → export → import gives the same document, and its text is a fixed point', () => {
    fc.assert(
      fc.property(anyDocument, (document) => {
        const first = importDocument(JSON.stringify(document));
        expect(first.version).toBe(2);
        const exported = exportDocument(first);
        const again = importDocument(exported);
        expect(again).toEqual(first);
        expect(exportDocument(again)).toBe(exported);
      }),
      { numRuns: 300 },
    );
  });

  it('share link → open gives the same document', async () => {
    await fc.assert(
      fc.asyncProperty(anyDocument, async (document) => {
        const first = importDocument(JSON.stringify(document));
        expect(await roundTripShare(first)).toEqual(first);
      }),
      { numRuns: 60 },
    );
  });

  it('saved to the history → loaded gives the same document (older versions upgraded on load)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(documentArbitrary(1), documentArbitrary(2)), { maxLength: 3 }),
        (docs) => {
          const storage = new MemoryStorage();
          storage.setItem(HISTORY_KEY, JSON.stringify(docs.map((d, i) => entry(`run-${i}`, d))));
          const loaded = cleanHistory(storage);
          expect(loaded.entries.map((e) => e.document)).toEqual(
            docs.map((d) => importDocument(JSON.stringify(d))),
          );
          expect(loadHistory(storage)).toMatchObject({ dropped: 0, stale: false });
        },
      ),
      { numRuns: 100 },
    );
  });
});
