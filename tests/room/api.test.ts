// The room API against a real server on a free port: every status the issue names (201, 400, 404, 413,
// 429, the speaker's token), hostile documents and requests, headers on every response, and the event
// stream. No test compares a duration with a number: waits are for events, with generous timeouts.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRoomEntry } from '../../src/room/entry.ts';
import { fixtureText, type InProcessRoom, post, startRoom } from './roomHarness.ts';

const fixture = () => JSON.parse(fixtureText) as Record<string, unknown>;
const MARKER = 'zq-marker-7781';

/** The body text and status of a request; the text is checked for echoes of the input. */
async function text(response: Response): Promise<{ status: number; body: string; json: unknown }> {
  const body = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    json = null;
  }
  return { status: response.status, body, json };
}

/** Raw bytes to the server; resolves with whatever it answers before closing (or after 2 s of silence). */
function raw(base: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((done) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('close', () => done(answer));
    socket.on('error', () => done(answer));
  });
}

describe('room API', () => {
  let room: InProcessRoom;
  beforeAll(async () => {
    // generous limits here; the rate-limit test below has its own server
    room = await startRoom({ submitBurst: 1000, submitPerMinute: 100_000, apiBurst: 10_000 });
  });
  afterAll(async () => {
    await room?.close();
  });

  it('POST a measurement document → 201 { id }; GET results lists it with device, nickname, roofs, receivedAt', async () => {
    const created = await post(room.base, room.code, fixtureText, { nickname: 'Ada ✨' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(/^[a-z2-7]{12}$/);
    const list = (await (await fetch(`${room.base}/api/rooms/${room.code}/results`)).json()) as unknown[];
    const entry = list.find((e) => (e as { id: string }).id === id);
    expect(validateRoomEntry(entry)).toEqual(entry);
    expect(entry).toMatchObject({
      id,
      nickname: 'Ada ✨',
      device: { name: 'SwiftShader driver 5.0.0', class: 'cpu' },
      roofs: { memoryBytesPerSecond: 661157024.7933884, computeFlopsPerSecond: { f32: 3403468208.0924854 } },
    });
    expect(Date.parse((entry as { receivedAt: string }).receivedAt)).not.toBeNaN();
    // the user agent is not kept: nothing personal beyond the adapter and the nickname
    expect(JSON.stringify(entry)).not.toContain('node v20');
    const info = await (await fetch(`${room.base}/api/rooms/${room.code}`)).json();
    expect(info).toMatchObject({ code: room.code, open: true });
  });

  it('codes are read case-insensitively (phones type lower case)', async () => {
    const response = await fetch(`${room.base}/api/rooms/${room.code.toLowerCase()}`);
    expect(response.status).toBe(200);
  });

  it('invalid JSON → 400 { error }, without echoing the body', async () => {
    const answer = await text(await post(room.base, room.code, `{"format": "${MARKER}`));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'the body is not valid JSON' });
    expect(answer.body).not.toContain(MARKER);
  });

  it('a body that is not UTF-8 → 400; one with a byte-order mark is read as the page reads it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"format": "'),
      Buffer.from([0xff, 0xfe, 0xc0]),
      Buffer.from('"}'),
    ]);
    const refused = await fetch(`${room.base}/api/rooms/${room.code}/results`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'the body could not be read as UTF-8 text' });
    const marked = await post(room.base, room.code, `\uFEFF${fixtureText}`);
    expect(marked.status).toBe(201);
  });

  it('hostile documents → 400 from the import validator, never echoed, never stored', async () => {
    const before = room.store.entries(room.code).length;
    const hostile: Record<string, unknown>[] = [
      { ...fixture(), format: MARKER },
      { ...fixture(), adapter: { ...(fixture()['adapter'] as object), description: `a\u202e${MARKER}` } },
      { ...fixture(), runtime: `${MARKER}\n<script>` },
      { ...fixture(), measurements: Array.from({ length: 600 }, () => ({})) },
      { ...fixture(), limits: JSON.parse(`{"__proto__": 1, "${MARKER}": -1}`) },
      { ...fixture(), roofs: { memory: { value: 1e300, label: MARKER }, compute: {} } },
      { ...fixture(), createdAt: `<iframe src=//${MARKER}> 2020` },
    ];
    for (const document of hostile) {
      const answer = await text(await post(room.base, room.code, JSON.stringify(document)));
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error: 'the body is not a valid ridgeline measurement document' });
      expect(answer.body).not.toContain(MARKER);
    }
    for (const body of ['null', '[]', '"text"', '1e999', `${'['.repeat(100_000)}${']'.repeat(100_000)}`]) {
      const answer = await text(await post(room.base, room.code, body));
      expect(answer.status).toBe(400);
    }
    expect(room.store.entries(room.code)).toHaveLength(before);
  });

  it('markup in an adapter name or nickname is accepted as text and served as JSON text', async () => {
    const document = fixture();
    document['adapter'] = { ...(document['adapter'] as object), description: '<img src=x onerror=alert(1)>' };
    const created = await post(room.base, room.code, JSON.stringify(document), { nickname: '<b>bold</b>' });
    expect(created.status).toBe(201);
    const list = (await (await fetch(`${room.base}/api/rooms/${room.code}/results`)).json()) as {
      device: { name: string };
      nickname: string;
    }[];
    expect(
      list.some((e) => e.device.name === '<img src=x onerror=alert(1)>' && e.nickname === '<b>bold</b>'),
    ).toBe(true);
  });

  it('nicknames: at most 32 characters, no control characters or direction overrides', async () => {
    expect((await post(room.base, room.code, fixtureText, { nickname: '🙂'.repeat(32) })).status).toBe(201);
    for (const nickname of ['x'.repeat(33), `a\nb`, `a\u202eb`, 'a\u0000']) {
      const answer = await text(await post(room.base, room.code, fixtureText, { nickname }));
      expect(answer.status).toBe(400);
      expect(answer.body).not.toContain(nickname);
    }
    const badClass = await post(room.base, room.code, fixtureText, { query: `?class=${MARKER}` });
    expect(badClass.status).toBe(400);
    expect(await badClass.text()).not.toContain(MARKER);
  });

  it('a body over 2 MB → 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ ...fixture(), runtime: 'x'.repeat(2_100_000) });
    expect((await post(room.base, room.code, big)).status).toBe(413);
    // chunked: no Content-Length, so the server counts as it reads
    const { hostname, port } = new URL(room.base);
    const status = await new Promise<number>((done, fail) => {
      const request = httpRequest(
        {
          host: hostname,
          port,
          method: 'POST',
          path: `/api/rooms/${room.code}/results`,
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (response) => {
          response.resume();
          done(response.statusCode ?? 0);
        },
      );
      request.on('error', fail);
      const chunk = 'x'.repeat(100_000);
      let sent = 0;
      const pump = () => {
        while (sent < 25 && request.write(chunk)) sent += 1;
        if (sent < 25) request.once('drain', pump);
        else request.end();
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('wrong content type → 415; wrong method → 405', async () => {
    const answer = await post(room.base, room.code, fixtureText, {
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer.status).toBe(415);
    const put = await fetch(`${room.base}/api/rooms/${room.code}/results`, { method: 'PUT' });
    expect(put.status).toBe(405);
  });

  it('unknown room → 404 for every route', async () => {
    for (const [method, path] of [
      ['GET', '/api/rooms/ZZZZZZ'],
      ['GET', '/api/rooms/ZZZZZZ/results'],
      ['POST', '/api/rooms/ZZZZZZ/results'],
      ['GET', '/api/rooms/ZZZZZZ/events'],
      ['GET', `/api/rooms/${MARKER}/results`],
    ] as const) {
      const answer = await text(
        await fetch(`${room.base}${path}`, {
          method,
          ...(method === 'POST'
            ? { body: fixtureText, headers: { 'content-type': 'application/json' } }
            : {}),
        }),
      );
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain(MARKER);
    }
    // the join page of an unknown room is the page itself (it says so in words), with a 404 status
    expect((await fetch(`${room.base}/room/ZZZZZZ`)).status).toBe(404);
  });

  it('pages, files, API answers and errors all carry the CSP header with frame-ancestors', async () => {
    for (const path of [
      '/',
      `/room/${room.code}`,
      `/room/${room.code}?speaker=x`,
      '/room/assets/app-abc123.js',
      '/assets/app-abc123.js',
      `/api/rooms/${room.code}`,
      '/nothing-here',
    ]) {
      const response = await fetch(`${room.base}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('nothing outside the built page is served', async () => {
    for (const path of [
      '/../package.json',
      '/room/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/room/assets/..%2f..%2fpackage.json',
      '/room-log.jsonl',
      '/.env',
    ]) {
      const response = await raw(room.base, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(response, path).toMatch(/^HTTP\/1\.1 (400|404)/);
      expect(response, path).not.toContain('"devDependencies"');
    }
  });

  it('malformed requests get an error and the process keeps serving', async () => {
    const answers = await Promise.all([
      raw(room.base, 'GARBAGE\r\n\r\n'),
      raw(room.base, `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
      raw(room.base, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(40_000)}\r\n\r\n`),
      raw(room.base, 'GET /%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      raw(room.base, 'GET //evil.example/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      raw(room.base, 'POST /api/rooms/AAAAAA/results HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{'),
    ]);
    for (const answer of answers.slice(0, 5)) expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
    const alive = await fetch(`${room.base}/api/rooms/${room.code}`);
    expect(alive.status).toBe(200);
  });

  it('clear, remove and close need the speaker token (401 without, 403 wrong), then work', async () => {
    const { id } = (await (await post(room.base, room.code, fixtureText)).json()) as { id: string };
    const calls = [
      ['DELETE', `/api/rooms/${room.code}/results/${id}`],
      ['DELETE', `/api/rooms/${room.code}/results`],
      ['POST', `/api/rooms/${room.code}/close`],
    ] as const;
    for (const [method, path] of calls) {
      expect((await fetch(`${room.base}${path}`, { method })).status).toBe(401);
      const wrong = await fetch(`${room.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${MARKER}` },
      });
      expect(wrong.status).toBe(403);
      expect(await wrong.text()).not.toContain(MARKER);
    }
    expect(room.store.entries(room.code).some((e) => e.id === id)).toBe(true);
    const auth = { authorization: `Bearer ${room.token}` };
    const removed = await fetch(`${room.base}/api/rooms/${room.code}/results/${id}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(removed.status).toBe(200);
    expect(room.store.entries(room.code).some((e) => e.id === id)).toBe(false);
    const again = await fetch(`${room.base}/api/rooms/${room.code}/results/${id}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(again.status).toBe(404);
    const cleared = await fetch(`${room.base}/api/rooms/${room.code}/results`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(cleared.status).toBe(200);
    expect(await (await fetch(`${room.base}/api/rooms/${room.code}/results`)).json()).toEqual([]);
    const closed = await fetch(`${room.base}/api/rooms/${room.code}/close`, {
      method: 'POST',
      headers: auth,
    });
    expect(closed.status).toBe(200);
    expect((await post(room.base, room.code, fixtureText)).status).toBe(410);
    expect(await (await fetch(`${room.base}/api/rooms/${room.code}`)).json()).toMatchObject({ open: false });
  });
});

describe('room API: rate limit and caps', () => {
  let room: InProcessRoom;
  beforeAll(async () => {
    room = await startRoom({ submitBurst: 3, submitPerMinute: 1, maxResultsPerRoom: 1000 });
  });
  afterAll(async () => {
    await room?.close();
  });

  it('past the per-client rate → 429 with Retry-After; another client is unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(room.base, room.code, fixtureText)).status);
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const limited = await post(room.base, room.code, fixtureText);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ error: 'too many requests from this client: wait a little' });
  });
});

describe('room API: a room holds at most its cap', () => {
  let room: InProcessRoom;
  beforeAll(async () => {
    room = await startRoom({ submitBurst: 100, maxResultsPerRoom: 2 });
  });
  afterAll(async () => {
    await room?.close();
  });

  it('past maxResultsPerRoom → 409', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(room.base, room.code, fixtureText)).status);
    expect(statuses).toEqual([201, 201, 409]);
  });
});

describe('room API: events', () => {
  let room: InProcessRoom;
  beforeAll(async () => {
    room = await startRoom({ submitBurst: 100 });
  });
  afterAll(async () => {
    await room?.close();
  });

  it('GET events streams a snapshot, then each new result as it is stored', async () => {
    const controller = new AbortController();
    const response = await fetch(`${room.base}/api/rooms/${room.code}/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        received += value;
      }
    };
    await until(/event: snapshot\ndata: .*\n\n/);
    const { id } = (await (await post(room.base, room.code, fixtureText, { nickname: 'Grace' })).json()) as {
      id: string;
    };
    await until(new RegExp(`event: result\\ndata: \\{"id":"${id}".*"nickname":"Grace"`));
    controller.abort();
  });
});
