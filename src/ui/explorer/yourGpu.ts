// "Your GPU beside the B200": with a measured (or imported) run, the selected model's chain on the local
// roofs — decode ceiling, GPUs to hold the weights — and the B200's multiples of your bandwidth and FLOP/s,
// with a button that makes your GPU the scenario's hardware (gpu=your-gpu: ridgeline's model on your roofs).

import { evaluateScenario } from '../../model/evaluate.ts';
import { NUMERIC_FLAGS } from '../../model/flagBounds.ts';
import { setInputPath } from '../../model/inputPaths.ts';
import type { ScenarioInputs } from '../../model/inputs.ts';
import { B200_REFERENCE } from '../../model/roofline.ts';
import { h } from '../dom.ts';
import type { Evaluation } from './evaluation.ts';
import { formatWithUnit } from './formatValue.ts';
import type { LocalGpu } from './measuredRoofs.ts';

function localInputs(inputs: ScenarioInputs, gpu: LocalGpu, memoryBytes: number): ScenarioInputs | null {
  const flops = Math.max(0, ...Object.values(gpu.flopsByDtype));
  try {
    let local = setInputPath(inputs, 'hardware.gpusPerNode', 1);
    local = setInputPath(local, 'hardware.gpuBandwidthBps', gpu.bandwidthBps);
    // one GPU, no NVLink sync: the effective bandwidth is the measured stream bandwidth itself
    local = setInputPath(local, 'empirical.nodeBandwidthEffectiveBps', gpu.bandwidthBps);
    local = setInputPath(local, 'hardware.gpuMemBytes', memoryBytes);
    if (flops > 0) local = setInputPath(local, 'hardware.gpuPeakFlops', flops);
    for (const path of ['tp8.gpusPerReplica', 'tp4.gpusPerReplica', 'scenario.tensorParallel']) {
      local = setInputPath(local, path, 1);
    }
    return local;
  } catch {
    return null;
  }
}

function times(reference: number, local: number | undefined): string {
  return local && local > 0
    ? `${(reference / local).toLocaleString('en-US', { maximumFractionDigits: 1 })}×`
    : '—';
}

const finiteOrEmpty = (value: number) => (Number.isFinite(value) ? value : '');

function figure(
  local: string,
  label: string,
  value: (string | Node)[],
  why: (string | Node)[],
  dataValue?: number,
): HTMLElement {
  return h(
    'div',
    {
      class: 'figure',
      'data-local': local,
      'data-value': dataValue === undefined ? undefined : finiteOrEmpty(dataValue),
    },
    h('div', { class: 'figure-label' }, label),
    h('div', { class: 'figure-value' }, ...value),
    h('div', { class: 'figure-why' }, ...why),
  );
}

const EMPTY_TEXT =
  "Run the measurement (or import a result) to see the selected model's decode ceiling on your GPU, how many of your GPUs its weights need, and how far the B200 is ahead.";

/**
 * `memoryBytes`: your GPU's memory, which WebGPU cannot see: 16 GB (a common consumer size) unless the
 * user types another (kept in the link as `your-gpu-memory`); `memoryProblem` says why a typed value was
 * not taken. Every string here (the adapter's name, the run's date) comes from a document: text only.
 */
