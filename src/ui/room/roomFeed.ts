// The page's end of a room's event stream (GET /api/rooms/CODE/events): the room's results as a map that
// follows every event, with subscribers told at most once per animation frame however many results
// arrive. EventSource reconnects on its own; the server then sends a fresh snapshot, which replaces the
// state, so nothing is missed or doubled. Every event is checked (room/events.ts) before it is used.
import type { RoomEntry } from '../../room/entry.ts';
import { parseRoomEvent, ROOM_EVENT_TYPES } from '../../room/events.ts';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting';

export interface RoomFeed {
  readonly entries: ReadonlyMap<string, RoomEntry>;
  readonly open: boolean;
  /** The newest result to arrive while this page watched (null until one does). */
  readonly latestId: string | null;
  readonly status: FeedStatus;
  /** Events received (tests and the bench read it from the page). */
  readonly received: number;
  subscribe(listener: () => void): () => void;
  close(): void;
}

export function roomEventsUrl(code: string): string {
  return `/api/rooms/${encodeURIComponent(code)}/events`;
}

export function connectRoom(code: string): RoomFeed {
  const entries = new Map<string, RoomEntry>();
  const listeners = new Set<() => void>();
  let open = true;
  let latestId: string | null = null;
  let status: FeedStatus = 'connecting';
  let received = 0;
  let frame = 0;
  const notify = () => {
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      for (const listener of listeners) listener();
    });
  };
  const source = new EventSource(roomEventsUrl(code));
  source.addEventListener('open', () => {
    status = 'live';
    notify();
  });
  source.addEventListener('error', () => {
    status = source.readyState === EventSource.CLOSED ? 'reconnecting' : 'reconnecting';
    notify();
  });
  for (const type of ROOM_EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      const event = parseRoomEvent(type, (message as MessageEvent<string>).data);
      if (!event) return;
      received += 1;
      status = 'live';
      switch (event.type) {
        case 'snapshot':
          entries.clear();
          for (const entry of event.entries) entries.set(entry.id, entry);
          open = event.room.open;
          if (latestId !== null && !entries.has(latestId)) latestId = null;
          break;
        case 'result':
          entries.set(event.entry.id, event.entry);
          latestId = event.entry.id;
          break;
        case 'removed':
          entries.delete(event.id);
          if (latestId === event.id) latestId = null;
          break;
        case 'cleared':
          entries.clear();
          latestId = null;
          break;
        case 'closed':
          open = false;
          break;
      }
      notify();
    });
  }
  return {
    entries,
    get open() {
      return open;
    },
    get latestId() {
      return latestId;
    },
    get status() {
      return status;
    },
    get received() {
      return received;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      source.close();
      cancelAnimationFrame(frame);
      listeners.clear();
    },
  };
}
