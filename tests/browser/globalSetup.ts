// vitest globalSetup: hands every test file of one run the same build id, so the browser test files (which
// run in parallel forks) build the page once between them (see pageServer.ts buildPage). Cheap: it builds
// nothing itself, so runs without browser tests pay nothing.
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    ridgelineBuildId: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide('ridgelineBuildId', `run-${Date.now()}-${process.pid}`);
}
