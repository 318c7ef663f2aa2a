// `npm run validation:tables`: rewrites the generated tables of docs/validation.md from the engine (the
// published measurements against the model at its default efficiencies, and ridgeline's side of the
// llm-analysis / LLM-Viewer cross-checks); the npm script then lets biome pad them into columns.
// tests/unit/model/validation.test.ts fails when they drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { unpaddedTables, withTables } from '../src/model/validation/tables.ts';

const path = resolve(import.meta.dirname, '..', 'docs', 'validation.md');
const before = readFileSync(path, 'utf8');
const after = withTables(before);
if (unpaddedTables(after) === unpaddedTables(before))
  console.log('docs/validation.md: tables already match the engine');
else {
  writeFileSync(path, after);
  console.log('docs/validation.md: tables rewritten from the engine');
}
