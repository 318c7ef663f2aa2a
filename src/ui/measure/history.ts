// Result history in localStorage: the latest runs, newest first. The storage is user-writable (and other
// scripts on this origin could write it), so it is read as untrusted: each entry's document is rebuilt by
// the import's validator (validateDocument.ts: known fields only, upgraded to the current version), an
// entry that cannot be read is skipped and reported, never the cause of losing the others, and the list is
// written back in its current form. Runs leave the history in two ways only, each reported to the page:
// past the latest HISTORY_LIMIT, and when this browser's storage quota (≈5 MB per origin) is really full
// (a QuotaExceededError); any other failure to write loses nothing and is an error for the caller to show.
import type { MeasurementDocument } from '../../measure/document.ts';
import { isIsoTimestamp } from '../../measure/isoTime.ts';
import { parseJsonKeepingNumbers } from '../../measure/jsonText.ts';
import { checkDocument } from '../../measure/validateDocument.ts';
import { adapterName } from './store.ts';

export const HISTORY_KEY = 'ridgeline:history:v1';
/** A run with raw samples is ~10–60 KB of JSON: 12 stay far inside the 5 MB localStorage quota. */
export const HISTORY_LIMIT = 12;
/** Unreadable entries named one by one in the report; past this, they are counted. */
const MAX_REASONS = 3;

export interface HistoryEntry {
  readonly id: string;
  readonly savedAt: string;
  readonly document: MeasurementDocument;
}

/** More than a whole origin's quota (≈5 M characters): a stored list this long was not written by us. */
export const MAX_HISTORY_CHARS = 5_500_000;
/** Entry ids are a timestamp and a random suffix (mountMeasure.ts). */
const ENTRY_ID = /^[A-Za-z0-9:._+-]{1,80}$/;

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export interface LoadedHistory {
  /** Readable entries, rebuilt as current-version documents, newest first, at most HISTORY_LIMIT. */
  readonly entries: HistoryEntry[];
  /** Entries left out: unreadable, or past the limit (a whole unreadable list counts as one). */
  readonly dropped: number;
  /** Entries (or a whole list) that could not be read, skipped. */
  readonly unreadable: number;
  /** Why, one line each for the first few ("entry 3: measurement document …"). */
  readonly reasons: readonly string[];
  /** Readable entries past HISTORY_LIMIT. */
  readonly overLimit: number;
  /** Whether the stored text differs from the entries' current form (dropped, upgraded or rebuilt). */
  readonly stale: boolean;
}

/** What a write kept, and the runs it had to leave out (past the limit, or for a full storage). */
export interface SavedHistory {
  readonly kept: HistoryEntry[];
  /** Runs past HISTORY_LIMIT, oldest last. */
  readonly overLimit: HistoryEntry[];
  /** Runs removed, oldest first, because this browser's storage was full (QuotaExceededError). */
  readonly quotaDropped: HistoryEntry[];
}

function entryOf(item: unknown): HistoryEntry | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'not a saved run';
  const entry = item as { id?: unknown; savedAt?: unknown; document?: unknown };
  if (typeof entry.id !== 'string' || !ENTRY_ID.test(entry.id)) return 'its id is not one the page writes';
  if (typeof entry.savedAt !== 'string' || !isIsoTimestamp(entry.savedAt))
    return 'savedAt is not an ISO 8601 date and time';
  const checked = checkDocument(entry.document);
  return checked.ok ? { id: entry.id, savedAt: entry.savedAt, document: checked.document } : checked.error;
}

const unreadableList = (reason: string): LoadedHistory => ({
  entries: [],
  dropped: 1,
  unreadable: 1,
  reasons: [reason],
  overLimit: 0,
  stale: true,
});

export function loadHistory(storage: StorageLike): LoadedHistory {
  const text = storage.getItem(HISTORY_KEY);
  if (text === null)
    return { entries: [], dropped: 0, unreadable: 0, reasons: [], overLimit: 0, stale: false };
  if (text.length > MAX_HISTORY_CHARS)
    return unreadableList('the stored list is larger than any browser storage holds');
  let raw: unknown;
  try {
    raw = parseJsonKeepingNumbers(text);
  } catch {
    return unreadableList('the stored list is not JSON');
  }
  if (!Array.isArray(raw)) return unreadableList('the stored list is not a list');
  const entries: HistoryEntry[] = [];
  const reasons: string[] = [];
  let unreadable = 0;
  let overLimit = 0;
  for (const [index, item] of (raw as unknown[]).entries()) {
    // past the limit nothing is validated: a planted list of thousands costs a count, not a parse each
    if (entries.length >= HISTORY_LIMIT) {
      overLimit++;
      continue;
    }
    const entry = entryOf(item);
    if (typeof entry === 'string' || entries.some((e) => e.id === entry.id)) {
      unreadable++;
      if (reasons.length < MAX_REASONS)
        reasons.push(
          `entry ${index + 1}: ${typeof entry === 'string' ? entry : 'a second entry of that id'}`,
        );
      continue;
    }
    entries.push(entry);
  }
  let stale = unreadable + overLimit > 0;
  if (!stale) {
    // an older version, or keys the rebuild left out: the stored text is not the entries' current form
    try {
      stale = JSON.stringify(entries) !== text;
    } catch {
      stale = true;
    }
  }
  return { entries, dropped: unreadable + overLimit, unreadable, reasons, overLimit, stale };
}

