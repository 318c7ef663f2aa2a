// The Web Worker: a thin comlink shell around runSuite. The GPU comes
// from the worker's own navigator.gpu, so the page's main thread never waits on the device. Progress and
// the document so far (after each finished case, kept by the page if this worker dies) go back through
// comlink.proxy callbacks; cancel() aborts between timed passes and the runner returns the measurements
// finished so far; each finished case's measurement also goes back at once (onMeasurement), so a page can
// draw points one by one. `fault` is a test hook (faults.ts).
import { expose } from 'comlink';
import type { Measurement, MeasurementDocument, SuiteProfile } from '../measure/document.ts';
import { type BenchFault, injectFault } from './faults.ts';
import { keepBeating } from './lifeline.ts';
import { type CaseProgress, runSuite, type SuiteProgress } from './runner.ts';
import { shaderSources } from './shaders.vite.ts';

export interface WorkerRunOptions {
  /** Target wall time, seconds (default: the profile's). */
  readonly budgetSeconds?: number | undefined;
  /** Test hook: a fault to inject into this run (faults.ts). */
  readonly fault?: BenchFault | null | undefined;
}

let controller: AbortController | null = null;

const api = {
  async run(
    profile: SuiteProfile,
    onProgress: (progress: SuiteProgress) => void,
    onPartial: ((document: MeasurementDocument) => unknown) | undefined,
    options: WorkerRunOptions = {},
    onMeasurement?: (measurement: Measurement, progress: CaseProgress) => unknown,
  ): Promise<MeasurementDocument> {
    const gpu = (self.navigator as Navigator & { gpu?: GPU }).gpu;
    if (!gpu)
      throw new Error('WebGPU is not available in this browser (navigator.gpu is missing in the worker)');
    controller = new AbortController();
    const injection = injectFault(gpu, options.fault);
    try {
      return await runSuite(injection.gpu, {
        profile,
        budgetSeconds: options.budgetSeconds,
        onProgress: (progress) => void onProgress(progress),
        // a snapshot is best effort: a page callback that fails must not become an unhandled rejection
        onPartial: (document) =>
          injection.afterCase(Promise.resolve(onPartial?.(document)).catch(() => undefined)),
        // each finished case at once, so the page draws its point (best effort, like the snapshot)
        onMeasurement: (measurement, progress) =>
          void Promise.resolve(onMeasurement?.(measurement, progress)).catch(() => undefined),
        signal: controller.signal,
        shaderSources,
        runtime: self.navigator.userAgent,
      });
    } finally {
      controller = null;
    }
  },
  cancel(): void {
    controller?.abort();
  },
  /** The page's end of the heartbeat channel (lifeline.ts); sent once, right after the worker starts. */
  lifeline(port: MessagePort): void {
    keepBeating(port);
  },
};

export type BenchWorkerApi = typeof api;

expose(api);
