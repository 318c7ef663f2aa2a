// Documents from a stranger (issue 10): an import, a #run= link, this browser's history. Each input the
// issue lists is refused with a message that names the field and the bound; fast-check fuzzes the
// validator, the share-link decoder and the history loader with arbitrary and mutated input.
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOUNDS, LIMITS } from '../../../src/measure/bounds.ts';
import { importDocument, type MeasurementDocument } from '../../../src/measure/document.ts';
import { isIsoTimestamp } from '../../../src/measure/isoTime.ts';
import { validateDocument } from '../../../src/measure/validateDocument.ts';
import { hasUnsafeCharacters } from '../../../src/model/text/plainText.ts';
import { csvField, documentToCsv } from '../../../src/ui/measure/csv.ts';
import { cleanHistory, HISTORY_KEY, HISTORY_LIMIT, loadHistory } from '../../../src/ui/measure/history.ts';
import { documentFromShare, MAX_SHARE_HASH_CHARS } from '../../../src/ui/measure/share.ts';
import { sampleDocument } from '../charts/sampleDocument.ts';

type Mutable = Record<string, unknown>;

/** The sample document with `change` applied to a deep copy. */
function withChange(change: (doc: Mutable & { measurements: Mutable[]; adapter: Mutable }) => void): string {
  const copy = JSON.parse(JSON.stringify(sampleDocument()));
  change(copy);
  return JSON.stringify(copy);
}

