// §5.10 step 6: request shape, lifecycle and Little's law (F38–F45); steps 7–8 are in tp8Cost.ts.
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { type FigureMap, put } from './sink.ts';
import { tp8CostChain } from './tp8Cost.ts';

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
  const { concurrency: C, e2eMeasuredS, perPassTimeMeasuredS, ttftP50MeasuredS } = inputs.tp8;
  const s = (n: number) => `5.10 step ${n}`;
  const emp = (label: string, unit: string, formula: string, section: string) =>
    ({ label, unit, formula, section, basis: 'empirical' }) as const;
  const input = (id: string, label: string, unit: string, section: string, value: number) =>
    put(out, id, { label, unit, formula: 'input', section, basis: 'input' }, value);
  input('req.fresh', 'Fresh input tokens per request (avg)', 'tokens', s(6), fresh);
  input('req.cached', 'Cached input tokens per request (avg)', 'tokens', s(6), cached);
  input('req.output', 'Output tokens per request (avg)', 'tokens', s(6), output);
  input('req.output_rounded', 'Output tokens per request ("~1K")', 'tokens', s(6), output);
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
      note: 'the blog says "within 3%"',
    },
    (e2eMeasuredS - composed) / e2eMeasuredS,
    {
      e2eMeasuredS,
      e2eComposedS: composed,
    },
  );
  const costPerMProc = tp8CostChain(inputs, law.procTps, out);
  return {
    procTokensPerRequest,
    lifecycleTps: law.lifecycleTps,
    requestRate: law.requestRate,
    procTps: law.procTps,
    costPerMProc,
  };
}
