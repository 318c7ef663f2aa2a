// The page's one measurement run, as others see it: the measure panel (runPanel.ts) registers itself as
// the runner and reports each run's start, progress, every finished case and its end here; the deck's
// "Measure this laptop" slide starts a run through it and draws each case as it lands. One run at a time:
// a second start while one runs is answered 'running' (never "no adapter"), so a speaker's double click
// on the slide cannot misreport the device.
import type { SuiteProgress } from '../../bench/client.ts';
import type { MeasurementDocument, SuiteProfile } from '../../measure/document.ts';

export type LiveRunEvent =
  | { readonly kind: 'started'; readonly profile: SuiteProfile }
  | { readonly kind: 'progress'; readonly progress: SuiteProgress }
  /** the document so far, after each finished case */
  | { readonly kind: 'case'; readonly document: MeasurementDocument }
  /** the run ended; `document` is null when no case finished */
  | { readonly kind: 'finished'; readonly document: MeasurementDocument | null; readonly message: string };

/** What starting a run did: started, one already runs, no adapter here, or the adapter probe is not in yet. */
export type StartOutcome = 'started' | 'running' | 'no-adapter' | 'probing';

export interface LiveRunner {
  start(profile: SuiteProfile): StartOutcome;
  readonly running: boolean;
}

let runner: LiveRunner | null = null;
const listeners = new Set<(event: LiveRunEvent) => void>();
let last: LiveRunEvent | null = null;

/** The measure panel makes itself the page's runner. */
export function registerRunner(next: LiveRunner): void {
  runner = next;
}

/** Starts a run of `profile` on the page's runner (the measure panel), or says why not. */
export function startRun(profile: SuiteProfile): StartOutcome {
  if (!runner) return 'probing';
  if (runner.running) return 'running';
  return runner.start(profile);
}

export function isRunning(): boolean {
  return runner?.running ?? false;
}

/** The last thing a run reported (a slide built mid-run shows where it is), or null. */
export function lastRunEvent(): LiveRunEvent | null {
  return last;
}

export function publishRun(event: LiveRunEvent): void {
  last = event;
  for (const listener of listeners) listener(event);
}

/** Listens to runs; returns the function that stops listening. */
export function onRun(listener: (event: LiveRunEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
