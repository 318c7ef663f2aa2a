// Embeddings, norms and LM head family. The input embedding is a lookup (rows read, no FLOP); RMSNorms and
// residual adds move the hidden state in and out (engines fuse add + norm: 2 per layer and a final one);
// the LM head is a full matmul over the vocabulary, run only for the positions that need logits: every
// decode token, but only the last prompt position in prefill (vLLM and SGLang gather those before the
// LM head), which is why prefill must not charge it per prompt token.
import { normParamsPerLayer } from '../architecture/layers.ts';
import { bytesPerParam } from '../architecture/weightFormat.ts';
import { linearCost } from './matmul.ts';
import type { MatmulCost, OpCost, ServedModel, StepShape } from './types.ts';

/** Rows of the (vocab-parallel) embedding table read and the hidden states written. */
export function embeddingGather(model: ServedModel, shape: StepShape): OpCost {
  const { arch } = model;
  const rowBytes = arch.hiddenSize * bytesPerParam(model.plan.embedding);
  return {
    bytes:
      (shape.tokens * rowBytes) / model.layout.tp + shape.tokens * arch.hiddenSize * model.activationBytes,
    flops: 0,
  };
}

/** RMSNorm FLOP per element: square, sum, scale by the reciprocal root, multiply by the weight. */
const NORM_FLOPS_PER_VALUE = 4;

/**
 * Fused add + RMSNorm twice per layer (Gemma 2/3: four; MLA adds its q/kv latent norms), plus the final
 * norm: one value of the hidden state per norm weight.
 */
export function norms(model: ServedModel, shape: StepShape, layers: number, final: boolean): OpCost {
  const { arch } = model;
  const h = arch.hiddenSize;
  const valuesPerToken = layers * normParamsPerLayer(arch) + (final ? h : 0);
  return {
    // read the residual and the input, write both back: 4 passes over the hidden state
    bytes: shape.tokens * valuesPerToken * 4 * model.activationBytes,
    flops: shape.tokens * valuesPerToken * NORM_FLOPS_PER_VALUE,
  };
}

/** LM head: vocab × hidden weights split over TP (the tied embedding when tied), fp32 logits written. */
export function lmHead(model: ServedModel, shape: StepShape): MatmulCost {
  const { arch, layout } = model;
  const format = arch.tiedEmbeddings ? model.plan.embedding : model.plan.lmHead;
  const w = bytesPerParam(format);
  const head = linearCost(
    shape.logitTokens,
    arch.hiddenSize,
    arch.vocabSize,
    w,
    1 / layout.tp,
    model.activationBytes,
    1,
  );
  const fp32Logits = (shape.logitTokens * arch.vocabSize * 4) / layout.tp;
  return { ...head, bytes: head.bytes + fp32Logits };
}