/**
 * Loads the history and, when the stored text is not its current form (unreadable entries, entries past the
 * limit, older versions), writes the readable entries back. That write never drops a run: if it fails (a
 * full storage included), the stored text stays as it was, still readable; the entries are returned.
 */
export function cleanHistory(storage: StorageLike): LoadedHistory {
  const loaded = loadHistory(storage);
  if (loaded.stale) {
    try {
      storage.setItem(HISTORY_KEY, JSON.stringify(loaded.entries));
    } catch {
      // kept as stored: the next load reads and upgrades it again
    }
  }
  return loaded;
}

/** A full storage, by the name every browser gives it (Firefox's older one too). */
export function isQuotaExceeded(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/**
 * Writes the entries (newest first, the latest HISTORY_LIMIT of them). Only a full storage makes it leave
 * runs out, the oldest first, and it returns them so the page can say which; when even the newest alone does
 * not fit, or the write fails for any other reason, it throws and the stored list is left as it was.
 */
export function saveHistory(storage: StorageLike, entries: readonly HistoryEntry[]): SavedHistory {
  let kept = entries.slice(0, HISTORY_LIMIT);
  const overLimit = entries.slice(HISTORY_LIMIT);
  const quotaDropped: HistoryEntry[] = [];
  for (;;) {
    try {
      storage.setItem(HISTORY_KEY, JSON.stringify(kept));
      return { kept, overLimit, quotaDropped };
    } catch (error) {
      if (!isQuotaExceeded(error)) throw error;
      if (kept.length <= 1)
        throw new Error(
          'this browser’s storage is full: even this run alone does not fit (the saved runs are kept)',
        );
      quotaDropped.push(kept.at(-1)!);
      kept = kept.slice(0, -1);
    }
  }
}

export function addToHistory(storage: StorageLike, document: MeasurementDocument, id: string): SavedHistory {
  const { entries } = loadHistory(storage);
  return saveHistory(storage, [
    { id, savedAt: new Date().toISOString(), document },
    ...entries.filter((e) => e.id !== id),
  ]);
}

export function removeFromHistory(storage: StorageLike, id: string): SavedHistory {
  return saveHistory(
    storage,
    loadHistory(storage).entries.filter((e) => e.id !== id),
  );
}

/** "27/11/2026, 10:00:00 (SwiftShader)": a saved run as the history list names it. */
function runName(entry: HistoryEntry): string {
  return `${new Date(entry.savedAt).toLocaleString()} (${adapterName(entry.document.adapter)})`;
}

function runNames(entries: readonly HistoryEntry[]): string {
  const named = entries.slice(0, MAX_REASONS).map(runName);
  const more = entries.length - named.length;
  return `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** What a write left out, said in one line for the page; null when it kept every run. */
export function historyLossText(saved: SavedHistory): string | null {
  const lines: string[] = [];
  if (saved.quotaDropped.length > 0) {
    const n = saved.quotaDropped.length;
    lines.push(
      `This browser’s storage is full: the oldest ${n === 1 ? 'saved run was' : `${n} saved runs were`} removed from the history to make room: ${runNames(saved.quotaDropped)}.`,
    );
  }
  if (saved.overLimit.length > 0) {
    const n = saved.overLimit.length;
    lines.push(
      `The history keeps the latest ${HISTORY_LIMIT} runs: ${n === 1 ? 'this one left it' : `these ${n} left it`}: ${runNames(saved.overLimit)}.`,
    );
  }
  return lines.length > 0 ? lines.join(' ') : null;
}

/** What loading skipped, in one line for the page; null when every entry was read. */
export function historySkipText(loaded: LoadedHistory): string | null {
  if (loaded.dropped === 0) return null;
  const n = loaded.dropped;
  const parts: string[] = [];
  if (loaded.unreadable > 0)
    parts.push(
      `${loaded.unreadable} could not be read (${loaded.reasons.join('; ')}${loaded.unreadable > loaded.reasons.length ? '; …' : ''})`,
    );
  if (loaded.overLimit > 0)
    parts.push(
      `${loaded.overLimit} ${loaded.overLimit === 1 ? 'was' : 'were'} past the latest ${HISTORY_LIMIT}`,
    );
  return `${n} saved ${n === 1 ? 'entry was' : 'entries were'} not valid or over the limit of ${HISTORY_LIMIT} and ${n === 1 ? 'was' : 'were'} removed from the history; the others are kept: ${parts.join(', ')}.`;
}
