// The projection explorer: inputs → the engine (src/model) → figures and charts, in the blog's order.
// PAGE's main.ts imports this module dynamically and calls mountExplorer(<section id="explorer">).
// Every input event recomputes synchronously (the chain costs well under a millisecond) and the time from
// the event to the last chart is kept in window.__ridgelineExplorerTimings for the performance test.
import './explorer.css';
import type { MeasurementDocument } from '../../measure/document.ts';
import type { LoadResult } from '../../model/evaluateLoad.ts';
import { CONFIG_MODEL_ID } from '../../model/presets/configModel.ts';
import { BLOG_ENGINE } from '../../model/presets/engines.ts';
import type { ModelPreset } from '../../model/presets/modelTypes.ts';
import { NUMERIC_FLAGS, parseFlagValue } from '../../model/scenario/flagBounds.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { validateInputs } from '../../model/scenario/validateInputs.ts';
import type { Deck } from '../deck/deck.ts';
import { h } from '../dom.ts';
import { CHAPTERS, type ChapterId, chapterOfFigure } from './chapters.ts';
import { chartSteps, napkinTtftAt, renderMeasuredCharts, ttftCurve } from './chartsView.ts';
import { renderComparison } from './comparisonView.ts';
import { inputEditor, knobs, syncKnobs } from './controls.ts';
import { type Evaluation, evaluateQuery, presetSources, queryChoices, queryLabels } from './evaluation.ts';
import { createFigureCard, type FigureCard } from './figureCard.ts';
import { formulaContext, showLinked } from './formulaLinks.ts';
import { HEADLINE_IDS } from './headlines.ts';
import { bindInputEditor, syncInputEditor } from './inputEditor.ts';
import { createLandscapeController, type LandscapeController } from './landscapeController.ts';
import { explorerSkeleton } from './layout.ts';
import { createLoadClient, type LoadState } from './loadClient.ts';
import {
  drawLoadCharts,
  LOAD_CHARTS,
  loadPanel,
  readLoadInput,
  renderLoadStatus,
  renderLoadTable,
  showLoadProblem,
  showLoadRefusal,
  syncLoadPanel,
} from './loadView.ts';
import {
  documentsFromDetail,
  type LocalGpu,
  localGpuFrom,
  YOUR_GPU_ID,
  yourGpuPreset,
} from './measuredRoofs.ts';
import { bindModelConfig, renderModelSummary, syncConfigOption } from './modelConfig.ts';
import { renderProblems } from './problems.ts';
import { rooflineBatchControl } from './rooflineBatch.ts';
import { renderStory } from './storyView.ts';
import {
  cliArgs,
  DEFAULT_LOCAL_MEMORY_GB,
  describeDefaults,
  type ExplorerQuery,
  type PartialQuery,
  parseQuery,
  queryString,
  type ScalarKey,
  withSet,
} from './urlState.ts';
import { renderYourGpu } from './yourGpu.ts';

declare global {
  interface Window {
    __ridgelineExplorerTimings?: number[];
    __ridgelineExplorer?: {
      readonly query: () => ExplorerQuery;
      readonly evaluation: () => Evaluation;
      /** the load simulation's state (the worker's progress, then its result) */
      readonly load: () => LoadState;
      /** the progress counts the latest load run reported, in arrival order */
      readonly loadProgress: () => readonly number[];
    };
  }
}

