import { describe, expect, it } from 'vitest';
import { documentRoofs } from '../../../src/charts/rooflineSeries.ts';
import { exportDocument } from '../../../src/measure/document.ts';
import { gpuPreset } from '../../../src/model/presets/index.ts';
import { compareRoofs, comparisonSentence } from '../../../src/ui/measure/comparison.ts';
import { csvField, documentToCsv } from '../../../src/ui/measure/csv.ts';
import { fileStem } from '../../../src/ui/measure/download.ts';
import {
  addToHistory,
  HISTORY_KEY,
  HISTORY_LIMIT,
  loadHistory,
  removeFromHistory,
} from '../../../src/ui/measure/history.ts';
import { runOutcome } from '../../../src/ui/measure/runOutcome.ts';
import {
  documentFromShare,
  MAX_SHARE_HASH_CHARS,
  sharedRunParam,
  shareHash,
} from '../../../src/ui/measure/share.ts';
import { adapterName } from '../../../src/ui/measure/store.ts';
import { sampleDocument } from '../charts/sampleDocument.ts';

class MemoryStorage {
  readonly items = new Map<string, string>();
  quotaChars = Number.POSITIVE_INFINITY;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length > this.quotaChars)
      throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

describe('csv', () => {
  it('documentToCsv(doc) writes a header and one row per case, SI units, unrounded', () => {
    const doc = sampleDocument();
    const lines = documentToCsv(doc).trimEnd().split('\r\n');
    expect(lines).toHaveLength(doc.measurements.length + 1);
    expect(lines[0]).toBe(
      'kernel,dtype,shape,label,bytes_per_dispatch,flop_per_dispatch,samples,median_s_per_dispatch,best_s_per_dispatch,cv,bytes_per_s,flop_per_s,flop_per_byte,verified,timing,error,warnings,working_set_bytes,cache_resident,variant',
    );
    const stream = lines[1]!.split(',');
    expect(stream.slice(0, 2)).toEqual(['stream-read', 'f32']);
    expect(Number(stream[10])).toBeCloseTo(1e10, 0);
    // the failed f16 GEMV: empty rates, verified false, its error
    expect(lines[5]).toBe(
      'gemv,f16,M=1024 K=1024,gemv f16 1024x1024,2097152,2097152,3,,,,,,1,false,timestamp-query,verification failed: max rel error 0.5 > 1e-3,,8388608,false,',
    );
  });

  it('the runner\'s warnings go in one field, joined by " | " and quoted when they hold commas; then the working set, cache residency and variant', () => {
    const doc = sampleDocument();
    const first = {
      ...doc.measurements[0]!,
      warnings: ['noisy: CV 4.1 % > 3 %', 'shrunk from a, b'],
      cacheResident: true,
      variant: 'wg256 rows4',
    };
    const lines = documentToCsv({ ...doc, measurements: [first] })
      .trimEnd()
      .split('\r\n');
    expect(lines[1]!.endsWith(',"noisy: CV 4.1 % > 3 % | shrunk from a, b",41000000,true,wg256 rows4')).toBe(
      true,
    );
  });

  it('csvField quotes commas, quotes and newlines', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvField(1.5)).toBe('1.5');
  });
});

describe('share link', () => {
  it('shareHash(doc) → documentFromShare gives the same document back', async () => {
    const doc = sampleDocument();
    const result = await shareHash(doc);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.hash.startsWith('#run=')).toBe(true);
    // compressed well below the raw JSON
    expect(result.hash.length).toBeLessThan(exportDocument(doc).length / 2);
    const packed = sharedRunParam(result.hash);
    expect(packed).not.toBeNull();
    expect(await documentFromShare(packed!)).toEqual(doc);
  });

  it('refuses a run that does not fit in a link', async () => {
    const doc = sampleDocument();
    const noisy = {
      ...doc,
      measurements: doc.measurements.map((m, i) => ({
        ...m,
        samplesSeconds: Array.from({ length: 4000 }, (_, j) => Math.sin(i * 7919 + j) ** 2 * 1e-3),
      })),
    };
    const result = await shareHash(noisy);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(
      /^this run is too large for a link \([\d,]+ characters, limit 32,000\); export the JSON instead$/,
    );
    expect(MAX_SHARE_HASH_CHARS).toBe(32_000);
  });

  it('a damaged link is one clear sentence, and a hash without a run is null', async () => {
    await expect(documentFromShare('not-a-run')).rejects.toThrow(/^the shared link is damaged/);
    expect(sharedRunParam('#chapter-3')).toBeNull();
    expect(sharedRunParam('')).toBeNull();
  });
});

