// vitest setupFiles entry: runs in every test file before its own hooks. A file whose requirement
// (tests/support/requirements.ts) is missing has each of its tests skipped with a note saying what is missing,
// or, where the requirement's switch is set, fails at once saying so.
import { beforeAll, beforeEach } from 'vitest';
import { isRequired, requirementOf } from './requirements.ts';

let skipNote: string | null = null;

// vitest passes fixtures first (an object pattern is required there) and the file's suite second.
// biome-ignore lint/correctness/noEmptyPattern: no fixtures are used
beforeAll(async ({}, suite) => {
  const requirement = requirementOf(suite.file.filepath);
  if (!requirement) return;
  const missing = await requirement.missing();
  if (missing === null) return;
  if (isRequired(requirement)) throw new Error(`${requirement.switchVar}=1 but ${missing}`);
  skipNote = missing;
});

beforeEach((context) => {
  if (skipNote !== null) context.skip(skipNote);
});
