// The load simulation's Web Worker: a thin comlink shell around the model's load projection
// (src/model/evaluateLoad.ts), so a sweep of thousands of simulated requests never blocks the page. It
// runs one unit (a concurrency level, the open loop, the fleet) at a time and yields between units: a
// newer run arriving then supersedes the older one, which ends as cancelled; progress after each unit goes
// back through a comlink.proxy callback.
import { expose } from 'comlink';
import { type LoadProgress, type LoadResult, startLoad } from '../../model/evaluateLoad.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';

export type LoadOutcome =
  | { readonly kind: 'done'; readonly result: LoadResult }
  | { readonly kind: 'problems'; readonly problems: readonly string[] }
  | { readonly kind: 'cancelled' };

let latest = 0;

/** Lets queued messages (a newer run) in between units. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const api = {
  async run(inputs: ScenarioInputs, onProgress: (progress: LoadProgress) => void): Promise<LoadOutcome> {
    const id = ++latest;
    const run = startLoad(inputs);
    if ('problems' in run) return { kind: 'problems', problems: run.problems };
    void onProgress(run.progress());
    for (;;) {
      await yieldToMessages();
      if (id !== latest) return { kind: 'cancelled' };
      const more = run.step();
      void onProgress(run.progress());
      if (!more) break;
    }
    return id === latest ? { kind: 'done', result: run.result() } : { kind: 'cancelled' };
  },
  /** Ends the current run at its next unit (a page that leaves, or inputs that no longer run). */
  cancel(): void {
    latest++;
  },
};

export type LoadWorkerApi = typeof api;

expose(api);
