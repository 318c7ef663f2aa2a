// The selected model's operating points on a reference GPU: decode at a few batch sizes and one prefill
// chunk, each at its arithmetic intensity (model/architecture) and the rate the roof allows there
// (model/units/roofline attainable = min(peak, bandwidth × intensity)), each with a sentence on why it sits
// there. Plus where decode stalls as B grows: every stream reads its own KV cache, so the intensity tends
// to FLOP per token ÷ KV bytes per token, far left of the ridge. Pure.
//
// Two definitions of decode intensity meet on this page: here, the bytes of a whole pass (weights, and
// the KV cache at the chosen context); the explorer's F16 card, the blog's formula (weights only: FLOP per
// parameter ÷ bytes per parameter, 4 FLOP/B at FP4). The blog prints ~2, which holds at 1 byte/parameter.
import {
  decodeArithmeticIntensity,
  decodeBytesPerPass,
  decodeFlopsPerPass,
  prefillArithmeticIntensity,
} from '../model/architecture/index.ts';
import { type WeightFormat, weightFormats } from '../model/architecture/weightFormat.ts';
import { uniformPlan } from '../model/architecture/weights.ts';
import type { GpuPreset, PeakPrecision } from '../model/presets/gpuTypes.ts';
import type { ModelPreset } from '../model/presets/modelTypes.ts';
import { count, grouped, intensity, percent, si } from '../model/units/format.ts';
import { attainableFlopsPerSecond, ridgeFlopsPerByte } from '../model/units/roofline.ts';
import type { OperatingPoint } from './rooflineTypes.ts';

export const DECODE_BATCHES: readonly number[] = [1, 16, 64, 256];

/** Weights stored in the format of the roof they are compared against (the blog: FP4 weights, FP4 roof). */
const formatFor: Readonly<Record<PeakPrecision, WeightFormat>> = {
  fp4: weightFormats.fp4,
  fp8: weightFormats.fp8,
  bf16: weightFormats.bf16,
  fp32: weightFormats.fp32,
};

export interface OperatingPointOptions {
  readonly model: ModelPreset;
  readonly gpu: GpuPreset;
  readonly precision: PeakPrecision;
  /** KV bytes per value (the blog: FP8 KV = 1). */
  readonly kvBytesPerValue: number;
  /** Context each decoding sequence reads its KV cache over (the blog's scenario: 80,000). */
  readonly contextTokens: number;
  /** The prefill chunk: fresh prompt tokens after a cached prefix (the blog's averages: 13,000 + 71,000). */
  readonly prefillFreshTokens: number;
  readonly prefillCachedTokens: number;
  /** Decode batch sizes to show (default 1, 16, 64, 256). */
  readonly batches?: readonly number[];
  /** The scenario's own B: drawn highlighted (the explorer follows its batch knob). */
  readonly highlightBatch?: number;
}

const contextText = (tokens: number): string =>
  tokens === 0 ? 'weights only (no KV cache)' : `${grouped(tokens)} tokens of context`;

function decodeWhy(
  options: OperatingPointOptions,
  batch: number,
  ai: number,
  flops: number,
  bytes: { total: number; kvBytes: number },
): string {
  const { gpu, precision } = options;
  const peak = gpu.peakFlops[precision] ?? 0;
  const ridge = ridgeFlopsPerByte(peak, gpu.bandwidthBytesPerSecond);
  const shared = `one pass reads ${si(bytes.total, 'B')} for ${count(batch, 'tokens')} (${percent(bytes.kvBytes / bytes.total)} of it KV cache)`;
  if (ai < ridge) {
    return `memory-bound: ${intensity(ai)} is left of the ridge (${intensity(ridge)}), so the roof is bandwidth × intensity = ${si(gpu.bandwidthBytesPerSecond, 'B/s')} × ${intensity(ai)} = ${si(flops, 'FLOP/s')}; ${shared}`;
  }
  return `compute-bound: ${intensity(ai)} is right of the ridge (${intensity(ridge)}), so the ${precision.toUpperCase()} peak caps it at ${si(peak, 'FLOP/s')}; ${shared}`;
}

