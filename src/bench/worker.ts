// The Web Worker: a thin comlink shell around runSuite (architecture.md convention 12). The GPU comes
// from the worker's own navigator.gpu, so the page's main thread never waits on the device. Progress goes
// back through a comlink.proxy callback; cancel() aborts between timed passes and the runner returns the
// measurements finished so far.
import { expose } from 'comlink';
import type { MeasurementDocument, SuiteProfile } from '../measure/document.ts';
import { runSuite, type SuiteProgress } from './runner.ts';
import { shaderSources } from './shaders.vite.ts';

let controller: AbortController | null = null;

const api = {
  async run(
    profile: SuiteProfile,
    onProgress: (progress: SuiteProgress) => void,
    budgetSeconds?: number,
  ): Promise<MeasurementDocument> {
    const gpu = (self.navigator as Navigator & { gpu?: GPU }).gpu;
    if (!gpu)
      throw new Error('WebGPU is not available in this browser (navigator.gpu is missing in the worker)');
    controller = new AbortController();
    try {
      return await runSuite(gpu, {
        profile,
        budgetSeconds,
        onProgress: (progress) => void onProgress(progress),
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
};

export type BenchWorkerApi = typeof api;

expose(api);
