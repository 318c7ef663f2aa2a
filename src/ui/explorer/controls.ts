// The explorer's inputs: the scenario knobs (the CLI's flags) and every other input of the chain by its
// dotted path (the CLI's --set), each showing its default (the blog's number) with a reset.
import { NUMERIC_FLAGS } from '../../model/scenario/flagBounds.ts';
import { INPUT_PATHS, type InputPathSpec } from '../../model/scenario/inputPaths.ts';
import { h } from '../dom.ts';
import { modelConfigControl, modelSummaryElement } from './modelConfig.ts';
import { type ExplorerQuery, KNOB_OF_PATH, type QueryChoices, type ScalarKey } from './urlState.ts';

export interface ControlLabels {
  readonly models: ReadonlyMap<string, string>;
  readonly gpus: ReadonlyMap<string, string>;
  readonly engines: ReadonlyMap<string, string>;
}

/** Paths the scenario knobs already own (editing them twice would fight). */
export const KNOB_PATHS: ReadonlySet<string> = new Set([
  ...Object.keys(KNOB_OF_PATH),
  // the batching chapter's load panel (loadView.ts): the CLI's workload flags
  'workload.concurrency',
  'workload.requests',
  'workload.cachedTokens.median',
  'workload.freshTokens.median',
  'workload.outputTokens.median',
  'workload.qps',
]);

const knobText: Record<ScalarKey, { label: string; hint: string }> = {
  preset: {
    label: 'Preset',
    hint: 'default: exact derivations; blog_compat: the blog’s rounded intermediates',
  },
  model: { label: 'Model', hint: '' },
  gpu: { label: 'GPU', hint: '' },
  gpus: { label: 'GPUs per node', hint: '' },
  tp: { label: 'Tensor parallel (TP)', hint: 'GPUs per replica' },
  batch: { label: 'Batch B (concurrent streams)', hint: '' },
  context: { label: 'Context per stream (tokens)', hint: '' },
  weights: { label: 'Weight precision', hint: '' },
  kv: { label: 'KV-cache precision', hint: '' },
  engine: { label: 'Serving engine', hint: 'its per-step costs, fitted to its published measurements' },
  gpuHour: { label: '$ per GPU-hour', hint: '' },
  apiPrice: { label: 'API price ($ per M tokens)', hint: 'blended, all processed tokens' },
};

function options(values: readonly string[], names?: ReadonlyMap<string, string>): HTMLOptionElement[] {
  return values.map((v) => h('option', { value: v }, names?.get(v) ?? v));
}

function selectKnob(
  key: ScalarKey,
  param: string,
  values: readonly string[],
  names?: ReadonlyMap<string, string>,
): HTMLElement {
  return h(
    'label',
    { class: 'knob' },
    h('span', {}, knobText[key].label),
    h('select', { 'data-knob': key, 'data-param': param }, ...options(values, names)),
    h('span', { class: 'knob-problem', 'data-problem-for': key, hidden: true }),
  );
}

/** A number knob; its min and max are the flag's range (model/scenario/flagBounds.ts), as on the CLI. */
function numberKnob(
  key: ScalarKey,
  param: string,
  step: string,
  slider?: { readonly min: number; readonly max: number },
): HTMLElement {
  const bound = NUMERIC_FLAGS[param]?.bound;
  const label = knobText[key].label;
  // The label holds only its words and names the number field (for=): wrapped around the slider too, it
  // would lend the field the slider's value as part of its name (issue 21). The slider has its own name
  // and says its value in words (syncKnobs).
  const id = `knob-${key}`;
  return h(
    'div',
    { class: 'knob' },
    h('label', { for: id }, label),
    h(
      'span',
      { class: 'knob-row' },
      slider
        ? h('input', {
            type: 'range',
            'data-knob-log2': key,
            min: slider.min,
            max: slider.max,
            step: 1,
            'aria-label': `${label}: slider (powers of 2)`,
          })
        : null,
      h('input', {
        type: 'number',
        id,
        'data-knob': key,
        'data-param': param,
        min: bound?.min,
        max: bound?.max,
        step,
      }),
    ),
    h('span', { class: 'knob-problem', 'data-problem-for': key, hidden: true }),
  );
}

/** The knobs; each control carries data-knob=<query key> (and the URL/CLI name in data-param). */
export function knobs(choices: QueryChoices, labels: ControlLabels): HTMLElement {
  return h(
    'div',
    { class: 'knobs' },
    selectKnob('model', 'model', choices.models, labels.models),
    modelSummaryElement(),
    modelConfigControl(),
    h('span', { class: 'knob-source', 'data-source-for': 'model' }),
    selectKnob('gpu', 'gpu', choices.gpus, labels.gpus),
    h('span', { class: 'knob-source', 'data-source-for': 'gpu' }),
    numberKnob('gpus', 'gpus', '1'),
    numberKnob('tp', 'tp', '1'),
    numberKnob('batch', 'batch', '1', { min: 0, max: 9 }),
    numberKnob('context', 'context', '1000', { min: 10, max: 18 }),
    selectKnob('weights', 'weights', choices.weights),
    selectKnob('kv', 'kv', choices.kv),
    selectKnob('engine', 'engine', choices.engines, labels.engines),
    numberKnob('gpuHour', 'gpu-hour', '0.1'),
    numberKnob('apiPrice', 'api-price', '0.001'),
    selectKnob('preset', 'preset', choices.presets),
  );
}

