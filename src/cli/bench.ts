// `ridgeline bench`: runs the kernel suite through Dawn (the `webgpu` package) and prints the report.
// Progress goes to stderr; Ctrl-C once cancels and still prints what was measured.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSuite } from '../bench/runner.ts';
import { knownKernelNames } from '../bench/suite.ts';
import { NoAdapterError } from '../gpu/device.ts';
import {
  LAVAPIPE_HINT,
  nodeGpu,
  useCpuAdapterIfNoDriverChosen,
  VULKAN_LOADER_HINT,
} from '../gpu/provider.node.ts';
import { loadShaderSources } from '../gpu/shaders.node.ts';
import { exportDocument, isValidMeasurement } from '../measure/document.ts';
import { benchUsage, checkOutputFile, JSON_TO_STDOUT, parseBenchArgs } from './benchArgs.ts';
import { runBenchPlan } from './benchPlan.ts';
import { formatBenchReport } from './benchReport.ts';
import { oneLine } from './failure.ts';
import { isNativeStderrChild, runWithNativeStderrCaptured } from './nativeStderr.ts';

/** Said before a full run on a CPU adapter, whose shapes are sized for GPUs. */
function cpuAdapterNotice(name: string): string {
  return (
    `${name} is a CPU adapter: the full profile is sized for GPUs, so cases are shrunk until one ` +
    'dispatch stays well under 50 ms, and the run takes a minute or more here; --quick is sized for CPU adapters'
  );
}

function progressLine(current: string, fraction: number, secondsLeft: number): string {
  return `bench: ${(fraction * 100).toFixed(0).padStart(3)} % · ~${secondsLeft.toFixed(0)} s left · ${current}`;
}

/**
 * Writes the run's document. The file was checked before the run (checkOutputFile), but a disk can still
 * fill up: then the document goes to a file in the temporary folder instead, and the error names it, so a
 * run of minutes is never lost to a full disk. Throws (exit 1) in either case of failure.
 */
export function writeDocument(path: string, text: string, fallbackName = 'ridgeline-run.json'): void {
  try {
    writeFileSync(path, text);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? oneLine(error);
    const fallback = join(tmpdir(), fallbackName);
    try {
      writeFileSync(fallback, text);
    } catch {
      throw new Error(`--json ${path}: the document could not be written (${code})`);
    }
    throw new Error(
      `--json ${path}: the document could not be written (${code}); it was saved to ${fallback}`,
    );
  }
}

export async function runBench(argv: readonly string[]): Promise<number> {
  const known = knownKernelNames();
  const args = parseBenchArgs(argv, known);
  if (args.help) {
    process.stdout.write(`${benchUsage(known)}\n`);
    return 0;
  }
  const toStdout = args.plan && args.jsonPath === JSON_TO_STDOUT;
  if (args.jsonPath !== undefined && !toStdout) checkOutputFile('--json', args.jsonPath);
  if (args.plan && args.deviceProfile !== undefined) return runBenchPlan(args);
  // The flags are good: measure (or plan for this adapter) in a child whose native stderr (Dawn's warnings)
  // is dropped, unless --verbose.
  if (!args.verbose && !isNativeStderrChild()) return runWithNativeStderrCaptured(['bench', ...argv]);
  if (args.plan) return runBenchPlan(args);
  const icd = args.cpuAdapter === null ? null : useCpuAdapterIfNoDriverChosen(args.cpuAdapter);
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const tty = process.stderr.isTTY === true;
  let lastLabel = '';
  try {
    const doc = await runSuite(nodeGpu({ backend: args.backend }), {
      profile: args.profile,
      kernels: args.kernels,
      budgetSeconds: args.budgetSeconds,
      signal: controller.signal,
      runtime: `node ${process.version} · Dawn (webgpu npm package) · ${process.platform}-${process.arch}`,
      shaderSources: loadShaderSources(),
      onAdapter: (adapter) => {
        if (adapter.isFallbackAdapter && args.profile === 'full') {
          process.stderr.write(`bench: ${cpuAdapterNotice(adapter.description || adapter.vendor)}\n`);
        }
      },
      onProgress: ({ current, fraction, secondsLeft }) => {
        if (tty) process.stderr.write(`\r\x1b[2K${progressLine(current, fraction, secondsLeft)}`);
        else if (current !== lastLabel && current !== '')
          process.stderr.write(`${progressLine(current, fraction, secondsLeft)}\n`);
        lastLabel = current;
      },
    });
    if (tty) process.stderr.write('\r\x1b[2K');
    process.stdout.write(formatBenchReport(doc, { verbose: args.verbose }));
    if (args.jsonPath) {
      const stem = `ridgeline-${doc.createdAt.replace(/[^0-9T]+/g, '-')}`;
      writeDocument(args.jsonPath, exportDocument(doc), `${stem}.json`);
      process.stderr.write(`bench: wrote ${args.jsonPath}\n`);
    }
    // Non-zero when the figures cannot be trusted: a kernel failed, or the run ended early.
    const failed = doc.measurements.filter((m) => !isValidMeasurement(m)).length;
    if (doc.status !== 'complete') return 1;
    return failed > 0 ? 1 : 0;
  } catch (error) {
    // The CPU driver's file was found but gave no adapter: say which file was used and what would work
    // (Mesa 22's lavapipe loads but Dawn refuses it; without the Vulkan loader no driver loads at all).
    if (error instanceof NoAdapterError && args.cpuAdapter !== null && icd !== null) {
      const hint = args.cpuAdapter === 'lavapipe' ? LAVAPIPE_HINT : VULKAN_LOADER_HINT;
      throw new NoAdapterError(`no adapter from ${args.cpuAdapter} (${icd}): ${hint}`);
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
