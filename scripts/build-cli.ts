// `npm run build:cli`: compiles the command line (src/cli/main.ts and everything it imports) to plain
// JavaScript in dist-cli/, so `ridgeline` starts without transpiling TypeScript on every call (issue 21:
// `--help` took ~1.0 s of CPU through tsx, against 0.11 s for node itself). `npm install` and `npm ci`
// run it through package.json's `prepare` script, so a fresh clone has it before `npm test`; bin/ridgeline.mjs
// runs dist-cli only while it is newer than every source file it was built from (manifest.json lists them)
// and otherwise runs the sources through tsx, so an edit is never answered by a stale build.
//
// Layout: the entry lands at dist-cli/cli/main.js and its chunks beside it, two folders below the
// repository as src/cli/main.ts is, so the paths the CLI resolves from import.meta.url (src/gpu's
// '../../shaders/') find the same files. `bench` is imported lazily by commands.ts and split into its own
// chunk: `--help` and `project` never load Dawn's native bindings (`webgpu`, kept external).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { runScript } from '../src/cli/failure.ts';
import { UsageError } from '../src/cli/usage.ts';
import { clipForMessage } from '../src/model/text/plainText.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const outDir = join(repoRoot, 'dist-cli');

/** What bin/ridgeline.mjs reads to decide whether dist-cli may run. */
export interface CliBuildManifest {
  /** ms since the epoch, taken before the build started: a source saved during the build counts as newer */
  readonly builtAtMs: number;
  /** every file the bundle was built from, relative to the repository root (package.json included) */
  readonly inputs: readonly string[];
}

await runScript(async () => {
  const given = process.argv.slice(2);
  if (given.length > 0)
    throw new UsageError(`build:cli takes no options (got '${clipForMessage(given[0] ?? '')}')`);
  const builtAtMs = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: { 'cli/main': 'src/cli/main.ts' },
    outdir: outDir,
    bundle: true,
    splitting: true,
    chunkNames: 'cli/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // node_modules stay where npm put them (webgpu is a native addon; tsx and comlink are not imported here)
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((path) => relative(repoRoot, resolve(repoRoot, path)))
    .sort();
  const manifest: CliBuildManifest = { builtAtMs, inputs };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const outputs = Object.keys(result.metafile.outputs).filter((path) => path.endsWith('.js'));
  console.log(`build:cli: dist-cli/ from ${inputs.length} source files (${outputs.length} JavaScript files)`);
  return 0;
});
