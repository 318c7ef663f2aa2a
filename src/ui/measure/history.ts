// Result history in localStorage: the latest runs, newest first. The storage is user-writable (and other
// scripts on this origin could write it), so it is read as untrusted: entries are re-validated on load,
// invalid ones dropped, the list trimmed to HISTORY_LIMIT, and cleanHistory writes the cleaned list back.
// The oldest entries are dropped when the quota (≈5 MB per origin) runs out.
import type { MeasurementDocument } from '../../measure/document.ts';
import { isIsoTimestamp } from '../../measure/isoTime.ts';
import { validateDocument } from '../../measure/validateDocument.ts';

export const HISTORY_KEY = 'ridgeline:history:v1';
/** A run with raw samples is ~10–60 KB of JSON: 12 stay far inside the 5 MB localStorage quota. */
export const HISTORY_LIMIT = 12;

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
  /** Valid entries, newest first, at most HISTORY_LIMIT. */
  readonly entries: HistoryEntry[];
  /** Entries left out: invalid, or past the limit (a whole unreadable list counts as one). */
  readonly dropped: number;
}

function entryOf(item: unknown): HistoryEntry | null {
  if (typeof item !== 'object' || item === null) return null;
  const entry = item as { id?: unknown; savedAt?: unknown; document?: unknown };
  if (typeof entry.id !== 'string' || !ENTRY_ID.test(entry.id)) return null;
  if (typeof entry.savedAt !== 'string' || !isIsoTimestamp(entry.savedAt)) return null;
  try {
    return { id: entry.id, savedAt: entry.savedAt, document: validateDocument(entry.document) };
  } catch {
    return null;
  }
}

export function loadHistory(storage: StorageLike): LoadedHistory {
  const text = storage.getItem(HISTORY_KEY);
  if (text === null) return { entries: [], dropped: 0 };
  if (text.length > MAX_HISTORY_CHARS) return { entries: [], dropped: 1 };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { entries: [], dropped: 1 };
  }
  if (!Array.isArray(raw)) return { entries: [], dropped: 1 };
  const entries: HistoryEntry[] = [];
  let dropped = 0;
  for (const item of raw as unknown[]) {
    // past the limit nothing is validated: a planted list of thousands costs a count, not a parse each
    const entry = entries.length < HISTORY_LIMIT ? entryOf(item) : null;
    if (entry && !entries.some((e) => e.id === entry.id)) entries.push(entry);
    else dropped++;
  }
  return { entries, dropped };
}

/** Loads the history and, when anything was dropped, writes the cleaned list back. */
export function cleanHistory(storage: StorageLike): LoadedHistory {
  const loaded = loadHistory(storage);
  if (loaded.dropped > 0) saveHistory(storage, loaded.entries);
  return loaded;
}

/** Writes the entries (newest first), dropping the oldest until they fit. Returns what was kept. */
export function saveHistory(storage: StorageLike, entries: readonly HistoryEntry[]): HistoryEntry[] {
  let kept = entries.slice(0, HISTORY_LIMIT);
  for (;;) {
    try {
      storage.setItem(HISTORY_KEY, JSON.stringify(kept));
      return kept;
    } catch (error) {
      if (kept.length === 0) throw error;
      kept = kept.slice(0, -1);
    }
  }
}

export function addToHistory(
  storage: StorageLike,
  document: MeasurementDocument,
  id: string,
): HistoryEntry[] {
  const { entries } = loadHistory(storage);
  return saveHistory(storage, [
    { id, savedAt: new Date().toISOString(), document },
    ...entries.filter((e) => e.id !== id),
  ]);
}

export function removeFromHistory(storage: StorageLike, id: string): HistoryEntry[] {
  return saveHistory(
    storage,
    loadHistory(storage).entries.filter((e) => e.id !== id),
  );
}
