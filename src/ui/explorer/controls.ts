// The explorer's inputs: the scenario knobs (the CLI's flags) and every other input of the chain by its
// dotted path (the CLI's --set), each showing its default (the blog's number) with a reset.
import { INPUT_PATHS, type InputPathSpec } from '../../model/inputPaths.ts';
import type { ExplorerQuery, QueryChoices, ScalarKey } from './urlState.ts';

export interface ControlLabels {
  readonly models: ReadonlyMap<string, string>;
  readonly gpus: ReadonlyMap<string, string>;
}

/** Paths the scenario knobs already own (editing them twice would fight). */
export const KNOB_PATHS: ReadonlySet<string> = new Set([
  'hardware.gpusPerNode',
  'scenario.tensorParallel',
  'scenario.batch',
  'scenario.kvContextTokens',
  'pricing.gpuHourUsd',
  'pricing.apiPricePerMTokUsd',
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
  gpuHour: { label: '$ per GPU-hour', hint: '' },
  apiPrice: { label: 'API price ($ per M tokens)', hint: 'blended, all processed tokens' },
};

function option(value: string, label: string): string {
  return `<option value="${value}">${label}</option>`;
}

/** Knob markup; each control carries data-knob=<query key> (and the URL/CLI name in data-param). */
export function knobsHtml(choices: QueryChoices, labels: ControlLabels): string {
  const select = (
    key: ScalarKey,
    param: string,
    values: readonly string[],
    names?: ReadonlyMap<string, string>,
  ) =>
    `<label class="knob"><span>${knobText[key].label}</span><select data-knob="${key}" data-param="${param}">${values
      .map((v) => option(v, names?.get(v) ?? v))
      .join('')}</select></label>`;
  const number = (key: ScalarKey, param: string, attrs: string, slider?: string) =>
    `<label class="knob"><span>${knobText[key].label}</span><span class="knob-row">${
      slider
        ? `<input type="range" data-knob-log2="${key}" ${slider} aria-label="${knobText[key].label} (log2 slider)">`
        : ''
    }<input type="number" data-knob="${key}" data-param="${param}" ${attrs}></span><span class="knob-problem" data-problem-for="${key}" hidden></span></label>`;
  return `<div class="knobs">
    ${select('model', 'model', choices.models, labels.models)}
    <span class="knob-source" data-source-for="model"></span>
    ${select('gpu', 'gpu', choices.gpus, labels.gpus)}
    <span class="knob-source" data-source-for="gpu"></span>
    ${number('gpus', 'gpus', 'min="1" max="72" step="1"')}
    ${number('tp', 'tp', 'min="1" max="72" step="1"')}
    ${number('batch', 'batch', 'min="1" max="4096" step="1"', 'min="0" max="9" step="1"')}
    ${number('context', 'context', 'min="1" max="2000000" step="1000"', 'min="10" max="18" step="1"')}
    ${select('weights', 'weights', choices.weights)}
    ${select('kv', 'kv', choices.kv)}
    ${number('gpuHour', 'gpu-hour', 'min="0.01" step="0.1"')}
    ${number('apiPrice', 'api-price', 'min="0.001" step="0.001"')}
    ${select('preset', 'preset', choices.presets)}
  </div>`;
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
    if (Number.isFinite(value) && value > 0) slider.value = String(Math.round(steps));
  }
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
};

export function editablePaths(): InputPathSpec[] {
  return INPUT_PATHS.filter((entry) => !KNOB_PATHS.has(entry.path));
}

/** The full input editor: one row per path with the value, its default and a reset. */
export function inputEditorHtml(): string {
  const groups = new Map<string, InputPathSpec[]>();
  for (const entry of editablePaths()) {
    const group = entry.path.split('.')[0] ?? '';
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  const order = Object.keys(groupTitles);
  return [...groups.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(
      ([
        group,
        entries,
      ]) => `<details class="input-group" data-group="${group}"${group === 'empirical' ? ' open' : ''}>
      <summary>${groupTitles[group] ?? group}</summary>
      ${entries
        .map((entry) => {
          const name = entry.path.slice(group.length + 1);
          const field =
            typeof entry.kind === 'object'
              ? `<select data-path="${entry.path}">${entry.kind.oneOf.map((v) => option(v, v)).join('')}</select>`
              : `<input type="text" inputmode="decimal" data-path="${entry.path}" spellcheck="false">`;
          return `<div class="input-row" data-row="${entry.path}">
            <label><span class="input-name">${name}</span>${entry.unit ? ` <span class="input-unit">${entry.unit}</span>` : ''}${field}</label>
            <span class="input-default">default <span data-default-for="${entry.path}"></span></span>
            <button type="button" class="reset" data-reset="${entry.path}" disabled>reset</button>
            <span class="input-problem" data-problem-for="${entry.path}" hidden></span>
          </div>`;
        })
        .join('')}
    </details>`,
    )
    .join('');
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
