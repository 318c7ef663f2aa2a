import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeasurementDocument } from '../../../src/measure/document.ts';
import { MAX_LOADED_RUNS, MEASUREMENTS_EVENT, RunStore } from '../../../src/ui/measure/store.ts';
import { sampleDocument } from '../charts/sampleDocument.ts';

// The store announces changes on `window` (the page's contract with the explorer); Node has no window,
// so each test gets a bare EventTarget in its place.
type FakeWindow = EventTarget & { __ridgelineMeasurements?: { documents: MeasurementDocument[] } };

describe('RunStore', () => {
  let fake: FakeWindow;
  const events: MeasurementDocument[][] = [];
  beforeEach(() => {
    fake = new EventTarget() as FakeWindow;
    fake.addEventListener(MEASUREMENTS_EVENT, (event) => {
      events.push((event as CustomEvent<{ documents: MeasurementDocument[] }>).detail.documents);
    });
    Reflect.set(globalThis, 'window', fake);
    events.length = 0;
  });
  afterEach(async () => {
    // Let the events this test queued fire before the window goes away.
    await new Promise((resolve) => setTimeout(resolve, 5));
    Reflect.deleteProperty(globalThis, 'window');
  });

  it("this browser's run comes first in the local colour; a new local run replaces the previous one", () => {
    const store = new RunStore();
    const imported = store.add(sampleDocument(), 'imported', 'a.json');
    const local = store.add({ ...sampleDocument(), createdAt: '2026-11-27T00:00:00.000Z' }, 'this-browser');
    expect(store.runs.map((r) => r.id)).toEqual([local.id, imported.id]);
    expect(local.color).toBe('series-local');
    expect(local.shortLabel).toBe('This GPU');
    expect(imported.color).toBe('series-1');
    expect(imported.label).toBe('SwiftShader (CPU fallback) · a.json');
    const again = store.add(sampleDocument(), 'this-browser');
    expect(store.runs.map((r) => r.id)).toEqual([again.id, imported.id]);
    expect(store.primary).toBe(again);
  });

  it('imports get distinct colours, and a removed run frees its colour', () => {
    const store = new RunStore();
    const a = store.add(sampleDocument(), 'imported', 'a.json');
    const b = store.add(sampleDocument(), 'imported', 'b.json');
    expect([a.color, b.color]).toEqual(['series-1', 'series-2']);
    store.remove(a.id);
    expect(store.add(sampleDocument(), 'history').color).toBe('series-1');
    expect(store.primary?.id).toBe(b.id);
  });

  it('keeps window.__ridgelineMeasurements current and dispatches ridgeline:measurements in its own task', async () => {
    const store = new RunStore();
    store.add(sampleDocument(), 'imported', 'a.json');
    expect(fake.__ridgelineMeasurements?.documents).toEqual([sampleDocument()]);
    expect(events).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual([[sampleDocument()]]);
    store.remove(store.runs[0]!.id);
    expect(fake.__ridgelineMeasurements?.documents).toEqual([]);
  });

  it(`at most ${MAX_LOADED_RUNS} runs besides this browser's: the next one is refused with a message`, () => {
    const store = new RunStore();
    for (let i = 0; i < MAX_LOADED_RUNS; i++) store.add(sampleDocument(), 'imported', `f${i}.json`);
    expect(() => store.add(sampleDocument(), 'imported', 'one-more.json')).toThrow(
      /^12 runs are on the chart already: remove one first$/,
    );
    expect(store.add(sampleDocument(), 'this-browser').origin).toBe('this-browser');
  });
});
