// The scenario's inputs as the per-operator model sees them: the chosen model's architecture (from its
// preset), the weight format, the KV width, the layout, the device's roofs and links, the efficiencies and
// the engine's memory settings. One line per reason it cannot be modelled.
import type { ModelArchitecture } from '../architecture/types.ts';
import { architectureProblems } from '../architecture/validate.ts';
import type { Efficiencies } from '../physics/efficiencies.ts';
import { layoutProblems, nodesPerReplica, type ParallelLayout } from '../physics/layout.ts';
import { ACTIVATION_BYTES, type ServedScenario } from '../physics/servedScenario.ts';
import type { DeviceRoofs } from '../physics/time.ts';
import type { ServedModel } from '../physics/types.ts';
import { planForChoice } from '../presets/choice.ts';
import type { ScenarioInputs } from './inputs.ts';
import { linkRoofs } from './interconnectInputs.ts';

export function layoutOf(inputs: ScenarioInputs): ParallelLayout {
  const s = inputs.scenario;
  return { tp: s.tensorParallel, pp: s.pipelineParallel, ep: s.expertParallel, dp: s.dataParallel };
}

export function architectureOf(inputs: ScenarioInputs): ModelArchitecture {
  return inputs.modelArchitecture;
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
  const unusable = architectureProblems(arch);
  if (unusable.length > 0) return unusable.map((line) => `modelArchitecture: ${line}`);
  const layout = layoutOf(inputs);
  const problems = layoutProblems(arch, layout, inputs.hardware.gpusPerNode).map((line) =>
    line.replace(/^(tp|pp|ep|dp)\b/, (key) => `scenario.${layoutPath[key as keyof typeof layoutPath]}`),
  );
  const { interconnect, speculative } = inputs.projection;
  problems.push(...linkProblems(layout, inputs.hardware.gpusPerNode, interconnect));
  if (speculative.acceptedTokensPerStep > 1 + speculative.draftTokens) {
    problems.push(
      `projection.speculative.acceptedTokensPerStep (${speculative.acceptedTokensPerStep}) must be <= 1 + draftTokens (${1 + speculative.draftTokens})`,
    );
  }
  return problems;
}

/**
 * A layout whose collectives need a link the hardware lacks (physics/communication.ts picks the link each
 * one uses): TP all-reduces and, inside one node, PP hand-offs and the EP all-to-all (EP > TP) go over
 * the GPUs' peer link; a replica or EP group past one node goes over the network. Without the check the
 * step time divides by a 0 B/s link.
 */
function linkProblems(
  layout: ParallelLayout,
  gpusPerNode: number,
  interconnect: ScenarioInputs['projection']['interconnect'],
): string[] {
  const problems: string[] = [];
  const noPeerLink = interconnect.intraNodeBps <= 0;
  const noNetwork = interconnect.interNodeBps <= 0;
  const nodes = nodesPerReplica(layout, gpusPerNode);
  if (layout.tp > 1 && noPeerLink) {
    problems.push(`scenario.tensorParallel (${layout.tp}) needs a link between GPUs: this hardware has none`);
  }
  if (layout.pp > 1 && nodes === 1 && noPeerLink) {
    problems.push(
      `scenario.pipelineParallel (${layout.pp}) hands each stage's activations to the next GPU over a peer link: this hardware has no link between its GPUs (use one GPU per replica, or a GPU with NVLink/PCIe peer access)`,
    );
  }
  if (layout.pp > 1 && nodes > 1 && noNetwork) {
    problems.push(
      `scenario.pipelineParallel (${layout.pp}) puts the TP${layout.tp} × PP${layout.pp} replica on ${nodes} nodes of ${gpuCount(gpusPerNode)}: this hardware has no network between nodes`,
    );
  } else if (nodes > 1 && noNetwork) {
    problems.push(
      `the TP${layout.tp} × PP${layout.pp} replica spans ${nodes} nodes of ${gpuCount(gpusPerNode)}: this hardware has no network between nodes`,
    );
  }
  const allToAll = layout.ep > layout.tp;
  if (allToAll && layout.ep <= gpusPerNode && noPeerLink) {
    problems.push(
      `scenario.expertParallel (${layout.ep}) sends each token to experts on other GPUs (an all-to-all over ${layout.ep} GPUs): this hardware has no link between its GPUs`,
    );
  }
  if (layout.ep > gpusPerNode && noNetwork) {
    problems.push(
      `scenario.expertParallel (${layout.ep}) spreads the experts over more than one node of ${gpuCount(gpusPerNode)}: this hardware has no network between nodes`,
    );
  }
  return problems;
}

const gpuCount = (gpus: number): string => (gpus === 1 ? '1 GPU' : `${gpus} GPUs`);

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
  if (problems.length > 0) return { problems };
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
