// vitest globalSetup: hands every test file of one run the same build id, so the browser test files (which
// run in parallel forks) build the page once between them (see pageServer.ts buildPage), and gives the run a
// folder of its own under the OS temp dir for builds and screenshots (RIDGELINE_TEST_TMP, inherited by the
// forks), removed when the run ends: tests never write into the repository. Cheap: it builds nothing itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    ridgelineBuildId: string;
  }
}

export default function setup(project: TestProject): () => void {
  const runTmp = mkdtempSync(join(tmpdir(), 'ridgeline-tests-'));
  process.env['RIDGELINE_TEST_TMP'] = runTmp;
  project.provide('ridgelineBuildId', `run-${Date.now()}-${process.pid}`);
  return () => rmSync(runTmp, { recursive: true, force: true });
}
