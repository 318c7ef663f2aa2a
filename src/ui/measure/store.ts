// The runs on the chart: this browser's latest run, imported documents, runs shown from history or a
// shared link. Each has its own colour and can be removed. Every change is announced to the rest of the
// page (the projection explorer) through the 'ridgeline:measurements' contract described in src/main.ts.
import type { AdapterRecord, MeasurementDocument } from '../../measure/document.ts';
import { plainText } from '../../model/text/plainText.ts';

export type RunOrigin = 'this-browser' | 'imported' | 'history' | 'shared';

export interface LoadedRun {
  readonly id: string;
  readonly label: string;
  /** A few words for labels on the chart, e.g. "This GPU", "swiftshader #2". */
  readonly shortLabel: string;
  /** CSS variable name of its colour (rooflineTypes ColorKey). */
  readonly color: string;
  readonly origin: RunOrigin;
  readonly document: MeasurementDocument;
}

const palette = ['series-1', 'series-2', 'series-3', 'series-4', 'series-5', 'series-6'];

/** "SwiftShader (CPU fallback)", "nvidia ampere", … never empty. */
export function adapterName(adapter: AdapterRecord): string {
  const name =
    adapter.description.trim() ||
    [adapter.vendor, adapter.architecture].filter((part) => part.trim() !== '').join(' ') ||
    'unknown adapter';
  return adapter.isFallbackAdapter ? `${name} (CPU fallback)` : name;
}

export const MEASUREMENTS_EVENT = 'ridgeline:measurements';
export const LISTENERS_MEASURE = 'ridgeline:measurements-listeners';

/**
 * Updates window.__ridgelineMeasurements now and dispatches the event in a task of its own, so listeners
 * (the explorer re-evaluates its projection) do not lengthen the task that changed the runs.
 */
export function publishMeasurements(documents: readonly MeasurementDocument[]): void {
  const detail = { documents: [...documents] };
  Reflect.set(window, '__ridgelineMeasurements', detail);
  setTimeout(() => {
    const start = performance.now();
    window.dispatchEvent(new CustomEvent(MEASUREMENTS_EVENT, { detail }));
    // scripts/bench-page.ts attributes main-thread time to the listeners with this measure.
    performance.measure(LISTENERS_MEASURE, { start, end: performance.now() });
  }, 0);
}

/** Runs on the chart besides this browser's: each adds a table and points; a dozen is already crowded. */
export const MAX_LOADED_RUNS = 12;

export class RunStore {
  private list: LoadedRun[] = [];
  private readonly listeners = new Set<() => void>();
  private counter = 0;

  get runs(): readonly LoadedRun[] {
    return this.list;
  }

  /** This browser's run comes first (it is the one the chart shades and compares), then the others in order. */
  get primary(): LoadedRun | null {
    return this.list.find((r) => r.origin === 'this-browser') ?? this.list[0] ?? null;
  }

  /** Adds a run; throws an Error (one line) when MAX_LOADED_RUNS others are on the chart already. */
  add(document: MeasurementDocument, origin: RunOrigin, source?: string): LoadedRun {
    if (
      origin !== 'this-browser' &&
      this.list.filter((r) => r.origin !== 'this-browser').length >= MAX_LOADED_RUNS
    )
      throw new Error(`${MAX_LOADED_RUNS} runs are on the chart already: remove one first`);
    const adapter = adapterName(document.adapter);
    let color: string;
    let label: string;
    if (origin === 'this-browser') {
      // A new local run replaces the previous one (that one stays in the history).
      this.list = this.list.filter((r) => r.origin !== 'this-browser');
      color = 'series-local';
      label = `This GPU: ${adapter}`;
    } else {
      const used = new Set(this.list.map((r) => r.color));
      color = palette.find((c) => !used.has(c)) ?? palette[this.list.length % palette.length] ?? 'series-1';
      // a file name is the user's, any length: the label keeps 60 characters of it on one line
      label = source ? `${adapter} · ${plainText(source, 60)}` : adapter;
    }
    const id = `run-${++this.counter}`;
    const shortLabel =
      origin === 'this-browser'
        ? 'This GPU'
        : `${(document.adapter.architecture || document.adapter.vendor || document.adapter.description || 'GPU').slice(0, 20)} #${this.counter}`;
    const run: LoadedRun = { id, label, shortLabel, color, origin, document };
    this.list = origin === 'this-browser' ? [run, ...this.list] : [...this.list, run];
    this.changed();
    return run;
  }

  remove(id: string): void {
    const before = this.list.length;
    this.list = this.list.filter((r) => r.id !== id);
    if (this.list.length !== before) this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    publishMeasurements(this.list.map((r) => r.document));
    for (const listener of this.listeners) listener();
  }
}
