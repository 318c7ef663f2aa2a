// "Your GPU beside the B200": with a measured (or imported) run, the selected model's chain on the local
// roofs — decode ceiling, GPUs to hold the weights — and how many times the B200's roofs exceed yours
// (B200_REFERENCE: the same preset the Measure chart draws), with a button that makes your GPU the
// scenario's hardware (gpu=your-gpu: ridgeline's model on your roofs). Built with elements and text only.

import { evaluateScenario } from '../../model/evaluate.ts';
import { B200_REFERENCE } from '../../model/presets/reference.ts';
import { NUMERIC_FLAGS } from '../../model/scenario/flagBounds.ts';
import { setInputPath } from '../../model/scenario/inputPaths.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { formatWithUnit, si, times } from '../../model/units/format.ts';
import { h } from '../dom.ts';
import type { Evaluation } from './evaluation.ts';
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

/** reference ÷ local as "×17,300", or "—" without a local value. */
function multiple(reference: number, local: number | undefined): string {
  return local && local > 0 ? times(reference / local) : '—';
}

function figure(
  key: string,
  label: string,
  value: Node | string,
  why: Node | string,
  raw?: number,
): HTMLElement {
  return h(
    'div',
    {
      class: 'figure',
      'data-local': key,
      // a value that is not finite leaves the attribute empty, never "NaN"
      'data-value': raw === undefined ? undefined : Number.isFinite(raw) ? String(raw) : '',
    },
    h('div', { class: 'figure-label' }, label),
    h('div', { class: 'figure-value' }, value),
    h('div', { class: 'figure-why' }, why),
  );
}

/**
 * `memoryBytes`: your GPU's memory, which WebGPU cannot see: 16 GB (a common consumer size) unless the
 * user types another (kept in the link as `your-gpu-memory`).
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
    panel.replaceChildren(
      h('h4', {}, 'Your GPU beside the B200'),
      h(
        'p',
        {},
        "Run the measurement (or import a result) to see the selected model's decode ceiling on your GPU, how many of your GPUs its weights need, and how far the B200 is ahead.",
      ),
    );
    return;
  }
  const { inputs } = evaluation;
  const local = inputs ? localInputs(inputs, gpu, memoryBytes) : null;
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
  const nodeCeiling = evaluation.result?.figures['decode.ceiling_tps']?.value ?? Number.NaN;
  const f32 = gpu.flopsByDtype['f32'];
  const f16 = gpu.flopsByDtype['f16'];
  const memoryInput = h('input', {
    type: 'number',
    'data-role': 'local-memory',
    min: NUMERIC_FLAGS['your-gpu-memory']?.bound.min,
    max: NUMERIC_FLAGS['your-gpu-memory']?.bound.max,
    step: 1,
    value: memoryBytes / 1e9,
    'aria-label': 'Your GPU memory in GB',
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
        formatWithUnit(ceiling, 'tok/s'),
        `the ${inputs?.hardware.gpusPerNode ?? '—'}× ${(inputs?.identity.gpuId ?? '').toUpperCase()} node: ${formatWithUnit(nodeCeiling, 'tok/s')}`,
        ceiling,
      ),
      figure(
        'gpus-to-load',
        'Your GPUs to hold the weights',
        formatWithUnit(gpusToLoad, 'GPUs'),
        h(
          'span',
          {},
          h('label', {}, 'at ', memoryInput, ' GB each (WebGPU cannot see VRAM size)'),
          memoryProblem ? h('span', { class: 'local-memory-problem', role: 'alert' }, memoryProblem) : '',
        ),
        gpusToLoad,
      ),
      figure(
        'bandwidth-multiple',
        'The B200 moves this many times your bytes per second',
        multiple(B200_REFERENCE.bandwidthBytesPerSecond, gpu.bandwidthBps),
        `yours ${si(gpu.bandwidthBps, 'B/s')} vs the B200's ${si(B200_REFERENCE.bandwidthBytesPerSecond, 'B/s')}`,
      ),
      figure(
        'flops-multiple',
        'The B200 does this many times your FP32 FLOP per second',
        h(
          'span',
          {},
          multiple(B200_REFERENCE.fp32FlopsPerSecond, f32),
          ' ',
          h('span', { class: 'unit' }, 'FP32'),
        ),
        `${f32 ? `your f32 ${si(f32, 'FLOP/s')} vs the B200's ${si(B200_REFERENCE.fp32FlopsPerSecond, 'FLOP/s')}` : 'no f32 FMA measurement'}${
          f16
            ? `; its FP4 tensor cores (${si(B200_REFERENCE.fp4DenseFlopsPerSecond, 'FLOP/s')}) are ${multiple(B200_REFERENCE.fp4DenseFlopsPerSecond, f16)} your f16`
            : ''
        }`,
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
