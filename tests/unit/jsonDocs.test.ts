// docs/json.md documents every field of the JSON ridgeline writes (issue 21): `ridgeline project --json`
// over scenarios that exercise its nulls and branches, and the measurement document (new, and a version 1
// one upgraded). Every field path written must appear in docs/json.md as `path`; map-like objects are
// documented by their placeholder (`limits.<name>`), the napkin's figures by their golden ids. Both carry
// `schemaVersion`, the number the page states.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_JSON_SCHEMA_VERSION, printProjectJson } from '../../src/cli/printers/projectJson.ts';
import { parseProjectArgs } from '../../src/cli/projectArgs.ts';
import { projectScenario } from '../../src/cli/projectScenario.ts';
import { DOCUMENT_VERSION, exportDocument, importDocument } from '../../src/measure/document.ts';
import { sampleDocument } from './charts/sampleDocument.ts';

const docs = readFileSync(resolve(import.meta.dirname, '../../docs/json.md'), 'utf8');
const documented = (path: string) => docs.includes(`\`${path}\``);

/** Field paths of a JSON value: arrays as `[]`, the keys of map-like objects as their placeholder. */
function fieldPaths(value: unknown, path: string, maps: Readonly<Record<string, string>>, out: Set<string>) {
  if (Array.isArray(value)) {
    out.add(`${path}[]`);
    for (const item of value) fieldPaths(item, `${path}[]`, maps, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const placeholder = maps[path];
      const next = placeholder ? `${path}.${placeholder}` : path === '' ? key : `${path}.${key}`;
      fieldPaths(item, next, maps, out);
    }
  } else out.add(path);
}

const project = (args: readonly string[]) =>
  JSON.parse(printProjectJson(projectScenario(parseProjectArgs(['--json', ...args])))) as Record<
    string,
    unknown
  >;

describe('docs/json.md', () => {
  it('documents every field of `ridgeline project --json`, and its schemaVersion', () => {
    const scenarios = [
      [],
      ['--preset', 'blog_compat'],
      ['--model', 'llama-3.1-405b', '--gpu', 'h100-sxm', '--weights', 'bf16'],
      ['--model', 'deepseek-v3', '--gpu', 'mi300x', '--pp', '2'],
      ['--model', 'llama-3.1-8b', '--gpu', 'rtx-4090', '--gpus', '1'],
      // the load simulation (projection.load), an open loop included
      ['--load', '--requests', '300', '--qps', '0.3'],
    ];
    const paths = new Set<string>();
    for (const args of scenarios) {
      const json = project(args);
      expect(json['schemaVersion']).toBe(PROJECT_JSON_SCHEMA_VERSION);
      const { figures, ...rest } = json;
      fieldPaths(rest, '', {}, paths);
      for (const id of Object.keys(figures as object)) expect(documented(id), `figures: ${id}`).toBe(true);
    }
    expect([...paths].filter((path) => !documented(path))).toEqual([]);
    expect(docs).toContain(`## \`ridgeline project --json\` (schemaVersion ${PROJECT_JSON_SCHEMA_VERSION})`);
  });

  it('documents every field of the measurement document, and its schemaVersion', () => {
    const fixture = readFileSync(resolve(import.meta.dirname, '../fixtures/swiftshader-quick.json'), 'utf8');
    const v1 = { ...JSON.parse(exportDocument(sampleDocument())), version: 1 };
    delete v1.schemaVersion;
    const paths = new Set<string>();
    const maps = { limits: '<name>', 'roofs.compute': '<dtype>', 'measurements[].shape': '<dimension>' };
    for (const document of [sampleDocument(), importDocument(fixture), importDocument(JSON.stringify(v1))]) {
      // a document written before issue 21 has none: it gets the version's number when read
      expect(document.schemaVersion).toBe(document.version);
      fieldPaths(JSON.parse(exportDocument(document)), '', maps, paths);
    }
    expect([...paths].filter((path) => !documented(path))).toEqual([]);
    expect(docs).toContain(`## The measurement document (schemaVersion ${DOCUMENT_VERSION})`);
  });

  it('refuses a document whose schemaVersion contradicts its version', () => {
    const doc = { ...JSON.parse(exportDocument(sampleDocument())), schemaVersion: 1 };
    expect(() => importDocument(JSON.stringify(doc))).toThrow(
      /schemaVersion: expected 2 \(the same as version\)/,
    );
  });
});
