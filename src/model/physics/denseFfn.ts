// Dense FFN family: the gated MLP of a dense model's layers (or an MoE model's first_k_dense layers),
// column-parallel up/gate and row-parallel down over TP, per GPU over `layers` layers.
import { bytesPerParam } from '../architecture/weightFormat.ts';
import { ffnGemms, NO_COST } from './matmul.ts';
import type { MatmulCost, ServedModel, StepShape } from './types.ts';

export function denseFfn(model: ServedModel, shape: StepShape, layers: number): MatmulCost {
  const { arch, layout } = model;
  if (layers === 0) return NO_COST;
  const params = arch.ffnMatrices * arch.hiddenSize * arch.denseIntermediateSize;
  const intermediate = (arch.ffnMatrices * arch.denseIntermediateSize) / layout.tp;
  const activations = shape.tokens * (2 * arch.hiddenSize + intermediate) * model.activationBytes;
  return {
    bytes: layers * ((params * bytesPerParam(model.plan.denseFfn)) / layout.tp + activations),
    flops: (layers * 2 * shape.tokens * params) / layout.tp,
    gemms: ffnGemms(
      shape.tokens,
      arch.hiddenSize,
      arch.denseIntermediateSize / layout.tp,
      arch.ffnMatrices,
      layers,
    ),
  };
}
