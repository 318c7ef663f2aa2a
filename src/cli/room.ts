// `ridgeline room`: one process that serves the built page and a room API (server/roomServer.ts), opens a
// room (or reopens the one still open in --data) and prints where to join and where the speaker looks.
// Ctrl-C (or SIGTERM) finishes the writes under way and stops; a crash loses nothing acknowledged
// (server/store.ts).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeQR } from 'qr';
import { roomCodeFrom, roomUrls } from '../room/code.ts';
import { ROOM_PROFILE } from '../room/profile.ts';
import { createRoomServer, ROOM_DEFAULTS } from '../server/roomServer.ts';
import { loadSite } from '../server/staticFiles.ts';
import { type RoomRecord, RoomStore } from '../server/store.ts';
import { parseRoomArgs, type RoomArgs, roomUsage } from './roomArgs.ts';
import { UsageError } from './usage.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Builds the page with the checkout's Vite when its dist/ is missing; says how otherwise. */
async function ensureBuilt(distDir: string, isDefault: boolean): Promise<void> {
  if (existsSync(join(distDir, 'index.html'))) return;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!isDefault || !existsSync(vite))
    throw new Error(`no built page in ${distDir}: run 'npm run build' in the checkout first`);
  process.stderr.write('ridgeline room: dist/ is missing: building the page first (npm run build)…\n');
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`the page build failed (exit ${code})`)),
    );
  });
}

function newRoomRecord(): RoomRecord {
  let code: string | null = null;
  while (code === null) code = roomCodeFrom(randomBytes(16));
  return { code, token: randomBytes(32).toString('base64url'), createdAt: new Date().toISOString() };
}

/** The address people type: --public-url, else the bound address (a LAN address for 0.0.0.0 / ::). */
function baseUrl(args: RoomArgs, port: number): string {
  if (args.publicUrl) return args.publicUrl;
  let host = args.host;
  if (host === '0.0.0.0' || host === '::') {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    host = lan?.address ?? '127.0.0.1';
  }
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listen(server: import('node:http').Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const onError = (error: NodeJS.ErrnoException) => {
      fail(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is in use: choose another with --port`
            : error.code === 'EADDRNOTAVAIL'
              ? `${host} is not an address of this machine (--host)`
              : `could not listen on ${host}:${port}: ${error.message}`,
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      done((server.address() as AddressInfo).port);
    });
  });
}

export async function runRoom(argv: readonly string[]): Promise<number> {
  const args = parseRoomArgs(argv);
  if (args.help) {
    process.stdout.write(`${roomUsage()}\n`);
    return 0;
  }
  const distDir = resolve(args.distDir ?? join(repoRoot, 'dist'));
  await ensureBuilt(distDir, args.distDir === null);
  const site = loadSite(distDir);
  const dataDir = resolve(args.dataDir);
  const store = await RoomStore.open(dataDir, { maxResultsPerRoom: ROOM_DEFAULTS.maxResultsPerRoom });
  for (const note of store.notes) process.stderr.write(`ridgeline room: note: ${note}\n`);
  let room = store.openRoom();
  if (room && args.newRoom) {
    await store.closeRoom(room.code);
    room = null;
  }
  const reopened = room !== null;
  if (!room) {
    room = newRoomRecord();
    await store.createRoom(room);
  }
  const { server, close } = createRoomServer({
    store,
    site,
    trustProxy: args.trustProxy,
    submitPerMinute: args.rate,
    log: (line) => process.stderr.write(`ridgeline room: ${line}\n`),
  });
  let port: number;
  try {
    port = await listen(server, args.port, args.host);
  } catch (error) {
    await store.close();
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const urls = roomUrls(baseUrl(args, port), room.code, room.token);
  const kept = store.room(room.code)?.count ?? 0;
  process.stdout.write(
    [
      `ridgeline room ${room.code} ${reopened ? `reopened (${kept} result${kept === 1 ? '' : 's'} kept)` : 'opened'}: listening on ${args.host}:${port}, data in ${dataDir}, attendees run the '${ROOM_PROFILE}' profile`,
      `join: ${urls.join}`,
      `speaker: ${urls.speaker}`,
      '',
    ].join('\n'),
  );
  if (process.stdout.isTTY) process.stdout.write(`${encodeQR(urls.join, 'term')}\n`);
  if (!args.publicUrl && args.host !== '127.0.0.1' && args.host !== 'localhost' && args.host !== '::1')
    process.stdout.write(
      'Browsers allow WebGPU only on https:// or localhost: put HTTPS in front and pass --public-url (docs/room.md).\n',
    );

  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await close();
  await store.close();
  process.stdout.write('ridgeline room: stopped; every result is in the log\n');
  return 0;
}
