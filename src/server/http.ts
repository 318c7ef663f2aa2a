// Replies and request bodies for the room server, with the headers every response carries. Error bodies
// are fixed sentences chosen by the server: nothing a client sent is ever echoed back.
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers on every response, pages, files, API and errors alike (the CSP is added by the server). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

export function sendError(
  response: ServerResponse,
  status: number,
  error: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(response, status, { error }, headers);
}

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The body as UTF-8 text, refused past `maxBytes` (413, before reading it when Content-Length says so)
 * and when it is not UTF-8 (400).
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.reject(new BodyError(413, 'too large'));
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        fail(new BodyError(413, 'too large'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (over) return;
      // isUtf8 (Node's native check) then toString: the same refusal as a fatal TextDecoder, at a
      // fraction of its cost on a 12 KB body (bench:room --profile)
      const bytes = Buffer.concat(chunks);
      if (isUtf8(bytes)) done(bytes.toString('utf8'));
      else fail(new BodyError(400, 'not UTF-8'));
    });
    request.on('error', () => {
      if (!over) fail(new BodyError(400, 'the request was cut off'));
    });
  });
}

/** The path and query of a request target, or null when it is not an origin-form path ("/…"). */
export function requestTarget(url: string | undefined): { path: string[]; query: URLSearchParams } | null {
  if (!url?.startsWith('/') || url.startsWith('//') || url.length > 4096) return null;
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  try {
    const path = rawPath
      .split('/')
      .slice(1)
      .map((segment) => decodeURIComponent(segment));
    return { path, query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)) };
  } catch {
    return null;
  }
}
