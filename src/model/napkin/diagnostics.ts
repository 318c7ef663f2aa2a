// The spec's diagnostics (docs/spec/napkin-chain.md Appendix B): numbers the blog does not print but that explain
// its inconsistencies (I-6, I-9, I-13, I-16, I-18, I-21, I-25). `…Compat` values re-run the same formula
// with the blog's literal intermediates (22.5 MB experts, 35 KB KV, floored unique experts).

import type { ScenarioInputs } from '../scenario/inputs.ts';
import type { ResolvedArchitecture } from '../scenario/resolve.ts';
import { littleLaw } from './little.ts';
import { memoryTimeS, napkinPerPassS, type PerPassParams, perPassBytes } from './perPassModel.ts';

export interface ChainDiagnosticsInput {
  arch: ResolvedArchitecture;
  params: PerPassParams;
  aggregateNaiveTps: number;
  aggregateMeasuredTps: number;
  procTokensPerRequest: number;
  tp8ProcTps: number;
  tp8CostPerMProc: number;
  tp4CostPerMProc: number;
  tp4NodeProcTps: number;
  selfHostTokensPerMonth: number;
  fleetUtilizationOfSizingTier: number;
  ridgeFlopsPerByte: number;
  decodeFlopsPerByte: number;
  nodeBandwidthRawBps: number;
}

