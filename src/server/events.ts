// Server-Sent Events for the rooms: each open stream gets the room's snapshot, then every change. An
// event is serialised once and written to every stream of its room; a stream that stops reading (its
// buffer past 1 MB) is ended rather than left to grow, and its page reconnects to a fresh snapshot.
// Streams are capped per client and in all, and a comment line every 15 s keeps proxies from closing
// an idle one.
import type { ServerResponse } from 'node:http';
import { eventData, type RoomEvent } from '../room/events.ts';

export const MAX_BUFFERED_BYTES = 1_000_000;
const HEARTBEAT_MS = 15_000;

export interface EventLimits {
  readonly maxStreams: number;
  readonly maxStreamsPerClient: number;
}

interface Stream {
  readonly response: ServerResponse;
  readonly client: string;
}

export class RoomEvents {
  private readonly streams = new Map<string, Set<Stream>>();
  private readonly perClient = new Map<string, number>();
  private total = 0;
  private sequence = 0;
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(private readonly limits: EventLimits) {
    this.heartbeat = setInterval(() => this.ping(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Whether `client` may open one more stream. */
  admits(client: string): boolean {
    return (
      this.total < this.limits.maxStreams &&
      (this.perClient.get(client) ?? 0) < this.limits.maxStreamsPerClient
    );
  }

  /** Starts a stream (the caller checked admits): headers, the reconnect delay and the snapshot. */
  open(
    code: string,
    client: string,
    response: ServerResponse,
    snapshot: RoomEvent,
    headers: Record<string, string>,
  ): void {
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // nginx buffers proxied responses unless told not to
      'X-Accel-Buffering': 'no',
    });
    response.write('retry: 2000\n\n');
    const stream: Stream = { response, client };
    let room = this.streams.get(code);
    if (!room) {
      room = new Set();
      this.streams.set(code, room);
    }
    room.add(stream);
    this.total += 1;
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    response.on('close', () => this.drop(code, stream));
    this.write(stream, this.frame(snapshot));
  }

  publish(code: string, event: RoomEvent): void {
    const room = this.streams.get(code);
    if (!room || room.size === 0) return;
    const frame = this.frame(event);
    for (const stream of room) this.write(stream, frame);
  }

  get count(): number {
    return this.total;
  }

  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const room of this.streams.values()) for (const stream of room) stream.response.end();
  }

  private frame(event: RoomEvent): string {
    this.sequence += 1;
    return `id: ${this.sequence}\nevent: ${event.type}\ndata: ${eventData(event)}\n\n`;
  }

  private write(stream: Stream, frame: string): void {
    const { response } = stream;
    if (response.destroyed || response.writableEnded) return;
    if (response.writableLength > MAX_BUFFERED_BYTES) {
      response.end();
      return;
    }
    response.write(frame);
  }

  private drop(code: string, stream: Stream): void {
    const room = this.streams.get(code);
    if (!room?.delete(stream)) return;
    if (room.size === 0) this.streams.delete(code);
    this.total -= 1;
    const left = (this.perClient.get(stream.client) ?? 1) - 1;
    if (left <= 0) this.perClient.delete(stream.client);
    else this.perClient.set(stream.client, left);
  }

  private ping(): void {
    for (const room of this.streams.values()) for (const stream of room) this.write(stream, ': ping\n\n');
  }
}
