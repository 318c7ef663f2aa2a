#!/usr/bin/env node
// Entry point for `npx ridgeline …` and `npm run cli -- …`. Runs the compiled CLI (dist-cli/, made by
// `npm run build:cli`, which `npm install` and `npm ci` run through the `prepare` script) while it is newer
// than every file it was built from; otherwise (never built, or a source edited since) the TypeScript
// sources through tsx: slower to start (~1 s against ~0.1 s), the same answers, never a stale build.
// RIDGELINE_FROM_SOURCE=1 forces the sources.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function compiledIsCurrent() {
  if (process.env.RIDGELINE_FROM_SOURCE === '1') return false;
  try {
    const manifest = JSON.parse(readFileSync(new URL('dist-cli/manifest.json', root), 'utf8'));
    if (!Array.isArray(manifest.inputs) || manifest.inputs.length === 0) return false;
    return manifest.inputs.every((path) => statSync(new URL(path, root)).mtimeMs <= manifest.builtAtMs);
  } catch {
    return false;
  }
}

if (compiledIsCurrent()) {
  await import('../dist-cli/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
