// The room's log: what was acknowledged is there after a restart, a torn last line (a crash mid-write) is
// set aside with a note and costs no good line, a damaged line elsewhere is skipped with a note, and one
// process at a time holds a folder.
import {
  appendFileSync,
  existsSync,
  constants as fsConstants,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../src/measure/document.ts';
import { roomEntryFrom } from '../../src/room/entry.ts';
import { LOG_FILE, RoomStore, StoreLockedError } from '../../src/server/store.ts';
import { fixtureText, newRecord, tempDir } from './roomHarness.ts';

const document = importDocument(fixtureText);
const entry = (id: string, nickname: string | null = null) =>
  roomEntryFrom(document, { id, nickname, declaredClass: null, receivedAt: '2026-12-01T10:00:00.000Z' });
const options = { maxResultsPerRoom: 100 };

describe('RoomStore', () => {
  it('keeps rooms, results, removals and clears across a restart', async () => {
    const dir = tempDir('store');
    const record = newRecord();
    const first = await RoomStore.open(dir, options);
    await first.createRoom(record);
    await Promise.all(
      ['a1', 'a2', 'a3', 'a4'].map((id) => first.addResult(record.code, entry(id, `n-${id}`))),
    );
    await first.removeResult(record.code, 'a2');
    await first.close();

    const second = await RoomStore.open(dir, options);
    expect(second.notes).toEqual([]);
    expect(second.openRoom()).toEqual(record);
    expect(second.entries(record.code).map((e) => e.id)).toEqual(['a1', 'a3', 'a4']);
    expect(second.entries(record.code)[0]).toEqual(entry('a1', 'n-a1'));
    await second.clear(record.code);
    await second.addResult(record.code, entry('b1'));
    await second.closeRoom(record.code);
    await second.close();

    const third = await RoomStore.open(dir, options);
    expect(third.entries(record.code).map((e) => e.id)).toEqual(['b1']);
    expect(third.openRoom()).toBeNull();
    expect(third.room(record.code)?.open).toBe(false);
    await third.close();
  });

  it('writes the log durably: opened with O_DSYNC where the platform has it', async () => {
    const dir = tempDir('store');
    const store = await RoomStore.open(dir, options);
    try {
      const { O_DSYNC } = fsConstants;
      expect(store.syncEachWrite).toBe(O_DSYNC !== undefined);
      // Linux says how a descriptor was opened (flags, in octal) in /proc: the flag must really be set
      if (O_DSYNC !== undefined && existsSync('/proc/self/fdinfo')) {
        const info = readFileSync(`/proc/self/fdinfo/${store.fd}`, 'utf8');
        const flags = Number.parseInt(/^flags:\s+([0-7]+)$/m.exec(info)?.[1] ?? '0', 8);
        expect(flags & O_DSYNC).toBe(O_DSYNC);
      }
    } finally {
      await store.close();
    }
  });

  it('a torn last line is set aside with a note; every good line is kept and appends go on', async () => {
    const dir = tempDir('store');
    const record = newRecord();
    const first = await RoomStore.open(dir, options);
    await first.createRoom(record);
    for (const id of ['t1', 't2', 't3']) await first.addResult(record.code, entry(id));
    await first.close();
    const log = join(dir, LOG_FILE);
    const good = readFileSync(log, 'utf8');
    // what a crash between write() and its end leaves: half a record, no newline
    const half = JSON.stringify({ op: 'result', code: record.code, entry: entry('t4') }).slice(0, 150);
    appendFileSync(log, half);

    const second = await RoomStore.open(dir, options);
    expect(second.notes).toHaveLength(1);
    expect(second.notes[0]).toMatch(/last line was cut short by a crash mid-write \(150 bytes/);
    expect(second.entries(record.code).map((e) => e.id)).toEqual(['t1', 't2', 't3']);
    expect(readFileSync(log, 'utf8')).toBe(good);
    const aside = readdirSync(dir).filter((name) => name.startsWith('torn-line-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(half);
    await second.addResult(record.code, entry('t5'));
    await second.close();

    const third = await RoomStore.open(dir, options);
    expect(third.notes).toEqual([]);
    expect(third.entries(record.code).map((e) => e.id)).toEqual(['t1', 't2', 't3', 't5']);
    await third.close();
  });

  it('a damaged or hostile line in the middle is skipped with a note, the rest kept', async () => {
    const dir = tempDir('store');
    const record = newRecord();
    const first = await RoomStore.open(dir, options);
    await first.createRoom(record);
    await first.addResult(record.code, entry('m1'));
    await first.close();
    const log = join(dir, LOG_FILE);
    const hostile = { ...entry('m2'), nickname: '<script>\u202e' };
    appendFileSync(
      log,
      `{not json\n${JSON.stringify({ op: 'result', code: record.code, entry: hostile })}\n`,
    );
    const reopened = await RoomStore.open(dir, options);
    await reopened.addResult(record.code, entry('m3'));
    await reopened.close();
    const last = await RoomStore.open(dir, options);
    expect(last.notes).toEqual(['2 damaged lines in the log skipped; every other line was read']);
    expect(last.entries(record.code).map((e) => e.id)).toEqual(['m1', 'm3']);
    await last.close();
  });

  it('one process per folder: a live holder refuses a second, a dead one is taken over', async () => {
    const dir = tempDir('store');
    const first = await RoomStore.open(dir, options);
    await expect(RoomStore.open(dir, options)).rejects.toBeInstanceOf(StoreLockedError);
    await first.close();
    // a crash leaves the lock behind, naming a process that is gone
    writeFileSync(join(dir, 'room.lock'), '2147483646');
    const second = await RoomStore.open(dir, options);
    await second.close();
  });
});
