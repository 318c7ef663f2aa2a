// The room's storage: one append-only JSON-lines log under --data, written through one file handle opened
// with O_DSYNC (where the platform lacks it, each write is followed by fdatasync). Every change (a room
// opened or closed, a result added, removed or cleared) is one line; a reply goes out only after its line
// is on disk, so a 201 is never lost to a crash. Appends that arrive while one write is on its way to disk
// go together in the next (group commit), which is what lets one process take a room's submissions at the
// rate of its disk's syncs, not of one sync per result.
//
// Reading back: every line is parsed and checked (validateRoomEntry for results); a last line without its
// newline is a write a crash cut short: it is set aside in a file of its own, cut from the log, and noted.
// A damaged line elsewhere is skipped with a note; no bad line ever costs a good one. Why a log and not an
// embedded database: docs/room.md ("Storage").
import {
  closeSync,
  existsSync,
  constants as fsConstants,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { type FileHandle, open, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { isIsoTimestamp } from '../measure/isoTime.ts';
import { isSpeakerToken, normaliseRoomCode } from '../room/code.ts';
import { isEntryId, type RoomEntry, validateRoomEntry } from '../room/entry.ts';

export const LOG_FILE = 'room-log.jsonl';
const LOCK_FILE = 'room.lock';

export interface RoomRecord {
  readonly code: string;
  readonly token: string;
  readonly createdAt: string;
}

interface RoomState {
  readonly record: RoomRecord;
  open: boolean;
  /** Insertion-ordered: the order results arrived. */
  readonly entries: Map<string, RoomEntry>;
  /** Results accepted but not yet on disk (they count against the cap). */
  pending: number;
}

type LogRecord =
  | { op: 'room'; code: string; token: string; at: string }
  | { op: 'result'; code: string; entry: RoomEntry }
  | { op: 'remove'; code: string; id: string }
  | { op: 'clear'; code: string }
  | { op: 'close'; code: string };

interface Pending {
  readonly line: string;
  readonly done: () => void;
  readonly fail: (error: Error) => void;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A log line read back as a record, or null when it is not one this build writes. */
function readRecord(value: unknown): LogRecord | null {
  if (!isObject(value) || typeof value['code'] !== 'string') return null;
  const code = normaliseRoomCode(value['code']);
  if (code === null || code !== value['code']) return null;
  switch (value['op']) {
    case 'room': {
      const { token, at } = value;
      return typeof token === 'string' &&
        isSpeakerToken(token) &&
        typeof at === 'string' &&
        isIsoTimestamp(at)
        ? { op: 'room', code, token, at }
        : null;
    }
    case 'result': {
      const entry = validateRoomEntry(value['entry']);
      return entry ? { op: 'result', code, entry } : null;
    }
    case 'remove':
      return isEntryId(value['id']) ? { op: 'remove', code, id: value['id'] } : null;
    case 'clear':
    case 'close':
      return { op: value['op'], code };
    default:
      return null;
  }
}

export class StoreLockedError extends Error {}

export interface StoreOptions {
  /** Results one room keeps at most (issue 24: "results per room are capped"). */
  readonly maxResultsPerRoom: number;
}

export class RoomStore {
  readonly notes: string[] = [];
  private readonly rooms = new Map<string, RoomState>();
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly handle: FileHandle,
    private readonly options: StoreOptions,
    /** The log was opened with O_DSYNC: a write is durable when it returns, no fdatasync needed. */
    readonly syncEachWrite: boolean,
  ) {}

  /** The log's file descriptor (tests read its open flags from /proc). */
  get fd(): number {
    return this.handle.fd;
  }

  /** Opens (or creates) the store in `dir`, replaying its log; throws StoreLockedError if a live process holds it. */
  static async open(dir: string, options: StoreOptions): Promise<RoomStore> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    takeLock(dir);
    try {
      const path = join(dir, LOG_FILE);
      const notes: string[] = [];
      const records = existsSync(path) ? await readLog(path, dir, notes) : [];
      const created = !existsSync(path);
      // O_DSYNC where the platform has it: each write returns once its bytes are on disk, as write() then
      // fdatasync() would, in one trip to libuv's thread pool instead of two (each trip waits its turn in a
      // busy event loop: bench:room's store phase). Elsewhere (Windows) write, then fdatasync.
      const { O_WRONLY, O_APPEND, O_CREAT, O_DSYNC } = fsConstants;
      const syncEachWrite = O_DSYNC !== undefined;
      const handle = await open(path, syncEachWrite ? O_WRONLY | O_APPEND | O_CREAT | O_DSYNC : 'a', 0o600);
      if (created) syncFolder(dir);
      const store = new RoomStore(dir, handle, options, syncEachWrite);
      store.notes.push(...notes);
      for (const record of records) store.apply(record);
      return store;
    } catch (error) {
      releaseLock(dir);
      throw error;
    }
  }

  /** The newest room still open, if any. */
  openRoom(): RoomRecord | null {
    let latest: RoomState | null = null;
    for (const room of this.rooms.values()) if (room.open) latest = room;
    return latest?.record ?? null;
  }

  room(code: string): { readonly record: RoomRecord; readonly open: boolean; readonly count: number } | null {
    const room = this.rooms.get(code);
    return room ? { record: room.record, open: room.open, count: room.entries.size } : null;
  }

  entries(code: string): RoomEntry[] {
    return [...(this.rooms.get(code)?.entries.values() ?? [])];
  }

  async createRoom(record: RoomRecord): Promise<void> {
    const line: LogRecord = { op: 'room', code: record.code, token: record.token, at: record.createdAt };
    await this.append(line);
    this.apply(line);
  }

  /** 'full' when the room holds its maximum; 'closed' when it takes no more results. */
  canAdd(code: string): 'ok' | 'missing' | 'closed' | 'full' {
    const room = this.rooms.get(code);
    if (!room) return 'missing';
    if (!room.open) return 'closed';
    return room.entries.size + room.pending >= this.options.maxResultsPerRoom ? 'full' : 'ok';
  }

  /** Resolves once the result is on disk; then it is in the room. */
  async addResult(code: string, entry: RoomEntry): Promise<void> {
    const room = this.rooms.get(code);
    if (!room) throw new Error('no such room');
    room.pending += 1;
    try {
      await this.append({ op: 'result', code, entry });
    } finally {
      room.pending -= 1;
    }
    this.apply({ op: 'result', code, entry });
  }

  async removeResult(code: string, id: string): Promise<boolean> {
    if (!this.rooms.get(code)?.entries.has(id)) return false;
    await this.append({ op: 'remove', code, id });
    this.apply({ op: 'remove', code, id });
    return true;
  }

  async clear(code: string): Promise<number> {
    const count = this.rooms.get(code)?.entries.size ?? 0;
    await this.append({ op: 'clear', code });
    this.apply({ op: 'clear', code });
    return count;
  }

  async closeRoom(code: string): Promise<void> {
    await this.append({ op: 'close', code });
    this.apply({ op: 'close', code });
  }

  /** Waits for every pending write, closes the log and releases the folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.writing) await this.writing;
    await this.handle.close();
    releaseLock(this.dir);
  }

  private apply(record: LogRecord): void {
    if (record.op === 'room') {
      if (!this.rooms.has(record.code))
        this.rooms.set(record.code, {
          record: { code: record.code, token: record.token, createdAt: record.at },
          open: true,
          entries: new Map(),
          pending: 0,
        });
      return;
    }
    const room = this.rooms.get(record.code);
    if (!room) return;
    if (record.op === 'result') room.entries.set(record.entry.id, record.entry);
    else if (record.op === 'remove') room.entries.delete(record.id);
    else if (record.op === 'clear') room.entries.clear();
    else room.open = false;
  }

  private append(record: LogRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise<void>((done, fail) => {
      this.queue.push({ line: `${JSON.stringify(record)}\n`, done, fail });
      this.writing ??= this.drain();
    });
  }

  /**
   * Writes everything queued in one durable write (O_DSYNC; or one write and one fdatasync), until the
   * queue stays empty. What arrives while a batch is on its way to disk waits for the next one.
   */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          const bytes = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
          let written = 0;
          while (written < bytes.length) {
            const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written);
            written += bytesWritten;
          }
          if (!this.syncEachWrite) await this.handle.datasync();
          for (const p of batch) p.done();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const p of batch) p.fail(failure);
        }
      }
    } finally {
      this.writing = null;
    }
  }
}

