import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // GPU tests run kernels on a CPU adapter and browser tests drive headless Chromium:
    // both are slow on a 2-core machine, so give them room (per-test timeouts are set where needed).
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Gives all test files of a run one build id so browser tests build the page once (builds nothing itself)
    // and a temp folder of its own (tests write nothing into the repository).
    globalSetup: ['tests/browser/globalSetup.ts'],
    // Test files that need Chromium or a WebGPU adapter skip with a note when it is missing (or fail, where
    // RIDGELINE_REQUIRE_BROWSER / RIDGELINE_REQUIRE_ADAPTER is 1); the summary ends with one line about skips.
    setupFiles: ['tests/support/requirementsSetup.ts'],
    reporters: ['default', './tests/support/skipSummary.ts'],
  },
});
