// The page's side of the bench worker: comlink wrap, plus what comlink cannot see (a worker that fails to
// load or dies mid-run rejects the pending run instead of leaving it hanging).
import { proxy, type Remote, releaseProxy, wrap } from 'comlink';
import type { MeasurementDocument, SuiteProfile } from '../measure/document.ts';
import type { SuiteProgress } from './runner.ts';
import type { BenchWorkerApi, WorkerRunOptions } from './worker.ts';

export type { SuiteProgress };

export interface BenchRunOptions extends WorkerRunOptions {
  /** The document so far, after each finished case (status 'failed'): what is left if the worker dies. */
  readonly onPartial?: (document: MeasurementDocument) => void;
}

export interface BenchClient {
  run(
    profile: SuiteProfile,
    onProgress: (progress: SuiteProgress) => void,
    options?: BenchRunOptions,
  ): Promise<MeasurementDocument>;
  cancel(): Promise<void>;
  /** Ends the worker (a new client is needed for the next run). */
  terminate(): void;
}

export function createBenchClient(): BenchClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), {
    type: 'module',
    name: 'ridgeline-bench',
  });
  const remote: Remote<BenchWorkerApi> = wrap<BenchWorkerApi>(worker);
  let failWorker: ((error: Error) => void) | null = null;
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    failWorker?.(new Error(`the benchmark worker failed: ${event.message || 'it could not start'}`));
  };
  const onMessageError = () =>
    failWorker?.(new Error('the benchmark worker sent a message that could not be read'));
  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onMessageError);
  return {
    async run(profile, onProgress, options = {}) {
      const crashed = new Promise<never>((_, reject) => {
        failWorker = reject;
      });
      const { onPartial, budgetSeconds, fault } = options;
      try {
        return await Promise.race([
          remote.run(profile, proxy(onProgress), onPartial && proxy(onPartial), { budgetSeconds, fault }),
          crashed,
        ]);
      } finally {
        failWorker = null;
      }
    },
    async cancel() {
      await remote.cancel();
    },
    terminate() {
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}
