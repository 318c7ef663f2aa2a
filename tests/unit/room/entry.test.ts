import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importDocument, type MeasurementDocument } from '../../../src/measure/document.ts';
import { normaliseRoomCode, roomCodeFrom, roomUrls } from '../../../src/room/code.ts';
import {
  deviceClassOf,
  parseNickname,
  type RoomEntry,
  roomEntryFrom,
  validateRoomEntry,
} from '../../../src/room/entry.ts';
import { parseRoomEvent } from '../../../src/room/events.ts';
import { bandwidthHistogram, summariseRoom } from '../../../src/room/summary.ts';
import { RateLimiter } from '../../../src/server/rateLimit.ts';
import { fixtureText } from '../../room/roomHarness.ts';

const document = importDocument(fixtureText);
const adapter = (patch: Partial<MeasurementDocument['adapter']>) => ({
  ...document.adapter,
  isFallbackAdapter: false,
  description: '',
  vendor: '',
  architecture: '',
  device: '',
  ...patch,
});
const meta = { id: 'abc', nickname: null, declaredClass: null, receivedAt: '2026-12-01T10:00:00.000Z' };

function entryWith(
  id: string,
  memory: number | null,
  f32: number | null,
  nickname: string | null = null,
): RoomEntry {
  return {
    id,
    nickname,
    device: { name: `dev ${id}`, vendor: 'v', architecture: 'a', class: 'laptop' },
    roofs: { memoryBytesPerSecond: memory, computeFlopsPerSecond: f32 === null ? {} : { f32 } },
    points: [],
    profile: 'quick',
    receivedAt: meta.receivedAt,
  };
}

describe('room entry', () => {
  it('roomEntryFrom(document) keeps the adapter, recomputed roofs and verified kernel points, not the user agent', () => {
    const entry = roomEntryFrom(document, { ...meta, nickname: 'Ada' });
    expect(entry.device).toEqual({
      name: 'SwiftShader driver 5.0.0',
      vendor: 'google',
      architecture: 'swiftshader',
      class: 'cpu',
    });
    expect(entry.roofs.memoryBytesPerSecond).toBe(661157024.7933884);
    expect(entry.points.map((p) => p.kernel)).toEqual([
      'gemv',
      'gemv',
      'gemv-batched',
      'gemv-batched',
      'gemv-batched',
      'gemm',
      'moe-gemv',
    ]);
    expect(JSON.stringify(entry)).not.toContain(document.runtime);
    expect(validateRoomEntry(entry)).toEqual(entry);
  });

  it('an imported roofs field is not trusted: the roofs come from the measurements', () => {
    const forged = { ...document, roofs: { memory: { value: 8e12, label: 'forged' }, compute: {} } };
    expect(roomEntryFrom(forged, meta).roofs.memoryBytesPerSecond).toBe(661157024.7933884);
  });

  it('deviceClassOf: CPU adapters, handhelds, the attendee’s answer, then the adapter', () => {
    const desktopUa = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131';
    expect(deviceClassOf(adapter({ isFallbackAdapter: true }), desktopUa)).toBe('cpu');
    expect(
      deviceClassOf(adapter({ description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }), desktopUa, 'desktop'),
    ).toBe('cpu');
    expect(
      deviceClassOf(adapter({ vendor: 'qualcomm' }), 'Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile'),
    ).toBe('phone');
    expect(
      deviceClassOf(adapter({ vendor: 'apple' }), 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)'),
    ).toBe('phone');
    expect(deviceClassOf(adapter({ vendor: 'nvidia' }), desktopUa, 'laptop')).toBe('laptop');
    expect(
      deviceClassOf(
        adapter({ vendor: 'nvidia', description: 'NVIDIA GeForce RTX 4070 Laptop GPU' }),
        desktopUa,
      ),
    ).toBe('laptop');
    expect(deviceClassOf(adapter({ vendor: 'nvidia', architecture: 'ada' }), desktopUa)).toBe('desktop');
    expect(
      deviceClassOf(adapter({ vendor: 'apple', architecture: 'metal-3' }), 'Mozilla/5.0 (Macintosh)'),
    ).toBe('laptop');
  });

  it('parseNickname: trimmed, ≤ 32 code points, one line, no direction overrides; empty is none', () => {
    expect(parseNickname('  Ada  ')).toBe('Ada');
    expect(parseNickname('   ')).toBeNull();
    expect(parseNickname(undefined)).toBeNull();
    expect(parseNickname('🙂'.repeat(32))).toBe('🙂'.repeat(32));
    expect(parseNickname('x'.repeat(33))).toBeInstanceOf(Error);
    expect(parseNickname('a\nb')).toBeInstanceOf(Error);
    expect(parseNickname('a\u202eb')).toBeInstanceOf(Error);
    expect(parseNickname('<b>Ada</b>')).toBe('<b>Ada</b>');
  });

  it('validateRoomEntry refuses anything out of bounds and drops unknown fields', () => {
    const entry = roomEntryFrom(document, meta);
    const bad: unknown[] = [
      null,
      { ...entry, id: 'A B' },
      { ...entry, nickname: 'x'.repeat(40) },
      { ...entry, nickname: '' },
      { ...entry, device: { ...entry.device, class: 'server' } },
      { ...entry, device: { ...entry.device, name: 'a\u0000' } },
      { ...entry, roofs: { ...entry.roofs, memoryBytesPerSecond: Number.POSITIVE_INFINITY } },
      { ...entry, roofs: { ...entry.roofs, memoryBytesPerSecond: 1e300 } },
      { ...entry, roofs: { ...entry.roofs, computeFlopsPerSecond: JSON.parse('{"__proto__": 5e9}') } },
      { ...entry, points: Array.from({ length: 65 }, () => entry.points[0]) },
      { ...entry, receivedAt: 'yesterday' },
    ];
    for (const value of bad) expect(validateRoomEntry(value)).toBeNull();
    const extra = validateRoomEntry({ ...entry, userAgent: 'x', device: { ...entry.device, html: '<b>' } });
    expect(extra).toEqual(entry);
  });

  it('parseRoomEvent drops malformed events and invalid entries of a snapshot', () => {
    const entry = roomEntryFrom(document, meta);
    expect(parseRoomEvent('result', JSON.stringify(entry))).toEqual({ type: 'result', entry });
    expect(parseRoomEvent('result', '{')).toBeNull();
    expect(parseRoomEvent('removed', '{"id":"<x>"}')).toBeNull();
    expect(parseRoomEvent('bogus', '{}')).toBeNull();
    const snapshot = parseRoomEvent(
      'snapshot',
      JSON.stringify({ room: { code: 'ABCDEF', open: true }, entries: [entry, { id: 1 }] }),
    );
    expect(snapshot).toEqual({ type: 'snapshot', room: { code: 'ABCDEF', open: true }, entries: [entry] });
  });
});

