// The selected model's operating points on a reference GPU: decode at B = 1, 16, 64, 256 and one prefill
// chunk, each at its arithmetic intensity (model/architecture) and the rate the roof allows there
// (model/roofline attainable = min(peak, bandwidth × intensity)). Pure.
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
import { attainableFlopsPerSecond } from '../model/roofline.ts';
import { intensity, si } from './format.ts';
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
}

/** Operating points, or [] when the GPU has no roof at that precision. */
export function operatingPoints(options: OperatingPointOptions): OperatingPoint[] {
  const { model, gpu, precision, kvBytesPerValue, contextTokens } = options;
  const peak = gpu.peakFlops[precision];
  if (peak === undefined) return [];
  const arch = model.architecture;
  const plan = uniformPlan(formatFor[precision]);
  const bandwidth = gpu.bandwidthBytesPerSecond;
  const points: OperatingPoint[] = DECODE_BATCHES.map((batch) => {
    const ai = decodeArithmeticIntensity(arch, plan, kvBytesPerValue, batch, contextTokens);
    const bytes = decodeBytesPerPass(arch, plan, kvBytesPerValue, batch, contextTokens);
    const flops = attainableFlopsPerSecond(ai, peak, bandwidth);
    return {
      id: `decode-${batch}`,
      label: `decode B=${batch}`,
      intensityFlopsPerByte: ai,
      flopsPerSecond: flops,
      tooltip: [
        { name: 'model', value: model.displayName },
        { name: 'GPU', value: `${gpu.displayName}, ${precision.toUpperCase()} weights` },
        { name: 'bytes / pass', value: si(bytes.total, 'B') },
        { name: 'of which KV', value: si(bytes.kvBytes, 'B') },
        { name: 'FLOP / pass', value: si(decodeFlopsPerPass(arch, batch, contextTokens), 'FLOP') },
        { name: 'intensity', value: intensity(ai) },
        { name: 'roof allows', value: si(flops, 'FLOP/s') },
        { name: 'context', value: `${contextTokens.toLocaleString('en-US')} tokens` },
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
  points.push({
    id: 'prefill',
    label: 'prefill',
    intensityFlopsPerByte: prefillAi,
    flopsPerSecond: prefillFlops,
    tooltip: [
      { name: 'model', value: model.displayName },
      { name: 'GPU', value: `${gpu.displayName}, ${precision.toUpperCase()} weights` },
      {
        name: 'chunk',
        value: `${options.prefillFreshTokens.toLocaleString('en-US')} fresh after ${options.prefillCachedTokens.toLocaleString('en-US')} cached tokens`,
      },
      { name: 'intensity', value: intensity(prefillAi) },
      { name: 'roof allows', value: si(prefillFlops, 'FLOP/s') },
    ],
  });
  return points;
}
