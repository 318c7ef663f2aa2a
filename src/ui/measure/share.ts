// A run carried in the URL hash (#run=…): JSON, deflate-raw compressed (CompressionStream, in every
// evergreen browser and Node ≥ 18), base64url. Only when it fits: browsers and chat apps truncate long
// URLs, so links over MAX_SHARE_HASH_CHARS are refused with a message instead of silently breaking.
// A link is data from a stranger: its length is checked before anything is decoded, and it is inflated
// with a byte limit (a 30 KB link can inflate to 30 MB), so an oversized one is "too large" at once.
import { bytesText, LIMITS } from '../../measure/bounds.ts';
import { importDocument, type MeasurementDocument } from '../../measure/document.ts';

/** 32 K characters: well under Chromium's 2 MB URL limit, inside what mail and chat clients keep intact. */
export const MAX_SHARE_HASH_CHARS = 32_000;
export const SHARE_PARAM = 'run';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const response = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

class TooLargeError extends Error {}

/** Inflates deflate-raw `bytes`, stopping (and refusing) as soon as the output passes `limit` bytes. */
async function inflateAtMost(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export type ShareResult =
  | { readonly ok: true; readonly hash: string }
  | { readonly ok: false; readonly message: string };

/** "#run=…" for the document, or a message saying why it does not fit. */
export async function shareHash(document: MeasurementDocument): Promise<ShareResult> {
  const json = new TextEncoder().encode(JSON.stringify(document));
  const packed = toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
  const hash = `#${SHARE_PARAM}=${packed}`;
  if (hash.length > MAX_SHARE_HASH_CHARS) {
    return {
      ok: false,
      message: `this run is too large for a link (${hash.length.toLocaleString('en-US')} characters, limit ${MAX_SHARE_HASH_CHARS.toLocaleString('en-US')}); export the JSON instead`,
    };
  }
  return { ok: true, hash };
}

/** The packed run in a location.hash, or null when the hash carries none. */
export function sharedRunParam(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return params.get(SHARE_PARAM);
}

const DAMAGED = 'the shared link is damaged (it does not decode); ask for the link again or the JSON file';

/** Decodes and validates a packed run; throws an Error with a one-line message. */
export async function documentFromShare(packed: string): Promise<MeasurementDocument> {
  if (packed.length > MAX_SHARE_HASH_CHARS) {
    throw new Error(
      `the shared link is too large (${packed.length.toLocaleString('en-US')} characters; a link carries at most ${MAX_SHARE_HASH_CHARS.toLocaleString('en-US')}); ask for the JSON file instead`,
    );
  }
  let text: string;
  try {
    const bytes = await inflateAtMost(fromBase64Url(packed), LIMITS.documentBytes);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof TooLargeError)
      throw new Error(
        `the shared run is too large: it unpacks to more than ${bytesText(LIMITS.documentBytes)}, the most a measurement document may be; ask for the JSON file instead`,
      );
    throw new Error(DAMAGED);
  }
  return importDocument(text);
}
