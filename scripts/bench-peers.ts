// `npm run bench:peers`: ridgeline's GEMM and GEMV beside tfjs-backend-webgpu's matMul and ONNX Runtime
// Web's WebGPU MatMul, in one headless Chromium on one adapter (SwiftShader here; a GPU where the browser
// has one), the outputs checked to agree, the time ratios printed. Target (issue 22): ridgeline at least as
// fast as both on every shape (ratio peer time ÷ ridgeline time ≥ 1.0). A benchmark, not a test: it prints
// what it measured and exits 0 unless the run fails or the outputs disagree; a ratio below target is
// reported, never hidden. On a CPU adapter the figures describe a CPU rasteriser, not a GPU.
// Usage: npx tsx scripts/bench-peers.ts [--quick]   (--quick: the two smallest shapes)
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runScript } from '../src/cli/failure.ts';
import { UsageError } from '../src/cli/usage.ts';
import { loadShaderSources } from '../src/gpu/shaders.node.ts';
import { clipForMessage } from '../src/model/text/plainText.ts';
import { launchChromium, repoRoot, serveFolder } from '../tests/browser/pageServer.ts';
import type { CaseResult, PeerCase } from './peers/page.ts';

/** The target: ridgeline as fast as each peer (peer time ÷ ridgeline time ≥ 1). */
const TARGET_RATIO = 1.0;
/** Outputs agree when the largest difference is within this share of the largest output (f32 sums). */
const AGREEMENT = 1e-4;

/** Shapes a CPU adapter finishes in minutes: the review's 128³ GEMM, a larger one, and two GEMVs. */
const CASES: readonly PeerCase[] = [
  { kind: 'gemm', M: 128, N: 128, K: 128 },
  { kind: 'gemv', M: 1024, N: 1, K: 1024 },
  { kind: 'gemm', M: 256, N: 256, K: 256 },
  { kind: 'gemv', M: 2048, N: 1, K: 2048 },
];

function parseArgs(argv: readonly string[]): { quick: boolean } {
  for (const arg of argv) {
    if (arg !== '--quick')
      throw new UsageError(`bench:peers: unknown option '${clipForMessage(arg)}' (only --quick)`);
  }
  return { quick: argv.includes('--quick') };
}

const ms = (s: number) => `${(s * 1e3).toPrecision(3)} ms`;

function report(results: readonly CaseResult[], adapter: string): { lines: string[]; disagree: boolean } {
  const lines = [`adapter: ${adapter} · load average ${loadavg()[0]!.toFixed(1)}`, ''];
  let disagree = false;
  for (const r of results) {
    const mine = r.results.find((x) => x.library === 'ridgeline')!;
    lines.push(
      `${r.label}: ridgeline ${ms(mine.secondsPerOp)} (${mine.note}; ${r.verified ? 'verified' : 'FAILED'}: ${r.verify})`,
    );
    if (!r.verified) disagree = true;
    for (const peer of r.results.filter((x) => x.library !== 'ridgeline')) {
      const ratio = peer.secondsPerOp / mine.secondsPerOp;
      const agrees = peer.maxRelativeDifference <= AGREEMENT;
      if (!agrees) disagree = true;
      lines.push(
        `  ${peer.library.padEnd(20)} ${ms(peer.secondsPerOp).padStart(9)} · ratio ${ratio.toFixed(2)} ` +
          `(target ≥ ${TARGET_RATIO.toFixed(1)}: ${ratio >= TARGET_RATIO ? 'meets' : 'below'}) · ` +
          `outputs ${agrees ? 'agree' : 'DISAGREE'} (max difference ${peer.maxRelativeDifference.toExponential(1)} of the largest)`,
      );
    }
  }
  lines.push(
    '',
    'ratio = peer time ÷ ridgeline time per operation (wall clock: OPS back-to-back calls, then one wait).',
    'On a CPU adapter (SwiftShader) these compare programs on a CPU rasteriser, not on a GPU.',
  );
  return { lines, disagree };
}

await runScript(async () => {
  const { quick } = parseArgs(process.argv.slice(2));
  const root = mkdtempSync(join(tmpdir(), 'ridgeline-peers-'));
  try {
    await build({
      entryPoints: [join(repoRoot, 'scripts/peers/page.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile: join(root, 'peers.js'),
      logLevel: 'warning',
    });
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>ridgeline peers</title><script type="module" src="/peers.js"></script>\n',
    );
    // ONNX Runtime Web loads its WebAssembly and worker module from here (ort.env.wasm.wasmPaths).
    symlinkSync(join(repoRoot, 'node_modules/onnxruntime-web/dist'), join(root, 'ort'));
    const server = await serveFolder(root);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.baseUrl);
      await page.waitForFunction(() => 'runPeers' in window, undefined, { timeout: 60_000 });
      const adapter = await page.evaluate(async () => {
        const a = await navigator.gpu?.requestAdapter();
        return a ? `${a.info.description || a.info.vendor} (${a.info.architecture})` : 'none';
      });
      const cases = quick ? CASES.slice(0, 2) : CASES;
      process.stderr.write(`bench:peers: ${cases.length} shapes × 3 libraries on ${adapter}\n`);
      const results = (await page.evaluate(
        async (config) =>
          (window as unknown as { runPeers: (c: unknown) => Promise<CaseResult[]> }).runPeers(config),
        { cases, shaderSources: loadShaderSources() },
      )) as CaseResult[];
      const { lines, disagree } = report(results, adapter);
      process.stdout.write(`${lines.join('\n')}\n`);
      if (errors.length > 0) process.stderr.write(`bench:peers: page errors: ${errors.join('; ')}\n`);
      return disagree ? 1 : 0;
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
