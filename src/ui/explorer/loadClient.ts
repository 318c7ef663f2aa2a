// The page's side of the load worker (loadWorker.ts): one worker for the page, a run per scenario. A new
// scenario supersedes the run in flight (the worker drops it at its next unit), and scenarios that arrive
// in a burst (a slider dragged) start one run, a moment after the last. The worker module loads on the
// first run, not with the page.
import { proxy, type Remote, wrap } from 'comlink';
import type { LoadProgress } from '../../model/evaluateLoad.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import type { LoadOutcome, LoadWorkerApi } from './loadWorker.ts';

export type LoadState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly progress: LoadProgress | null }
  | LoadOutcome
  | { readonly kind: 'failed'; readonly message: string };

export interface LoadClient {
  /** Simulates `inputs` (after `delayMs` without a newer request); `onState` hears every change. */
  request(inputs: ScenarioInputs): void;
  cancel(): void;
  state(): LoadState;
  /** the progress counts heard for the latest run, in arrival order (the page's tests read them) */
  progressLog(): readonly number[];
}

/** A burst of inputs (a dragged slider) starts one run, this long after the last of them. */
const SETTLE_MS = 150;

export function createLoadClient(onState: (state: LoadState) => void, settleMs = SETTLE_MS): LoadClient {
  let remote: Remote<LoadWorkerApi> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let current: LoadState = { kind: 'idle' };
  let log: number[] = [];
  const set = (state: LoadState) => {
    current = state;
    onState(state);
  };
  const worker = (): Remote<LoadWorkerApi> => {
    if (remote) return remote;
    const w = new Worker(new URL('./loadWorker.ts', import.meta.url), {
      type: 'module',
      name: 'ridgeline-load',
    });
    w.addEventListener('error', (event) => {
      event.preventDefault();
      set({
        kind: 'failed',
        message: `the load simulation's worker failed: ${event.message || 'it could not start'}`,
      });
      remote = null;
    });
    remote = wrap<LoadWorkerApi>(w);
    return remote;
  };
  const start = async (inputs: ScenarioInputs, mine: number): Promise<void> => {
    log = [];
    set({ kind: 'running', progress: null });
    // progress comes over its own channel (comlink's proxy port), so it can land after the outcome:
    // once the run has answered, or for a run superseded since, it is dropped
    let answered = false;
    try {
      const outcome = await worker().run(
        inputs,
        proxy((progress: LoadProgress) => {
          if (mine !== generation) return;
          if (log.length < 1000) log.push(progress.done);
          if (!answered) set({ kind: 'running', progress });
        }),
      );
      answered = true;
      if (mine === generation && outcome.kind !== 'cancelled') set(outcome);
    } catch (error) {
      answered = true;
      if (mine === generation)
        set({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return {
    request(inputs) {
      const mine = ++generation;
      clearTimeout(timer);
      timer = setTimeout(() => void start(inputs, mine), settleMs);
      if (current.kind !== 'running') set({ kind: 'running', progress: null });
    },
    cancel() {
      generation++;
      clearTimeout(timer);
      void remote?.cancel();
      set({ kind: 'idle' });
    },
    state: () => current,
    progressLog: () => log,
  };
}
