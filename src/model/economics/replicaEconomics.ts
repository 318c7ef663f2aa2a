// What a replica earns at a batch, from the per-operator model's step and prefill times: the request rate
// a replica sustains when it alternates prefill and decode (continuous batching without overlap), its
// processed tokens per second (fresh + cached input + output, the unit the API is priced in, spec I-26),
// and $/M. Little's law ties the rate to the end-to-end time: e2e = B / λ.

import { gpusPerReplica, type ParallelLayout } from '../physics/layout.ts';
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { modelRequest } from '../scenario/requestShape.ts';

export interface ReplicaEconomics {
  readonly batch: number;
  /** requests per second one replica completes */
  readonly requestRate: number;
  readonly e2eSeconds: number;
  /** processed (input + output) tokens per second of one replica */
  readonly procTps: number;
  readonly outputTps: number;
  readonly costPerHourUsd: number;
  readonly costPerMTokensUsd: number;
}

/**
 * Steady state of one replica with `batch` streams: decode produces batch × a tokens per step of
 * `decodeStepSeconds`, and every request first costs `prefillSeconds` of the whole replica. Output rate
 * λ × O = (1 − λ × Tp) × B × a / S, so λ = (B a / S) / (O + Tp × B a / S).
 */
export function replicaEconomics(
  inputs: ScenarioInputs,
  layout: ParallelLayout,
  batch: number,
  decodeStepSeconds: number,
  tokensPerStep: number,
  prefillSeconds: number,
): ReplicaEconomics {
  const { freshMean, cachedMean, outputMean } = modelRequest(inputs);
  const decodeRate = (batch * tokensPerStep) / decodeStepSeconds;
  const requestRate = decodeRate / (outputMean + prefillSeconds * decodeRate);
  const procTps = requestRate * (freshMean + cachedMean + outputMean);
  const costPerHourUsd = gpusPerReplica(layout) * inputs.pricing.gpuHourUsd;
  return {
    batch,
    requestRate,
    e2eSeconds: batch / requestRate,
    procTps,
    outputTps: requestRate * outputMean,
    costPerHourUsd,
    costPerMTokensUsd: costPerHourUsd / ((procTps * 3600) / 1e6),
  };
}
