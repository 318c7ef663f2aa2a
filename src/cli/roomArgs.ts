// Parses `ridgeline room` flags (also `npm run room`), one row per flag as bench's and project's are.
import { isIP } from 'node:net';
import { parseDecimalInteger } from '../model/text/decimal.ts';
import { clipForMessage } from '../model/text/plainText.ts';
import { readFlags } from './flagTable.ts';
import { UsageError } from './usage.ts';

export interface RoomArgs {
  readonly help: boolean;
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** The address people open when a proxy serves HTTPS in front (printed and put in the QR code). */
  readonly publicUrl: string | null;
  readonly trustProxy: boolean;
  /** Submissions per client per minute. */
  readonly rate: number;
  /** The built page; null: the checkout's dist/, built when missing. */
  readonly distDir: string | null;
  /** Close the open room and open a new one. */
  readonly newRoom: boolean;
}

type Mutable = { -readonly [K in keyof RoomArgs]: RoomArgs[K] };

interface RoomFlag {
  readonly name: string;
  readonly value: string | null;
  readonly help: string;
  apply(args: Mutable, raw: string): void;
}

const HOSTNAME = /^[A-Za-z0-9.-]{1,253}$/;

export const ROOM_FLAGS: readonly RoomFlag[] = [
  {
    name: 'port',
    value: '8787',
    help: 'TCP port to listen on (0: any free port)',
    apply(args, raw) {
      const port = parseDecimalInteger(raw);
      if (port === null || port < 0 || port > 65_535)
        throw new UsageError(`--port: expected a port number 0–65535, got '${clipForMessage(raw)}'`);
      args.port = port;
    },
  },
  {
    name: 'host',
    value: '127.0.0.1',
    help: "address to listen on: this machine only by default; the venue network's address (or 0.0.0.0) to let phones in",
    apply(args, raw) {
      if (isIP(raw) === 0 && !HOSTNAME.test(raw))
        throw new UsageError(`--host: expected an IP address or host name, got '${clipForMessage(raw)}'`);
      args.host = raw;
    },
  },
  {
    name: 'data',
    value: './ridgeline-room',
    help: 'folder for the room log (created if missing); results survive restarts until the speaker clears them',
    apply(args, raw) {
      args.dataDir = raw;
    },
  },
  {
    name: 'public-url',
    value: 'URL',
    help: 'the https:// address people open when a proxy serves HTTPS in front (printed, and in the QR code)',
    apply(args, raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new UsageError(
          `--public-url: expected a URL like https://room.example.org, got '${clipForMessage(raw)}'`,
        );
      }
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username)
        throw new UsageError('--public-url: expected an http(s) address without query, fragment or user');
      args.publicUrl = url.href.replace(/\/+$/, '');
    },
  },
  {
    name: 'trust-proxy',
    value: null,
    help: 'behind your own reverse proxy: rate-limit by the client address it appends to X-Forwarded-For',
    apply(args) {
      args.trustProxy = true;
    },
  },
  {
    name: 'rate',
    value: '12',
    help: 'result submissions per client per minute (a burst of 10 first); raise it when the room shares one NAT address',
    apply(args, raw) {
      const rate = parseDecimalInteger(raw);
      if (rate === null || rate < 1 || rate > 100_000)
        throw new UsageError(`--rate: expected a whole number 1–100000, got '${clipForMessage(raw)}'`);
      args.rate = rate;
    },
  },
  {
    name: 'dist',
    value: 'DIR',
    help: 'serve this built page instead of the checkout’s dist/ (built first when missing)',
    apply(args, raw) {
      args.distDir = raw;
    },
  },
  {
    name: 'new-room',
    value: null,
    help: 'close the room that is open in --data and open a new one (new code, new token)',
    apply(args) {
      args.newRoom = true;
    },
  },
  {
    name: 'help',
    value: null,
    help: 'this text (also -h)',
    apply(args) {
      args.help = true;
    },
  },
];

export function roomUsage(): string {
  const options = ROOM_FLAGS.map(
    (flag) => `  ${`--${flag.name}${flag.value ? ` ${flag.value}` : ''}`.padEnd(24)} ${flag.help}`,
  );
  return `Usage: ridgeline room [options]

Serves the page and a live audience room from this machine: attendees open the join address (or scan the
QR code on the speaker's slide), measure their device in the browser and land on the speaker's roofline.
Prints the join and speaker addresses; the speaker address holds the room's secret token.
Away from localhost browsers allow WebGPU only over HTTPS: see docs/room.md for a venue set-up.

Options:
${options.join('\n')}`;
}

export function parseRoomArgs(argv: readonly string[]): RoomArgs {
  const args: Mutable = {
    help: false,
    port: 8787,
    host: '127.0.0.1',
    dataDir: './ridgeline-room',
    publicUrl: null,
    trustProxy: false,
    rate: 12,
    distDir: null,
    newRoom: false,
  };
  readFlags(argv, ROOM_FLAGS, args, {
    command: 'room',
    unknown: (arg) =>
      new UsageError(`room: unknown option '${clipForMessage(arg)}' (see ridgeline room --help)`),
  });
  return args;
}
