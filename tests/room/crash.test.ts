// `ridgeline room` killed with SIGKILL while results stream in, then started again on the same --data: every
// result it acknowledged (201) is there, the log reads back whole, the same room (code and token) reopens,
// and it takes new results. Also: the command line's mistakes are one line and exit 2.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRoomEntry } from '../../src/room/entry.ts';
import { LOG_FILE } from '../../src/server/store.ts';
import { fixtureText, post, repoRoot, spawnRoom, standInDist, tempDir } from './roomHarness.ts';

describe('ridgeline room: kill -9 mid-write and restart', () => {
  it('loses nothing acknowledged and corrupts nothing', { timeout: 120_000 }, async () => {
    const dataDir = tempDir('room-crash');
    const dist = standInDist();
    const args = ['--dist', dist, '--trust-proxy'];
    const first = await spawnRoom(dataDir, args);
    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    // 16 clients (distinct addresses through the "proxy") submit until the server dies under them
    const client = async (n: number) => {
      while (!killed && sent < 2000) {
        sent += 1;
        try {
          const response = await post(first.base, first.code, fixtureText, {
            headers: { 'x-forwarded-for': `10.0.${n}.${sent % 250}` },
          });
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
        if (acknowledged.length >= 60 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, n) => client(n)));
    expect(await first.exited).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);

    const second = await spawnRoom(dataDir, args);
    try {
      expect(second.code).toBe(first.code);
      expect(second.token).toBe(first.token);
      const stored = (await (await fetch(`${second.base}/api/rooms/${second.code}/results`)).json()) as {
        id: string;
      }[];
      const ids = new Set(stored.map((e) => e.id));
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      for (const entry of stored) expect(validateRoomEntry(entry)).toEqual(entry);
      // every line of the log is whole JSON (a torn tail was cut off and noted on start)
      const lines = readFileSync(join(dataDir, LOG_FILE), 'utf8').split('\n');
      expect(lines.at(-1)).toBe('');
      for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
      const after = await post(second.base, second.code, fixtureText, {
        headers: { 'x-forwarded-for': '10.9.9.9' },
      });
      expect(after.status).toBe(201);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
    expect(second.output()).toContain('stopped; every result is in the log');
  });

  it('a second process on the same --data is refused in one line', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('room-lock');
    const dist = standInDist();
    const first = await spawnRoom(dataDir, ['--dist', dist]);
    try {
      const second = spawnSync(
        process.execPath,
        [join(repoRoot, 'bin', 'ridgeline.mjs'), 'room', '--port', '0', '--data', dataDir, '--dist', dist],
        { encoding: 'utf8', timeout: 30_000 },
      );
      expect(second.status).toBe(1);
      expect(second.stderr.trim()).toMatch(
        /^ridgeline: another ridgeline room \(pid \d+\) is using this --data folder$/,
      );
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });

  it('flag mistakes are one line and exit 2', () => {
    for (const [flags, message] of [
      [['--port', 'http'], /--port: expected a port number/],
      [['--host', 'a b'], /--host: expected an IP address or host name/],
      [['--public-url', 'ftp://x'], /--public-url: expected an http\(s\) address/],
      [['--what'], /room: unknown option '--what'/],
    ] as const) {
      const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'ridgeline.mjs'), 'room', ...flags], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });
});
