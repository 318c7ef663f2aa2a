// `ridgeline bench`: runs the kernel suite through Dawn (the `webgpu` package) and prints the report.
// Progress goes to stderr; Ctrl-C once cancels and still prints what was measured.
import { writeFileSync } from 'node:fs';
import { runSuite } from '../bench/runner.ts';
import { knownKernelNames } from '../bench/suite.ts';
import { NoAdapterError } from '../gpu/device.ts';
import { LAVAPIPE_HINT, nodeGpu, useCpuAdapterIfNoDriverChosen } from '../gpu/provider.node.ts';
import { loadShaderSources } from '../gpu/shaders.node.ts';
import { exportDocument, isValidMeasurement } from '../measure/document.ts';
import { benchUsage, parseBenchArgs } from './benchArgs.ts';
import { runBenchPlan } from './benchPlan.ts';
import { formatBenchReport } from './benchReport.ts';

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

export async function runBench(argv: readonly string[]): Promise<number> {
  const known = knownKernelNames();
  const args = parseBenchArgs(argv, known);
  if (args.help) {
    process.stdout.write(`${benchUsage(known)}\n`);
    return 0;
  }
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
    process.stdout.write(formatBenchReport(doc));
    if (args.jsonPath) {
      writeFileSync(args.jsonPath, exportDocument(doc));
      process.stderr.write(`bench: wrote ${args.jsonPath}\n`);
    }
    // Non-zero when the figures cannot be trusted: a kernel failed, or the run ended early.
    const failed = doc.measurements.filter((m) => !isValidMeasurement(m)).length;
    if (doc.status !== 'complete') return 1;
    return failed > 0 ? 1 : 0;
  } catch (error) {
    // Mesa 22's lavapipe loads but Dawn refuses it: say which file was used and what would work.
    if (error instanceof NoAdapterError && args.cpuAdapter === 'lavapipe' && icd !== null) {
      throw new NoAdapterError(`no adapter from lavapipe (${icd}): ${LAVAPIPE_HINT}`);
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
