/**
 * How one parameter is stored: a value of `bitsPerValue` bits plus, for block-scaled formats, one scale
 * of `scaleBytes` bytes per `groupSize` values.
 */
export interface WeightFormat {
  readonly id: string;
  readonly bitsPerValue: number;
  /** Values sharing one scale; null when scales are ignored or absent. */
  readonly groupSize: number | null;
  readonly scaleBytes: number;
}

export function bytesPerParam(format: WeightFormat): number {
  const scales = format.groupSize === null ? 0 : format.scaleBytes / format.groupSize;
  return format.bitsPerValue / 8 + scales;
}

/** Integer 4-bit weights with one scale per group (GPTQ/AWQ-style; Kimi K2-Thinking ships group 32). */
export function int4Format(groupSize: number, scaleBytes: number): WeightFormat {
  return { id: `int4-g${groupSize}`, bitsPerValue: 4, groupSize, scaleBytes };
}

export const weightFormats = {
  fp32: { id: 'fp32', bitsPerValue: 32, groupSize: null, scaleBytes: 0 },
  bf16: { id: 'bf16', bitsPerValue: 16, groupSize: null, scaleBytes: 0 },
  /** FP8 with scales ignored (1 B/param): the blog's FP8 variant (F6: 1e12 B for 1T params). */
  fp8: { id: 'fp8', bitsPerValue: 8, groupSize: null, scaleBytes: 0 },
  /** DeepSeek-V3's FP8 checkpoint: one fp32 scale per 128×128 weight block (arXiv:2412.19437 §3.3). */
  fp8Block128: { id: 'fp8-block128', bitsPerValue: 8, groupSize: 128 * 128, scaleBytes: 4 },
  /** FP4 with block scales ignored (0.5 B/param): the blog's convention for its 500 GB (spec I-4). */
  fp4: { id: 'fp4', bitsPerValue: 4, groupSize: null, scaleBytes: 0 },
  /** NVFP4: one FP8 (E4M3) scale per 16 values = 0.5625 B/param (NVIDIA NVFP4 format, spec I-4). */
  nvfp4: { id: 'nvfp4', bitsPerValue: 4, groupSize: 16, scaleBytes: 1 },
  /** MXFP4 (OCP Microscaling v1.0): one E8M0 scale per 32 values = 0.53125 B/param; gpt-oss experts. */
  mxfp4: { id: 'mxfp4', bitsPerValue: 4, groupSize: 32, scaleBytes: 1 },
  /** INT4, group 32, bf16 scales = 0.5625 B/param (Kimi K2-Thinking's INT4 QAT checkpoint layout). */
  int4: int4Format(32, 2),
} as const satisfies Record<string, WeightFormat>;
