import { RANGES } from '../units/ranges.ts';
import { totalParams } from './params.ts';
import type { ModelArchitecture } from './types.ts';

const exponent = (text: string): string => text.replace('e+', 'e');

function positiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

/**
 * Problems that would make the derived figures meaningless (NaN, negative bytes), one line each; an
 * empty list means the architecture is usable. Callers turn the first line into their own error.
 */
export function architectureProblems(arch: ModelArchitecture): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, message: string): void => {
    if (!ok) problems.push(message);
  };
  need(positiveInteger(arch.hiddenSize), 'hiddenSize must be a positive integer');
  need(positiveInteger(arch.numLayers), 'numLayers must be a positive integer');
  need(positiveInteger(arch.vocabSize), 'vocabSize must be a positive integer');
  need(positiveInteger(arch.ffnMatrices), 'ffnMatrices must be a positive integer');
  need(positiveInteger(arch.attention.numHeads), 'attention.numHeads must be a positive integer');
  if (arch.normsPerLayer !== undefined) {
    need(
      Number.isInteger(arch.normsPerLayer) && arch.normsPerLayer >= 0 && arch.normsPerLayer <= 16,
      'normsPerLayer must be an integer in 0..16',
    );
  }
  const denseOk =
    Number.isInteger(arch.firstKDenseLayers) &&
    arch.firstKDenseLayers >= 0 &&
    arch.firstKDenseLayers <= arch.numLayers;
  need(denseOk, 'firstKDenseLayers must be an integer in 0..numLayers');
  const hasDenseLayers = arch.moe === null || arch.firstKDenseLayers > 0;
  need(
    !hasDenseLayers || positiveInteger(arch.denseIntermediateSize),
    'denseIntermediateSize must be a positive integer (the model has dense layers)',
  );
  if (arch.attention.kind === 'mla') {
    need(positiveInteger(arch.attention.kvLoraRank), 'attention.kvLoraRank must be a positive integer');
  } else {
    const a = arch.attention;
    need(positiveInteger(a.headDim), 'attention.headDim must be a positive integer');
    need(
      positiveInteger(a.numKvHeads) && a.numKvHeads <= a.numHeads,
      'attention.numKvHeads must be in 1..numHeads',
    );
  }
  if (arch.moe !== null) {
    const m = arch.moe;
    need(positiveInteger(m.routedExperts), 'moe.routedExperts must be a positive integer');
    need(
      positiveInteger(m.expertsPerToken) && m.expertsPerToken <= m.routedExperts,
      'moe.expertsPerToken must be in 1..routedExperts',
    );
    need(positiveInteger(m.moeIntermediateSize), 'moe.moeIntermediateSize must be a positive integer');
  }
  if (arch.slidingWindow !== null) {
    const w = arch.slidingWindow;
    need(positiveInteger(w.tokens), 'slidingWindow.tokens must be a positive integer');
    need(
      Number.isInteger(w.layers) && w.layers >= 0 && w.layers <= arch.numLayers,
      'slidingWindow.layers must be in 0..numLayers',
    );
  }
  if (problems.length === 0) {
    // the scenario's model.totalParams takes this range too: say it here, where the fields are named
    const total = totalParams(arch);
    const { min, max } = RANGES.params;
    need(
      total >= min && total <= max,
      `the fields give ${exponent(total.toExponential(3))} parameters: expected ${exponent(min.toExponential(0))} to ${exponent(max.toExponential(0))} (hiddenSize, numLayers, vocabSize, the experts…)`,
    );
  }
  return problems;
}
