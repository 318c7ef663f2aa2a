// §5.10 step 3 and §4.3: the napkin and the fit against the measured TP8 pass, and the MBU it implies
// (F33 gaps, F37a = F14, F37b). They compare against the measurement, so they use the batch it was taken
// at (tp8.concurrency), whatever the scenario batch.
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { napkinAndFitPassS, type PerPassParams, perPassBytes } from './perPassModel.ts';
import { type FigureMap, put } from './sink.ts';

/** Puts the gap and MBU figures; returns F30 at the measured batch. */
export function measuredPassChain(inputs: ScenarioInputs, params: PerPassParams, out: FigureMap): number {
  const { nodeBandwidthEffectiveBps: bw, fixedOverheadS } = inputs.empirical;
  const { concurrency: C, perPassTimeMeasuredS: measured } = inputs.tp8;
  const s3 = '5.10 step 3';
  const atC = perPassBytes(params, C);
  const { napkin: napkinAtC, fit: fitAtC } = napkinAndFitPassS(inputs.empirical, atC.totalBytes, C);
  put(
    out,
    'pass.fit_gap',
    { label: 'Linear fit below the measurement', unit: '', formula: 'F33', section: s3, basis: 'empirical' },
    (measured - fitAtC) / measured,
    {
      measured,
      fit: fitAtC,
    },
  );
  put(
    out,
    'pass.napkin_gap',
    { label: 'Measurement over napkin', unit: '×', formula: 'F33', section: s3, basis: 'empirical' },
    measured / napkinAtC,
    {
      measured,
      napkin: napkinAtC,
    },
  );
  put(
    out,
    'pass.mbu_reality_13',
    {
      label: 'MBU implied without overlap ("closer to 13%")',
      unit: '',
      formula: 'F37b',
      section: s3,
      basis: 'empirical',
      blogValue: 0.13,
    },
    atC.totalBytes / ((measured - fixedOverheadS) * bw),
    { perPassBytes: atC.totalBytes, measured, fixed: fixedOverheadS, bw },
  );
  put(
    out,
    'decode.mbu_measured_reproduced',
    {
      label: 'MBU implied by the measured pass',
      unit: '',
      formula: 'F37a',
      section: '4.3',
      basis: 'empirical',
      blogValue: 0.11,
    },
    atC.totalBytes / measured / bw,
    { perPassBytes: atC.totalBytes, perPassTimeMeasuredS: measured, nodeBandwidthEffectiveBps: bw },
  );
  return atC.totalBytes;
}
