// One device's result as the room keeps and shows it: rebuilt from known fields of a validated measurement
// document (never the document itself), so the room stores and serves only what it draws: the adapter's
// name, a device class, an optional nickname, the roofs recomputed from the verified measurements (an
// imported `roofs` field is not trusted) and the kernel points. Nothing else leaves the attendee's
// browser for good: the user agent is read once, for the device class, and dropped. Pure: the server
// builds entries, the store re-reads them from its log and the page checks what the server sends, all
// through validateRoomEntry.
import { BOUNDS, isIdentifier, LIMITS, type Range } from '../measure/bounds.ts';
import {
  type AdapterRecord,
  isValidMeasurement,
  type MeasurementDocument,
  measuredRoofs,
} from '../measure/document.ts';
import { isIsoTimestamp } from '../measure/isoTime.ts';
import { hasUnsafeCharacters, plainText } from '../model/text/plainText.ts';

export const DEVICE_CLASSES = ['phone', 'laptop', 'desktop', 'cpu'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

export const DEVICE_CLASS_LABELS: Readonly<Record<DeviceClass, string>> = {
  phone: 'phone or tablet',
  laptop: 'laptop',
  desktop: 'desktop',
  cpu: 'CPU adapter',
};

export const ROOM_LIMITS = {
  /** Issue 24: "an optional nickname (≤ 32 characters)", counted in code points (an emoji is one). */
  nicknameCharacters: 32,
  /** Kernel points one device puts on the chart; a full run has about 20. */
  pointsPerEntry: 64,
  /** Result ids are the server's: base32, short. */
  id: 32,
} as const;

export interface RoomPoint {
  readonly kernel: string;
  readonly dtype: string;
  readonly intensityFlopsPerByte: number;
  readonly flopsPerSecond: number;
}

export interface RoomDevice {
  /** The adapter as people read it: its description, else vendor and architecture. */
  readonly name: string;
  readonly vendor: string;
  readonly architecture: string;
  readonly class: DeviceClass;
}

export interface RoomRoofs {
  /** DRAM bandwidth, bytes/s; null when no stream case measured memory (a cache-resident run). */
  readonly memoryBytesPerSecond: number | null;
  /** FMA peak per dtype (and the matrix roof), FLOP/s. */
  readonly computeFlopsPerSecond: Readonly<Record<string, number>>;
}

export interface RoomEntry {
  readonly id: string;
  readonly nickname: string | null;
  readonly device: RoomDevice;
  readonly roofs: RoomRoofs;
  readonly points: readonly RoomPoint[];
  /** The suite profile the device ran ('quick', 'talk', …). */
  readonly profile: string;
  /** ISO 8601 UTC, the server's clock. */
  readonly receivedAt: string;
}

/** A nickname as submitted: trimmed, NFC; null when empty; an Error naming the rule it breaks. */
export function parseNickname(raw: string | null | undefined): string | null | Error {
  if (raw === null || raw === undefined) return null;
  const nickname = raw.normalize('NFC').trim();
  if (nickname === '') return null;
  if ([...nickname].length > ROOM_LIMITS.nicknameCharacters)
    return new Error(`the nickname may have at most ${ROOM_LIMITS.nicknameCharacters} characters`);
  if (hasUnsafeCharacters(nickname))
    return new Error('the nickname may not hold control characters or direction overrides');
  return nickname;
}

export function isDeviceClass(value: unknown): value is DeviceClass {
  return typeof value === 'string' && (DEVICE_CLASSES as readonly string[]).includes(value);
}

/** Software rasterisers that expose WebGPU on the CPU (Chromium's SwiftShader, Mesa's llvmpipe/lavapipe, WARP). */
const CPU_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|\bwarp\b|basic render/i;
/** User agents of phones and tablets (Android tablets omit "Mobile"; iPadOS may pose as a Mac: unknowable). */
const HANDHELD = /\b(Android|iPhone|iPad|iPod)\b/;
/** Adapter names that say "laptop part": NVIDIA's "Laptop GPU", Max-Q, AMD's mobile parts. */
const LAPTOP_PART = /laptop|max-q|mobile/i;

/**
 * Which family the device joins on the speaker's chart. A CPU adapter and a handheld are read from the
 * adapter and the user agent; otherwise the attendee's own answer (laptop or desktop) wins, and without
 * one the adapter decides: integrated vendors (Apple, Intel, Qualcomm, ARM) are mostly laptops at a
 * talk, discrete NVIDIA/AMD parts desktops unless their name says laptop.
 */
export function deviceClassOf(
  adapter: AdapterRecord,
  runtime: string,
  declared: DeviceClass | null = null,
): DeviceClass {
  const adapterText = `${adapter.vendor} ${adapter.architecture} ${adapter.device} ${adapter.description}`;
  if (adapter.isFallbackAdapter || CPU_ADAPTER.test(adapterText)) return 'cpu';
  if (HANDHELD.test(runtime)) return 'phone';
  if (declared === 'laptop' || declared === 'desktop') return declared;
  if (LAPTOP_PART.test(adapterText)) return 'laptop';
  return /nvidia|amd|ati\b/i.test(adapter.vendor) ? 'desktop' : 'laptop';
}

export function deviceName(adapter: AdapterRecord): string {
  const name =
    adapter.description.trim() ||
    [adapter.vendor, adapter.architecture].filter((part) => part.trim() !== '').join(' ') ||
    'unknown adapter';
  return plainText(name, LIMITS.label);
}

/** Kernels that define roofs rather than sit under them (rooflineSeries.ts draws the same split). */
const ROOF_KERNELS = new Set(['stream-read', 'stream-copy', 'fma-peak']);

function roomPoints(document: MeasurementDocument): RoomPoint[] {
  const points: RoomPoint[] = [];
  for (const m of document.measurements) {
    if (ROOF_KERNELS.has(m.kernel) || !isValidMeasurement(m)) continue;
    const intensity = m.arithmeticIntensity;
    const flops = m.flopsPerSecond;
    if (intensity === null || flops === null || !(intensity > 0) || !(flops > 0)) continue;
    points.push({
      kernel: m.kernel,
      dtype: m.dtype,
      intensityFlopsPerByte: intensity,
      flopsPerSecond: flops,
    });
    if (points.length === ROOM_LIMITS.pointsPerEntry) break;
  }
  return points;
}

export interface EntryMeta {
  readonly id: string;
  readonly nickname: string | null;
  readonly declaredClass: DeviceClass | null;
  readonly receivedAt: string;
}

/** The room's entry for a document that passed validateDocument (and was upgraded). */
export function roomEntryFrom(document: MeasurementDocument, meta: EntryMeta): RoomEntry {
  const roofs = measuredRoofs(document.measurements);
  const compute: Record<string, number> = {};
  for (const [dtype, roof] of Object.entries(roofs.compute)) compute[dtype] = roof.value;
  const { adapter } = document;
  return {
    id: meta.id,
    nickname: meta.nickname,
    device: {
      name: deviceName(adapter),
      vendor: plainText(adapter.vendor, LIMITS.identifier),
      architecture: plainText(adapter.architecture, LIMITS.identifier),
      class: deviceClassOf(adapter, document.runtime, meta.declaredClass),
    },
    roofs: { memoryBytesPerSecond: roofs.memory?.value ?? null, computeFlopsPerSecond: compute },
    points: roomPoints(document),
    profile: document.profile,
    receivedAt: meta.receivedAt,
  };
}

/** The compute figure a device is ranked by without a memory roof: f32 FMA, else its best roof. */
export function computeFigure(entry: RoomEntry): number | null {
  const roofs = entry.roofs.computeFlopsPerSecond;
  const values = Object.values(roofs);
  return roofs['f32'] ?? (values.length > 0 ? Math.max(...values) : null);
}

/** The top compute roof of a device (its flat roof on the chart). */
export function topComputeRoof(entry: RoomEntry): number | null {
  const values = Object.values(entry.roofs.computeFlopsPerSecond);
  return values.length > 0 ? Math.max(...values) : null;
}

// ---- validation of an entry read back (the store's log, the page's event stream) ----

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const inRange = (v: unknown, r: Range): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= r.min && v <= r.max;
const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length <= max && !hasUnsafeCharacters(v);
const ID = /^[a-z0-9]+$/;

export function isEntryId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= ROOM_LIMITS.id && ID.test(value);
}

