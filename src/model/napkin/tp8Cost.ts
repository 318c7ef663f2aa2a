// §5.10 steps 7–8: TP8 $/M processed tokens (F46–F47) and the TTFT napkin against the measurement (F48).
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { type FigureMap, put } from './sink.ts';

/** Puts F46–F48; returns F47, the TP8 cost per M processed tokens. */
export function tp8CostChain(inputs: ScenarioInputs, procTps: number, out: FigureMap): number {
  const { concurrency: C, ttftP50MeasuredS, gpusPerReplica } = inputs.tp8;
  const { freshTokensMedian } = inputs.request;
  const s = (n: number) => `5.10 step ${n}`;
  const emp = (label: string, unit: string, formula: string, section: string) =>
    ({ label, unit, formula, section, basis: 'empirical' }) as const;
  const input = (id: string, label: string, unit: string, section: string, value: number) =>
    put(out, id, { label, unit, formula: 'input', section, basis: 'input' }, value);
  const procTokensPerHour = put(
    out,
    'cost.proc_tokens_per_hour',
    emp('Processed tokens per replica-hour', 'tokens/h', 'F46', s(7)),
    procTps * 3600,
    {
      procTps,
    },
  );
  const replicaCostPerHour = gpusPerReplica * inputs.pricing.gpuHourUsd;
  const costPerMProc = put(
    out,
    'cost.tp8_per_m',
    emp('TP8 cost per M processed tokens', 'USD/Mtok', 'F47', s(7)),
    replicaCostPerHour / (procTokensPerHour / 1e6),
    {
      nodeCostPerHour: replicaCostPerHour,
      procTokensPerHour,
    },
  );
  const prefillRateMeasuredTps = inputs.empirical.prefillRateMeasuredTps;
  const ttftNapkin = put(
    out,
    'ttft.napkin',
    emp('TTFT napkin (median fresh prompt, C prefills share the rate)', 's', 'F48', s(8)),
    (freshTokensMedian * C) / prefillRateMeasuredTps,
    {
      freshTokensMedian,
      concurrency: C,
      prefillRateMeasuredTps,
    },
  );
  input('ttft.measured_p50', 'Measured TTFT p50 (TP8, c=16)', 's', s(8), ttftP50MeasuredS);
  put(
    out,
    'ttft.napkin_gap',
    {
      ...emp('TTFT napkin above the measurement', '', 'F48', s(8)),
      note: 'the blog says "within ~20%"',
    },
    (ttftNapkin - ttftP50MeasuredS) / ttftP50MeasuredS,
    {
      napkin: ttftNapkin,
      measured: ttftP50MeasuredS,
    },
  );
  return costPerMProc;
}
