// A run carried in the URL hash (#run=…): JSON, deflate-raw compressed (CompressionStream, in every
// evergreen browser and Node ≥ 18), base64url. Only when it fits: browsers and chat apps truncate long
// URLs, so links over MAX_SHARE_HASH_CHARS are refused with a message instead of silently breaking.
import { importDocument, type MeasurementDocument } from '../../measure/document.ts';

/** 32 K characters: well under Chromium's 2 MB URL limit, inside what mail and chat clients keep intact. */
export const MAX_SHARE_HASH_CHARS = 32_000;
export const SHARE_PARAM = 'run';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const response = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
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

/** Decodes and validates a packed run; throws an Error with a one-line message. */
export async function documentFromShare(packed: string): Promise<MeasurementDocument> {
  let bytes: Uint8Array;
  try {
    bytes = await pipe(fromBase64Url(packed), new DecompressionStream('deflate-raw'));
  } catch {
    throw new Error(
      'the shared link is damaged (it does not decode); ask for the link again or the JSON file',
    );
  }
  return importDocument(new TextDecoder().decode(bytes));
}