/** Operating points, or [] when the GPU has no roof at that precision. */
export function operatingPoints(options: OperatingPointOptions): OperatingPoint[] {
  const { model, gpu, precision, kvBytesPerValue, contextTokens } = options;
  const peak = gpu.peakFlops[precision];
  if (peak === undefined) return [];
  const arch = model.architecture;
  const plan = uniformPlan(formatFor[precision]);
  const bandwidth = gpu.bandwidthBytesPerSecond;
  const batches = [
    ...new Set([
      ...(options.batches ?? DECODE_BATCHES),
      ...(options.highlightBatch ? [options.highlightBatch] : []),
    ]),
  ]
    .filter((b) => Number.isInteger(b) && b >= 1)
    .sort((a, b) => a - b);
  const points: OperatingPoint[] = batches.map((batch) => {
    const ai = decodeArithmeticIntensity(arch, plan, kvBytesPerValue, batch, contextTokens);
    const bytes = decodeBytesPerPass(arch, plan, kvBytesPerValue, batch, contextTokens);
    const flops = attainableFlopsPerSecond(ai, peak, bandwidth);
    return {
      id: `decode-${batch}`,
      label: batch === options.highlightBatch ? `your B=${batch}` : `decode B=${batch}`,
      group: 'decode',
      highlight: batch === options.highlightBatch,
      why: decodeWhy(options, batch, ai, flops, bytes),
      intensityFlopsPerByte: ai,
      flopsPerSecond: flops,
      tooltip: [
        { name: 'model', value: model.displayName },
        { name: 'GPU', value: `${gpu.displayName}, ${precision.toUpperCase()} weights` },
        { name: 'bytes / pass', value: si(bytes.total, 'B') },
        { name: 'of which KV', value: si(bytes.kvBytes, 'B') },
        { name: 'FLOP / pass', value: si(decodeFlopsPerPass(arch, batch, contextTokens), 'FLOP') },
        { name: 'intensity', value: `${intensity(ai)} (whole pass: weights and KV)` },
        { name: 'roof allows', value: si(flops, 'FLOP/s') },
        { name: 'context', value: contextText(contextTokens) },
      ],
    };
  });
  const prefillAi = prefillArithmeticIntensity(
    arch,
    plan,
    kvBytesPerValue,
    options.prefillFreshTokens,
    options.prefillCachedTokens,
  );
  const prefillFlops = attainableFlopsPerSecond(prefillAi, peak, bandwidth);
  const ridge = ridgeFlopsPerByte(peak, bandwidth);
  points.push({
    id: 'prefill',
    label: 'prefill',
    group: 'prefill',
    why:
      prefillAi >= ridge
        ? `compute-bound: ${count(options.prefillFreshTokens, 'tokens')} of fresh prompt share one read of the weights, ${intensity(prefillAi)}, right of the ridge (${intensity(ridge)}): the ${precision.toUpperCase()} peak, ${si(peak, 'FLOP/s')}, caps it`
        : `memory-bound even in prefill: ${intensity(prefillAi)} is left of the ridge (${intensity(ridge)})`,
    intensityFlopsPerByte: prefillAi,
    flopsPerSecond: prefillFlops,
    tooltip: [
      { name: 'model', value: model.displayName },
      { name: 'GPU', value: `${gpu.displayName}, ${precision.toUpperCase()} weights` },
      {
        name: 'chunk',
        value: `${grouped(options.prefillFreshTokens)} fresh after ${grouped(options.prefillCachedTokens)} cached tokens`,
      },
      { name: 'intensity', value: intensity(prefillAi) },
      { name: 'roof allows', value: si(prefillFlops, 'FLOP/s') },
    ],
  });
  return points;
}

export interface DecodeStall {
  /** the intensity decode tends to as B grows without bound (every stream reads its own KV), FLOP/B */
  readonly limitFlopsPerByte: number;
  /** the ridge it is compared with */
  readonly ridgeFlopsPerByte: number;
  /** the intensity at `batch` */
  readonly atBatchFlopsPerByte: number;
  /** one sentence for the roofline chapter: where decode stalls and why */
  readonly sentence: string;
}

/**
 * Where decode's intensity stalls as B grows: the weights are shared by the batch, the KV cache is not,
 * so intensity → FLOP per token ÷ KV bytes per token. `maxUsers`: the KV budget's cap on B (F25), if known.
 */
export function decodeStall(
  options: OperatingPointOptions,
  batch: number,
  maxUsers: number | null,
): DecodeStall | null {
  const peak = options.gpu.peakFlops[options.precision];
  if (peak === undefined) return null;
  const arch = options.model.architecture;
  const plan = uniformPlan(formatFor[options.precision]);
  const at = (b: number) =>
    decodeArithmeticIntensity(arch, plan, options.kvBytesPerValue, b, options.contextTokens);
  const ridge = ridgeFlopsPerByte(peak, options.gpu.bandwidthBytesPerSecond);
  const limit = at(1e7);
  const now = at(batch);
  const cap =
    maxUsers !== null && maxUsers > 0
      ? ` and the KV budget holds only ${count(maxUsers, 'streams')} at this context`
      : '';
  const sentence =
    options.contextTokens === 0
      ? `With no KV cache, intensity grows with B (${intensity(now)} at B=${batch}) until decode meets the ridge at ${intensity(ridge)}${cap}.`
      : limit < ridge
        ? `At B=${batch} decode reads ${intensity(now)}. Raising B shares the weights, but every stream reads its own KV cache (${contextText(options.contextTokens)}): intensity stalls near ${intensity(limit)}, ${count(ridge / limit)}× below the ridge${cap}.`
        : `At B=${batch} decode reads ${intensity(now)}; with enough streams it could reach the ridge (${intensity(ridge)})${cap}.`;
  return { limitFlopsPerByte: limit, ridgeFlopsPerByte: ridge, atBatchFlopsPerByte: now, sentence };
}