describe('history', () => {
  it('keeps the newest run first and at most HISTORY_LIMIT runs', () => {
    const storage = new MemoryStorage();
    for (let i = 0; i < HISTORY_LIMIT + 3; i++) addToHistory(storage, sampleDocument(), `run-${i}`);
    const { entries, dropped } = loadHistory(storage);
    expect(dropped).toBe(0);
    expect(entries).toHaveLength(HISTORY_LIMIT);
    expect(entries[0]!.id).toBe(`run-${HISTORY_LIMIT + 2}`);
    expect(entries[0]!.document).toEqual(sampleDocument());
    expect(removeFromHistory(storage, `run-${HISTORY_LIMIT + 2}`).kept).toHaveLength(HISTORY_LIMIT - 1);
  });

  it('drops the oldest entries when the storage quota is reached', () => {
    const storage = new MemoryStorage();
    const one = JSON.stringify([{ id: 'x', savedAt: '', document: sampleDocument() }]).length;
    storage.quotaChars = one * 3.5;
    for (let i = 0; i < 6; i++) addToHistory(storage, sampleDocument(), `run-${i}`);
    const ids = loadHistory(storage).entries.map((e) => e.id);
    expect(ids).toEqual(['run-5', 'run-4', 'run-3']);
  });

  it('skips entries that are not valid documents (storage is user-writable)', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      HISTORY_KEY,
      JSON.stringify([
        { id: 'a', savedAt: '2026-11-27T10:00:00.000Z', document: sampleDocument() },
        { id: 'b', savedAt: '2026-11-27T10:00:00.000Z', document: { format: 'x' } },
      ]),
    );
    const { entries, dropped } = loadHistory(storage);
    expect(entries.map((e) => e.id)).toEqual(['a']);
    expect(dropped).toBe(1);
    storage.setItem(HISTORY_KEY, '{not json');
    expect(loadHistory(storage)).toMatchObject({ entries: [], dropped: 1 });
  });
});

describe('comparison and outcome', () => {
  it('compareRoofs(measured, B200): bandwidth ×800 and FP32 compute ×2,250 for 10 GB/s and 40 GFLOP/s', () => {
    const c = compareRoofs(documentRoofs(sampleDocument()), gpuPreset('b200'), ['fp4']);
    expect(c.bandwidthRatio).toBeCloseTo(8e12 / 10e9, 6);
    expect(c.fp32ComputeRatio).toBeCloseTo(90e12 / 40e9, 6);
    expect(c.tensorPrecision).toBe('fp4');
    expect(c.tensorComputeRatio).toBeCloseTo(10e15 / 40e9, 3);
  });

  it('compareRoofs without measured roofs gives nulls, not NaN', () => {
    const c = compareRoofs({ memory: null, compute: {} }, gpuPreset('b200'), ['fp32']);
    expect(c).toEqual({
      bandwidthRatio: null,
      fp32ComputeRatio: null,
      tensorComputeRatio: null,
      tensorPrecision: null,
    });
  });

  it('runOutcome names the failed cases, which are not plotted, and the skipped ones', () => {
    const outcome = runOutcome(sampleDocument());
    expect(outcome.kind).toBe('error');
    expect(outcome.lines[0]).toBe('Run finished: 8 of 9 kernel cases verified and measured in 4.2 s.');
    expect(outcome.lines[1]).toBe(
      '1 case failed and is not plotted: gemv f16 1024x1024 (verification failed: max rel error 0.5 > 1e-3).',
    );
    expect(outcome.lines[2]).toBe('Not run on this device: gemm f16 needs shader-f16.');
  });

  it('runOutcome of a cancelled run says the finished cases are kept; device loss says why', () => {
    const cancelled = runOutcome({ ...sampleDocument(), status: 'cancelled', statusReason: 'cancelled' });
    expect(cancelled.lines[0]).toBe(
      'Run cancelled: the 8 kernel cases finished before the cancel are kept on the chart.',
    );
    const lost = runOutcome({ ...sampleDocument(), status: 'device-lost', statusReason: 'GPU hung' });
    expect(lost.kind).toBe('error');
    expect(lost.lines[0]).toBe(
      'The GPU device was lost (GPU hung); the 8 cases measured before that are kept.',
    );
  });

  it('runOutcome of a failed run (the worker died) says why and how many cases are kept', () => {
    const doc = sampleDocument();
    const failed = runOutcome({
      ...doc,
      status: 'failed',
      statusReason: 'the benchmark worker failed: Uncaught Error: boom',
      measurements: doc.measurements.slice(0, 1),
    });
    expect(failed.kind).toBe('error');
    expect(failed.lines[0]).toBe(
      'The run failed (the benchmark worker failed: Uncaught Error: boom); the 1 case measured before that is kept.',
    );
  });

  it('adapterName and fileStem', () => {
    expect(adapterName(sampleDocument().adapter)).toBe('SwiftShader (CPU fallback)');
    expect(adapterName({ ...sampleDocument().adapter, description: '', isFallbackAdapter: false })).toBe(
      'google swiftshader',
    );
    expect(fileStem('SwiftShader (CPU fallback)', '2026-11-26T23:00:00.000Z')).toBe(
      'ridgeline-swiftshader-cpu-fallback-2026-11-26T23-00-00',
    );
  });
});

describe('comparisonSentence', () => {
  it('says which GPU is faster and by how much, like with like', () => {
    const c = compareRoofs(documentRoofs(sampleDocument()), gpuPreset('b200'), ['fp4']);
    expect(comparisonSentence('this GPU', 'B200', c)).toBe(
      "The B200 moves ×800 this GPU's bytes per second, and the B200 does ×2,250 this GPU's FP32 FLOP per second; its FP4 tensor cores, ×250,000.",
    );
    // a measured GPU faster than the reference: the sentence turns round
    const fast = {
      bandwidthRatio: 0.5,
      fp32ComputeRatio: null,
      tensorComputeRatio: null,
      tensorPrecision: null,
    };
    expect(comparisonSentence('this GPU', 'B200', fast)).toBe(
      "This GPU moves ×2 the B200's bytes per second.",
    );
    expect(comparisonSentence('x', 'B200', { ...fast, bandwidthRatio: null })).toBeNull();
  });
});
