// Turns a choice of model and GPU presets into the chain's inputs (ScenarioInputs). The blog-faithful Kimi
// preset on the blog's B200 at FP4 weights / FP8 KV returns the spec defaults unchanged; any other model
// has its totals, expert and KV bytes, shared bytes per pass and prefill FLOP derived from its architecture.
import {
  activeParams,
  bytesPerParam,
  decodeBytesPerPass,
  expertBytes,
  kvBytesPerTokenAtContext,
  moeLayerCount,
  prefillFlopsPerToken,
  sharedWeightBytesPerPass,
  totalParams,
  totalWeightBytes,
} from '../architecture/index.ts';
import { defaultLayout } from '../physics/defaultLayout.ts';
import { activationBytesPerGpu } from '../physics/memory.ts';
import { ACTIVATION_BYTES } from '../physics/servedScenario.ts';
import { efficienciesFor, kernelPathOf, tensorPeakRatiosFor } from '../presets/efficiencyPlan.ts';
import { BLOG_ENGINE, DEFAULT_ENGINE, engineProfile } from '../presets/engines.ts';
import {
  computePrecisionForChoice,
  type GpuPreset,
  gpuPreset,
  kvBytesForChoice,
  type ModelPreset,
  modelPreset,
  peakFor,
  planForChoice,
  type ScenarioChoice,
  scenarioChoiceProblems,
  weightFormatForChoice,
} from '../presets/index.ts';
import { si } from '../units/format.ts';
import type { ScenarioInputs } from './inputs.ts';
import { interconnectInputs } from './interconnectInputs.ts';
import { layoutOf } from './servedModel.ts';

/** The blog's usable share of raw node bandwidth: 50 of 64 TB/s, "raw minus sync overhead" (§4.2). */
export const BLOG_BANDWIDTH_EFFICIENCY = 50 / 64;

/** The blog's 5.6 GB shared weights per pass is asserted at FP4 (0.5 B/param, spec I-6). */
const BLOG_WEIGHT_BYTES_PER_PARAM = 0.5;

export interface BuiltScenario {
  readonly inputs: ScenarioInputs;
  /** What was assumed or substituted, one sentence each, for the output to show. */
  readonly notes: readonly string[];
}

function applyHardware(
  inputs: ScenarioInputs,
  base: ScenarioInputs,
  gpu: GpuPreset,
  model: ModelPreset,
  gpusPerNode: number,
  choice: ScenarioChoice,
  notes: string[],
): void {
  const peak = peakFor(gpu, computePrecisionForChoice[choice.weights ?? 'fp4']);
  if (peak.note !== null) notes.push(peak.note);
  inputs.hardware = {
    gpuMemBytes: gpu.memoryBytes,
    gpusPerNode,
    gpuBandwidthBps: gpu.bandwidthBytesPerSecond,
    gpuPeakFlops: peak.flopsPerSecond,
  };
  inputs.empirical.nodeBandwidthEffectiveBps =
    gpu.bandwidthBytesPerSecond * gpusPerNode * BLOG_BANDWIDTH_EFFICIENCY;
  inputs.tp8.gpusPerReplica = Math.min(base.tp8.gpusPerReplica, gpusPerNode);
  inputs.tp4.gpusPerReplica = Math.min(base.tp4.gpusPerReplica, gpusPerNode);
  if (gpusPerNode < base.tp8.gpusPerReplica) {
    const gpus = gpusPerNode === 1 ? '1 GPU' : `${gpusPerNode} GPUs`;
    notes.push(`${gpus} per node: the TP8/TP4 replicas are capped at ${gpus}`);
  }
  inputs.projection.interconnect = interconnectInputs(gpu.interconnect);
  // GPUs with no link between them (Macs' unified memory, a lone card) serve TP1 unless told otherwise
  const preferredTp = inputs.projection.interconnect.intraNodeBps > 0 ? base.scenario.tensorParallel : 1;
  const layout = defaultLayout(model.architecture, gpusPerNode, preferredTp, choice);
  inputs.scenario.tensorParallel = layout.tp;
  inputs.scenario.pipelineParallel = layout.pp;
  inputs.scenario.expertParallel = layout.ep;
  inputs.scenario.dataParallel = layout.dp;
  // the serving engine: the blog-faithful model keeps the blog's own load-test calibration
  const engine = engineProfile(choice.engine ?? (model.blogFaithful ? BLOG_ENGINE : DEFAULT_ENGINE));
  const path = kernelPathOf(choice.weights ?? 'fp4');
  inputs.projection.engine = engine.id as ScenarioInputs['projection']['engine'];
  inputs.projection.memory = engine.memory(gpu.memoryBytes, gpu.id);
  inputs.projection.efficiency = efficienciesFor(gpu, engine, path);
  inputs.projection.tensorPeakRatios = tensorPeakRatiosFor(gpu, path);
  inputs.projection.computeUnits = gpu.computeUnits ?? 0;
}

