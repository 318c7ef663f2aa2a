// Result history in localStorage: the latest runs, newest first. Entries are re-validated on load (the
// storage is user-writable), and the oldest are dropped when the quota (≈5 MB per origin) runs out.
import type { MeasurementDocument } from '../../measure/document.ts';
import { validateDocument } from '../../measure/validateDocument.ts';

export const HISTORY_KEY = 'ridgeline:history:v1';
/** A run with raw samples is ~10–60 KB of JSON: 12 stay far inside the 5 MB localStorage quota. */
export const HISTORY_LIMIT = 12;

export interface HistoryEntry {
  readonly id: string;
  readonly savedAt: string;
  readonly document: MeasurementDocument;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export function loadHistory(storage: StorageLike): { entries: HistoryEntry[]; dropped: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(HISTORY_KEY) ?? '[]');
  } catch {
    return { entries: [], dropped: 1 };
  }
  if (!Array.isArray(raw)) return { entries: [], dropped: 1 };
  const entries: HistoryEntry[] = [];
  let dropped = 0;
  for (const item of raw as unknown[]) {
    try {
      const entry = item as { id?: unknown; savedAt?: unknown; document?: unknown };
      if (typeof entry.id !== 'string' || typeof entry.savedAt !== 'string') throw new Error('bad entry');
      entries.push({ id: entry.id, savedAt: entry.savedAt, document: validateDocument(entry.document) });
    } catch {
      dropped++;
    }
  }
  return { entries, dropped };
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
