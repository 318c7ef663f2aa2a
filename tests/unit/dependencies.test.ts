// What the code imports is what package.json declares (issue 21: src/ imported d3-scale, d3-shape and
// d3-selection, which resolved only because the d3 umbrella happened to hoist them). src/ runs in the page
// and the CLI, so its packages are runtime dependencies; tests and scripts may also use devDependencies.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : files(path);
    return /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

/** The packages a file imports (bare specifiers: `three/examples/…` is three, `@types/x` stays whole). */
function packagesOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/\bfrom\s+'([^'.][^']*)'/g),
    ...text.matchAll(/\bimport\s*\(\s*'([^'.][^']*)'\s*\)/g),
    ...text.matchAll(/^import\s+'([^'.][^']*)'/gm),
  ].map((m) => m[1] ?? '');
  return (
    specifiers
      // a package name's characters only (npm's rule): a comment's `import('…')` is not an import
      .filter((s) => /^(@[a-z0-9~-][\w.~-]*\/)?[a-z0-9~-][\w.~-]*(\/.*)?$/.test(s))
      .filter((s) => !s.startsWith('node:') && !builtinModules.includes(s))
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] ?? s)))
  );
}

const undeclared = (dirs: readonly string[], declared: Record<string, string>) =>
  dirs
    .flatMap((dir) => files(join(root, dir)))
    .flatMap((file) => packagesOf(file).map((name) => `${name} (${file.slice(root.length + 1)})`))
    .filter((entry) => declared[entry.split(' ')[0] ?? ''] === undefined);

describe('declared dependencies', () => {
  it('every package src/ imports is a runtime dependency', () => {
    expect(undeclared(['src'], pkg.dependencies)).toEqual([]);
  });

  it('every package tests/, scripts/ and bin/ import is declared', () => {
    expect(undeclared(['tests', 'scripts', 'bin'], { ...pkg.dependencies, ...pkg.devDependencies })).toEqual(
      [],
    );
  });

  it('the d3 modules are declared one by one, not through the d3 umbrella', () => {
    expect(pkg.dependencies['d3']).toBeUndefined();
    for (const name of ['d3-scale', 'd3-shape', 'd3-selection']) expect(pkg.dependencies[name]).toBeDefined();
  });
});
