// The live room in real Chromium against a real `ridgeline room` server (in this process, on a free port,
// serving the built page): the speaker's page, attendees who measure on SwiftShader and send, one without
// WebGPU who sends nothing, hostile nicknames shown as text, the QR code read back, 500 devices, the
// deck's room slide, and a restart on the same --data. Waits are for events with generous timeouts; no
// duration is compared with a number.
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import decodeQR from 'qr/decode.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importDocument } from '../../src/measure/document.ts';
import { type RoomEntry, roomEntryFrom } from '../../src/room/entry.ts';
import { createRoomServer, type RoomServer } from '../../src/server/roomServer.ts';
import { loadSite } from '../../src/server/staticFiles.ts';
import { RoomStore } from '../../src/server/store.ts';
import { fixtureText, newRecord, post, tempDir } from '../room/roomHarness.ts';
import {
  buildPage,
  cspViolations,
  launchChromium,
  openPage,
  type PageSession,
  saveScreenshot,
} from './pageServer.ts';

const RUN_TIMEOUT_MS = 240_000;

interface Running {
  store: RoomStore;
  server: RoomServer;
  base: string;
}

async function start(dist: string, dataDir: string): Promise<Running> {
  const store = await RoomStore.open(dataDir, { maxResultsPerRoom: 5000 });
  const server = createRoomServer({
    store,
    site: loadSite(dist),
    submitBurst: 1000,
    submitPerMinute: 100_000,
    apiBurst: 10_000,
  });
  await new Promise<void>((done) => server.server.listen(0, '127.0.0.1', done));
  const { port } = server.server.address() as AddressInfo;
  return { store, server, base: `http://127.0.0.1:${port}` };
}

async function stop(running: Running | undefined): Promise<void> {
  if (!running) return;
  await running.server.close();
  await running.store.close();
}

const countIs = (page: Page, n: number, timeout = 20_000) =>
  page.waitForSelector(`.room-board[data-count="${n}"]`, { timeout });

/** The QR code's modules as drawn (one "M x y h run v1 h -run z" per run), read back by a QR decoder. */
async function readQr(page: Page, selector: string): Promise<string> {
  const { d, size } = await page.$eval(selector, (svg) => ({
    d: svg.querySelector('path')?.getAttribute('d') ?? '',
    size: Number(svg.getAttribute('viewBox')?.split(' ')[2]),
  }));
  const scale = 6;
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let px = Number(x) * scale; px < (Number(x) + Number(run)) * scale; px++)
      for (let py = Number(y) * scale; py < (Number(y) + 1) * scale; py++) {
        const i = (py * width + px) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
  }
  return decodeQR({ width, height: width, data });
}

