// The built page (dist/), read into memory once at start: only files found there are ever served, so no
// request path reaches the file system (no traversal, no listing). The page's own Content-Security-Policy
// is read from its <meta> and sent as a header too, with what a <meta> cannot say: frame-ancestors 'none'.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** Content types of the files a build holds (the tests' static server uses the same table). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.wgsl': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
}

export interface StaticSite {
  /** By path relative to dist, with '/' separators: "index.html", "assets/index-abc.js". */
  readonly files: ReadonlyMap<string, StaticFile>;
  readonly csp: string;
}

/** The strictest policy the page works under; used when index.html carries none (never expected). */
const FALLBACK_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

/** The page's <meta> policy plus frame-ancestors 'none' (which only a header can carry). */
export function headerPolicy(indexHtml: string): string {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(indexHtml);
  const policy = (meta?.[1] ?? FALLBACK_CSP).trim().replace(/;\s*$/, '');
  return /frame-ancestors/.test(policy) ? policy : `${policy}; frame-ancestors 'none'`;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function loadSite(distDir: string): StaticSite {
  const files = new Map<string, StaticFile>();
  for (const path of walk(distDir)) {
    const type = CONTENT_TYPES[extname(path).toLowerCase()];
    if (!type) continue;
    files.set(relative(distDir, path).split(sep).join('/'), { body: readFileSync(path), type });
  }
  const index = files.get('index.html');
  if (!index) throw new Error(`no index.html in ${distDir}: build the page first (npm run build)`);
  return { files, csp: headerPolicy(index.body.toString('utf8')) };
}
