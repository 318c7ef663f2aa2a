// §5.10 steps 6–8: request lifecycle, Little's law, $/M processed tokens and TTFT (F38–F48).
import type { ScenarioInputs } from '../inputs.ts';
import { type FigureMap, put } from './sink.ts';

export interface LittleValues {
  procTokensPerRequest: number;
  lifecycleTps: number;
  requestRate: number;
  /** F42: processed tok/s of one TP8 replica */
  procTps: number;
  /** F47 */
  costPerMProc: number;
}

/** F39–F42 for a request shape; `e2eOverrideS` replaces the derived e2e (`e2eSource='measured'`). */
export function littleLaw(
  aggregateTps: number,
  concurrency: number,
  outputTokens: number,
  procTokens: number,
  e2eOverrideS: number | null,
) {
  const lifecycleTps = aggregateTps / concurrency;
  const e2eDerivedS = outputTokens / lifecycleTps;
  const e2eS = e2eOverrideS ?? e2eDerivedS;
  const requestRate = concurrency / e2eS;
  return { lifecycleTps, e2eDerivedS, e2eS, requestRate, procTps: requestRate * procTokens };
}

export function littleChain(
  inputs: ScenarioInputs,
  aggregateMeasuredTps: number,
  out: FigureMap,
): LittleValues {
  const {
    freshTokensAvg: fresh,
    cachedTokensAvg: cached,
    outputTokensAvg: output,
    freshTokensMedian,
  } = inputs.request;
  const { concurrency: C, e2eMeasuredS, perPassTimeMeasuredS, ttftP50MeasuredS, gpusPerReplica } = inputs.tp8;
  const s = (n: number) => `5.10 step ${n}`;
  const emp = (label: string, unit: string, formula: string, section: string) =>
    ({ label, unit, formula, section, basis: 'empirical' }) as const;
  const input = (id: string, label: string, unit: string, section: string, value: number) =>
    put(out, id, { label, unit, formula: 'input', section, basis: 'input' }, value);
  input('req.fresh', 'Fresh input tokens per request (avg)', 'tokens', s(6), fresh);
  input('req.cached', 'Cached input tokens per request (avg)', 'tokens', s(6), cached);
  input('req.output', 'Output tokens per request (avg)', 'tokens', s(6), output);
  input('req.output_rounded', 'Output tokens per request ("~1K", I-12)', 'tokens', s(6), output);
  input('req.fresh_median', 'Fresh input tokens per request (median)', 'tokens', s(8), freshTokensMedian);
  input(
    'price.api',
    'API blended price per M processed tokens',
    'USD/Mtok',
    '5.11/6',
    inputs.pricing.apiPricePerMTokUsd,
  );
  const procTokensPerRequest = put(
    out,
    'req.proc',
    emp('Processed tokens per request', 'tokens', 'F38', s(6)),
    fresh + cached + output,
    { fresh, cached, output },
  );
  put(
    out,
    'req.cache_hit_share',
    { ...emp('Cached share of input', '', 'F38', s(6)), blogValue: 0.835 },
    cached / (fresh + cached),
    { fresh, cached },
  );
  put(
    out,
    'req.fresh_share',
    { ...emp('Fresh share of input', '', 'F38', s(6)), blogValue: 0.165 },
    fresh / (fresh + cached),
    { fresh, cached },
  );
  const e2eOverride = inputs.scenario.e2eSource === 'measured' ? e2eMeasuredS : null;
  const law = littleLaw(aggregateMeasuredTps, C, output, procTokensPerRequest, e2eOverride);
  put(out, 'little.lifecycle_tps', emp('Lifecycle per-stream rate', 'tok/s', 'F39', s(6)), law.lifecycleTps, {
    aggregateMeasuredTps,
    concurrency: C,
  });
  put(
    out,
    'little.e2e_derived',
    emp('End-to-end time per request (derived)', 's', 'F40', s(6)),
    law.e2eDerivedS,
    {
      outputTokensAvg: output,
      lifecycleTps: law.lifecycleTps,
    },
  );
  input('little.e2e_measured', 'End-to-end time per request (measured)', 's', s(6), e2eMeasuredS);
  put(
    out,
    'little.req_rate',
    emp('Sustained request rate per replica', 'req/s', 'F41', s(6)),
    law.requestRate,
    {
      concurrency: C,
      e2eS: law.e2eS,
    },
  );
  put(out, 'little.proc_tps', emp('Processed tok/s per replica', 'tok/s', 'F42', s(6)), law.procTps, {
    requestRate: law.requestRate,
    procTokensPerRequest,
  });
  put(
    out,
    'little.output_share',
    emp('Output share of processed throughput', 'tok/s', 'F43', s(6)),
    law.requestRate * output,
    {
      requestRate: law.requestRate,
      outputTokensAvg: output,
    },
  );
  const decodeTimeS = put(
    out,
    'little.decode_time',
    emp('Decode time per request', 's', 'F44', s(6)),
    output * perPassTimeMeasuredS,
    {
      outputTokensAvg: output,
      perPassTimeMeasuredS,
    },
  );
  const composed = put(
    out,
    'little.e2e_composed',
    emp('End-to-end = TTFT + decode time', 's', 'F45', s(6)),
    ttftP50MeasuredS + decodeTimeS,
    {
      ttftP50MeasuredS,
      decodeTimeS,
    },
  );
  put(
    out,
    'little.e2e_composed_gap',
    {
      ...emp('Composed e2e below the measured e2e', '', 'F45', s(6)),
      note: 'the blog says "within 3%" (I-14)',
    },
    (e2eMeasuredS - composed) / e2eMeasuredS,
    {
      e2eMeasuredS,
      e2eComposedS: composed,
    },
  );
  const procTokensPerHour = put(
    out,
    'cost.proc_tokens_per_hour',
    emp('Processed tokens per replica-hour', 'tokens/h', 'F46', s(7)),
    law.procTps * 3600,
    {
      procTps: law.procTps,
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
      note: 'the blog says "within ~20%" (I-14)',
    },
    (ttftNapkin - ttftP50MeasuredS) / ttftP50MeasuredS,
    {
      napkin: ttftNapkin,
      measured: ttftP50MeasuredS,
    },
  );
  return {
    procTokensPerRequest,
    lifecycleTps: law.lifecycleTps,
    requestRate: law.requestRate,
    procTps: law.procTps,
    costPerMProc,
  };
}
