// The room's Server-Sent Events, as plain data: what the server sends and the page reads. A stream opens
// with a snapshot of the room (so a reconnecting page never misses a result: it replaces its state), then
// one event per change. The page trusts nothing it receives: parseRoomEvent rebuilds every entry through
// validateRoomEntry and drops what does not fit.
import { isEntryId, type RoomEntry, validateRoomEntry } from './entry.ts';

export interface RoomState {
  readonly code: string;
  readonly open: boolean;
}

export type RoomEvent =
  | { readonly type: 'snapshot'; readonly room: RoomState; readonly entries: readonly RoomEntry[] }
  | { readonly type: 'result'; readonly entry: RoomEntry }
  | { readonly type: 'removed'; readonly id: string }
  | { readonly type: 'cleared' }
  | { readonly type: 'closed' };

export const ROOM_EVENT_TYPES = ['snapshot', 'result', 'removed', 'cleared', 'closed'] as const;

/** The `data:` line of an event (one line of JSON: JSON.stringify never writes a raw newline). */
export function eventData(event: RoomEvent): string {
  switch (event.type) {
    case 'snapshot':
      return JSON.stringify({ room: event.room, entries: event.entries });
    case 'result':
      return JSON.stringify(event.entry);
    case 'removed':
      return JSON.stringify({ id: event.id });
    default:
      return '{}';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An event from its SSE type and data text; null for anything malformed. */
export function parseRoomEvent(type: string, data: string): RoomEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  switch (type) {
    case 'snapshot': {
      if (!isObject(value) || !isObject(value['room']) || !Array.isArray(value['entries'])) return null;
      const room = value['room'];
      if (typeof room['code'] !== 'string' || typeof room['open'] !== 'boolean') return null;
      const entries = value['entries'].map(validateRoomEntry).filter((e): e is RoomEntry => e !== null);
      return { type, room: { code: room['code'], open: room['open'] }, entries };
    }
    case 'result': {
      const entry = validateRoomEntry(value);
      return entry ? { type, entry } : null;
    }
    case 'removed':
      return isObject(value) && isEntryId(value['id']) ? { type, id: value['id'] } : null;
    case 'cleared':
    case 'closed':
      return { type };
    default:
      return null;
  }
}
