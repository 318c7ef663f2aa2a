import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// src/model's layout (src/model/README.md): each folder one concept, data flowing one way. An import cycle
// between two files, type-only imports included, means two concepts that cannot be read apart; a folder
// importing a folder above it in the flow (or a root entry) means the flow has no direction. Both fail here.

const MODEL = resolve('src/model');
const MAX_ROOT_FILES = 6;
/** The folders lowest first, as src/model/README.md lists them: each imports only folders before it. */
const FOLDER_ORDER: readonly string[] = [
  'text',
  'units',
  'explain',
  'architecture',
  'physics',
  'presets',
  'scenario',
  'napkin',
  'serving',
  'economics',
  'sweep',
  'validation',
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// `import … from`, `import type … from`, `export … from`, `export * from`, bare `import '…'` (multi-line
// specifier lists included) and `import('…')` type expressions.
const STATIC = /(?:^|[\n;])\s*(?:import|export)\s+(?:type\s+)?(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative module specifiers `source` imports or re-exports. */
function importSpecifiers(source: string): string[] {
  return [...source.matchAll(STATIC), ...source.matchAll(DYNAMIC)]
    .map((match) => match[1]!)
    .filter((specifier) => specifier.startsWith('.'));
}

type Graph = ReadonlyMap<string, readonly string[]>;

/** One cycle of `graph` as the path that closes it (a → b → a), or null when it has none. */
function findCycle(graph: Graph): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

function modelGraph(): Map<string, string[]> {
  const files = tsFiles(MODEL);
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const targets = importSpecifiers(readFileSync(file, 'utf8'))
        .map((specifier) => resolve(dirname(file), specifier))
        .filter((target) => known.has(target));
      return [relative(MODEL, file), targets.map((target) => relative(MODEL, target))];
    }),
  );
}

const folderOf = (file: string): string | null => (file.includes('/') ? file.split('/')[0]! : null);

describe('src/model layout', () => {
  const graph = modelGraph();

  it('the import parser sees every form of import, type-only and multi-line included', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      'import {\n  c,\n  type D,\n} from "./c.ts";',
      "export { e } from './e.ts';",
      "export type { F } from './f.ts';",
      "export * from './g.ts';",
      "import './h.ts';",
      "let i: import('./i.ts').I;",
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      './a.ts',
      '../b.ts',
      './c.ts',
      './e.ts',
      './f.ts',
      './g.ts',
      './h.ts',
      './i.ts',
    ]);
  });

  it('the cycle finder finds a cycle and passes a graph without one', () => {
    const cyclic = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([...cyclic, ['c', []]]))).toBeNull();
  });

  it('no two files of src/model import each other, directly or through others (type-only imports too)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(findCycle(graph)?.join(' → ') ?? null).toBeNull();
  });

  it('folders import only folders below them in the flow (src/model/README.md), and never a root file', () => {
    const unknown = new Set<string>();
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      if (from === null) continue;
      if (!FOLDER_ORDER.includes(from)) unknown.add(from);
      for (const target of targets) {
        const to = folderOf(target);
        if (to === from) continue;
        if (to === null || FOLDER_ORDER.indexOf(to) > FOLDER_ORDER.indexOf(from))
          upward.push(`${file} → ${target}`);
      }
    }
    // a new folder takes its place in FOLDER_ORDER and in the README's order
    expect([...unknown]).toEqual([]);
    expect(upward).toEqual([]);
  });

  it('nothing inside src/model imports its index (the front door is for code outside)', () => {
    const importers = [...graph].filter(([, targets]) => targets.includes('index.ts')).map(([file]) => file);
    expect(importers).toEqual([]);
  });

  it(`the root of src/model holds at most ${MAX_ROOT_FILES} .ts files (an index and a few entries)`, () => {
    const rootFiles = readdirSync(MODEL).filter((name) => name.endsWith('.ts'));
    expect(rootFiles).toContain('index.ts');
    expect(rootFiles.length, rootFiles.join(', ')).toBeLessThanOrEqual(MAX_ROOT_FILES);
  });
});
