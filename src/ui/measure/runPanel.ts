// Run controls: quick/full profile, the Run button, Cancel, and a progress bar with the current kernel and
// the time left. The suite runs in the bench worker (bench/client.ts); the main thread only receives
// progress messages and paints them at most once per frame, so it never blocks during a run. After each
// finished case the worker also sends the document so far: if the worker dies mid-run, that snapshot is
// shown as a 'failed' run, so the cases it finished stay on screen.
import { type BenchClient, createBenchClient, type SuiteProgress } from '../../bench/client.ts';
import type { BenchFault } from '../../bench/faults.ts';
import { LIMITS } from '../../measure/bounds.ts';
import type { MeasurementDocument, SuiteProfile } from '../../measure/document.ts';
import { plainText } from '../../model/text/plainText.ts';
import { errorMessage, h } from '../dom.ts';
import { publishRun, registerRunner } from './liveRun.ts';
import type { Notices } from './notices.ts';
import { runOutcome } from './runOutcome.ts';

export interface RunPanel {
  readonly element: HTMLElement;
  /** Enables Run when an adapter exists; otherwise says why not. `cpuAdapter`: warn before a full run. */
  setAvailable(available: boolean, cpuAdapter?: boolean): void;
}

type ProgressState = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

const cases = (n: number): string => `${n} case${n === 1 ? '' : 's'}`;

export interface RunPanelOptions {
  /** Test hook (bench/faults.ts): a fault the worker injects into the first run (later runs go clean). */
  readonly fault?: BenchFault | null;
}