/** Replays the log: good lines in order; a torn last line set aside; damaged lines skipped with a note. */
async function readLog(path: string, dir: string, notes: string[]): Promise<LogRecord[]> {
  const bytes = readFileSync(path);
  const lastNewline = bytes.lastIndexOf(0x0a);
  const complete = lastNewline + 1;
  if (complete < bytes.length) {
    // A crash mid-append leaves a line without its newline. It is cut off (the next append would
    // otherwise be glued to it) and kept beside the log, in case someone wants to look at it.
    const aside = join(dir, `torn-line-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`);
    writeFileSync(aside, bytes.subarray(complete), { mode: 0o600 });
    await truncate(path, complete);
    notes.push(
      `the log's last line was cut short by a crash mid-write (${bytes.length - complete} bytes, never acknowledged): set aside in ${aside}`,
    );
  }
  const records: LogRecord[] = [];
  let damaged = 0;
  const lines = bytes.subarray(0, complete).toString('utf8').split('\n');
  for (const line of lines) {
    if (line === '') continue;
    let record: LogRecord | null = null;
    try {
      record = readRecord(JSON.parse(line));
    } catch {
      record = null;
    }
    if (record) records.push(record);
    else damaged += 1;
  }
  if (damaged > 0)
    notes.push(
      `${damaged} damaged line${damaged === 1 ? '' : 's'} in the log skipped; every other line was read`,
    );
  return records;
}

/** Makes a new file's name durable too (its folder entry), where the platform allows it. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the entry itself
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One process per folder: a lock file with its pid, taken over when that process is gone (a crash). */
function takeLock(dir: string): void {
  const path = join(dir, LOCK_FILE);
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx', mode: 0o600 });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
  if (Number.isInteger(holder) && holder > 0 && isAlive(holder))
    throw new StoreLockedError(`another ridgeline room (pid ${holder}) is using this --data folder`);
  // the holder is gone (a crash, a kill): the folder is free
  writeFileSync(path, String(process.pid), { mode: 0o600 });
}

function releaseLock(dir: string): void {
  try {
    const path = join(dir, LOCK_FILE);
    if (readFileSync(path, 'utf8') === String(process.pid)) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}