export function renderYourGpu(
  host: HTMLElement,
  evaluation: Evaluation,
  gpu: LocalGpu | null,
  memoryBytes: number,
  memoryProblem: string | null = null,
): void {
  let panel = host.querySelector<HTMLElement>('.your-gpu');
  if (!panel) {
    panel = h('div', { class: 'your-gpu' });
    host.append(panel);
  }
  if (!gpu) {
    if (panel.dataset['state'] === 'empty') return;
    panel.dataset['state'] = 'empty';
    panel.replaceChildren(h('h4', {}, 'Your GPU beside the B200'), h('p', {}, EMPTY_TEXT));
    return;
  }
  const { inputs } = evaluation;
  const memory = memoryBytes;
  const local = inputs ? localInputs(inputs, gpu, memory) : null;
  let ceiling = Number.NaN;
  let gpusToLoad = Number.NaN;
  if (local) {
    try {
      const result = evaluateScenario(local);
      ceiling = result.figures['decode.ceiling_tps']?.value ?? Number.NaN;
      gpusToLoad = result.figures['mem.gpus_to_load']?.value ?? Number.NaN;
    } catch {
      // left as NaN: shown as "—" with the reason below
    }
  }
  const b200Ceiling = evaluation.result?.figures['decode.ceiling_tps']?.value;
  const f32 = gpu.flopsByDtype['f32'];
  const f16 = gpu.flopsByDtype['f16'];
  const memoryField = h('input', {
    type: 'number',
    'data-role': 'local-memory',
    min: NUMERIC_FLAGS['your-gpu-memory']?.bound.min,
    max: NUMERIC_FLAGS['your-gpu-memory']?.bound.max,
    step: 1,
    value: memory / 1e9,
  });
  panel.dataset['state'] = 'measured';
  panel.replaceChildren(
    h('h4', {}, 'Your GPU beside the B200'),
    h(
      'p',
      { class: 'local-name' },
      `${gpu.name} · measured ${gpu.createdAt.slice(0, 16).replace('T', ' ')} UTC`,
    ),
    h(
      'div',
      { class: 'figures' },
      figure(
        'decode-ceiling',
        `Decode ceiling of ${inputs?.identity.modelLabel ?? 'the model'} on your GPU (B=1, weights resident)`,
        [formatWithUnit(ceiling, 'tok/s')],
        [
          `the ${inputs?.hardware.gpusPerNode ?? '—'}× ${(inputs?.identity.gpuId ?? '').toUpperCase()} node: ${formatWithUnit(b200Ceiling ?? Number.NaN, 'tok/s')}`,
        ],
        ceiling,
      ),
      h(
        'div',
        { class: 'figure', 'data-local': 'gpus-to-load', 'data-value': finiteOrEmpty(gpusToLoad) },
        h('div', { class: 'figure-label' }, 'Your GPUs to hold the weights'),
        h('div', { class: 'figure-value' }, formatWithUnit(gpusToLoad, '')),
        h('label', { class: 'figure-why' }, 'at ', memoryField, ' GB each (WebGPU cannot see VRAM size)'),
        memoryProblem
          ? h('div', { class: 'figure-why local-memory-problem', role: 'alert' }, memoryProblem)
          : null,
      ),
      figure(
        'bandwidth-multiple',
        'B200 bandwidth ÷ yours',
        [times(B200_REFERENCE.bandwidthBytesPerSecond, gpu.bandwidthBps)],
        [`yours ${formatWithUnit(gpu.bandwidthBps, 'B/s')} vs 8 TB/s`],
      ),
      figure(
        'flops-multiple',
        'B200 FLOP/s ÷ yours',
        [times(B200_REFERENCE.fp32FlopsPerSecond, f32), ' ', h('span', { class: 'unit' }, 'FP32')],
        [
          `${f32 ? `f32 ${formatWithUnit(f32, 'FLOP/s')} vs 80 TFLOP/s` : 'no f32 FMA measurement'}${
            f16
              ? `; f16 ${formatWithUnit(f16, 'FLOP/s')} → FP4 tensor 10 PFLOP/s is ${times(B200_REFERENCE.fp4DenseFlopsPerSecond, f16)}`
              : ''
          }`,
        ],
      ),
    ),
    h(
      'p',
      { class: 'local-note' },
      h('button', { type: 'button', 'data-action': 'use-your-gpu' }, 'Use your GPU as the hardware'),
      ' runs ridgeline’s model (operators, batching, TTFT, cost) on your measured roofs with the memory above.',
    ),
    h(
      'p',
      { class: 'local-note' },
      gpu.gemvCurve.length
        ? `The batched-GEMV curve (${gpu.gemvCurve.length} batch sizes) is drawn on the batching chart, normalised to the model's peak: the same linear climb and bend.`
        : 'No batched-GEMV measurement in this run: run the full suite to overlay it on the batching chart.',
    ),
  );
}
