// The derived quantities that a model's architecture may replace (docs/spec/napkin-chain.md F5, F10, F17, F23, F27).
// Priority: a user/preset override, then the architecture derivation (src/model/architecture/), then the
// spec's formula on the config, which is what the blog does.
import type { ScenarioInputs } from './inputs.ts';

export interface ResolvedArchitecture {
  /** F5 */
  weightBytes: number;
  /** F10 */
  bytesPerTokenB1: number;
  /** F17 */
  prefillFlopsPerToken: number;
  /** F23 */
  kvBytesPerToken: number;
  /** F27 */
  expertBytes: number;
}

export function expertBytesFormula(inputs: ScenarioInputs): number {
  const { model, precision } = inputs;
  return model.expertMatrices * model.hiddenSize * model.moeIntermediateSize * precision.weightBytesPerParam;
}

export function kvBytesPerTokenFormula(inputs: ScenarioInputs): number {
  const { model, precision } = inputs;
  return model.numLayers * (model.kvLoraRank + model.qkRopeHeadDim) * precision.kvBytesPerValue;
}

export function resolveArchitecture(inputs: ScenarioInputs): ResolvedArchitecture {
  const { model, precision, architecture, overrides } = inputs;
  return {
    weightBytes: architecture.weightBytes ?? model.totalParams * precision.weightBytesPerParam,
    bytesPerTokenB1: architecture.bytesPerTokenB1 ?? model.activeParams * precision.weightBytesPerParam,
    prefillFlopsPerToken:
      architecture.prefillFlopsPerToken ?? precision.flopsPerParamPerToken * model.activeParams,
    kvBytesPerToken:
      overrides.kvBytesPerToken ?? architecture.kvBytesPerToken ?? kvBytesPerTokenFormula(inputs),
    expertBytes: overrides.expertBytes ?? architecture.expertBytes ?? expertBytesFormula(inputs),
  };
}