describe('the live room in Chromium', () => {
  let dist: string;
  let dataDir: string;
  let running: Running | undefined;
  let code: string;
  let token: string;
  let webgpu: Browser;
  let plain: Browser;
  const sessions: PageSession[] = [];
  const open = async (browser: Browser, url: string, mode: 'swiftshader' | 'absent' = 'swiftshader') => {
    const session = await openPage(browser, url, mode);
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    dist = await buildPage(inject('ridgelineBuildId') ?? `file-${process.pid}`);
    dataDir = tempDir('room-browser');
    running = await start(dist, dataDir);
    const record = newRecord();
    await running.store.createRoom(record);
    ({ code, token } = record);
    webgpu = await launchChromium({ webgpu: 'swiftshader' });
    plain = await launchChromium({ webgpu: 'absent' });
  });
  afterAll(async () => {
    for (const session of sessions) await session.context.close().catch(() => undefined);
    await webgpu?.close().catch(() => undefined);
    await plain?.close().catch(() => undefined);
    await stop(running);
  });

  it('attendees measure on SwiftShader and land on the speaker’s page live; one without WebGPU sends nothing', {
    timeout: RUN_TIMEOUT_MS * 2,
  }, async () => {
    const base = running!.base;
    const speaker = await open(webgpu, `${base}/room/${code}?speaker=${token}`);
    await speaker.page.waitForSelector('.room-board[data-status="live"]');
    // the token leaves the address bar (a projected URL bar never shows it)
    expect(speaker.page.url()).toBe(`${base}/room/${code}`);
    await countIs(speaker.page, 0);
    expect(await readQr(speaker.page, '.room-board .room-qr')).toBe(`${base}/room/${code}`);
    expect(await speaker.page.textContent('[data-field="room-join-url"]')).toBe(`${base}/room/${code}`);

    // a phone without WebGPU: the page fits its width, says why, and sends nothing
    const noGpu = await open(plain, `${base}/room/${code}`, 'absent');
    await noGpu.page.setViewportSize({ width: 390, height: 844 });
    await noGpu.page.waitForSelector('#room [data-join="no-webgpu"]', { timeout: 30_000 });
    expect(await noGpu.page.isDisabled('#room-run')).toBe(true);
    expect(await noGpu.page.textContent('[data-field="join-status"]')).toContain('nothing is sent');
    expect(await noGpu.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(noGpu.page, 'room-attendee-no-webgpu-390');

    const attendees = await Promise.all(
      ['Ada', 'Grace <img src=x>'].map(async (nickname) => {
        const session = await open(webgpu, `${base}/room/${code.toLowerCase()}`);
        await session.page.waitForSelector('#room [data-join="ready"]', { timeout: 60_000 });
        await session.page.fill('input[name="nickname"]', nickname);
        return session;
      }),
    );
    await Promise.all(attendees.map((a) => a.page.click('#room-run')));
    for (const attendee of attendees)
      await attendee.page.waitForSelector('#room [data-join="sent"]', { timeout: RUN_TIMEOUT_MS });
    // each attendee sees their own result
    for (const attendee of attendees)
      expect(await attendee.page.textContent('[data-field="join-result"]')).toMatch(/f32 FMA peak .*FLOP\/s/);
    await countIs(speaker.page, 2);
    const names = await speaker.page.textContent('[data-field="room-results"]');
    expect(names).toContain('Ada');
    expect(names).toContain('Grace <img src=x>');
    expect(await speaker.page.$$('.room-root img')).toHaveLength(0);
    // SwiftShader is a CPU adapter: both join that family
    expect(await speaker.page.getAttribute('.room-family.cpu', 'data-count')).toBe('2');
    expect(await speaker.page.getAttribute('.room-family.cpu', 'd')).toMatch(/^M/);
    expect(await speaker.page.textContent('[data-field="room-fastest"]')).toMatch(
      /^Fastest: (Ada|Grace <img src=x>)/,
    );
    expect(await speaker.page.textContent('[data-field="room-median"]')).toMatch(
      /^Median: (Ada|Grace <img src=x>)/,
    );
    await saveScreenshot(speaker.page, 'room-speaker-two-attendees');
    await saveScreenshot(attendees[0]!.page, 'room-attendee-sent');

    // a result sent now appears without a reload; a hostile nickname is text, and the speaker removes it
    const created = await post(base, code, fixtureText, { nickname: '<script>alert(1)</script>' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await countIs(speaker.page, 3);
    expect(await speaker.page.textContent('[data-field="room-latest"]')).toBe(
      'Just in: <script>alert(1)</script>',
    );
    // the fixture's memory roof puts a bar in the histogram
    expect(await speaker.page.getAttribute('.room-histogram', 'data-bars')).toBe('1');
    await speaker.page.click(`button[data-remove="${id}"]`);
    await countIs(speaker.page, 2);
    for (const session of [speaker, noGpu, ...attendees]) {
      expect(session.errors).toEqual([]);
      expect(await cspViolations(session.page)).toEqual([]);
    }
  });

  it('500 devices: four family paths and four point paths, counted and drawn; the newest still arrives', {
    timeout: 120_000,
  }, async () => {
    const document = importDocument(fixtureText);
    const classes = ['phone', 'laptop', 'desktop', 'cpu'] as const;
    const before = running!.store.entries(code).length;
    const adds: Promise<void>[] = [];
    for (let i = 0; i < 500 - before; i++) {
      const base = roomEntryFrom(document, {
        id: `bulk${i}`,
        nickname: `device ${i}`,
        declaredClass: null,
        receivedAt: new Date().toISOString(),
      });
      const scale = 1 + (i % 97);
      const entry: RoomEntry = {
        ...base,
        device: { ...base.device, class: classes[i % 4]! },
        roofs: {
          memoryBytesPerSecond: (base.roofs.memoryBytesPerSecond ?? 1e9) * scale,
          computeFlopsPerSecond: { f32: (base.roofs.computeFlopsPerSecond['f32'] ?? 1e9) * scale },
        },
      };
      adds.push(running!.store.addResult(code, entry));
    }
    await Promise.all(adds);
    const speaker = await open(webgpu, `${running!.base}/room/${code}?speaker=${token}`);
    await countIs(speaker.page, 500, 60_000);
    expect(await speaker.page.$$eval('.room-chart .room-families path', (paths) => paths.length)).toBe(8);
    for (const c of classes)
      expect(Number(await speaker.page.getAttribute(`.room-family.${c}`, 'data-count'))).toBeGreaterThan(100);
    expect(await speaker.page.textContent('[data-field="room-count"]')).toBe('500 devices');
    const created = await post(running!.base, code, fixtureText, { nickname: 'five hundred and one' });
    expect(created.status).toBe(201);
    await countIs(speaker.page, 501);
    expect(await speaker.page.textContent('[data-field="room-latest"]')).toBe(
      'Just in: five hundred and one',
    );
    await saveScreenshot(speaker.page, 'room-speaker-501');
    expect(speaker.errors).toEqual([]);
  });

  it('the deck’s room slide shows the same room, live', { timeout: 120_000 }, async () => {
    const speaker = await open(webgpu, `${running!.base}/room/${code}?speaker=${token}`);
    await speaker.page.waitForSelector('.room-board[data-status="live"]');
    // the speaker page remembers the room; the deck (on the main page) finds it
    await speaker.page.setViewportSize({ width: 1920, height: 1080 });
    await speaker.page.goto(`${running!.base}/#present=room`);
    await speaker.page.waitForSelector('.deck .slide-room .room-board[data-count="501"]', {
      timeout: 60_000,
    });
    // the slide fits the stage: nothing scrolls, nothing runs under the navigation
    const fit = await speaker.page.evaluate(() => {
      const slide = document.querySelector<HTMLElement>('.deck .slide')!;
      const nav = document.querySelector('.deck-nav')!.getBoundingClientRect();
      const board = document.querySelector('.slide-room .room-board')!.getBoundingClientRect();
      return {
        overflow: slide.scrollHeight - slide.clientHeight,
        boardBottom: board.bottom,
        navTop: nav.top,
      };
    });
    expect(fit.overflow).toBeLessThanOrEqual(1);
    expect(fit.boardBottom).toBeLessThanOrEqual(fit.navTop + 1);
    expect(await readQr(speaker.page, '.slide-room .room-qr')).toBe(`${running!.base}/room/${code}`);
    await post(running!.base, code, fixtureText, { nickname: 'on the slide' });
    await speaker.page.waitForSelector('.deck .slide-room .room-board[data-count="502"]', {
      timeout: 20_000,
    });
    await saveScreenshot(speaker.page, 'room-deck-slide');
    expect(await cspViolations(speaker.page)).toEqual([]);
  });

  it('a restart on the same --data keeps every result and the room', { timeout: 120_000 }, async () => {
    const before = running!.store.entries(code).map((e) => e.id);
    await stop(running);
    running = await start(dist, dataDir);
    expect(running.store.openRoom()?.code).toBe(code);
    expect(running.store.entries(code).map((e) => e.id)).toEqual(before);
    const speaker = await open(webgpu, `${running.base}/room/${code}?speaker=${token}`);
    await countIs(speaker.page, before.length, 60_000);
  });
});
