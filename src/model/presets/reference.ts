// The B200 the blog compares against, as one object for the pages and the CLI. Its own module, apart from
// model/units/roofline.ts, so the rate math the benchmark worker imports does not pull the preset list in.
import { gpuPresets } from './gpus.ts';

const b200 = gpuPresets.find((gpu) => gpu.id === 'b200')!;

function b200Peak(precision: 'fp4' | 'fp32'): number {
  const value = b200.peakFlops[precision];
  if (value === undefined) throw new Error(`the B200 preset has no ${precision} peak`);
  return value;
}

/**
 * The B200 the blog compares against, read from its preset (presets/gpus.ts, id 'b200'): one source for
 * every page and the CLI. Bandwidth 8 TB/s and 10 PFLOP/s dense FP4 are the blog's values
 * (docs/spec/napkin-chain.md: hardware.gpuBandwidthBps, hardware.gpuPeakFlops; I-8: these are GB200-class,
 * 1,200 W figures). FP32 (non-tensor FMA) comes from the same GB200-class table, 90 TFLOP/s (the HGX part
 * at 1,000 W is 80, preset 'b200-hgx'); a WebGPU f32 FMA kernel compares against that, never against FP4
 * tensor-core throughput.
 */
export const B200_REFERENCE = {
  bandwidthBytesPerSecond: b200.bandwidthBytesPerSecond,
  fp4DenseFlopsPerSecond: b200Peak('fp4'),
  fp32FlopsPerSecond: b200Peak('fp32'),
} as const;