export function mountExplorer(root: HTMLElement): void {
  const choices = queryChoices();
  const parsed = parseQuery(location.search, choices);

  root.replaceChildren(explorerSkeleton(knobs(choices, queryLabels()), inputEditor()));
  root.classList.add('explorer-root');
  root.querySelector('[data-chart="roofline"]')?.after(rooflineBatchControl());
  root.querySelector(`[data-chart="${LOAD_CHARTS[0]}"]`)?.before(loadPanel());
  const cards = new Map<string, FigureCard>();
  const sections = new Map<ChapterId, HTMLElement>();
  for (const chapter of CHAPTERS) {
    const section = root.querySelector<HTMLElement>(`section[data-chapter="${chapter.id}"]`);
    if (section) sections.set(chapter.id, section);
  }
  let localGpu: LocalGpu | null = localGpuFrom(documentsFromDetail(window.__ridgelineMeasurements));
  let localMemoryGb = parsed.localMemoryGb ?? DEFAULT_LOCAL_MEMORY_GB;
  let localMemoryProblem: string | null = null;
  // "your GPU" as the hardware: the measured roofs with the typed memory (null until a run is there)
  const yourGpu = () => (localGpu ? yourGpuPreset(localGpu, localMemoryGb * 1e9) : null);
  let evaluation: Evaluation = evaluateQuery(parsed.query, yourGpu());
  let query: ExplorerQuery = evaluation.query;
  // the config.json model of this page (from the link or a dropped file): selectable while there is one
  let configModel: ModelPreset | null = parsed.query.configModel ?? null;
  const startupNotices = [...parsed.notices, ...evaluation.droppedSets];
  if (parsed.missing.length > 0) {
    startupNotices.push(
      `Not in the link, so the defaults are used: ${describeDefaults(parsed.missing, query)}.`,
    );
  }
  let landscape: LandscapeController | null = null;
  // The load simulation runs in a worker; a new scenario supersedes the run in flight. While one runs, the
  // last finished result stays drawn (dimmed by the panel's state) rather than blanking the charts.
  let lastLoad: LoadState | null = null;
  // what the load charts show and at what width: an input event or a progress message that changes
  // neither redraws only the status line (the charts are four SVGs; the page's budget is per input)
  let drawnLoad: { state: LoadState; width: number } | null = null;
  const drawLoad = (state: LoadState, force = false): void => {
    if (state.kind === 'done' || state.kind === 'problems' || state.kind === 'failed') lastLoad = state;
    // after a refusal nothing runs: the status says why
    renderLoadStatus(root, state.kind === 'idle' && lastLoad !== null ? lastLoad : state);
    const shown =
      state.kind === 'done' || state.kind === 'problems' || state.kind === 'failed' ? state : lastLoad;
    const drawn = shown ?? state;
    const width = root.querySelector<HTMLElement>('.explorer-chapters')?.clientWidth ?? 0;
    if (!force && drawnLoad?.state === drawn && drawnLoad.width === width) return;
    drawnLoad = { state: drawn, width };
    const napkin = evaluation.inputs ? ttftCurve(evaluation.inputs) : [];
    drawLoadCharts(root, drawn, evaluation.result, evaluation.inputs, napkin);
    renderLoadTable(root, drawn, evaluation.result, evaluation.inputs);
  };
  const loadClient = createLoadClient((state) => {
    drawLoad(state);
    // the story's TTFT under load comes from the finished run of these inputs
    if (state.kind === 'done') {
      renderStory(root, evaluation, storyLoad());
      // the deck tells the same story: its TTFT follows the simulation too
      deck?.loadChanged();
    }
    // the comparison's TTFTs under load come from the worker's run
    if (state.kind === 'done' && evaluation.inputs)
      renderComparison(
        root.querySelector<HTMLElement>('[data-extra="batching"]')!,
        evaluation,
        napkinTtftAt(evaluation.inputs),
        underLoad,
      );
  });
  /** A published TTFT as the latest finished load run predicted it (null while one runs). */
  const underLoad = (id: string): number | null => {
    const state = loadClient.state();
    if (state.kind !== 'done') return null;
    return state.result.measurements.find((m) => m.id === id)?.predictedSeconds ?? null;
  };
  // the inputs of the run requested last, less the batch knob: the load simulation sweeps its own
  // concurrency, so moving B (or any input it does not read) starts no new run
  let requestedKey: string | null = null;
  const loadKey = (inputs: ScenarioInputs): string =>
    JSON.stringify({ ...inputs, scenario: { ...inputs.scenario, batch: 0 } });
  /** The finished load run of the inputs on screen (the latest request's), or null while none is. */
  const storyLoad = (): LoadResult | null => {
    const state = loadClient.state();
    return state.kind === 'done' && evaluation.inputs && requestedKey === loadKey(evaluation.inputs)
      ? state.result
      : null;
  };
  const requestLoad = (): void => {
    // inputs the CLI refuses are not simulated: the refusal shows beside the panel's input it names
    const refusal = evaluation.inputs ? (validateInputs(evaluation.inputs)[0] ?? null) : null;
    showLoadRefusal(root, evaluation.inputs, refusal);
    if (evaluation.inputs && evaluation.result && evaluation.error === null && refusal === null) {
      const inputs = evaluation.inputs;
      const key = loadKey(inputs);
      const state = loadClient.state().kind;
      if (key === requestedKey && (state === 'running' || state === 'done')) return;
      requestedKey = key;
      loadClient.request(inputs);
      return;
    }
    requestedKey = null;
    loadClient.cancel();
    const why =
      refusal === null
        ? (evaluation.error ?? 'the scenario is not computed')
        : `inconsistent inputs: ${refusal}`;
    lastLoad = { kind: 'problems', problems: [why] };
    drawLoad(loadClient.state());
  };
  const timings: number[] = [];
  window.__ridgelineExplorerTimings = timings;

  const cardFor = (id: string, section: string): FigureCard | null => {
    let card = cards.get(id);
    if (card) return card;
    const chapter = sections.get(chapterOfFigure(id, section));
    if (!chapter) return null;
    const headline = HEADLINE_IDS.has(id);
    card = createFigureCard(id, headline);
    chapter.querySelector(headline ? '.headline-figures' : '.more-figures .figures')?.append(card.element);
    cards.set(id, card);
    return card;
  };

  const notices = root.querySelector<HTMLElement>('.explorer-notices')!;
  const showNotices = (lines: readonly string[]): void => {
    notices.hidden = lines.length === 0;
    notices.replaceChildren();
    if (lines.length === 0) return;
    notices.append(
      h('strong', {}, 'Link parameters:'),
      h('ul', {}, ...lines.map((line) => h('li', {}, line))),
      h('button', { type: 'button', 'data-action': 'dismiss' }, 'dismiss'),
    );
  };
  showNotices(startupNotices);

  const renderYourGpuPanel = (): void =>
    renderYourGpu(
      root.querySelector<HTMLElement>('[data-extra="roofline"]')!,
      evaluation,
      localGpu,
      localMemoryGb * 1e9,
      localMemoryProblem,
    );

  let skeleton: Evaluation['result'] = null;
  // Everything but the charts: figure cards, problems, links, knobs. `render` adds the charts at once.
  const renderFigures = (): void => {
    const { result, refusal } = evaluation;
    // refused inputs are said once, beside the input and above; each card just points there
    const error = refusal
      ? 'not computed: the inputs are refused (see “This scenario has problems”)'
      : evaluation.error;
    const seen = new Set<string>();
    const context = formulaContext(evaluation);
    // With nothing computed, the default scenario's figure list keeps the layout: each card then shows
    // "—" and why, instead of vanishing.
    skeleton ??= result ?? evaluateQuery({ sets: [] }).result;
    const figures = result?.figures ?? skeleton?.figures ?? {};
    for (const figure of Object.values(figures)) {
      seen.add(figure.id);
      cardFor(figure.id, figure.section)?.update(figure, context, result ? error : (error ?? 'not computed'));
    }
    for (const [id, card] of cards)
      if (!seen.has(id)) card.update(undefined, context, error ?? 'not computed');
    renderProblems(root, evaluation);
    const search = queryString(query, localMemoryGb);
    const share = root.querySelector<HTMLAnchorElement>('[data-role="share"]')!;
    // relative to this page (a query and a fragment): never another origin, whatever the path looks like
    share.href = `${search}${location.hash}`;
    root.querySelector<HTMLElement>('[data-role="cli"]')!.textContent =
      query.gpu === YOUR_GPU_ID
        ? 'none: your GPU is measured in this browser (the CLI’s --set hardware.gpuBandwidthBps=… and hardware.gpuPeakFlops=… on a preset come closest)'
        : `ridgeline project ${cliArgs(query)
            .map((a) => (/^[\w.=:/-]+$/.test(a) ? a : `'${a}'`))
            .join(' ')}`;
    scheduleUrl(search);
    syncConfigOption(root, configModel);
    syncKnobs(root, query);
    renderModelSummary(root, evaluation);
    renderSources(root, query, evaluation);
    syncInputEditor(root, evaluation, query);
    syncLoadPanel(root, evaluation.inputs);
  };
  // The parts that draw: charts, "Your GPU", published measurements, the 3D view when open.
  const drawingSteps = (): (() => void)[] => [
    ...chartSteps(root, evaluation, localGpu),
    renderYourGpuPanel,
    () =>
      renderComparison(
        root.querySelector<HTMLElement>('[data-extra="batching"]')!,
        evaluation,
        evaluation.inputs ? napkinTtftAt(evaluation.inputs) : () => null,
        underLoad,
      ),
    () => landscape?.update(evaluation),
    () => drawLoad(loadClient.state()),
  ];
  // An input updates everything before the next frame (the explorer's < 50 ms budget).
  let firstPaintSteps: ReturnType<typeof setTimeout> | undefined;
  const render = (): void => {
    clearTimeout(firstPaintSteps);
    renderFigures();
    for (const step of drawingSteps()) step();
    // the story's text last: nothing after it reads the layout, so its new lines are laid out with the
    // frame instead of inside the charts' first width read (issue 23; the explorer's < 50 ms budget)
    renderStory(root, evaluation, storyLoad());
    root.dataset['ready'] = 'true';
  };
  // Loading the page draws each chart in a task of its own: one 300–1000 ms task before (2-core machine),
  // during which the page took no input. `ready` is set once the last one is drawn; an input before that
  // renders everything itself and cancels the rest.
  const renderFirst = (): void => {
    renderFigures();
    renderStory(root, evaluation, storyLoad());
    const steps = drawingSteps();
    const next = (): void => {
      const step = steps.shift();
      if (!step) {
        root.dataset['ready'] = 'true';
        return;
      }
      step();
      firstPaintSteps = setTimeout(next, 0);
    };
    // the charts take their hosts' widths, and reading a width lays the page out: in a task of its own,
    // not in the one that built the explorer
    firstPaintSteps = setTimeout(next, 0);
  };

  // The URL follows the scenario a moment after the last input: history.replaceState costs milliseconds
  // and Chromium throttles bursts of it, so a dragged slider writes it once, not per step.
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleUrl = (search: string): void => {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      if (location.search !== search) history.replaceState(null, '', `${search}${location.hash}`);
    }, 120);
  };

  const update = (next: PartialQuery, started: number): void => {
    evaluation = evaluateQuery(next, yourGpu());
    query = evaluation.query;
    render();
    timings.push(performance.now() - started);
    requestLoad();
  };
  // A new GPU brings its own node size (as `--gpu` without `--gpus` does on the CLI).
  const changeGpu = (gpu: string, started: number): void => {
    const { gpus: _gpus, tp: _tp, ...rest } = query;
    update({ ...rest, gpu }, started);
  };

  // the config.json model travels with the query only while it is the one chosen; a new model gets its
  // own default engine unless one was picked: the blog's calibration stays with the blog's model (as
  // `--model` without `--engine` does on the CLI)
  const changeModel = (model: string, started: number): void => {
    const { configModel: _previous, engine, ...rest } = query;
    const kept = engine === undefined || engine === BLOG_ENGINE ? rest : { ...rest, engine };
    if (model === CONFIG_MODEL_ID && configModel !== null) update({ ...kept, model, configModel }, started);
    else update({ ...kept, model }, started);
  };

  root.addEventListener('input', (event) => {
    const started = performance.now();
    const target = event.target as HTMLInputElement;
    const key = target.dataset['knob'] as ScalarKey | undefined;
    const log2Key = target.dataset['knobLog2'] as ScalarKey | undefined;
    if (key && target.type === 'number') {
      // the same reading and range as the CLI flag and the link: out of range says so beside the knob
      const flag = NUMERIC_FLAGS[target.dataset['param'] ?? ''];
      const value = flag ? parseFlagValue(flag, target.value.trim()) : new Error('not a number');
      if (value instanceof Error) {
        const problem = root.querySelector<HTMLElement>(`[data-problem-for="${key}"]`);
        if (problem && target.value.trim() !== '') {
          problem.hidden = false;
          problem.textContent = `${flag?.name ?? key} ${value.message}`;
        }
        return;
      }
      update({ ...query, [key]: value }, started);
    } else if (log2Key) {
      const value = 2 ** Number(target.value);
      update({ ...query, [log2Key]: log2Key === 'context' ? (value * 1000) / 1024 : value }, started);
    }
  });
  // the load panel's inputs: read as the CLI reads its flags; a refusal shows beside the input
  root.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    const flag = target.dataset['loadFlag'];
    if (!flag) return;
    const read = readLoadInput(flag, target.value);
    if ('problem' in read) {
      showLoadProblem(root, flag, read.problem);
      return;
    }
    showLoadProblem(root, flag, null);
    let next = withSet(query, read.path, String(read.value));
    // a rate of arrivals is an open loop (as --qps sets it)
    if (flag === 'qps') next = withSet(next, 'workload.arrival', 'open');
    update(next, performance.now());
  });
  root.addEventListener('change', (event) => {
    const started = performance.now();
    const target = event.target as HTMLSelectElement;
    const key = target.dataset['knob'] as ScalarKey | undefined;
    if (target.dataset['role'] === 'local-memory') {
      // an empty or out-of-range entry keeps the last good value, and the panel says why
      const value = parseFlagValue(NUMERIC_FLAGS['your-gpu-memory']!, target.value.trim());
      if (value instanceof Error) localMemoryProblem = `your GPU's memory ${value.message}`;
      else {
        localMemoryGb = value;
        localMemoryProblem = null;
      }
      // with your GPU as the hardware its memory is an input of the scenario
      if (query.gpu === YOUR_GPU_ID && !(value instanceof Error)) update(query, performance.now());
      else render();
    }
    if (!key || target.tagName !== 'SELECT') return;
    if (key === 'gpu') changeGpu(target.value, started);
    else if (key === 'model') changeModel(target.value, started);
    else update({ ...query, [key]: target.value }, started);
  });
  bindModelConfig(root, (read) => {
    configModel = read.model;
    changeModel(CONFIG_MODEL_ID, performance.now());
  });
  bindInputEditor(
    root,
    () => query,
    (next) => update(next, performance.now()),
  );

  root.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest<HTMLElement>('[data-link]')?.dataset['link'];
    if (link) showLinked(root, link);
    const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset['action'];
    if (action === 'present') void openDeck();
    if (action === 'dismiss') showNotices([]);
    if (action === 'open-3d') void openLandscape();
    if (action === 'close-3d') closeLandscape();
    if (action === 'use-your-gpu') changeGpu(YOUR_GPU_ID, performance.now());
  });

  const dialog = root.querySelector<HTMLElement>('.landscape-dialog')!;
  const openLandscape = async (): Promise<void> => {
    dialog.hidden = false;
    landscape ??= await createLandscapeController(dialog, evaluation);
    landscape.update(evaluation);
  };
  const closeLandscape = (): void => {
    landscape?.dispose();
    landscape = null;
    dialog.hidden = true;
  };
  dialog
    .querySelector('[data-role="landscape-metric"]')
    ?.addEventListener('change', () => landscape?.update(evaluation));

  // Present: the slide deck, loaded on first use (its own chunk: nothing of it is in the page's initial JS).
  let deck: Deck | null = null;
  let documents: readonly MeasurementDocument[] = documentsFromDetail(window.__ridgelineMeasurements);
  // the deck's own code reads the slide from the hash (#present=…), the title slide when there is none
  const openDeck = async (): Promise<void> => {
    const { createDeck } = await import('../deck/deck.ts');
    deck ??= createDeck({
      evaluation: () => evaluation,
      local: () => localGpu,
      documents: () => documents,
      query: () => queryString(query, localMemoryGb),
      load: () => storyLoad(),
      verdict: () => document.querySelector('[data-field="verdict"] .verdict-line')?.textContent ?? '',
    });
    deck.open();
  };
  // a link to a slide (#present=…, the header's Present) opens the deck from anywhere on the page; the
  // slide order loads with the deck, not with the page
  const presentLink = (): boolean => location.hash.startsWith('#present=');
  window.addEventListener('hashchange', () => {
    if (presentLink() && !deck) void openDeck();
  });

  // A new or imported run changes only "Your GPU" and the two charts that draw measured data; they are
  // redrawn in separate tasks so the page that announced the run stays responsive (no long task).
  let measuredTimer: ReturnType<typeof setTimeout> | undefined;
  const onMeasurements = (next: readonly MeasurementDocument[]): void => {
    documents = next;
    localGpu = localGpuFrom(next);
    deck?.refresh();
    clearTimeout(measuredTimer);
    if (query.gpu === YOUR_GPU_ID) {
      // the run is the hardware: the whole scenario moves
      update(query, performance.now());
      return;
    }
    renderYourGpuPanel();
    measuredTimer = setTimeout(() => renderMeasuredCharts(root, evaluation, localGpu), 0);
  };
  window.addEventListener('ridgeline:measurements', (event) => {
    onMeasurements(documentsFromDetail((event as CustomEvent).detail));
  });
  window.__ridgelineExplorer = {
    query: () => query,
    evaluation: () => evaluation,
    load: () => loadClient.state(),
    loadProgress: () => loadClient.progressLog(),
  };
  // The charts are laid out at their hosts' widths: a new width (a phone turned, a window resized) draws
  // them again, once the resizing settles.
  let chartsWidth = 0;
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const chapters = root.querySelector<HTMLElement>('.explorer-chapters');
  if (chapters) {
    new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        if (chapters.clientWidth === chartsWidth || root.dataset['ready'] !== 'true') return;
        chartsWidth = chapters.clientWidth;
        for (const step of drawingSteps()) step();
      }, 150);
    }).observe(chapters);
  }
  renderFirst();
  requestLoad();
  if (presentLink()) void openDeck();
}

function renderSources(root: HTMLElement, query: ExplorerQuery, evaluation: Evaluation): void {
  const sources = presetSources(query.model, query.gpu, evaluation.hardware);
  if (query.model === CONFIG_MODEL_ID) {
    // no preset: the file is the source, and the link carries its architecture's fields (arch.*)
    sources.model = [
      { title: 'its config.json (the link carries the architecture, not the file)', date: '' },
    ];
  }
  for (const key of ['model', 'gpu'] as const) {
    const el = root.querySelector<HTMLElement>(`[data-source-for="${key}"]`);
    const list = sources[key];
    const text = list.map((s) => `${s.title} (${s.date})`).join('; ');
    if (!el || el.dataset['text'] === text) continue;
    el.dataset['text'] = text;
    el.replaceChildren();
    el.append('source: ');
    list.forEach((source, i) => {
      if (i > 0) el.append('; ');
      // a source without a web address (the blog) is cited by title and date only
      if (source.url && /^https?:\/\//.test(source.url)) {
        const link = document.createElement('a');
        link.href = source.url;
        link.rel = 'noopener';
        link.textContent = source.title;
        el.append(link);
      } else el.append(source.title);
      if (source.date) el.append(` (${source.date})`);
    });
  }
}
