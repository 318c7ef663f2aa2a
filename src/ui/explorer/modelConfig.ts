// "Any model from its config.json" on the page: a file input, a drop zone and a paste box beside the model
// picker. The file is a stranger's data: capped in size before it is read, parsed as JSON and rebuilt
// from known fields by the model core (architecture/hfConfig.ts), and everything shown of it (its name,
// the reader's notes, an error) is text. A problem is said beside the input, one line naming the field.
// Under the picker, the served model's counts (total and active parameters, KV bytes per token), so a
// user can check them against the model card.

import { HF_CONFIG_MAX_BYTES } from '../../model/architecture/hfConfig.ts';
import { architectureSummary } from '../../model/architecture/summary.ts';
import { CONFIG_MODEL_ID, type ConfigModel, modelFromConfigText } from '../../model/presets/configModel.ts';
import type { ModelPreset } from '../../model/presets/modelTypes.ts';
import { countText, si } from '../../model/units/format.ts';
import { h } from '../dom.ts';
import type { Evaluation } from './evaluation.ts';

/** The controls: a file input, a drop zone (the whole box), a paste area, a problem line and notes. */
export function modelConfigControl(): HTMLElement {
  return h(
    'div',
    { class: 'model-config', 'data-role': 'model-config' },
    h(
      'label',
      { class: 'model-config-file' },
      h('span', {}, 'Or a Hugging Face config.json (drop it here)'),
      h('input', {
        type: 'file',
        accept: '.json,application/json',
        'data-role': 'model-config-file',
        'aria-label': 'Load a model from its config.json',
      }),
    ),
    h(
      'details',
      { class: 'model-config-paste' },
      h('summary', {}, 'paste it'),
      h('textarea', {
        'data-role': 'model-config-text',
        rows: 4,
        maxlength: HF_CONFIG_MAX_BYTES,
        spellcheck: 'false',
        'aria-label': 'config.json text',
        placeholder: '{ "model_type": "llama", "hidden_size": 4096, … }',
      }),
      h('button', { type: 'button', 'data-action': 'model-config-apply' }, 'Use this config.json'),
    ),
    h('span', {
      class: 'model-config-problem',
      'data-role': 'model-config-problem',
      role: 'alert',
      hidden: true,
    }),
    h('span', { class: 'model-config-notes', 'data-role': 'model-config-notes', hidden: true }),
  );
}

/** The served model's counts, under the picker. */
export function modelSummaryElement(): HTMLElement {
  return h('span', { class: 'model-summary', 'data-role': 'model-summary' });
}

const kvName = (bytesPerValue: number): string =>
  bytesPerValue === 1 ? 'FP8' : bytesPerValue === 2 ? 'BF16' : `${bytesPerValue} B/value`;

/** "1.03 T parameters, 31.7 B active per token (32.9 B with the input embedding) · KV 35.1 kB/token (FP8)" */
export function modelSummaryText(evaluation: Evaluation): string {
  const { inputs } = evaluation;
  if (!inputs) return '';
  const s = architectureSummary(inputs.modelArchitecture, inputs.precision.kvBytesPerValue);
  const withEmbedding =
    s.activeParamsWithEmbedding === s.activeParams
      ? ''
      : ` (${countText(s.activeParamsWithEmbedding, 1e3)} with the input embedding)`;
  const window =
    s.slidingWindow === null || s.kvBytesPerTokenPastWindow === null
      ? ''
      : `, ${si(s.kvBytesPerTokenPastWindow, 'B')}/token past the ${s.slidingWindow.tokens}-token window of ${s.slidingWindow.layers} of ${inputs.modelArchitecture.numLayers} layers`;
  return `${countText(s.totalParams, 1e3)} parameters, ${countText(s.activeParams, 1e3)} active per token${withEmbedding} · KV ${si(s.kvBytesPerToken, 'B')}/token (${kvName(inputs.precision.kvBytesPerValue)})${window}`;
}

export function renderModelSummary(root: HTMLElement, evaluation: Evaluation): void {
  const el = root.querySelector<HTMLElement>('[data-role="model-summary"]');
  if (!el) return;
  const text = modelSummaryText(evaluation);
  if (el.textContent !== text) el.textContent = text;
  el.dataset['totalParams'] = evaluation.inputs
    ? String(architectureSummary(evaluation.inputs.modelArchitecture, 1).totalParams)
    : '';
}

/** The model select lists the config.json model (by its label) while there is one; text only. */
export function syncConfigOption(root: HTMLElement, model: ModelPreset | null): void {
  const select = root.querySelector<HTMLSelectElement>('select[data-knob="model"]');
  if (!select) return;
  let option = select.querySelector<HTMLOptionElement>(`option[value="${CONFIG_MODEL_ID}"]`);
  if (model === null) {
    option?.remove();
    return;
  }
  if (!option) {
    option = h('option', { value: CONFIG_MODEL_ID });
    select.append(option);
  }
  if (option.textContent !== model.displayName) option.textContent = model.displayName;
}

function show(root: HTMLElement, role: string, text: string): void {
  const el = root.querySelector<HTMLElement>(`[data-role="${role}"]`);
  if (!el) return;
  el.hidden = text === '';
  el.textContent = text;
}

/**
 * Wires the file input, the drop zone and the paste button: a config that reads calls `use` with the
 * model (and clears the problem), one that does not says why beside the input.
 */
export function bindModelConfig(root: HTMLElement, use: (read: ConfigModel) => void): void {
  const zone = root.querySelector<HTMLElement>('[data-role="model-config"]');
  if (!zone) return;
  const accept = (text: string): void => {
    let read: ConfigModel;
    try {
      read = modelFromConfigText(text);
    } catch (error) {
      show(root, 'model-config-problem', error instanceof Error ? error.message : String(error));
      return;
    }
    show(root, 'model-config-problem', '');
    show(root, 'model-config-notes', read.notes.join(' '));
    use(read);
  };
  const readFile = (file: File): void => {
    // capped before reading: a large file never reaches memory as text
    if (file.size > HF_CONFIG_MAX_BYTES) {
      show(
        root,
        'model-config-problem',
        `config.json: ${file.size.toLocaleString('en-US')} bytes: at most ${HF_CONFIG_MAX_BYTES.toLocaleString('en-US')} (a config.json is a few kB)`,
      );
      return;
    }
    file
      .text()
      .then(accept, () => show(root, 'model-config-problem', 'config.json: the file could not be read'));
  };
  zone.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.dataset['role'] !== 'model-config-file') return;
    event.stopPropagation();
    const file = input.files?.[0];
    if (file) readFile(file);
    input.value = '';
  });
  zone.addEventListener('click', (event) => {
    if ((event.target as HTMLElement).closest('[data-action="model-config-apply"]') === null) return;
    const text = zone.querySelector<HTMLTextAreaElement>('[data-role="model-config-text"]')?.value ?? '';
    accept(text);
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file) readFile(file);
    else accept(event.dataTransfer?.getData('text/plain') ?? '');
  });
}
