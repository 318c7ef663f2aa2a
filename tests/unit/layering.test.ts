import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The linter (biome noRestrictedImports) enforces the layering; this test checks the rule itself still
// bites, so a config change cannot silently switch it off.
const pureDirs = ['src/model', 'src/measure', 'src/kernels', 'src/room'];
const forbidden =
  /from\s+['"](three|d3[^'"]*|webgpu|comlink|node:fs|fs|[^'"]*\/(gpu|ui|charts|view3d|bench|cli|server)\/[^'"]*)['"]/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('layering', () => {
  it('the pure core (model, measure, kernels, room) imports no DOM, GPU, worker or I/O module', () => {
    const offenders = pureDirs.flatMap(files).filter((file) => forbidden.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