/**
 * The smallest batch at which decode's intensity reaches the ridge at `contextTokens` of KV per stream
 * (0: the weights alone), or null when it never does below `limit` streams (the KV cache holds it left
 * of the ridge). Decode intensity grows about linearly with B (B tokens share one read of the weights),
 * so with the weights alone this is about ridge × bytes per parameter ÷ 2 for a dense model; a MoE reads
 * more experts as B grows, so it needs more.
 */
export function computeBoundBatch(
  options: OperatingPointOptions,
  contextTokens: number,
  limit = 1 << 24,
): number | null {
  // the same model, GPU and context give the same answer: the explorer asks on every input (the batch
  // knob does not move it), so the search (~40 intensities) runs once per scenario
  const key = `${options.model.id}|${options.gpu.displayName}|${options.gpu.bandwidthBytesPerSecond}|${options.gpu.peakFlops[options.precision]}|${options.precision}|${options.kvBytesPerValue}|${contextTokens}|${limit}`;
  const cached = boundBatchMemo.get(key);
  if (cached !== undefined) return cached;
  const found = searchComputeBoundBatch(options, contextTokens, limit);
  if (boundBatchMemo.size > 64) boundBatchMemo.clear();
  boundBatchMemo.set(key, found);
  return found;
}

const boundBatchMemo = new Map<string, number | null>();

function searchComputeBoundBatch(
  options: OperatingPointOptions,
  contextTokens: number,
  limit: number,
): number | null {
  const peak = options.gpu.peakFlops[options.precision];
  if (peak === undefined) return null;
  const arch = options.model.architecture;
  const plan = uniformPlan(formatFor[options.precision]);
  const ridge = ridgeFlopsPerByte(peak, options.gpu.bandwidthBytesPerSecond);
  const at = (b: number) => decodeArithmeticIntensity(arch, plan, options.kvBytesPerValue, b, contextTokens);
  if (at(1) >= ridge) return 1;
  let hi = 2;
  while (hi <= limit && at(hi) < ridge) hi *= 2;
  if (hi > limit) return null;
  let lo = hi / 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (at(mid) >= ridge) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The rule the batch slider shows, in one sentence, for this model on this GPU (issue 23, item 7). */
export function batchRule(options: OperatingPointOptions): string {
  const peak = options.gpu.peakFlops[options.precision];
  if (peak === undefined) return '';
  const ridge = ridgeFlopsPerByte(peak, options.gpu.bandwidthBytesPerSecond);
  const arch = options.model.architecture;
  const plan = uniformPlan(formatFor[options.precision]);
  const one = decodeArithmeticIntensity(arch, plan, options.kvBytesPerValue, 1, 0);
  const weightsOnly = computeBoundBatch(options, 0);
  const withKv = options.contextTokens > 0 ? computeBoundBatch(options, options.contextTokens) : weightsOnly;
  const crossing =
    weightsOnly === null
      ? 'never reaches the ridge'
      : arch.moe
        ? `turns compute-bound once B passes about ${grouped(weightsOnly)} (a dense model would near the ridge ÷ ${intensity(one)} per stream = ${grouped(Math.ceil(ridge / one))}, but each larger batch of a MoE reads more of its experts)`
        : `turns compute-bound once B passes about ${grouped(weightsOnly)} (the ridge, ${intensity(ridge)}, ÷ ${intensity(one)} per stream)`;
  const kv =
    options.contextTokens === 0
      ? ''
      : withKv === null
        ? `; at ${grouped(options.contextTokens)} tokens of context each stream’s own KV cache holds it left of the ridge at any B`
        : `; at ${grouped(options.contextTokens)} tokens of context, once B passes ${grouped(withKv)}`;
  return `The rule: decode intensity grows about linearly with B, because B tokens share one read of the weights, so with the weights alone decode ${crossing}${kv}.`;
}

/** Decode's intensity over a whole pass (weights and the KV cache at the options' context) at `batch`. */
export function decodeIntensityAt(options: OperatingPointOptions, batch: number): number {
  return decodeArithmeticIntensity(
    options.model.architecture,
    uniformPlan(formatFor[options.precision]),
    options.kvBytesPerValue,
    batch,
    options.contextTokens,
  );
}

/** The prefill chunk's intensity (the options' fresh tokens after their cached prefix). */
export function prefillIntensity(options: OperatingPointOptions): number {
  return prefillArithmeticIntensity(
    options.model.architecture,
    uniformPlan(formatFor[options.precision]),
    options.kvBytesPerValue,
    options.prefillFreshTokens,
    options.prefillCachedTokens,
  );
}

/** The options' GPU ridge at their precision, FLOP/B; null without a roof at that precision. */
export function ridgeOf(options: OperatingPointOptions): number | null {
  const peak = options.gpu.peakFlops[options.precision];
  return peak === undefined ? null : ridgeFlopsPerByte(peak, options.gpu.bandwidthBytesPerSecond);
}
