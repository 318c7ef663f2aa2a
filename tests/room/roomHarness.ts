// A real room server for the tests, on 127.0.0.1 and a free port: in this process (createRoomServer over
// a RoomStore in a temp folder), or as `ridgeline room` in a child process (for kill -9 and restarts).
// The served page is a stand-in index.html with the real page's CSP <meta> unless a test passes the
// built page's folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { roomCodeFrom } from '../../src/room/code.ts';
import { createRoomServer, type RoomServerOptions } from '../../src/server/roomServer.ts';
import { loadSite } from '../../src/server/staticFiles.ts';
import { type RoomRecord, RoomStore } from '../../src/server/store.ts';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const fixtureText = readFileSync(
  join(repoRoot, 'tests', 'fixtures', 'swiftshader-quick.json'),
  'utf8',
);

export function tempDir(name: string): string {
  return mkdtempSync(join(process.env['RIDGELINE_TEST_TMP'] ?? tmpdir(), `${name}-`));
}

/** A dist folder holding index.html (with the real page's CSP meta) and one asset. */
export function standInDist(): string {
  const dist = tempDir('room-dist');
  mkdirSync(join(dist, 'assets'));
  copyFileSync(join(repoRoot, 'index.html'), join(dist, 'index.html'));
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log("room");\n');
  return dist;
}

export function newRecord(): RoomRecord {
  let code: string | null = null;
  while (code === null) code = roomCodeFrom(randomBytes(16));
  return { code, token: randomBytes(32).toString('base64url'), createdAt: new Date().toISOString() };
}

export interface InProcessRoom {
  readonly base: string;
  readonly code: string;
  readonly token: string;
  readonly store: RoomStore;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startRoom(
  options: Partial<Omit<RoomServerOptions, 'store' | 'site'>> & {
    dist?: string;
    maxResultsPerRoom?: number;
  } = {},
): Promise<InProcessRoom> {
  const dataDir = tempDir('room-data');
  const store = await RoomStore.open(dataDir, { maxResultsPerRoom: options.maxResultsPerRoom ?? 5000 });
  const record = newRecord();
  await store.createRoom(record);
  const room = createRoomServer({ ...options, store, site: loadSite(options.dist ?? standInDist()) });
  await new Promise<void>((done) => room.server.listen(0, '127.0.0.1', done));
  const { port } = room.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    code: record.code,
    token: record.token,
    store,
    dataDir,
    async close() {
      await room.close();
      await store.close();
    },
  };
}

export interface ChildRoom {
  readonly child: ChildProcess;
  readonly base: string;
  readonly code: string;
  readonly token: string;
  readonly output: () => string;
  /** Resolves with the exit code (or signal name). */
  readonly exited: Promise<number | string>;
}

/** `ridgeline room --port 0 --data DIR …` in a child process; resolves once it prints its addresses. */
export function spawnRoom(dataDir: string, extra: readonly string[] = []): Promise<ChildRoom> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'ridgeline.mjs'), 'room', '--port', '0', '--data', dataDir, ...extra],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | string>((done) =>
    child.on('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
  );
  return new Promise((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const join = /^join: (http:\/\/[^\s]+)\/room\/([A-Z0-9]+)$/m.exec(output);
      const speaker = /^speaker: \S+\?speaker=([A-Za-z0-9_-]+)$/m.exec(output);
      if (join && speaker)
        done({ child, base: join[1]!, code: join[2]!, token: speaker[1]!, output: () => output, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) =>
      fail(new Error(`ridgeline room exited (${code}) before it was ready:\n${output}`)),
    );
  });
}

export function post(
  base: string,
  code: string,
  body: string,
  options: { nickname?: string; headers?: Record<string, string>; query?: string } = {},
): Promise<Response> {
  const query = new URLSearchParams();
  if (options.nickname !== undefined) query.set('nickname', options.nickname);
  const extra = options.query ?? (query.size > 0 ? `?${query}` : '');
  return fetch(`${base}/api/rooms/${code}/results${extra}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body,
  });
}