/**
 * The napkin's activation reserve for a node that is not the blog's: what ridgeline's model derives per GPU
 * (the activation peak of one max_num_batched_tokens forward, physics/memory.ts) times the node's GPUs, in place
 * of the blog's 80 GB for its 8×B200 node.
 */
function applyDerivedActivations(inputs: ScenarioInputs, model: ModelPreset, notes: string[]): void {
  const perGpu = activationBytesPerGpu(
    model.architecture,
    layoutOf(inputs),
    inputs.projection.memory,
    ACTIVATION_BYTES,
  );
  inputs.empirical.activationsBytes = perGpu * inputs.hardware.gpusPerNode;
  notes.push(
    `activations derived from ${inputs.projection.memory.maxBatchedTokens} batched tokens: ${si(perGpu, 'B')} per GPU (the blog asserts 80 GB for its 8×B200 node)`,
  );
}

function applyModelConfig(inputs: ScenarioInputs, preset: ModelPreset): void {
  const arch = preset.architecture;
  const a = arch.attention;
  inputs.model = {
    totalParams: preset.blogFaithful && preset.published ? preset.published.totalParams : totalParams(arch),
    activeParams:
      preset.blogFaithful && preset.published ? preset.published.activeParams : activeParams(arch),
    hiddenSize: arch.hiddenSize,
    numAttentionHeads: a.numHeads,
    nRoutedExperts: arch.moe?.routedExperts ?? 0,
    nSharedExperts: arch.moe?.sharedExperts ?? 0,
    expertsPerToken: arch.moe?.expertsPerToken ?? 0,
    moeIntermediateSize: arch.moe?.moeIntermediateSize ?? 0,
    expertMatrices: arch.ffnMatrices,
    numLayers: arch.numLayers,
    moeLayers: moeLayerCount(arch),
    kvLoraRank: a.kind === 'mla' ? a.kvLoraRank : 0,
    qkRopeHeadDim: a.kind === 'mla' ? a.qkRopeHeadDim : 0,
    contextWindowTokens: preset.contextWindowTokens,
  };
}

/** Everything the spec asserts or gives by formula, derived instead from the architecture (see docs above). */
function applyArchitecture(
  inputs: ScenarioInputs,
  preset: ModelPreset,
  choice: ScenarioChoice,
  notes: string[],
): void {
  const arch = preset.architecture;
  const plan = planForChoice(choice.weights ?? 'fp4');
  const kvBytes = kvBytesForChoice(choice.kv ?? 'fp8');
  const context = inputs.scenario.kvContextTokens;
  inputs.architecture = {
    weightBytes: totalWeightBytes(arch, plan),
    // weights read for one token at B=1 (the spec's F10 meaning: KV reads are counted separately)
    bytesPerTokenB1: decodeBytesPerPass(arch, plan, kvBytes, 1, 0).total,
    expertBytes: arch.moe === null ? null : expertBytes(arch, plan),
    // equals kvBytesPerToken without sliding windows; with them, the average at the scenario's context
    kvBytesPerToken: kvBytesPerTokenAtContext(arch, kvBytes, context),
    // a prompt of `context` fresh tokens, attention term included (architecture/prefill.ts)
    prefillFlopsPerToken: prefillFlopsPerToken(arch, context),
  };
  // Read every pass whatever B: attention, dense FFN, shared experts, norms/routers, LM head. The B input
  // embedding rows (B × hidden values, < 1e-5 of a pass) are left out: the chain has no B-dependent term.
  inputs.empirical.sharedWeightsBytesPerPass = sharedWeightBytesPerPass(arch, plan);
  const weightFlops = 2 * inputs.model.activeParams;
  const gflop = (flop: number) => si(flop, 'FLOP');
  notes.push(
    `prefill FLOP per token includes attention over a ${context}-token prompt: ${gflop(inputs.architecture.prefillFlopsPerToken ?? weightFlops)} (2 × active alone: ${gflop(weightFlops)})`,
  );
  if (inputs.overrides.expertBytes !== null || inputs.overrides.kvBytesPerToken !== null) {
    notes.push('the blog_compat expert/KV overrides are the blog’s Kimi figures: cleared for this model');
  }
  inputs.overrides.expertBytes = null;
  inputs.overrides.kvBytesPerToken = null;
  notes.push(
    'empirical inputs (linear fit, measured pass time, TP4 throughput, traffic) are the blog’s Kimi K2.6 on 8×B200 measurements',
  );
}

