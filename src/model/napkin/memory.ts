// §3–4 weights and the node's VRAM budget (F5–F9).

import type { ScenarioInputs } from '../scenario/inputs.ts';
import type { ResolvedArchitecture } from '../scenario/resolve.ts';
import { type FigureMap, put } from './sink.ts';

export interface MemoryValues {
  weightBytes: number;
  nodeVramBytes: number;
  kvBudgetBytes: number;
  /** false when weights plus activations exceed the node's memory: the model does not fit */
  fits: boolean;
}

export function memoryChain(
  inputs: ScenarioInputs,
  arch: ResolvedArchitecture,
  out: FigureMap,
): MemoryValues {
  const { gpuMemBytes, gpusPerNode } = inputs.hardware;
  const { totalParams } = inputs.model;
  const { activationsBytes } = inputs.empirical;
  const given = { unit: 'params', formula: 'input', section: '1', basis: 'input' } as const;
  put(out, 'model.total_params', { ...given, label: 'Total parameters' }, totalParams);
  put(
    out,
    'model.active_params',
    { ...given, label: 'Active parameters per token' },
    inputs.model.activeParams,
  );
  const weightBytes = put(
    out,
    'mem.weight_bytes',
    { label: 'Weight bytes', unit: 'B', formula: 'F5', section: '3.1', basis: 'theoretical' },
    arch.weightBytes,
    { totalParams, weightBytesPerParam: inputs.precision.weightBytesPerParam },
  );
  const loadMeta = { unit: 'GPUs', formula: 'F6', section: '3.2', basis: 'theoretical' } as const;
  put(
    out,
    'mem.gpus_to_load_raw',
    { ...loadMeta, label: 'GPUs to hold the weights (raw quotient)' },
    weightBytes / gpuMemBytes,
    {
      weightBytes,
      gpuMemBytes,
    },
  );
  put(
    out,
    'mem.gpus_to_load',
    { ...loadMeta, label: 'GPUs to hold the weights (load floor)' },
    Math.ceil(weightBytes / gpuMemBytes),
    { weightBytes, gpuMemBytes },
  );
  // §3.3's FP8 variant: 1 byte per parameter.
  const fp8Bytes = totalParams * 1;
  const fp8Meta = { formula: 'F5/F6', section: '3.3', basis: 'theoretical' } as const;
  put(out, 'mem.weight_bytes_fp8', { ...fp8Meta, label: 'Weight bytes at FP8', unit: 'B' }, fp8Bytes, {
    totalParams,
    weightBytesPerParam: 1,
  });
  put(
    out,
    'mem.gpus_to_load_fp8',
    { ...fp8Meta, label: 'GPUs to hold FP8 weights', unit: 'GPUs' },
    Math.ceil(fp8Bytes / gpuMemBytes),
    {
      weightBytes: fp8Bytes,
      gpuMemBytes,
    },
  );
  const nodeVramBytes = put(
    out,
    'mem.node_vram',
    { label: 'Node VRAM', unit: 'B', formula: 'F7', section: '2', basis: 'theoretical' },
    gpuMemBytes * gpusPerNode,
    { gpuMemBytes, gpusPerNode },
  );
  const afterWeights = put(
    out,
    'mem.after_weights',
    { label: 'VRAM left after weights', unit: 'B', formula: 'F8', section: '4', basis: 'theoretical' },
    nodeVramBytes - weightBytes,
    { nodeVramBytes, weightBytes },
  );
  put(
    out,
    'mem.activations',
    {
      label: 'Activation working memory (asserted)',
      unit: 'B',
      formula: 'input',
      section: '4',
      basis: 'input',
    },
    activationsBytes,
  );
  const kvBudgetBytes = put(
    out,
    'mem.kv_budget',
    { label: 'KV cache budget', unit: 'B', formula: 'F9', section: '4', basis: 'empirical' },
    afterWeights - activationsBytes,
    { nodeVramBytes, weightBytes, activationsBytes },
  );
  return { weightBytes, nodeVramBytes, kvBudgetBytes, fits: kvBudgetBytes > 0 };
}