export function chainDiagnostics(inputs: ScenarioInputs, d: ChainDiagnosticsInput) {
  const { empirical: emp, tp8, tp4, model, request, traffic, pricing } = inputs;
  const bw = emp.nodeBandwidthEffectiveBps;
  const C = tp8.concurrency;
  const compatParams: PerPassParams = {
    ...d.params,
    expertBytes: 22.5e6,
    kvBytesPerToken: 35_000,
    rounding: 'floor',
  };
  const bytesAtC = perPassBytes(d.params, C).totalBytes;
  const compatBytesAtC = perPassBytes(compatParams, C).totalBytes;
  const noKv = (p: PerPassParams) => perPassBytes({ ...p, kvContextTokens: 0 }, 1).totalBytes;
  const mbuNoOverlap = (bytes: number) => bytes / ((tp8.perPassTimeMeasuredS - emp.fixedOverheadS) * bw);
  const memoryAtMeasuredMbu = memoryTimeS(bytesAtC, bw, emp.mbuMeasured);
  const routedAtK = (expertBytes: number) => model.expertsPerToken * model.moeLayers * expertBytes;
  const tp4RequestRate = tp4.procTpsMeasured / d.procTokensPerRequest;
  const tp4AggregateOutputTps = tp4RequestRate * request.outputTokensAvg;
  const lifecycleOverSteadyTp8 = d.aggregateMeasuredTps / d.aggregateNaiveTps;
  const proc = d.procTokensPerRequest;
  const variant = (output: number, e2eOverride: number | null) => {
    const procTokens = proc - request.outputTokensAvg + output;
    const law = littleLaw(d.aggregateMeasuredTps, C, output, procTokens, e2eOverride);
    const costPerM = (tp8.gpusPerReplica * pricing.gpuHourUsd) / ((law.procTps * 3600) / 1e6);
    return {
      procTps: law.procTps,
      costPerM,
      e2e: law.e2eS,
      reqRate: law.requestRate,
      uplift: d.tp4NodeProcTps / law.procTps,
    };
  };
  return {
    uniqueExpertsRaw: perPassBytes({ ...d.params, rounding: 'none' }, inputs.scenario.batch).uniqueExperts,
    expertBytesExact: d.arch.expertBytes,
    routedBytes: perPassBytes(d.params, inputs.scenario.batch).routedBytes,
    perPassBytes: bytesAtC,
    perPassBytesCompat: compatBytesAtC,
    mbuImpliedByMeasuredPass: bytesAtC / tp8.perPassTimeMeasuredS / bw,
    mbuImpliedByMeasuredPassCompat: compatBytesAtC / tp8.perPassTimeMeasuredS / bw,
    mbuImpliedNoOverlap: mbuNoOverlap(bytesAtC),
    mbuImpliedNoOverlapCompat: mbuNoOverlap(compatBytesAtC),
    mbuFromAggregateTimesBytesB1: (d.aggregateMeasuredTps * d.arch.bytesPerTokenB1) / bw,
    memoryTimeAtMeasuredMbuS: memoryAtMeasuredMbu,
    napkinAtMeasuredMbuOverlap1S: napkinPerPassS(emp.fixedOverheadS, memoryAtMeasuredMbu, 1),
    napkinAtMeasuredMbuOverlapHalfS: napkinPerPassS(emp.fixedOverheadS, memoryAtMeasuredMbu, 0.5),
    sharedWeightsDerivedBytes: d.arch.bytesPerTokenB1 - routedAtK(d.arch.expertBytes),
    sharedWeightsDerivedCompat: d.arch.bytesPerTokenB1 - routedAtK(22.5e6),
    perPassBytesB1NoKv: noKv(d.params),
    perPassBytesB1NoKvCompat: noKv(compatParams),
    routedParamsAllExperts:
      model.nRoutedExperts * model.moeLayers * (d.arch.expertBytes / inputs.precision.weightBytesPerParam),
    aggregateFitB16Tps: 16 / (emp.fixedOverheadS + emp.perSlotS * 16),
    aggregateFitB32Tps: 32 / (emp.fixedOverheadS + emp.perSlotS * 32),
    fitAsymptoteTps: 1 / emp.perSlotS,
    tp4RequestRate,
    tp4E2eS: tp4.concurrency / tp4RequestRate,
    tp4AggregateOutputTps,
    tp4AggregateOutputTpsPerGpu: tp4AggregateOutputTps / tp4.gpusPerReplica,
    tp4LifecycleTps: tp4AggregateOutputTps / tp4.concurrency,
    lifecycleOverSteadyTp8,
    lifecycleOverSteadyTp4: tp4AggregateOutputTps / tp4.concurrency / tp4.perStreamTps,
    tp4ProcIfSameLifecycleRatio:
      (tp4.concurrency * tp4.perStreamTps * lifecycleOverSteadyTp8 * proc) / request.outputTokensAvg,
    tp4ProcNaive: (tp4.concurrency * tp4.perStreamTps * proc) / request.outputTokensAvg,
    tp8VsApiPremium: d.tp8CostPerMProc / pricing.apiPricePerMTokUsd - 1,
    savingsIdentity: (d.selfHostTokensPerMonth / 1e6) * (pricing.apiPricePerMTokUsd - d.tp4CostPerMProc),
    fleetUtilizationOfSizingTier: d.fleetUtilizationOfSizingTier,
    troughOverP50: traffic.trough.procTps / traffic.p50.procTps,
    trafficRows: (['p50', 'p90', 'p99'] as const).map((key) => ({
      key,
      tokensPerRequest: traffic[key].procTps / traffic[key].qps,
      impliedE2eS: traffic[key].concurrent / traffic[key].qps,
    })),
    decodeCeilingRawTps: d.nodeBandwidthRawBps / d.arch.bytesPerTokenB1,
    ridgeOverDecodeIntensity: d.ridgeFlopsPerByte / d.decodeFlopsPerByte,
    gpusToLoadBf16: Math.ceil((model.totalParams * 2) / inputs.hardware.gpuMemBytes),
    littleVariants: {
      output1000Derived: variant(1000, null),
      output1056MeasuredE2e: variant(request.outputTokensAvg, tp8.e2eMeasuredS),
      output1000MeasuredE2e: variant(1000, tp8.e2eMeasuredS),
    },
  };
}

export type ChainDiagnostics = ReturnType<typeof chainDiagnostics>;