/** The chosen context; without a choice, the base's (80K) capped at the model's window, with a note. */
function contextFor(
  model: ModelPreset,
  base: ScenarioInputs,
  choice: ScenarioChoice,
  notes: string[],
): number {
  const window = model.contextWindowTokens;
  const wanted = choice.context ?? base.scenario.kvContextTokens;
  if (wanted <= window) return wanted;
  if (choice.context !== undefined) {
    notes.push(`context ${wanted} tokens exceeds ${model.displayName}'s ${window}-token window`);
    return wanted;
  }
  notes.push(`context capped at ${model.displayName}'s ${window}-token window (the blog's is 80,000)`);
  return window;
}

/**
 * The workload's request at another context: the base's request (the blog's coding agent, ~81K tokens at
 * its 80,000-token context) scaled so that its median prompt and output together fill the chosen context
 * (at most the model's window). The base context keeps the base workload as is.
 */
function scaleWorkload(
  inputs: ScenarioInputs,
  base: ScenarioInputs,
  windowTokens: number,
  notes: string[],
): void {
  // a context past the model's window (allowed, with a note) gives requests that fill the window
  const context = Math.min(inputs.scenario.kvContextTokens, windowTokens);
  if (context === base.scenario.kvContextTokens) return;
  const w = base.workload;
  const total = w.cachedTokens.median + w.freshTokens.median + w.outputTokens.median;
  if (!(total > 0)) return;
  const f = context / total;
  const scaled = (median: number, min: number) => Math.max(min, Math.floor(median * f));
  inputs.workload = {
    ...w,
    cachedTokens: { ...w.cachedTokens, median: scaled(w.cachedTokens.median, 0) },
    freshTokens: { ...w.freshTokens, median: scaled(w.freshTokens.median, 1) },
    outputTokens: { ...w.outputTokens, median: scaled(w.outputTokens.median, 1) },
  };
  const n = (x: number) => x.toLocaleString('en-US');
  notes.push(
    `the load workload is the blog's request scaled to the ${n(context)}-token context: ${n(inputs.workload.cachedTokens.median)} cached + ${n(inputs.workload.freshTokens.median)} fresh prompt tokens, ${n(inputs.workload.outputTokens.median)} output (medians)`,
  );
}

export function buildScenario(base: ScenarioInputs, choice: ScenarioChoice): BuiltScenario {
  const problems = scenarioChoiceProblems(choice);
  if (problems.length > 0) throw new Error(problems[0]);
  const model =
    choice.customModel !== undefined && choice.customModel.id === choice.modelId
      ? choice.customModel
      : modelPreset(choice.modelId);
  const gpu =
    choice.customGpu !== undefined && choice.customGpu.id === choice.gpuId
      ? choice.customGpu
      : gpuPreset(choice.gpuId);
  const weights = choice.weights ?? 'fp4';
  const notes: string[] = [];
  const inputs = structuredClone(base);
  inputs.identity = {
    modelId: model.id,
    modelLabel: model.displayName,
    gpuId: gpu.id,
    gpuLabel: gpu.displayName,
  };
  inputs.modelArchitecture = structuredClone(model.architecture);
  inputs.scenario.batch = choice.batch ?? base.scenario.batch;
  inputs.scenario.kvContextTokens = contextFor(model, base, choice, notes);
  scaleWorkload(inputs, base, model.contextWindowTokens, notes);
  inputs.precision.weightBytesPerParam = bytesPerParam(weightFormatForChoice[weights]);
  inputs.precision.kvBytesPerValue = kvBytesForChoice(choice.kv ?? 'fp8');
  inputs.projection.weights = weights;
  applyHardware(inputs, base, gpu, model, choice.gpusPerNode ?? gpu.defaultGpusPerNode, choice, notes);
  applyModelConfig(inputs, model);
  const blogNode =
    model.blogFaithful && (gpu.id === 'b200' || gpu.id === 'b200-hgx') && inputs.hardware.gpusPerNode === 8;
  if (!blogNode) applyDerivedActivations(inputs, model, notes);
  if (model.blogFaithful) {
    // The blog's asserted inputs stay; its FP4 shared-weight bytes scale with the chosen precision.
    const scale = inputs.precision.weightBytesPerParam / BLOG_WEIGHT_BYTES_PER_PARAM;
    inputs.empirical.sharedWeightsBytesPerPass = base.empirical.sharedWeightsBytesPerPass * scale;
    if (scale !== 1)
      notes.push(`the blog's 5.6 GB shared weights per pass (FP4) scaled ×${scale} for ${weights}`);
  } else {
    applyArchitecture(inputs, model, choice, notes);
  }
  return { inputs, notes };
}

/** The chain's inputs for a choice; throws an Error with a one-line message for an invalid choice. */
export function buildScenarioInputs(base: ScenarioInputs, choice: ScenarioChoice): ScenarioInputs {
  return buildScenario(base, choice).inputs;
}
