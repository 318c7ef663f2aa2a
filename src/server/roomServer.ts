// The room's HTTP server: the built page, the join and speaker pages, and the room API, on node:http (a
// dozen routes do not need a framework). Every request is treated as a stranger's: paths are parsed by
// hand (no URL resolution against a host), bodies are capped before they are read, documents pass the
// page's own import (measure/document.ts readDocumentText) before anything is built from them, errors are
// fixed sentences, every API request is rate-limited per client, and a handler that throws answers 500
// instead of ending the process.
//
//   GET    /api/rooms/CODE               { code, open, count, profile }
//   POST   /api/rooms/CODE/results       the document (?nickname=…&class=laptop|desktop) → 201 { id }
//   GET    /api/rooms/CODE/results       [{ id, nickname, device, roofs, points, profile, receivedAt }]
//   GET    /api/rooms/CODE/events        text/event-stream: snapshot, result, removed, cleared, closed
//   DELETE /api/rooms/CODE/results       speaker: clears the room            (Authorization: Bearer TOKEN)
//   DELETE /api/rooms/CODE/results/ID    speaker: removes one result
//   POST   /api/rooms/CODE/close         speaker: closes the room to new results
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LIMITS } from '../measure/bounds.ts';
import { NOT_JSON, readDocumentText } from '../measure/document.ts';
import { normaliseRoomCode } from '../room/code.ts';
import { isDeviceClass, isEntryId, parseNickname, roomEntryFrom } from '../room/entry.ts';
import { ROOM_PROFILE } from '../room/profile.ts';
import { RoomEvents } from './events.ts';
import { BodyError, readBody, requestTarget, SECURITY_HEADERS, sendError, sendJson } from './http.ts';
import { RateLimiter } from './rateLimit.ts';
import type { StaticSite } from './staticFiles.ts';
import type { RoomStore } from './store.ts';

/** What a refused upload may still send, and for how long, before its connection is closed (see linger). */
const LINGER_BYTES = 8 * 1024 * 1024;
const LINGER_MS = 5_000;

/**
 * Keeps reading (and dropping) a refused request's body so the reply reaches a client that is still
 * writing, and keeps the socket open until the body ends — or LINGER_BYTES or LINGER_MS have passed,
 * whichever comes first (a hostile client cannot hold it open).
 */
function linger(request: IncomingMessage): void {
  const socket = request.socket;
  let dropped = 0;
  const stop = setTimeout(() => socket.destroy(), LINGER_MS);
  stop.unref();
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) socket.destroy();
  });
  request.on('end', () => clearTimeout(stop));
  request.on('close', () => clearTimeout(stop));
  request.resume();
}

export interface RoomServerOptions {
  readonly store: RoomStore;
  readonly site: StaticSite;
  /** Behind a reverse proxy: the client is the last address the proxy appended to X-Forwarded-For. */
  readonly trustProxy?: boolean;
  /** Result submissions per client: a burst, then this many a minute. */
  readonly submitBurst?: number;
  readonly submitPerMinute?: number;
  /** Every API request per client (reads, streams and speaker actions too). */
  readonly apiBurst?: number;
  readonly apiPerMinute?: number;
  /** Notable events, one line each (never a client's input). */
  readonly log?: (line: string) => void;
}

export const ROOM_DEFAULTS = {
  /** A device submits once per run (half a minute or more); 10 at once and 12 a minute is generous. */
  submitBurst: 10,
  submitPerMinute: 12,
  /** The speaker page makes a handful of requests; 120 a minute per client leaves room for reloads. */
  apiBurst: 60,
  apiPerMinute: 120,
  /** Issue 24: rooms of 2,000; a device may run more than once. */
  maxResultsPerRoom: 5_000,
  maxStreams: 512,
  maxStreamsPerClient: 8,
  maxClients: 20_000,
} as const;

const FORWARDED_ADDRESS = /^[0-9A-Fa-f:.]{2,64}$/;

function clientOf(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for'];
    const last = (Array.isArray(header) ? header.at(-1) : header)?.split(',').at(-1)?.trim();
    if (last && FORWARDED_ADDRESS.test(last)) return last;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function isSpeaker(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ') || header.length > 200) return false;
  return timingSafeEqual(digest(header.slice('Bearer '.length)), digest(token));
}

/** A result id: 12 characters of base32 (60 random bits). */
export function newEntryId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(12)].map((b) => alphabet[b % 32]).join('');
}

