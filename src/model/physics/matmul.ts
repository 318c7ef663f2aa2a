// The cost of a linear layer on one GPU, the building block of every family: the weights are read once per
// step whatever the token count (that is why decode is memory-bound), the activations once per token.
import type { OpCost } from './types.ts';

/**
 * A linear layer `inputs` → `outputs` on one GPU, `copies` times (its layers on this GPU): the weight
 * slice share × in × out read once at `bytesPerWeight`, the input activations read whole and the output
 * slice written at `activationBytes`; FLOP 2 × tokens × in × out × share (one multiply-add per weight per
 * token). `share` is 1 / TP for a split layer, 1 for a replicated one. Positional arguments: this runs for
 * every operator of every batch of the sweep, where an options object costs more than the arithmetic.
 */
export function linearCost(
  tokens: number,
  inputs: number,
  outputs: number,
  bytesPerWeight: number,
  share: number,
  activationBytes: number,
  copies: number,
): OpCost {
  const weights = inputs * outputs * share;
  const activations = tokens * (inputs + outputs * share) * activationBytes;
  return {
    bytes: copies * (weights * bytesPerWeight + activations),
    flops: copies * 2 * tokens * weights,
  };
}

export function addCosts(...costs: readonly OpCost[]): OpCost {
  let bytes = 0;
  let flops = 0;
  for (const cost of costs) {
    bytes += cost.bytes;
    flops += cost.flops;
  }
  return { bytes, flops };
}
