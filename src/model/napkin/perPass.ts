// §5.9–5.10 steps 1–5: the per-pass decode model at the scenario batch and the TP8 measurement (F26–F37).

import type { ScenarioInputs } from '../scenario/inputs.ts';
import type { ResolvedArchitecture } from '../scenario/resolve.ts';
import { measuredPassChain } from './measuredPass.ts';
import {
  fitPerPassS,
  memoryTimeS,
  napkinPerPassS,
  type PerPassParams,
  perPassBytes,
} from './perPassModel.ts';
import { type FigureMap, put } from './sink.ts';
import { throughputChain } from './throughput.ts';

export interface PerPassValues {
  params: PerPassParams;
  /** F30 at the measured TP8 concurrency */
  perPassBytesMeasuredBatch: number;
  aggregateNaiveTps: number;
  aggregateMeasuredTps: number;
}

export function perPassParams(inputs: ScenarioInputs, arch: ResolvedArchitecture): PerPassParams {
  return {
    nRoutedExperts: inputs.model.nRoutedExperts,
    expertsPerToken: inputs.model.expertsPerToken,
    moeLayers: inputs.model.moeLayers,
    expertBytes: arch.expertBytes,
    sharedWeightsBytesPerPass: inputs.empirical.sharedWeightsBytesPerPass,
    kvBytesPerToken: arch.kvBytesPerToken,
    kvContextTokens: inputs.scenario.kvContextTokens,
    rounding: inputs.scenario.uniqueExpertsRounding,
  };
}

const step = (n: number) => `5.10 step ${n}`;

export function perPassChain(
  inputs: ScenarioInputs,
  arch: ResolvedArchitecture,
  out: FigureMap,
): PerPassValues {
  const params = perPassParams(inputs, arch);
  const { batch: B, kvContextTokens: ctx } = inputs.scenario;
  const {
    nodeBandwidthEffectiveBps: bw,
    mbuNapkin,
    overlapFactor,
    fixedOverheadS,
    perSlotS,
  } = inputs.empirical;
  const { concurrency: C, perPassTimeMeasuredS: measured } = inputs.tp8;
  const { nRoutedExperts: E, expertsPerToken: k, moeLayers } = inputs.model;
  const at = perPassBytes(params, B);
  const theory = { section: step(1), basis: 'theoretical' } as const;
  put(
    out,
    'pass.unique_experts',
    { ...theory, label: `Unique experts per layer at B=${B}`, unit: 'experts', formula: 'F26' },
    at.uniqueExperts,
    { E, k, B },
  );
  put(
    out,
    'pass.expert_slots_naive',
    { ...theory, label: 'Expert slots without sharing (B·k)', unit: 'experts', formula: 'F26' },
    B * k,
    { B, k },
  );
  put(
    out,
    'pass.expert_bytes',
    { ...theory, label: 'Bytes of one expert (one layer)', unit: 'B', formula: 'F27', blogValue: 22.5e6 },
    arch.expertBytes,
    {
      expertMatrices: inputs.model.expertMatrices,
      hiddenSize: inputs.model.hiddenSize,
      moeIntermediateSize: inputs.model.moeIntermediateSize,
    },
  );
  put(
    out,
    'pass.routed_bytes',
    { ...theory, label: 'Routed expert bytes per pass', unit: 'B', formula: 'F28' },
    at.routedBytes,
    {
      uniqueExperts: at.uniqueExperts,
      moeLayers,
      expertBytes: arch.expertBytes,
    },
  );
  const shared = params.sharedWeightsBytesPerPass;
  put(
    out,
    'pass.shared_bytes',
    {
      label: 'Shared weights read per pass (asserted)',
      unit: 'B',
      formula: 'input',
      section: step(1),
      basis: 'input',
    },
    shared,
  );
  put(
    out,
    'pass.kv_read_bytes',
    { ...theory, label: 'KV bytes read per pass', unit: 'B', formula: 'F29' },
    at.kvReadBytes,
    {
      B,
      kvBytesPerToken: arch.kvBytesPerToken,
      ctx,
    },
  );
  put(
    out,
    'pass.total_bytes',
    { ...theory, basis: 'empirical', label: 'Bytes per pass', unit: 'B', formula: 'F30' },
    at.totalBytes,
    {
      routed: at.routedBytes,
      shared,
      kv: at.kvReadBytes,
    },
  );
  const memTime = put(
    out,
    'pass.memory_time_napkin',
    {
      label: 'Memory time per pass (napkin)',
      unit: 's',
      formula: 'F31',
      section: step(2),
      basis: 'theoretical',
    },
    memoryTimeS(at.totalBytes, bw, mbuNapkin),
    { perPassBytes: at.totalBytes, nodeBandwidthEffectiveBps: bw, mbuNapkin },
  );
  const s3 = step(3);
  put(
    out,
    'pass.time_napkin',
    { label: 'Per-pass time (napkin)', unit: 's', formula: 'F32', section: s3, basis: 'theoretical' },
    napkinPerPassS(fixedOverheadS, memTime, overlapFactor),
    {
      fixedOverheadS,
      memoryTime: memTime,
      overlapFactor,
    },
  );
  put(
    out,
    'pass.time_fit',
    {
      label: `Per-pass time (linear fit) at B=${B}`,
      unit: 's',
      formula: 'F33',
      section: s3,
      basis: 'empirical',
    },
    fitPerPassS(fixedOverheadS, perSlotS, B),
    {
      fixedOverheadS,
      perSlotS,
      B,
    },
  );
  const input = (id: string, label: string, unit: string, section: string, value: number) =>
    put(out, id, { label, unit, formula: 'input', section, basis: 'input' }, value);
  input('pass.time_measured', `Measured per-pass time (TP8, B=${C})`, 's', s3, measured);
  input('pass.fixed_overhead', 'Fixed overhead per pass (fit intercept)', 's', '5.9/5.10', fixedOverheadS);
  input('pass.per_slot', 'Time per batch slot (fit slope)', 's', '5.10', perSlotS);
  input('pass.mbu_napkin', 'Napkin MBU', '', step(2), mbuNapkin);
  input('pass.overlap', 'Napkin overlap factor', '', s3, overlapFactor);
  const perPassBytesMeasuredBatch = measuredPassChain(inputs, params, out);
  const { aggregateNaiveTps, aggregateMeasuredTps } = throughputChain(inputs, out);
  return { params, perPassBytesMeasuredBatch, aggregateNaiveTps, aggregateMeasuredTps };
}
