// The page's side of the bench worker: comlink wrap, plus what comlink cannot see. A worker that fails to
// load or dies mid-run with an error (or an unreadable message) rejects the pending run; one that dies
// silently (it closed itself, or its thread stopped) is caught by its heartbeat (lifeline.ts).
import { proxy, type Remote, releaseProxy, transfer, wrap } from 'comlink';
import type { Measurement, MeasurementDocument, SuiteProfile } from '../measure/document.ts';
import { HEARTBEAT_TIMEOUT_MS } from './lifeline.ts';
import type { CaseProgress, SuiteProgress } from './runner.ts';
import type { BenchWorkerApi, WorkerRunOptions } from './worker.ts';

export type { CaseProgress, SuiteProgress };

export interface BenchRunOptions extends WorkerRunOptions {
  /** The document so far, after each finished case (status 'failed'): what is left if the worker dies. */
  readonly onPartial?: (document: MeasurementDocument) => void;
  /** Each finished case's measurement as soon as it is done (a point to draw), with the cases done so far. */
  readonly onMeasurement?: (measurement: Measurement, progress: CaseProgress) => void;
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

/** What the client talks to: a Worker, or (in tests) one end of a MessageChannel. */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  terminate(): void;
}

export interface BenchClientOptions {
  readonly worker?: WorkerLike;
  readonly heartbeatTimeoutMs?: number;
}

function benchWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'ridgeline-bench' });
}

export function createBenchClient(options: BenchClientOptions = {}): BenchClient {
  const worker = options.worker ?? benchWorker();
  const timeoutMs = options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
  const remote: Remote<BenchWorkerApi> = wrap<BenchWorkerApi>(worker as unknown as Worker);
  let failWorker: ((error: Error) => void) | null = null;
  const onError = (event: Event) => {
    event.preventDefault();
    const message = (event as ErrorEvent).message;
    failWorker?.(new Error(`the benchmark worker failed: ${message || 'it could not start'}`));
  };
  const onMessageError = () =>
    failWorker?.(new Error('the benchmark worker sent a message that could not be read'));
  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onMessageError);

  // The heartbeat: the worker beats on the other end of this channel every second (lifeline.ts).
  const channel = new MessageChannel();
  let lastBeat = performance.now();
  channel.port1.onmessage = () => {
    lastBeat = performance.now();
  };
  void remote.lifeline(transfer(channel.port2, [channel.port2])).catch(() => undefined);

  return {
    async run(profile, onProgress, runOptions = {}) {
      const crashed = new Promise<never>((_, reject) => {
        failWorker = reject;
      });
      lastBeat = performance.now();
      const watchdog = setInterval(
        () => {
          const silentMs = performance.now() - lastBeat;
          if (silentMs > timeoutMs)
            failWorker?.(
              new Error(
                `the benchmark worker stopped answering (no sign of life for ${Math.round(silentMs / 1000)} s)`,
              ),
            );
        },
        Math.min(1000, timeoutMs / 4),
      );
      const { onPartial, onMeasurement, budgetSeconds, fault } = runOptions;
      try {
        return await Promise.race([
          remote.run(
            profile,
            proxy(onProgress),
            onPartial && proxy(onPartial),
            { budgetSeconds, fault },
            onMeasurement && proxy(onMeasurement),
          ),
          crashed,
        ]);
      } finally {
        clearInterval(watchdog);
        failWorker = null;
      }
    },
    async cancel() {
      await remote.cancel();
    },
    terminate() {
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
      channel.port1.close();
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}