describe('room codes', () => {
  it('six characters without look-alikes, read case-insensitively', () => {
    expect(normaliseRoomCode('k7p4q2')).toBe('K7P4Q2');
    for (const bad of ['K7P4Q', 'K7P4Q2X', 'K0P4Q2', 'KIP4Q2', 'K7P4Q/', ''])
      expect(normaliseRoomCode(bad)).toBeNull();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const code = roomCodeFrom(bytes);
        return code === null || normaliseRoomCode(code) === code;
      }),
    );
    expect(roomUrls('https://room.example.org/', 'K7P4Q2', 't')).toEqual({
      join: 'https://room.example.org/room/K7P4Q2',
      speaker: 'https://room.example.org/room/K7P4Q2?speaker=t',
    });
  });
});

describe('room summary', () => {
  it('ranks by memory bandwidth, names the fastest and the lower median', () => {
    const entries = [
      entryWith('a', 50e9, 1e12),
      entryWith('b', 200e9, 1e12, 'Bo'),
      entryWith('c', 100e9, 1e12),
      entryWith('d', null, 9e12),
    ];
    const summary = summariseRoom(entries);
    expect(summary.count).toBe(4);
    expect(summary.metric).toBe('memory');
    expect(summary.fastest?.entry.id).toBe('b');
    expect(summary.median?.entry.id).toBe('c');
    expect(summary.withoutBandwidth).toBe(1);
    expect(summary.byClass).toEqual({ phone: 0, laptop: 4, desktop: 0, cpu: 0 });
  });

  it('without any memory roof, ranks by the compute roof and says so', () => {
    const summary = summariseRoom([
      entryWith('a', null, 1e12),
      entryWith('b', null, 3e12),
      entryWith('c', null, 2e12),
    ]);
    expect(summary.metric).toBe('compute');
    expect(summary.fastest?.entry.id).toBe('b');
    expect(summary.median?.entry.id).toBe('c');
    expect(summary.histogram).toEqual([]);
  });

  it('the histogram counts every bandwidth once, on fixed quarter-decade edges; the median is a real device', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e3, max: 1e15, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const bins = bandwidthHistogram(values);
          const total = bins.reduce((sum, bin) => sum + bin.count, 0);
          if (total !== values.length || bins.length > 49) return false;
          for (const v of values) {
            const bin = bins.find((b) => v >= b.lo * (1 - 1e-9) && v < b.hi * (1 + 1e-9));
            if (!bin) return false;
          }
          const summary = summariseRoom(values.map((v, i) => entryWith(`e${i}`, v, null)));
          const median = summary.median!.value;
          const below = values.filter((v) => v <= median).length;
          const above = values.filter((v) => v >= median).length;
          return values.includes(median) && below >= values.length / 2 && above >= values.length / 2;
        },
      ),
    );
  });
});

describe('rate limiter', () => {
  it('a burst, then the refill rate; clients apart; the table stays bounded', () => {
    const limiter = new RateLimiter({ burst: 2, perMinute: 6, maxClients: 3 });
    expect([limiter.take('a', 0), limiter.take('a', 0), limiter.take('a', 0)]).toEqual([0, 0, 10]);
    expect(limiter.take('b', 0)).toBe(0);
    expect(limiter.take('a', 10_000)).toBe(0);
    for (let i = 0; i < 100; i++) limiter.take(`c${i}`, 0);
    expect(limiter.size).toBe(3);
  });
});
