// The cost of a linear layer on one GPU, the building block of every family: the weights are read once per
// step whatever the token count (that is why decode is memory-bound), the activations once per token.
import type { GemmCall, MatmulCost, OpCost } from './types.ts';

/**
 * A linear layer `inputs` → `outputs` on one GPU, `copies` times (its layers on this GPU): the weight
 * slice share × in × out read once at `bytesPerWeight`, the input activations read whole and the output
 * slice written at `activationBytes`; FLOP 2 × tokens × in × out × share (one multiply-add per weight per
 * token), as one GEMM of tokens × (out × share) over a depth of `inputs` per copy. `share` is 1 / TP for
 * a column-split layer, 1 for a replicated one (a row-split layer passes its inputs ÷ TP). Positional
 * arguments: this runs for every operator of every batch of the sweep, where an options object costs
 * more than the arithmetic.
 */
export function linearCost(
  tokens: number,
  inputs: number,
  outputs: number,
  bytesPerWeight: number,
  share: number,
  activationBytes: number,
  copies: number,
): MatmulCost {
  const weights = inputs * outputs * share;
  const activations = tokens * (inputs + outputs * share) * activationBytes;
  return {
    bytes: copies * (weights * bytesPerWeight + activations),
    flops: copies * 2 * tokens * weights,
    gemms: [{ rows: tokens, cols: outputs * share, depth: inputs, groups: 1, calls: copies }],
  };
}

/** FLOP of one matmul shape over its calls. */
export function gemmFlops(gemm: GemmCall): number {
  return 2 * gemm.rows * gemm.cols * gemm.depth * gemm.groups * gemm.calls;
}

export function addCosts(...costs: readonly MatmulCost[]): MatmulCost {
  let bytes = 0;
  let flops = 0;
  const gemms: GemmCall[] = [];
  for (const cost of costs) {
    bytes += cost.bytes;
    flops += cost.flops;
    gemms.push(...cost.gemms);
  }
  return { bytes, flops, gemms };
}

/** A cost with no matmul in it (attention over the cache, norms, a lookup). */
export function plainCost(cost: OpCost): MatmulCost {
  return { bytes: cost.bytes, flops: cost.flops, gemms: [] };
}

export const NO_COST: MatmulCost = { bytes: 0, flops: 0, gemms: [] };

/** A gated FFN's matmuls on one TP rank: gate and up fused (column-split), then down (row-split). */
export function ffnGemms(
  tokens: number,
  hidden: number,
  widthPerRank: number,
  matrices: number,
  layers: number,
): GemmCall[] {
  return [
    { rows: tokens, cols: (matrices - 1) * widthPerRank, depth: hidden, groups: 1, calls: layers },
    { rows: tokens, cols: hidden, depth: widthPerRank, groups: 1, calls: layers },
  ];
}
