import { clipForMessage } from '../text/plainText.ts';
import { type GpuId, gpuPresets } from './gpus.ts';
import type { GpuPreset } from './gpuTypes.ts';
import { type ModelId, modelPresets } from './models.ts';
import type { ModelPreset } from './modelTypes.ts';

/** The ids a caller (the CLI's --model/--gpu, the page's selects) may pass, in display order. */
export const modelIds: readonly ModelId[] = modelPresets.map((preset) => preset.id);
export const gpuIds: readonly GpuId[] = gpuPresets.map((preset) => preset.id);

export function isModelId(id: string): id is ModelId {
  return (modelIds as readonly string[]).includes(id);
}

export function isGpuId(id: string): id is GpuId {
  return (gpuIds as readonly string[]).includes(id);
}

/** One line naming the bad value and the allowed ones, for a CLI usage error or a UI message. */
export function unknownIdMessage(kind: 'model' | 'gpu', id: string): string {
  const allowed = kind === 'model' ? modelIds : gpuIds;
  return `unknown ${kind} '${clipForMessage(id)}': allowed are ${allowed.join(', ')}`;
}

export function findModelPreset(id: string): ModelPreset | undefined {
  return modelPresets.find((preset) => preset.id === id);
}

export function findGpuPreset(id: string): GpuPreset | undefined {
  return gpuPresets.find((preset) => preset.id === id);
}

/** The preset for an id, or an Error whose message is unknownIdMessage (no stack reaches a user). */
export function modelPreset(id: string): ModelPreset {
  const preset = findModelPreset(id);
  if (preset === undefined) throw new Error(unknownIdMessage('model', id));
  return preset;
}

export function gpuPreset(id: string): GpuPreset {
  const preset = findGpuPreset(id);
  if (preset === undefined) throw new Error(unknownIdMessage('gpu', id));
  return preset;
}
