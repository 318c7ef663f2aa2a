// Decode throughput from the per-operator model at every batch B = 1…maxBatch: step time, per-stream
// and aggregate tok/s, the MBU and MFU the step achieves and what bounds it. Typed arrays, index i =
// batch i + 1. Speculative decoding advances each stream `acceptedTokensPerStep` tokens per step.

import { type LinearStep, linearDecode, linearStepAt } from './linearDecode.ts';
import type { ServedScenario } from './servedScenario.ts';
import { decodeShape, type StepBreakdown, timeStep } from './step.ts';
import { BOUND_BY, type BoundBy } from './types.ts';

export interface DecodePoint {
  readonly batch: number;
  readonly step: StepBreakdown;
  readonly perStreamTps: number;
  readonly aggregateTps: number;
  /** HBM bytes the step moves per GPU ÷ (step time × bandwidth) */
  readonly mbu: number;
  /** FLOP per GPU at each operator's tensor-path peak ÷ step time */
  readonly mfu: number;
}

export function decodePoint(scenario: ServedScenario, batch: number): DecodePoint {
  const step = timeStep(
    scenario,
    decodeShape(batch, scenario.contextTokens, scenario.draftTokens),
    scenario.draftTokens,
  );
  const tokensPerStep = scenario.acceptedTokensPerStep;
  return {
    batch,
    step,
    perStreamTps: tokensPerStep / step.seconds,
    aggregateTps: (batch * tokensPerStep) / step.seconds,
    mbu: step.hbmBytes / step.seconds / scenario.roofs.bandwidthBps,
    mfu: step.tensorSeconds / step.seconds,
  };
}

export interface DecodeCurve {
  readonly maxBatch: number;
  readonly stepSeconds: Float64Array;
  readonly perStreamTps: Float64Array;
  readonly aggregateTps: Float64Array;
  readonly mbu: Float64Array;
  readonly mfu: Float64Array;
  /** index into BOUND_BY */
  readonly boundBy: Uint8Array;
}

/** The curve from the step's exact affine form in B (linearDecode.ts): the same numbers as decodePoint. */
export function decodeCurve(scenario: ServedScenario, maxBatch: number): DecodeCurve {
  const curve: DecodeCurve = {
    maxBatch,
    stepSeconds: new Float64Array(maxBatch),
    perStreamTps: new Float64Array(maxBatch),
    aggregateTps: new Float64Array(maxBatch),
    mbu: new Float64Array(maxBatch),
    mfu: new Float64Array(maxBatch),
    boundBy: new Uint8Array(maxBatch),
  };
  const linear = linearDecode(scenario);
  const tokensPerStep = scenario.acceptedTokensPerStep;
  const { bandwidthBps } = scenario.roofs;
  const step: LinearStep = { seconds: 0, hbmBytes: 0, flops: 0, tensorSeconds: 0, boundBy: 0 };
  for (let i = 0; i < maxBatch; i++) {
    const batch = i + 1;
    linearStepAt(linear, batch, step);
    curve.stepSeconds[i] = step.seconds;
    curve.perStreamTps[i] = tokensPerStep / step.seconds;
    curve.aggregateTps[i] = (batch * tokensPerStep) / step.seconds;
    curve.mbu[i] = step.hbmBytes / step.seconds / bandwidthBps;
    curve.mfu[i] = step.tensorSeconds / step.seconds;
    curve.boundBy[i] = step.boundBy;
  }
  return curve;
}

export function boundAt(curve: DecodeCurve, batch: number): BoundBy {
  return BOUND_BY[curve.boundBy[batch - 1] ?? 0] ?? 'memory';
}
