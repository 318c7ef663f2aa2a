// The served model's own counts, one line under the table's header and in the JSON's `model`, so a user
// can check a --model-config file (or a --set model.* edit) against the model card: parameters, active
// parameters in both conventions cards use, and the KV bytes a token adds.
import { type ArchitectureSummary, architectureSummary } from '../../model/architecture/summary.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { formatValue } from './projectFormat.ts';

export function modelSummary(inputs: ScenarioInputs): ArchitectureSummary {
  return architectureSummary(inputs.modelArchitecture, inputs.precision.kvBytesPerValue);
}

const KV_NAMES: Readonly<Record<number, string>> = { 1: 'FP8', 2: 'BF16' };

/** "architecture: 8.191 B params, 7.568 B active per token (8.191 B with the input embedding), KV …" */
export function modelSummaryLine(inputs: ScenarioInputs): string {
  const s = modelSummary(inputs);
  const kvWidth = inputs.precision.kvBytesPerValue;
  const kv = `KV ${formatValue(s.kvBytesPerToken, 'B')}/token (${KV_NAMES[kvWidth] ?? `${kvWidth} B/value`})`;
  const window =
    s.slidingWindow === null || s.kvBytesPerTokenPastWindow === null
      ? ''
      : `, ${formatValue(s.kvBytesPerTokenPastWindow, 'B')}/token past the ${s.slidingWindow.tokens}-token window of ${s.slidingWindow.layers} of ${inputs.modelArchitecture.numLayers} layers`;
  const withEmbedding =
    s.activeParamsWithEmbedding === s.activeParams
      ? ''
      : ` (${formatValue(s.activeParamsWithEmbedding, 'params')} with the input embedding)`;
  return `architecture: ${formatValue(s.totalParams, 'params')}, ${formatValue(s.activeParams, 'params')} active per token${withEmbedding}; ${kv}${window}`;
}