const refused = (text: string) => {
  try {
    importDocument(text);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

const base64Url = (bytes: Uint8Array) =>
  Buffer.from(bytes).toString('base64').replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

describe('the validator refuses what the issue lists, naming the field and the bound', () => {
  it.each([
    [
      'a denormal rate',
      (d: Mutable & { measurements: Mutable[] }) => {
        d.measurements[0]!['bytesPerSecond'] = 1e-320;
      },
      /^measurement document measurements\[0\]\.bytesPerSecond: expected a number in 1 kB\/s–1 PB\/s or 0 or null, got 1e-320$/,
    ],
    [
      'the smallest denormal',
      (d: Mutable & { measurements: Mutable[] }) => {
        d.measurements[1]!['flopsPerSecond'] = 5e-324;
      },
      /measurements\[1\]\.flopsPerSecond: expected a number in 1 kFLOP\/s–100 EFLOP\/s or 0 or null, got 5e-324$/,
    ],
    [
      'a rate of 1e308',
      (d: Mutable & { measurements: Mutable[] }) => {
        d.measurements[0]!['bytesPerSecond'] = 1e308;
      },
      /bytesPerSecond: expected a number in 1 kB\/s–1 PB\/s/,
    ],
    [
      'a roof of 1e308',
      (d: Mutable) => {
        (d['roofs'] as { memory: { value: number } }).memory.value = 1e308;
      },
      /roofs\.memory\.value: expected a number in 1 kB\/s–1 PB\/s/,
    ],
    [
      'markup in createdAt (Chrome parses it as a date)',
      (d: Mutable) => {
        d['createdAt'] = '<iframe src=//x> 2020';
      },
      /^measurement document createdAt: expected an ISO 8601 date and time/,
    ],
    [
      'a style block in createdAt',
      (d: Mutable) => {
        d['createdAt'] = '<style>*{display:none}</style> 2020';
      },
      /createdAt: expected an ISO 8601/,
    ],
    [
      'a date that does not exist',
      (d: Mutable) => {
        d['createdAt'] = '2026-02-30T10:00:00Z';
      },
      /createdAt: expected an ISO 8601/,
    ],
    [
      'too many samples',
      (d: Mutable & { measurements: Mutable[] }) => {
        d.measurements[0]!['samplesSeconds'] = Array.from({ length: LIMITS.samplesPerCase + 1 }, () => 1e-3);
      },
      /samplesSeconds: expected at most 1000 items, got a list of 1001$/,
    ],
    [
      'too many cases',
      (d: Mutable & { measurements: Mutable[] }) => {
        d.measurements = Array.from({ length: LIMITS.measurements + 1 }, () => d.measurements[0]!);
      },
      /^measurement document measurements: expected at most 512 items/,
    ],
    [
      'an overlong label',
      (d: Mutable & { measurements: Mutable[] }) => {
        d.measurements[0]!['label'] = 'x'.repeat(LIMITS.label + 1);
      },
      /measurements\[0\]\.label: expected a string of at most 256 characters, got a string of 257 characters$/,
    ],
    [
      'a newline in the adapter name',
      (d: Mutable & { adapter: Mutable }) => {
        d.adapter['description'] = 'GPU\nline two';
      },
      /adapter\.description: expected a string without control characters/,
    ],
    [
      'a bidi override in a warning',
      (d: Mutable & { measurements: Mutable[] }) => {
        d.measurements[0]!['warnings'] = ['safe \u202e txt.exe'];
      },
      /measurements\[0\]\.warnings\[0\]: expected a string without control characters/,
    ],
    [
      'a lone surrogate',
      (d: Mutable & { adapter: Mutable }) => {
        d.adapter['vendor'] = 'a\ud800b';
      },
      /adapter\.vendor: expected a string without control characters/,
    ],
    [
      '__proto__ as a shape key',
      (d: Mutable & { measurements: Mutable[] }) => {
        d.measurements[0]!['shape'] = JSON.parse('{"__proto__": 1}');
      },
      /measurements\[0\]\.shape key: expected a name/,
    ],
    [
      'a fractional shape',
      (d: Mutable & { measurements: Mutable[] }) => {
        d.measurements[0]!['shape'] = { n: 1.5 };
      },
      /measurements\[0\]\.shape\.n: expected a whole number in 0–2\^53/,
    ],
    [
      'best slower than the median',
      (d: Mutable & { measurements: Mutable[] }) => {
        d.measurements[0]!['secondsPerDispatch'] = { best: 2e-3, median: 1e-3 };
      },
      /secondsPerDispatch\.best: expected at most the median/,
    ],
  ] as const)('%s', (_, change, message) => {
    expect(refused(withChange(change as (doc: Mutable) => void))).toMatch(message);
  });

  it('markup and script in every string field are accepted as text (the page shows them as text)', () => {
    const markup = '<img src=x onerror=alert(1)><svg><foreignObject><img src=x onerror=alert(2)>';
    const text = withChange((d) => {
      for (const key of ['vendor', 'architecture', 'device', 'description']) d.adapter[key] = markup;
      d['runtime'] = markup;
      d['statusReason'] = markup;
      d['skipped'] = [markup];
      for (const m of d.measurements) {
        m['label'] = markup;
        m['verifyMessage'] = markup;
        m['warnings'] = [markup];
      }
    });
    expect(importDocument(text).adapter.description).toBe(markup);
  });

  it('a document over 2 MB is "too large" before any parsing, and a byte-order mark is not an error', () => {
    expect(refused(`${' '.repeat(LIMITS.documentBytes)}{}`)).toMatch(
      /^the measurement document is too large \(2 MB; a measurement document may be at most 2 MB\)$/,
    );
    expect(importDocument(`\uFEFF${JSON.stringify(sampleDocument())}`)).toEqual(sampleDocument());
  });

  it('isIsoTimestamp: the forms toISOString and offsets write; nothing lenient', () => {
    for (const good of ['2026-11-26T23:00:00.000Z', '2026-11-26T23:00:00Z', '2024-02-29T00:00:00+05:30'])
      expect(isIsoTimestamp(good), good).toBe(true);
    for (const bad of [
      '2026-11-26',
      '2026-11-26 23:00:00Z',
      '2023-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-26T24:00:00Z',
      '1999-12-31T23:59:59Z',
      ' 2026-11-26T23:00:00Z',
      'Thu, 26 Nov 2026 23:00:00 GMT',
    ])
      expect(isIsoTimestamp(bad), bad).toBe(false);
  });
});

/** Numbers and strings as a hostile document carries them. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 5e-324, 1e-320, 1e308, -1, 2 ** 64, 2 ** 53 + 1),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', '\u0000', '\u202e', 'a\ud800', '__proto__', 'x'.repeat(3000)),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.double(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.double(), { maxKeys: 3 }),
);

/** Every path (as keys) to a leaf of the sample document. */
function leafPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.length === 0 ? [at] : entries.flatMap(([key, v]) => leafPaths(v, [...at, key]));
}
const PATHS = leafPaths(sampleDocument());

/** What the page may rely on once a document is accepted: finite numbers, clean bounded strings. */
function trustworthy(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= LIMITS.message && !hasUnsafeCharacters(value);
  if (value === null || typeof value !== 'object') return true;
  return Object.values(value).every(trustworthy);
}

function oneLineError(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).not.toMatch(/\n/);
  expect(message.length).toBeLessThan(300);
}

describe('fast-check: validateDocument over arbitrary and mutated documents', () => {
  it('arbitrary JSON is refused with one line naming a field, never a crash', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          validateDocument(value);
        } catch (error) {
          oneLineError(error);
          expect((error as Error).message).toMatch(/^measurement document /);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('one field changed to a hostile value: refused in one line, or accepted and still trustworthy', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), hostileValue, (path, value) => {
        const copy = JSON.parse(JSON.stringify(sampleDocument()));
        let target = copy;
        for (const key of path.slice(0, -1)) target = target[key];
        target[path.at(-1)!] = value;
        let accepted: MeasurementDocument;
        try {
          accepted = validateDocument(copy);
        } catch (error) {
          oneLineError(error);
          return;
        }
        expect(trustworthy(accepted)).toBe(true);
        for (const m of accepted.measurements) {
          for (const rate of [m.bytesPerSecond, m.flopsPerSecond]) {
            if (rate !== null && rate !== 0) expect(rate).toBeGreaterThanOrEqual(BOUNDS.bytesPerSecond.min);
          }
        }
      }),
      { numRuns: 600 },
    );
  });
});

