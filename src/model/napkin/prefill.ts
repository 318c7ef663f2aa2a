// §4.7–4.9 prefill ceiling and the TTFT illustration (F17–F22).

import type { ScenarioInputs } from '../scenario/inputs.ts';
import type { ResolvedArchitecture } from '../scenario/resolve.ts';
import { type FigureMap, put } from './sink.ts';

export interface PrefillValues {
  prefillTheoreticalTps: number;
  mfuImpliedByMeasuredPrefill: number;
}

export function prefillChain(
  inputs: ScenarioInputs,
  arch: ResolvedArchitecture,
  out: FigureMap,
): PrefillValues {
  const { gpuPeakFlops, gpusPerNode } = inputs.hardware;
  const { prefillRateMeasuredTps, mfuStated } = inputs.empirical;
  const {
    ttftDemoPromptTokens: prompt,
    ttftDemoPrefillTps: prefillTps,
    ttftDemoConcurrentUsers: users,
  } = inputs.scenario;
  const theory = { section: '4.8', basis: 'theoretical' } as const;
  const prefillFlopsPerToken = put(
    out,
    'prefill.flops_per_token',
    { ...theory, label: 'Prefill FLOP per token', unit: 'FLOP', formula: 'F17' },
    arch.prefillFlopsPerToken,
    {
      activeParams: inputs.model.activeParams,
      flopsPerParamPerToken: inputs.precision.flopsPerParamPerToken,
    },
  );
  const nodePeakFlops = put(
    out,
    'prefill.node_flops',
    { ...theory, label: 'Node peak compute (dense)', unit: 'FLOP/s', formula: 'F18' },
    gpuPeakFlops * gpusPerNode,
    { gpuPeakFlops, gpusPerNode },
  );
  const prefillTheoreticalTps = put(
    out,
    'prefill.theoretical_tps',
    { ...theory, label: 'Theoretical prefill rate', unit: 'tok/s', formula: 'F19' },
    nodePeakFlops / prefillFlopsPerToken,
    { nodePeakFlops, prefillFlopsPerToken },
  );
  put(
    out,
    'prefill.measured_tps',
    {
      label: 'Measured node prefill rate',
      unit: 'tok/s',
      formula: 'input',
      section: '4.7/4.8',
      basis: 'input',
    },
    prefillRateMeasuredTps,
  );
  const mfuImpliedByMeasuredPrefill = put(
    out,
    'prefill.mfu_stated',
    {
      label: 'MFU implied by the measured prefill rate',
      unit: '',
      formula: 'F20',
      section: '4.8',
      basis: 'empirical',
      blogValue: 0.064,
      note: 'the blog states 6.4%; 78,000 / 1.25M is 6.24%',
    },
    prefillRateMeasuredTps / prefillTheoreticalTps,
    { prefillRateMeasuredTps, prefillTheoreticalTps },
  );
  put(
    out,
    'prefill.at_stated_mfu',
    {
      label: 'Prefill rate at the stated MFU',
      unit: 'tok/s',
      formula: 'F20',
      section: '4.9',
      basis: 'empirical',
    },
    prefillTheoreticalTps * mfuStated,
    { prefillTheoreticalTps, mfuStated },
  );
  const demo = { section: '4.9', basis: 'theoretical' } as const;
  put(
    out,
    'ttft.demo_single',
    { ...demo, label: 'TTFT, one prompt alone', unit: 's', formula: 'F21' },
    prompt / prefillTps,
    {
      prompt,
      prefillTps,
    },
  );
  const perUserTps = put(
    out,
    'ttft.demo_per_user_rate',
    { ...demo, label: 'Prefill share per user when prefills collide', unit: 'tok/s', formula: 'F22' },
    prefillTps / users,
    { prefillTps, users },
  );
  put(
    out,
    'ttft.demo_shared',
    { ...demo, label: 'TTFT at the shared rate', unit: 's', formula: 'F22' },
    prompt / perUserTps,
    {
      prompt,
      perUserTps,
    },
  );
  return { prefillTheoreticalTps, mfuImpliedByMeasuredPrefill };
}
