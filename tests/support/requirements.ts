// What some test files need from the machine, checked once per file: Chromium for the browser tests, a
// WebGPU adapter from Dawn for the kernel tests. Where one is missing the file's tests are skipped with a note
// naming what was looked for (tests/support/skipSummary.ts prints one line about them at the end of the run),
// unless the requirement's switch is set (RIDGELINE_REQUIRE_BROWSER=1, RIDGELINE_REQUIRE_ADAPTER=1, as .ci/run
// sets them), which turns the skip into a failure. The f16 kernel tests have their own switch and check
// (RIDGELINE_REQUIRE_F16, tests/gpu/f16.test.ts).
import { sep } from 'node:path';
import { nodeGpu, useSwiftShaderIfNoDriverChosen, VULKAN_LOADER_HINT } from '../../src/gpu/provider.node.ts';
import { locateChromium } from '../browser/chromium.ts';

export interface Requirement {
  /** Set to 1, a missing requirement fails the file's tests instead of skipping them. */
  readonly switchVar: string;
  /** Why the requirement is not met, or null when it is. */
  missing(): Promise<string | null>;
}

const browser: Requirement = {
  switchVar: 'RIDGELINE_REQUIRE_BROWSER',
  async missing() {
    const located = locateChromium();
    return located.found === null ? located.message : null;
  },
};

let adapterMissing: Promise<string | null> | undefined;
// Dawn's bindings must not see a GPU or adapter collected while the process may still make devices.
const keepAlive: unknown[] = [];
const adapter: Requirement = {
  switchVar: 'RIDGELINE_REQUIRE_ADAPTER',
  missing() {
    adapterMissing ??= (async () => {
      const icdMissing = useSwiftShaderIfNoDriverChosen();
      const gpu = nodeGpu();
      const found = await gpu.requestAdapter().catch(() => null);
      keepAlive.push(gpu, found);
      if (found) return null;
      return icdMissing ?? `no WebGPU adapter from Dawn: ${VULKAN_LOADER_HINT}`;
    })();
    return adapterMissing;
  },
};

/** Which requirement a test file has, by its folder. */
export function requirementOf(file: string): Requirement | null {
  const path = file.split(sep).join('/');
  if (path.includes('/tests/browser/')) return browser;
  // f16 checks its own adapter (lavapipe); validation runs on Dawn's null backend, which needs no driver.
  if (path.endsWith('/tests/gpu/f16.test.ts') || path.endsWith('/tests/gpu/validation.test.ts')) return null;
  if (path.includes('/tests/gpu/') || path.endsWith('/tests/cli/bench.test.ts')) return adapter;
  return null;
}

/** Whether the run must fail rather than skip when `requirement` is missing. */
export function isRequired(requirement: Requirement): boolean {
  return process.env[requirement.switchVar] === '1';
}
