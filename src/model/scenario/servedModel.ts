// The scenario's inputs as the per-operator model sees them: the chosen model's architecture (from its
// preset), the weight format, the KV width, the layout, the device's roofs and links, the efficiencies and
// the engine's memory settings. One line per reason it cannot be modelled.
import type { ModelArchitecture } from '../architecture/types.ts';
import type { Efficiencies } from '../physics/efficiencies.ts';
import { layoutProblems, nodesPerReplica, type ParallelLayout } from '../physics/layout.ts';
import { ACTIVATION_BYTES, type ServedScenario } from '../physics/servedScenario.ts';
import type { DeviceRoofs } from '../physics/time.ts';
import type { ServedModel } from '../physics/types.ts';
import { planForChoice } from '../presets/choice.ts';
import { findModelPreset } from '../presets/lookup.ts';
import type { ScenarioInputs } from './inputs.ts';
import { linkRoofs } from './interconnectInputs.ts';

export function layoutOf(inputs: ScenarioInputs): ParallelLayout {
  const s = inputs.scenario;
  return { tp: s.tensorParallel, pp: s.pipelineParallel, ep: s.expertParallel, dp: s.dataParallel };
}

export function architectureOf(inputs: ScenarioInputs): ModelArchitecture | null {
  return findModelPreset(inputs.identity.modelId)?.architecture ?? null;
}

export function servedModelOf(
  inputs: ScenarioInputs,
  arch: ModelArchitecture,
  layout = layoutOf(inputs),
): ServedModel {
  return {
    arch,
    plan: planForChoice(inputs.projection.weights),
    kvBytesPerValue: inputs.precision.kvBytesPerValue,
    activationBytes: ACTIVATION_BYTES,
    layout,
    gpusPerNode: inputs.hardware.gpusPerNode,
  };
}

export function roofsOf(inputs: ScenarioInputs): DeviceRoofs {
  const peak = inputs.hardware.gpuPeakFlops;
  const ratios = inputs.projection.tensorPeakRatios;
  return {
    bandwidthBps: inputs.hardware.gpuBandwidthBps,
    peakFlops: peak,
    tensorPeaks: { fp4: peak * ratios.fp4, fp8: peak * ratios.fp8, bf16: peak * ratios.bf16 },
    computeUnits: inputs.projection.computeUnits > 0 ? inputs.projection.computeUnits : null,
    ...linkRoofs(inputs.projection.interconnect),
  };
}

/**
 * Problems that keep the per-operator model from running this scenario: an unknown model, a layout the
 * engines refuse, a link the layout needs but the hardware lacks, more accepted than drafted tokens.
 */
export function projectionProblems(inputs: ScenarioInputs): string[] {
  const arch = architectureOf(inputs);
  if (arch === null)
    return [`the per-operator model needs a model preset: '${inputs.identity.modelId}' is none`];
  const layout = layoutOf(inputs);
  const problems = layoutProblems(arch, layout, inputs.hardware.gpusPerNode).map((line) =>
    line.replace(/^(tp|pp|ep|dp)\b/, (key) => `scenario.${layoutPath[key as keyof typeof layoutPath]}`),
  );
  const { interconnect, speculative } = inputs.projection;
  if (layout.tp > 1 && interconnect.intraNodeBps <= 0) {
    problems.push(`scenario.tensorParallel (${layout.tp}) needs a link between GPUs: this hardware has none`);
  }
  const spansNodes =
    nodesPerReplica(layout, inputs.hardware.gpusPerNode) > 1 || layout.ep > inputs.hardware.gpusPerNode;
  if (spansNodes && interconnect.interNodeBps <= 0) {
    problems.push('the layout spans nodes but this hardware has no network between nodes');
  }
  if (speculative.acceptedTokensPerStep > 1 + speculative.draftTokens) {
    problems.push(
      `projection.speculative.acceptedTokensPerStep (${speculative.acceptedTokensPerStep}) must be <= 1 + draftTokens (${1 + speculative.draftTokens})`,
    );
  }
  return problems;
}

const layoutPath = {
  tp: 'tensorParallel',
  pp: 'pipelineParallel',
  ep: 'expertParallel',
  dp: 'dataParallel',
} as const;

/** The scenario ready for the per-operator model, or its problems. */
export function servedScenario(inputs: ScenarioInputs): ServedScenario | { readonly problems: string[] } {
  const problems = projectionProblems(inputs);
  const arch = architectureOf(inputs);
  if (problems.length > 0 || arch === null) return { problems };
  const efficiencies: Efficiencies = inputs.projection.efficiency;
  return {
    model: servedModelOf(inputs, arch),
    roofs: roofsOf(inputs),
    efficiencies,
    capacityBytesPerGpu: inputs.hardware.gpuMemBytes,
    memory: inputs.projection.memory,
    contextTokens: inputs.scenario.kvContextTokens,
    batch: inputs.scenario.batch,
    draftTokens: inputs.projection.speculative.draftTokens,
    acceptedTokensPerStep: inputs.projection.speculative.acceptedTokensPerStep,
  };
}