export function createRunPanel(
  notices: Notices,
  onDocument: (document: MeasurementDocument) => void,
  options: RunPanelOptions = {},
): RunPanel {
  const profileInputs = (['quick', 'full'] as const).map((profile) =>
    h('input', { type: 'radio', name: 'profile', value: profile, checked: profile === 'quick' }),
  );
  const runButton = h(
    'button',
    { type: 'button', class: 'primary', id: 'run-button', disabled: true },
    'Run',
  );
  const cancelButton = h('button', { type: 'button', id: 'cancel-button', disabled: true }, 'Cancel');
  const bar = h('progress', {
    id: 'run-progress',
    max: 1,
    value: 0,
    'data-state': 'idle',
    'aria-label': 'suite progress',
  });
  const current = h('span', { 'data-field': 'current-kernel' }, 'Ready.');
  const left = h('span', { 'data-field': 'time-left' });
  const element = h(
    'div',
    { class: 'card', id: 'run-card' },
    h('h3', {}, 'Measure this device'),
    h(
      'div',
      { class: 'controls' },
      h(
        'fieldset',
        {},
        h('legend', {}, 'Profile'),
        h(
          'label',
          {
            title:
              'small shapes, 3 samples per case: about 10–30 s, also on a CPU adapter; its bandwidth cases fit in cache, so it draws no memory roof',
          },
          profileInputs[0],
          ' quick ',
        ),
        h(
          'label',
          {
            title:
              'working sets twice the last-level cache (DRAM, the memory roof), every variant tuned, samples until the noise settles: about 30–60 s on a GPU',
          },
          profileInputs[1],
          ' full ',
        ),
      ),
      runButton,
      cancelButton,
    ),
    h('div', { class: 'progress' }, bar, h('div', { class: 'progress-text' }, current, left)),
  );

  let client: BenchClient | null = null;
  let faultPending = options.fault ?? null;
  let running = false;
  let pending: SuiteProgress | null = null;
  let frame = 0;

  const setState = (state: ProgressState) => {
    bar.dataset['state'] = state;
  };
  const paint = () => {
    frame = 0;
    if (!pending || !running) return;
    bar.value = pending.fraction;
    current.textContent = pending.current
      ? `${pending.done + 1} of ${pending.total}: ${pending.current}`
      : `${pending.done} of ${pending.total}`;
    left.textContent = Number.isFinite(pending.secondsLeft)
      ? `≈ ${Math.max(0, Math.ceil(pending.secondsLeft))} s left`
      : '';
  };
  const onProgress = (progress: SuiteProgress) => {
    pending = progress;
    publishRun({ kind: 'progress', progress });
    if (frame === 0) frame = requestAnimationFrame(paint);
  };

  /** Whether keyboard focus is on `button`, or lost to the page (a disabled button drops it to <body>). */
  const focusIsOn = (button: HTMLButtonElement) =>
    document.activeElement === button || document.activeElement === document.body || !document.activeElement;

  /** `chosen`: a profile asked for by another part of the page (the deck's live slide), else the radio's. */
  async function run(chosen?: SuiteProfile): Promise<void> {
    const profile = chosen ?? ((profileInputs.find((i) => i.checked)?.value ?? 'quick') as SuiteProfile);
    running = true;
    publishRun({ kind: 'started', profile });
    // Run is disabled while running, which would drop keyboard focus to <body>: it moves to Cancel (the
    // one thing to do now) and back to Run when the run ends, unless the user has moved it elsewhere.
    const focusFollows = focusIsOn(runButton);
    runButton.disabled = true;
    cancelButton.disabled = false;
    if (focusFollows) cancelButton.focus();
    bar.value = 0;
    setState('running');
    current.textContent = 'Starting the worker and the GPU device…';
    left.textContent = '';
    notices.clear('run');
    let snapshot: MeasurementDocument | null = null;
    const onPartial = (document: MeasurementDocument) => {
      snapshot = document;
      publishRun({ kind: 'case', document });
    };
    // what the run ended with, for the deck's live slide (null: nothing finished)
    let ended: MeasurementDocument | null = null;
    try {
      client ??= createBenchClient();
      const fault = faultPending;
      faultPending = null;
      const document = await client.run(profile, onProgress, { onPartial, fault });
      running = false;
      if (document.measurements.length === 0) {
        // Nothing finished (cancelled in its first second, or lost at once): an empty run would replace
        // the previous one on the chart and in the history for nothing. The previous one stays.
        setState(document.status === 'cancelled' ? 'cancelled' : 'failed');
        left.textContent = '';
        current.textContent = `Stopped (${document.status}) before any case finished.`;
        notices.show(
          'run',
          document.status === 'cancelled' ? 'info' : 'error',
          `The run ${document.status === 'cancelled' ? 'was cancelled' : `ended (${document.status}${document.statusReason ? `: ${document.statusReason}` : ''})`} before any case finished: nothing new to show, earlier results are kept.`,
        );
        return;
      }
      const outcome = runOutcome(document);
      ended = document;
      if (document.status === 'complete') {
        bar.value = 1;
        setState('done');
        current.textContent = `Finished: ${cases(document.measurements.length)} in ${document.elapsedSeconds.toFixed(1)} s.`;
      } else {
        setState(document.status === 'cancelled' ? 'cancelled' : 'failed');
        current.textContent = `Stopped (${document.status}) after ${cases(document.measurements.length)}.`;
      }
      left.textContent = '';
      notices.show('run', outcome.kind, outcome.lines.join(' '));
      onDocument(document);
    } catch (error) {
      running = false;
      setState('failed');
      left.textContent = '';
      const partial = snapshot as MeasurementDocument | null;
      if (partial && partial.measurements.length > 0) {
        // The client's crash messages already name the worker ("the benchmark worker failed: …").
        const document: MeasurementDocument = {
          ...partial,
          status: 'failed',
          // one line within the document's bounds, so the history keeps it (measure/bounds.ts)
          statusReason: plainText(errorMessage(error), LIMITS.message),
        };
        current.textContent = `Stopped (failed) after ${cases(document.measurements.length)}.`;
        notices.show('run', 'error', runOutcome(document).lines.join(' '));
        ended = document;
        onDocument(document);
      } else {
        current.textContent = 'The run failed.';
        notices.show('run', 'error', `The run failed: ${errorMessage(error)}. Earlier results are kept.`);
      }
      client?.terminate();
      client = null;
    } finally {
      running = false;
      const focusReturns = focusIsOn(cancelButton);
      runButton.disabled = false;
      cancelButton.disabled = true;
      if (focusReturns) runButton.focus();
      publishRun({ kind: 'finished', document: ended, message: current.textContent ?? '' });
    }
  }

  // The full profile's shapes are sized for GPUs: on a CPU adapter the runner shrinks each case until one
  // dispatch stays well under 50 ms, and the run still took 99 s in headless Chromium on SwiftShader (2-core machine),
  // against the quick profile's 15–35 s.
  let cpuWarning = false;
  const warnIfSlow = () => {
    if (cpuWarning && profileInputs[1]?.checked) {
      notices.show(
        'profile',
        'info',
        'On a CPU adapter the full profile takes a minute or two (its GPU-sized cases are shrunk to fit); the quick profile gives the same chart in well under a minute.',
      );
    } else {
      notices.clear('profile');
    }
  };
  // A GPU starts on the full profile (the quick one's bandwidth is cache-resident: no memory roof), a CPU
  // adapter on the quick one; once the user picks, their choice stands.
  let profileChosen = false;
  for (const input of profileInputs) {
    input.addEventListener('change', () => {
      profileChosen = true;
      warnIfSlow();
    });
  }
  runButton.addEventListener('click', () => void run());
  // probing until the adapter probe answers; then an adapter to run on, or none
  let availability: 'probing' | 'available' | 'none' = 'probing';
  registerRunner({
    start(profile) {
      if (running) return 'running';
      if (availability !== 'available') return availability === 'none' ? 'no-adapter' : 'probing';
      void run(profile);
      return 'started';
    },
    get running() {
      return running;
    },
  });
  cancelButton.addEventListener('click', () => {
    cancelButton.disabled = true;
    current.textContent = 'Cancelling after the current pass…';
    void client?.cancel();
  });

  return {
    element,
    setAvailable(available, cpuAdapter = false) {
      availability = available ? 'available' : 'none';
      runButton.disabled = !available || running;
      if (available && !profileChosen && !running) {
        profileInputs[0]!.checked = cpuAdapter;
        profileInputs[1]!.checked = !cpuAdapter;
      }
      if (!available)
        current.textContent = 'Nothing to measure with: no WebGPU adapter (see the device panel).';
      cpuWarning = cpuAdapter;
      warnIfSlow();
    },
  };
}