/** A Server-Timing header value: `name;dur=ms` for each phase, in milliseconds to 0.01. */
export function serverTiming(phases: Readonly<Record<string, number>>): string {
  return Object.entries(phases)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`)
    .join(', ');
}

export interface RoomServer {
  readonly server: Server;
  /** Ends the event streams and open connections, then stops listening. */
  close(): Promise<void>;
}

export function createRoomServer(options: RoomServerOptions): RoomServer {
  const { store, site } = options;
  const log = options.log ?? (() => undefined);
  const trustProxy = options.trustProxy ?? false;
  const submitLimit = new RateLimiter({
    burst: options.submitBurst ?? ROOM_DEFAULTS.submitBurst,
    perMinute: options.submitPerMinute ?? ROOM_DEFAULTS.submitPerMinute,
    maxClients: ROOM_DEFAULTS.maxClients,
  });
  const apiLimit = new RateLimiter({
    burst: options.apiBurst ?? ROOM_DEFAULTS.apiBurst,
    perMinute: options.apiPerMinute ?? ROOM_DEFAULTS.apiPerMinute,
    maxClients: ROOM_DEFAULTS.maxClients,
  });
  const events = new RoomEvents({
    maxStreams: ROOM_DEFAULTS.maxStreams,
    maxStreamsPerClient: ROOM_DEFAULTS.maxStreamsPerClient,
  });
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Security-Policy': site.csp };
  const fail = (
    response: ServerResponse,
    status: number,
    error: string,
    extra: Record<string, string> = {},
  ) => sendError(response, status, error, { ...headers, ...extra });
  const json = (
    response: ServerResponse,
    status: number,
    body: unknown,
    extra: Record<string, string> = {},
  ) => sendJson(response, status, body, { ...headers, ...extra });
  const notAllowed = (response: ServerResponse, allow: string) =>
    fail(response, 405, 'method not allowed', { Allow: allow });
  const tooMany = (response: ServerResponse, seconds: number) =>
    fail(response, 429, 'too many requests from this client: wait a little', {
      'Retry-After': String(seconds),
    });

  function sendFile(request: IncomingMessage, response: ServerResponse, path: string, status = 200): boolean {
    const file = site.files.get(path);
    if (!file) return false;
    const hashed = path.startsWith('assets/');
    response.writeHead(status, {
      ...headers,
      'Content-Type': file.type,
      'Content-Length': String(file.body.length),
      // hashed asset names change with their content; the page itself is always fetched anew
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
    return true;
  }

  function page(request: IncomingMessage, response: ServerResponse, path: string[]): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      notAllowed(response, 'GET, HEAD');
      return;
    }
    // /room/CODE loads its scripts relative to /room/: /room/assets/… is dist/assets/…
    const inRoom = path[0] === 'room' && path.length > 2;
    const file = inRoom ? path.slice(1).join('/') : path.join('/');
    if (path.length === 1 && (path[0] === '' || path[0] === 'index.html'))
      return void sendFile(request, response, 'index.html');
    if (path[0] === 'room' && path.length === 2) {
      const code = normaliseRoomCode(path[1] ?? '');
      // an unknown code still gets the page (it says so in words), with the status that says it too
      return void sendFile(request, response, 'index.html', code && store.room(code) ? 200 : 404);
    }
    if (file.startsWith('assets/') && sendFile(request, response, file)) return;
    fail(response, 404, 'not found');
  }

  async function submit(request: IncomingMessage, response: ServerResponse, code: string, client: string) {
    // phase marks for Server-Timing: arrival (headers parsed), body read, document checked, result on disk
    const arrived = performance.now();
    let bodyRead = arrived;
    const wait = submitLimit.take(client);
    if (wait > 0) return tooMany(response, wait);
    const capacity = store.canAdd(code);
    if (capacity === 'closed') return fail(response, 410, 'this room is closed to new results');
    if (capacity === 'full') return fail(response, 409, 'this room holds as many results as it can');
    const type = request.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type))
      return fail(response, 415, 'send the measurement document as application/json');
    const url = requestTarget(request.url);
    const nickname = parseNickname(url?.query.get('nickname'));
    if (nickname instanceof Error) return fail(response, 400, nickname.message);
    const declared = url?.query.get('class') ?? null;
    if (declared !== null && !isDeviceClass(declared))
      return fail(response, 400, 'class must be phone, laptop, desktop or cpu');
    let body: string;
    try {
      body = await readBody(request, LIMITS.documentBytes);
      bodyRead = performance.now();
    } catch (error) {
      if (error instanceof BodyError && error.status === 413) {
        // Closing at once (Connection: close) would reset a client still sending its body before it reads
        // the reply (EPIPE on its side, no 413 seen). Linger instead: discard what is still coming, at
        // most LINGER_BYTES or LINGER_MS of it, then the socket is closed or kept alive.
        linger(request);
        return fail(response, 413, 'the document is larger than 2 MB');
      }
      return fail(response, 400, 'the body could not be read as UTF-8 text');
    }
    // the page's own import: size, parse, every field against its bounds, old versions upgraded (parsed
    // once; its reason is not echoed: a stranger's text stays out of the reply)
    const read = readDocumentText(body);
    if (!read.ok)
      return fail(
        response,
        400,
        read.error.startsWith(NOT_JSON)
          ? 'the body is not valid JSON'
          : 'the body is not a valid ridgeline measurement document',
      );
    let entry: ReturnType<typeof roomEntryFrom>;
    try {
      const document = read.document;
      entry = roomEntryFrom(document, {
        id: newEntryId(),
        nickname,
        declaredClass: declared,
        receivedAt: new Date().toISOString(),
      });
    } catch {
      return fail(response, 400, 'the body is not a valid ridgeline measurement document');
    }
    if (
      entry.points.length === 0 &&
      entry.roofs.memoryBytesPerSecond === null &&
      Object.keys(entry.roofs.computeFlopsPerSecond).length === 0
    )
      return fail(response, 400, 'the document holds no verified measurement to show');
    // the body took time to arrive: the room may have closed or filled meanwhile
    const now = store.canAdd(code);
    if (now === 'closed') return fail(response, 410, 'this room is closed to new results');
    if (now === 'full') return fail(response, 409, 'this room holds as many results as it can');
    const checked = performance.now();
    try {
      await store.addResult(code, entry);
    } catch (error) {
      log(`could not save a result: ${error instanceof Error ? error.message : String(error)}`);
      return fail(response, 503, 'the room could not save this result: try again');
    }
    const stored = performance.now();
    events.publish(code, { type: 'result', entry });
    json(
      response,
      201,
      { id: entry.id },
      {
        Location: `/api/rooms/${code}/results/${entry.id}`,
        // the server's own share of the reply's time, by phase: reading the body, parsing and checking the
        // document, the log's write and fdatasync (with the group it joined), and in all. bench:room reads it.
        'Server-Timing': serverTiming({
          read: bodyRead - arrived,
          check: checked - bodyRead,
          store: stored - checked,
          room: performance.now() - arrived,
        }),
      },
    );
  }

  async function speakerAction(
    request: IncomingMessage,
    response: ServerResponse,
    token: string,
    action: () => Promise<void>,
  ): Promise<void> {
    if (request.headers.authorization === undefined)
      return fail(response, 401, 'this needs the speaker token', { 'WWW-Authenticate': 'Bearer' });
    if (!isSpeaker(request, token)) return fail(response, 403, 'the speaker token does not match');
    await action();
  }

  async function api(request: IncomingMessage, response: ServerResponse, path: string[]): Promise<void> {
    const client = clientOf(request, trustProxy);
    const wait = apiLimit.take(client);
    if (wait > 0) return tooMany(response, wait);
    // path: ['api', 'rooms', CODE, ...rest]
    if (path[1] !== 'rooms' || path.length < 3) return fail(response, 404, 'not found');
    const code = normaliseRoomCode(path[2] ?? '');
    const room = code ? store.room(code) : null;
    if (!code || !room) return fail(response, 404, 'no room with this code');
    const rest = path.slice(3);
    const method = request.method ?? '';
    const token = room.record.token;

    if (rest.length === 0) {
      if (method !== 'GET') return notAllowed(response, 'GET');
      return json(response, 200, { code, open: room.open, count: room.count, profile: ROOM_PROFILE });
    }
    if (rest[0] === 'results' && rest.length === 1) {
      if (method === 'GET') return json(response, 200, store.entries(code));
      if (method === 'POST') return submit(request, response, code, client);
      if (method === 'DELETE')
        return speakerAction(request, response, token, async () => {
          const cleared = await store.clear(code);
          events.publish(code, { type: 'cleared' });
          json(response, 200, { cleared });
        });
      return notAllowed(response, 'GET, POST, DELETE');
    }
    if (rest[0] === 'results' && rest.length === 2) {
      if (method !== 'DELETE') return notAllowed(response, 'DELETE');
      const id = rest[1];
      return speakerAction(request, response, token, async () => {
        if (!isEntryId(id) || !(await store.removeResult(code, id)))
          return fail(response, 404, 'no result with this id in this room');
        events.publish(code, { type: 'removed', id });
        json(response, 200, { removed: id });
      });
    }
    if (rest[0] === 'close' && rest.length === 1) {
      if (method !== 'POST') return notAllowed(response, 'POST');
      return speakerAction(request, response, token, async () => {
        if (room.open) {
          await store.closeRoom(code);
          events.publish(code, { type: 'closed' });
        }
        json(response, 200, { closed: true });
      });
    }
    if (rest[0] === 'events' && rest.length === 1) {
      if (method !== 'GET') return notAllowed(response, 'GET');
      if (!events.admits(client)) return tooMany(response, 10);
      const current = store.room(code);
      events.open(
        code,
        client,
        response,
        { type: 'snapshot', room: { code, open: current?.open ?? false }, entries: store.entries(code) },
        headers,
      );
      return;
    }
    fail(response, 404, 'not found');
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = requestTarget(request.url);
    if (!target) return fail(response, 400, 'bad request target');
    if (target.path[0] === 'api') return api(request, response, target.path);
    return page(request, response, target.path);
  }

  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 15_000, keepAliveTimeout: 5_000, maxHeaderSize: 16_384 },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
        fail(response, 500, 'internal error');
      });
    },
  );
  // a request Node cannot parse (bad headers, oversize header block) gets a bare 400, never an exception
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return {
    server,
    close: () =>
      new Promise<void>((done) => {
        events.closeAll();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