function validDevice(v: unknown): boolean {
  return (
    isObject(v) &&
    isText(v['name'], LIMITS.label) &&
    isText(v['vendor'], LIMITS.identifier) &&
    isText(v['architecture'], LIMITS.identifier) &&
    isDeviceClass(v['class'])
  );
}

function validRoofs(v: unknown): boolean {
  if (!isObject(v)) return false;
  const memory = v['memoryBytesPerSecond'];
  if (memory !== null && !inRange(memory, BOUNDS.bytesPerSecond)) return false;
  const compute = v['computeFlopsPerSecond'];
  if (!isObject(compute)) return false;
  const entries = Object.entries(compute);
  return (
    entries.length <= LIMITS.computeRoofs &&
    entries.every(([dtype, value]) => isIdentifier(dtype) && inRange(value, BOUNDS.flopsPerSecond))
  );
}

function validPoint(v: unknown): boolean {
  return (
    isObject(v) &&
    isText(v['kernel'], LIMITS.identifier) &&
    isText(v['dtype'], LIMITS.identifier) &&
    inRange(v['intensityFlopsPerByte'], BOUNDS.arithmeticIntensity) &&
    inRange(v['flopsPerSecond'], BOUNDS.flopsPerSecond)
  );
}

/** The entry when `value` is one within every bound, else null (a damaged log line, a hostile stream). */
export function validateRoomEntry(value: unknown): RoomEntry | null {
  if (!isObject(value)) return null;
  const nickname = value['nickname'];
  const nicknameOk =
    nickname === null ||
    (typeof nickname === 'string' && nickname !== '' && parseNickname(nickname) === nickname);
  const points = value['points'];
  const ok =
    isEntryId(value['id']) &&
    nicknameOk &&
    validDevice(value['device']) &&
    validRoofs(value['roofs']) &&
    Array.isArray(points) &&
    points.length <= ROOM_LIMITS.pointsPerEntry &&
    points.every(validPoint) &&
    isText(value['profile'], LIMITS.identifier) &&
    typeof value['receivedAt'] === 'string' &&
    isIsoTimestamp(value['receivedAt']);
  if (!ok) return null;
  // rebuilt from known fields: nothing else the value carried survives
  const device = value['device'] as Json;
  const roofs = value['roofs'] as Json;
  return {
    id: value['id'] as string,
    nickname: nickname as string | null,
    device: {
      name: device['name'] as string,
      vendor: device['vendor'] as string,
      architecture: device['architecture'] as string,
      class: device['class'] as DeviceClass,
    },
    roofs: {
      memoryBytesPerSecond: roofs['memoryBytesPerSecond'] as number | null,
      computeFlopsPerSecond: { ...(roofs['computeFlopsPerSecond'] as Record<string, number>) },
    },
    points: (points as Json[]).map((p) => ({
      kernel: p['kernel'] as string,
      dtype: p['dtype'] as string,
      intensityFlopsPerByte: p['intensityFlopsPerByte'] as number,
      flopsPerSecond: p['flopsPerSecond'] as number,
    })),
    profile: value['profile'] as string,
    receivedAt: value['receivedAt'] as string,
  };
}