describe('fast-check: the share-link decoder', () => {
  it('any text as a #run= value: a valid document, or one clear line (its time: npm run bench:hostile)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.stringMatching(/^[A-Za-z0-9_-]{0,400}$/),
          fc.jsonValue().map((v) => base64Url(deflateRawSync(Buffer.from(JSON.stringify(v) ?? '')))),
        ),
        async (packed) => {
          try {
            const document = await documentFromShare(packed);
            expect(trustworthy(document)).toBe(true);
          } catch (error) {
            oneLineError(error);
            expect((error as Error).message).toMatch(/^(the shared|measurement document)/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a link over the length limit is "too large" before decoding; one that inflates past 2 MB stops there', async () => {
    await expect(documentFromShare('A'.repeat(MAX_SHARE_HASH_CHARS + 1))).rejects.toThrow(
      /^the shared link is too large \(32,001 characters; a link carries at most 32,000\)/,
    );
    // 20 MB of spaces deflate to ~20 KB: inside the length limit, a bomb once inflated
    const bomb = base64Url(deflateRawSync(Buffer.alloc(20_000_000, 0x20), { level: 9 }));
    expect(bomb.length).toBeLessThan(MAX_SHARE_HASH_CHARS);
    await expect(documentFromShare(bomb)).rejects.toThrow(
      /^the shared run is too large: it unpacks to more than 2 MB/,
    );
    // not base64url at all, or not UTF-8 once inflated: damaged
    await expect(documentFromShare('<script>')).rejects.toThrow(/^the shared link is damaged/);
    await expect(
      documentFromShare(base64Url(deflateRawSync(Buffer.from([0xff, 0xfe, 0x00])))),
    ).rejects.toThrow(/^the shared link is damaged/);
  });
});

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('history planted in localStorage', () => {
  it('800 planted entries: 12 valid ones are kept, the rest dropped, and the cleaned list written back', () => {
    const storage = new MemoryStorage();
    // a slim run (two cases) keeps 800 of them under the size a whole origin's storage can hold
    const slim = { ...sampleDocument(), measurements: sampleDocument().measurements.slice(0, 2) };
    const entry = (i: number) => ({ id: `run-${i}`, savedAt: '2026-11-27T10:00:00.000Z', document: slim });
    const planted = [
      { id: 'bad-date', savedAt: 'not a date', document: sampleDocument() },
      { id: '<img src=x>', savedAt: '2026-11-27T10:00:00.000Z', document: sampleDocument() },
      { id: 'bad-doc', savedAt: '2026-11-27T10:00:00.000Z', document: { format: 'x' } },
      ...Array.from({ length: 800 }, (_, i) => entry(i)),
    ];
    storage.setItem(HISTORY_KEY, JSON.stringify(planted));
    const { entries, dropped } = cleanHistory(storage);
    expect(entries.map((e) => e.id)).toEqual(Array.from({ length: HISTORY_LIMIT }, (_, i) => `run-${i}`));
    expect(dropped).toBe(planted.length - HISTORY_LIMIT);
    expect(JSON.parse(storage.getItem(HISTORY_KEY) ?? '[]')).toHaveLength(HISTORY_LIMIT);
    expect(loadHistory(storage).dropped).toBe(0);
  });

  it('a stored list larger than any quota is dropped unread; arbitrary JSON never throws', () => {
    const storage = new MemoryStorage();
    storage.setItem(HISTORY_KEY, `[${'1,'.repeat(3_000_000)}1]`);
    expect(loadHistory(storage)).toMatchObject({ entries: [], dropped: 1 });
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        storage.setItem(HISTORY_KEY, JSON.stringify(value));
        const { entries } = loadHistory(storage);
        expect(entries.length).toBeLessThanOrEqual(HISTORY_LIMIT);
      }),
      { numRuns: 200 },
    );
  });
});

describe('CSV export', () => {
  it('cells that start like a formula are neutralised; numbers are not', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(csvField(formula).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvField(-1)).toBe('-1');
    expect(csvField('gemv f32')).toBe('gemv f32');
    const doc = sampleDocument();
    const csv = documentToCsv({
      ...doc,
      measurements: [{ ...doc.measurements[0]!, label: '=cmd|"/c calc"!A1' }],
    });
    expect(csv.split('\r\n')[1]).toContain(`"'=cmd|""/c calc""!A1"`);
  });
});
