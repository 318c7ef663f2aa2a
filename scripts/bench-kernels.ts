// `npm run bench:kernels [-- --quick --swiftshader|--lavapipe --budget 20s --json out.json]`: one run of the kernels
// issue 3 sets quality targets for, on one adapter, then the ratios: f32 GEMV and 4-bit GEMV bandwidth ÷
// streaming-read bandwidth, GEMM GFLOP/s ÷ FMA-peak GFLOP/s, each with the CV of both sides. A benchmark,
// not a test: it prints figures and exits 0 unless the run itself fails.
import { runSuite } from '../src/bench/runner.ts';
import { knownKernelNames } from '../src/bench/suite.ts';
import { writeDocument } from '../src/cli/bench.ts';
import { benchUsage, checkOutputFile, parseBenchArgs } from '../src/cli/benchArgs.ts';
import { runScript } from '../src/cli/failure.ts';
import {
  isNativeStderrChild,
  routeOwnStderrToParent,
  runWithNativeStderrCaptured,
} from '../src/cli/nativeStderr.ts';
import { nodeGpu, useCpuAdapterIfNoDriverChosen } from '../src/gpu/provider.node.ts';
import { loadShaderSources } from '../src/gpu/shaders.node.ts';
import { exportDocument, type Measurement } from '../src/measure/document.ts';
import { CV_TARGET, kernelRatios } from '../src/measure/ratios.ts';

const RATIO_KERNELS = ['stream-read', 'gemv', 'fma-peak', 'gemm'];

// In the child that measures, this script's own stderr goes to the parent's (see nativeStderr.ts).
if (isNativeStderrChild()) routeOwnStderrToParent();

// Errors end as the CLI's do: one line ("ridgeline: no WebGPU adapter …"), exit 2 for flags, 1 otherwise.
await runScript(async () => {
  const args = parseBenchArgs(process.argv.slice(2), knownKernelNames());
  if (args.help) {
    process.stdout.write(`${benchUsage(knownKernelNames())}\n`);
    return 0;
  }
  // Before the run: a --json file that cannot be written is a mistake in the flags (exit 2), not a lost run.
  if (args.jsonPath !== undefined) checkOutputFile('--json', args.jsonPath);
  // As `ridgeline bench`: Dawn's native warnings stay off the terminal unless --verbose.
  if (!args.verbose && !isNativeStderrChild()) return runWithNativeStderrCaptured(process.argv.slice(2));
  if (args.cpuAdapter !== null) useCpuAdapterIfNoDriverChosen(args.cpuAdapter);
  let lastLabel = '';
  const doc = await runSuite(nodeGpu({ backend: args.backend }), {
    profile: args.profile,
    kernels: args.kernels ?? RATIO_KERNELS,
    budgetSeconds: args.budgetSeconds,
    runtime: `node ${process.version} · Dawn (webgpu npm package)`,
    shaderSources: loadShaderSources(),
    // One line per case, not per timed pass.
    onProgress: (p) => {
      if (p.current && p.current !== lastLabel)
        process.stderr.write(`bench:kernels ${(p.fraction * 100).toFixed(0)} % ${p.current}\n`);
      lastLabel = p.current;
    },
  });
  if (args.jsonPath) writeDocument(args.jsonPath, exportDocument(doc));

  const a = doc.adapter;
  const cv = (m: Measurement | null) => {
    if (m === null) return '-';
    const n = m.samplesSeconds.length;
    // one sample has no spread: say so (a larger --budget gives the CPU adapter time for more)
    return m.cv === null
      ? `n/a (${n} sample${n === 1 ? '' : 's'}; raise --budget)`
      : `${(m.cv * 100).toFixed(2)} % over ${n} samples`;
  };
  const rate = (m: Measurement | null, kind: 'bandwidth' | 'compute') =>
    m === null
      ? 'not measured'
      : kind === 'bandwidth'
        ? `${((m.bytesPerSecond ?? 0) / 1e9).toPrecision(3)} GB/s`
        : `${((m.flopsPerSecond ?? 0) / 1e9).toPrecision(3)} GFLOP/s`;

  const lines = [
    `adapter: ${a.description || a.device} (${a.vendor}, ${a.architecture})${a.isFallbackAdapter ? ' · fallback (CPU) adapter' : ''}`,
    `profile: ${doc.profile} · ${doc.elapsedSeconds.toFixed(1)} s · status ${doc.status}${doc.statusReason ? ` (${doc.statusReason})` : ''}`,
    '',
  ];
  for (const r of kernelRatios(doc)) {
    const verdict = r.ratio === null ? 'n/a' : r.ratio >= r.target ? 'meets target' : 'below target';
    lines.push(
      `${r.name}: ${r.ratio === null ? '-' : r.ratio.toFixed(3)} (target ≥ ${r.target.toFixed(2)}: ${verdict})`,
      `  numerator   ${r.numerator?.label ?? '-'}: ${rate(r.numerator, r.rate)}, CV ${cv(r.numerator)}`,
      `  denominator ${r.denominator?.label ?? '-'}: ${rate(r.denominator, r.rate)}, CV ${cv(r.denominator)}`,
    );
    if (r.note) lines.push(`  note: ${r.note}`);
  }
  lines.push(
    '',
    `CV target ≤ ${CV_TARGET * 100} % on a GPU; CPU adapters share cores with everything else and miss it.`,
  );
  const failed = doc.measurements.filter((m) => m.error !== null);
  for (const m of failed) lines.push(`FAILED ${m.label}: ${m.error}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return doc.status === 'complete' && failed.length === 0 ? 0 : 1;
});
