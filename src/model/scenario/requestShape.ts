// The request ridgeline's model prices, in its idle-node figures (TTFT of one prompt, a replica's
// earnings, the TP variants) as in the load simulation: the load workload's (workload.*, scaled to a
// chosen context by buildScenario). The blog's napkin keeps its own request shape (request.*, §5.10).
import type { ScenarioInputs, TokenDistribution } from './inputs.ts';

/** The mean of a token count: a lognormal's median × e^(σ²/2); the median itself when fixed. */
export function tokenMean(d: TokenDistribution): number {
  return d.median * Math.exp((d.spread * d.spread) / 2);
}

export interface ModelRequest {
  readonly freshMedian: number;
  readonly freshMean: number;
  readonly cachedMean: number;
  readonly outputMean: number;
}

export function modelRequest(inputs: ScenarioInputs): ModelRequest {
  const w = inputs.workload;
  return {
    freshMedian: w.freshTokens.median,
    freshMean: tokenMean(w.freshTokens),
    cachedMean: tokenMean(w.cachedTokens),
    outputMean: tokenMean(w.outputTokens),
  };
}
