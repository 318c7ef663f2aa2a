// The Measure section, which is the page's landing: the story and the device's verdict beside the roofline
// (the hero, above the fold at 1440×900), the run controls, notices, the results card and the device's
// details collapsed below, wired to one RunStore. Without WebGPU everything that does not measure works.
import { FAULT_PARAM, faultFromSearch } from '../../bench/faults.ts';
import type { MeasurementDocument } from '../../measure/document.ts';
import { deferred, errorMessage, h } from '../dom.ts';
import { probeAdapter } from './adapterProbe.ts';
import { createChartPanel } from './chartPanel.ts';
import { renderDevicePanel } from './devicePanel.ts';
import { addToHistory, historyLossText } from './history.ts';
import { citation, landingHeading, landingStory } from './landing.ts';
import { createNotices } from './notices.ts';
import { createResultsPanel } from './resultsPanel.ts';
import { createRunPanel } from './runPanel.ts';
import { documentFromShare, sharedRunParam } from './share.ts';
import { RunStore } from './store.ts';
import { renderVerdict } from './verdict.ts';

export interface MeasureSection {
  readonly store: RunStore;
  /** Resolves once the adapter probe and any shared run are in. */
  readonly ready: Promise<void>;
}

export function mountMeasure(root: HTMLElement): MeasureSection {
  const store = new RunStore();
  const notices = createNotices();
  const devicePanel = h('details', { class: 'card device-panel', id: 'device-panel' });
  const verdict = h('div', { class: 'verdict', 'data-field': 'verdict', 'aria-live': 'polite' });
  const chart = createChartPanel(store);
  const results = createResultsPanel(store, notices, () => chart.exportSvg());
  const onDocument = (document: MeasurementDocument) => {
    store.add(document, 'this-browser');
    // The history write (JSON of up to 12 runs, re-validated) gets its own task, off the run's last one.
    deferred(() => {
      try {
        const saved = addToHistory(
          localStorage,
          document,
          `${document.createdAt}-${Math.random().toString(36).slice(2, 8)}`,
        );
        results.refreshHistory(saved.kept);
        // a run that left the history (the latest 12 are kept; a full storage) is named, never silent
        const lost = historyLossText(saved);
        if (lost !== null) notices.show('history', 'info', lost);
      } catch (error) {
        notices.show('history', 'info', `This run was not saved to the history: ${errorMessage(error)}.`);
      }
    }, 'history')();
  };
  // Test hook (bench/faults.ts): read once, now, before the explorer may rewrite the query string.
  const fault = faultFromSearch(location.search);
  if (fault instanceof Error)
    notices.show('fault', 'error', `The test hook ${FAULT_PARAM} was ignored: ${fault.message}.`);
  else if (fault)
    notices.show(
      'fault',
      'info',
      `Test hook: the first run here gets the fault “${fault}” (URL parameter ${FAULT_PARAM}; see bench/faults.ts).`,
    );
  const runPanel = createRunPanel(notices, onDocument, {
    fault: fault instanceof Error ? null : fault,
  });
  const storyStart = document.createComment('story');
  root.append(
    h(
      'div',
      { class: 'hero' },
      h('div', { class: 'hero-text' }, landingHeading(), verdict, storyStart, runPanel.element, citation()),
      h('div', { class: 'hero-chart' }, chart.element),
    ),
    notices.element,
    results.element,
    devicePanel,
  );
  renderDevicePanel(devicePanel, null);
  renderVerdict(verdict, null);
  // drawn once attached (the chart takes its host's width); the story quotes the chart's own numbers
  chart.render();
  storyStart.replaceWith(...landingStory(chart.facts));

  const probe = probeAdapter()
    .catch((error: unknown) => ({ kind: 'no-adapter' as const, message: errorMessage(error) }))
    .then((result) => {
      renderDevicePanel(devicePanel, result);
      renderVerdict(verdict, result);
      runPanel.setAvailable(result.kind === 'ok', result.kind === 'ok' && result.fallback);
      root.dataset['webgpu'] = result.kind;
    });

  // A shared run (#run=…): on load, and when the page is already open and only the fragment changes (a
  // link pasted into the address bar, or clicked on this page, does not reload it).
  const openShared = (packed: string): Promise<void> =>
    documentFromShare(packed)
      .then((document) => {
        store.add(document, 'shared', 'shared link');
        notices.clear('share');
      })
      .catch((error: unknown) =>
        notices.show('share', 'error', `The shared run could not be shown: ${errorMessage(error)}`),
      );
  let openedPacked = sharedRunParam(location.hash);
  const shared = openedPacked ? openShared(openedPacked) : Promise.resolve();
  window.addEventListener('hashchange', () => {
    const packed = sharedRunParam(location.hash);
    if (packed === null || packed === openedPacked) return;
    openedPacked = packed;
    void openShared(packed);
  });

  const ready = Promise.all([probe, shared]).then(() => {
    root.dataset['ready'] = 'true';
  });
  return { store, ready };
}