/** Write the query into the knobs (after a reload, a reset or an external change). */
export function syncKnobs(root: HTMLElement, query: ExplorerQuery): void {
  for (const control of root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-knob]')) {
    const key = control.dataset['knob'] as ScalarKey;
    const value = String(query[key]);
    if (control.value !== value && document.activeElement !== control) control.value = value;
  }
  for (const slider of root.querySelectorAll<HTMLInputElement>('[data-knob-log2]')) {
    const key = slider.dataset['knobLog2'] as ScalarKey;
    const value = Number(query[key]);
    // the context slider steps 1K…256K in decimal thousands (1K = 1,000 tokens, spec §1.2)
    const steps = key === 'context' ? Math.log2(value / 1000) + 10 : Math.log2(value);
    if (Number.isFinite(value) && value > 0) {
      slider.value = String(Math.round(steps));
      // a screen reader hears the value, not the slider's exponent ("16 concurrent streams", not "4")
      slider.setAttribute('aria-valuetext', log2ValueText(key, value));
    }
  }
}

/** What a log2 slider's position means, in words: the real batch or context. */
export function log2ValueText(key: ScalarKey, value: number): string {
  if (key === 'context') return `${value.toLocaleString('en-US')} tokens of context per stream`;
  return `${value.toLocaleString('en-US')} concurrent stream${value === 1 ? '' : 's'}`;
}

const groupTitles: Record<string, string> = {
  empirical: 'Empirical and asserted inputs (§2.2)',
  tp8: 'TP8 load test (§5.10)',
  tp4: 'TP4 production config (§5.11)',
  request: 'Request shape (§5.10)',
  traffic: 'Traffic tiers (§6)',
  scenario: 'Scenario knobs (§2.3)',
  pricing: 'Calendar and pricing (§2.1)',
  savingsTable: 'Savings table (§7.2)',
  overrides: 'Overrides (blog_compat and §2.3)',
  architecture: 'Architecture-derived replacements',
  model: 'Model config (§2.1)',
  precision: 'Precision (§2.1)',
  hardware: 'Hardware (§2.1)',
  workload: 'Load workload (the serving simulator)',
};

export function editablePaths(): InputPathSpec[] {
  return INPUT_PATHS.filter((entry) => !KNOB_PATHS.has(entry.path));
}

function editorRow(entry: InputPathSpec, group: string): HTMLElement {
  const name = entry.path.slice(group.length + 1);
  const field =
    typeof entry.kind === 'object'
      ? h('select', { 'data-path': entry.path }, ...options(entry.kind.oneOf))
      : h('input', { type: 'text', inputmode: 'decimal', 'data-path': entry.path, spellcheck: 'false' });
  return h(
    'div',
    { class: 'input-row', 'data-row': entry.path },
    h(
      'label',
      {},
      h('span', { class: 'input-name' }, name),
      entry.unit ? ' ' : null,
      entry.unit ? h('span', { class: 'input-unit' }, entry.unit) : null,
      field,
    ),
    h('span', { class: 'input-default' }, 'default ', h('span', { 'data-default-for': entry.path })),
    h(
      'button',
      {
        type: 'button',
        class: 'reset',
        'data-reset': entry.path,
        disabled: true,
        // every row's button reads "reset"; its name says which input ("reset: tp8.concurrency")
        'aria-label': `reset: ${entry.path}`,
      },
      'reset',
    ),
    h('span', { class: 'input-problem', 'data-problem-for': entry.path, hidden: true }),
  );
}

/** The full input editor: one group per input block, one row per path with its value, default and reset. */
export function inputEditor(): HTMLElement[] {
  const groups = new Map<string, InputPathSpec[]>();
  for (const entry of editablePaths()) {
    const group = entry.path.split('.')[0] ?? '';
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  const order = Object.keys(groupTitles);
  return [...groups.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([group, entries]) =>
      h(
        'details',
        { class: 'input-group', 'data-group': group, open: group === 'empirical' },
        h('summary', {}, groupTitles[group] ?? group),
        ...entries.map((entry) => editorRow(entry, group)),
      ),
    );
}

/** Exact but readable: 5e13 rather than 50000000000000. */
export function inputText(value: number | string | null): string {
  if (value === null) return 'auto';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-4)
    ? value.toExponential().replace('e+', 'e')
    : String(value);
}
