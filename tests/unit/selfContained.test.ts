// A fresh clone stands on its own: no tracked file may point at the folder that sat beside the repository
// while it was written (the blog's copy and its spec). The figures the tests need are project data in
// tests/fixtures; the blog is cited by title, author and date.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SKIP = new Set([
  'node_modules',
  '.git',
  'dist',
  'artifacts',
  '.cache',
  '.device',
  '.vite',
  'package-lock.json',
]);
// Built from parts so that this file does not match itself.
const OUTSIDE = new RegExp(['\\.\\./', '(\\.\\./)*', 'shared', '/'].join(''));

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) yield* files(path);
    else if (stat.size < 4_000_000) yield path;
  }
}

describe('the repository stands alone', () => {
  it('no file refers to a folder outside the repository', () => {
    const offenders: string[] = [];
    for (const path of files(repoRoot)) {
      const text = readFileSync(path, 'latin1');
      text.split('\n').forEach((line, i) => {
        if (OUTSIDE.test(line))
          offenders.push(`${relative(repoRoot, path)}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the golden figures are project data in tests/fixtures', () => {
    const table = JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/seed-golden.json'), 'utf8'));
    expect(table.entries.length).toBeGreaterThan(100);
    expect(table.meta.source).toContain('How to Save Millions by Self-Hosting LLMs');
  });
});
