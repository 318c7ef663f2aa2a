import { attentionFlopsPerToken } from './attentionFlops.ts';
import { decodeBytesPerPass } from './decode.ts';
import { kvBytesForContext, kvBytesPerToken } from './kvCache.ts';
import { activeParams } from './params.ts';
import type { ModelArchitecture } from './types.ts';
import type { PrecisionPlan } from './weights.ts';

/**
 * Average FLOP per prompt token when prefilling `freshTokens` after `cachedTokens` already in the cache:
 *   2 · (activeParams − V·h) + 2 · V·h / freshTokens + attentionFlopsPerToken(keys),
 *   keys = cachedTokens + (freshTokens + 1) / 2,
 * because engines compute the logits (the V × h LM head, tied or not) for the prompt's last position
 * only (vLLM's logits_indices, SGLang's last-token logits), and under a causal mask fresh token i
 * (1-based) attends to cachedTokens + i keys, whose mean over the prompt is cachedTokens + (n + 1)/2.
 * Masked-out products are not counted (FlashAttention-style kernels skip them). MLA uses its expanded
 * (non-absorbed) form, as prefill kernels do.
 */
export function prefillFlopsPerToken(arch: ModelArchitecture, freshTokens: number, cachedTokens = 0): number {
  const meanKeys = cachedTokens + (freshTokens + 1) / 2;
  const logitsParams = arch.vocabSize * arch.hiddenSize;
  return (
    2 * (activeParams(arch) - logitsParams) +
    (2 * logitsParams) / Math.max(1, freshTokens) +
    attentionFlopsPerToken(arch, meanKeys, false)
  );
}

/**
 * Prefill arithmetic intensity (FLOP per byte) of one chunk of `freshTokens`: its FLOP over the bytes it
 * must move at least once: the weights it touches (shared weights plus the expected unique experts of
 * freshTokens routings, as in decode), writing the chunk's KV (every layer writes, windowed or not),
 * and reading the cached prefix's KV.
 * A lower bound on traffic, so an upper bound on intensity (tile re-reads are ignored).
 */
export function prefillArithmeticIntensity(
  arch: ModelArchitecture,
  plan: PrecisionPlan,
  kvBytesPerValue: number,
  freshTokens: number,
  cachedTokens = 0,
): number {
  const weights = decodeBytesPerPass(arch, plan, kvBytesPerValue, freshTokens, 0).total;
  const kv =
    kvBytesPerToken(arch, kvBytesPerValue) * freshTokens +
    kvBytesForContext(arch, kvBytesPerValue, cachedTokens);
  return (freshTokens * prefillFlopsPerToken(arch, freshTokens, cachedTokens)) / (weights + kv);
}
