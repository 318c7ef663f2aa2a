import type { FillSpec } from './fill.ts';

// The contract between a kernel manifest (pure: what to run, how much work it is, what the right answer is)
// and the GPU side (src/gpu: creates the resources, dispatches, reads back). Nothing here touches a GPUDevice.

/** Element types a kernel can be instantiated for. `q4` = 4-bit packed weights with per-group f32 scales. */
export type KernelDtype = 'f32' | 'f16' | 'q4';

/** Kernel families; one WGSL file (one concept) each, see shaders/README.md. */
export type KernelName =
  | 'dispatch-overhead'
  | 'stream-read'
  | 'stream-copy'
  | 'fma-peak'
  | 'gemv'
  | 'gemv-batched'
  | 'gemm'
  | 'moe-gemv'
  | 'gemm-subgroup-matrix';

/** How a buffer is bound and used. Bindings are group 0, binding = index in `KernelPlan.buffers`. */
export type BufferRole = 'read-only-storage' | 'storage' | 'uniform';

export interface BufferSpec {
  /** Name used in the WGSL (for humans and error messages). */
  readonly name: string;
  readonly role: BufferRole;
  /** Size in bytes (multiple of 4; the GPU side pads to 16 where needed). */
  readonly byteLength: number;
  /** Initial contents uploaded from JavaScript (small inputs: coefficients, routing tables). */
  readonly data?: ArrayBufferView;
  /**
   * Initial contents made on the device by the seeded fill kernel (kernels/fill.ts): every large input. A
   * buffer with neither `data` nor `fill` starts zero-filled (an output).
   */
  readonly fill?: FillSpec;
  /**
   * Bandwidth tests rotate several copies of their input so consecutive dispatches do not hit
   * in cache: true = the GPU side creates `KernelPlan.rotateSets` copies of this buffer.
   */
  readonly rotate?: boolean;
  /**
   * Contents of rotation set `set`'s copy where the sets differ (moe-gemv routes each set to other experts);
   * omitted: every copy holds `data`.
   */
  setData?(set: number): ArrayBufferView;
}

/**
 * One way to run a case: its own pipeline on the case's buffers (a variant never changes what is computed,
 * how many bytes move or how many FLOP are done, only how). The harness verifies and times each.
 */
export interface KernelVariant {
  /** Short, stable name, e.g. "wg256 rows4" (recorded in the document). */
  readonly name: string;
  readonly shaderSource: string;
  readonly entryPoint: string;
  readonly constants: Readonly<Record<string, number>>;
  readonly workgroups: readonly [number, number, number];
  /**
   * A second dispatch after each of the first, from the same shader on the same buffers (gemv-batched's
   * split-K reduction); absent: one dispatch.
   */
  readonly reduce?: ReduceStage;
  /** Checks this variant's read-back output against the CPU reference. */
  verify(output: ArrayBuffer): VerifyResult;
}

/** The second stage of a two-dispatch variant. */
export interface ReduceStage {
  readonly entryPoint: string;
  readonly constants: Readonly<Record<string, number>>;
  readonly workgroups: readonly [number, number, number];
}

/** Compute dispatches one dispatch of `variant` launches (2 with a reduce stage). */
export function launchesOf(variant: Pick<KernelVariant, 'reduce'>): number {
  return variant.reduce ? 2 : 1;
}

/**
 * One concrete, runnable instance of a kernel at a given dtype and shape. Its pipeline fields (shaderSource,
 * entryPoint, constants, workgroups, verify) are those of `variant`, the first of `variants`; kernels/variants.ts
 * planVariant gives the same case with another variant's.
 */
export interface KernelPlan {
  readonly kernel: KernelName;
  readonly dtype: KernelDtype;
  /** Problem dimensions, e.g. { n } for streams, { M, K } for GEMV, { M, N, K } for GEMM. */
  readonly shape: Readonly<Record<string, number>>;
  /** Short human label, e.g. "gemv f32 4096x4096". */
  readonly label: string;
  /** Full WGSL source text (already specialised where a type must vary). */
  readonly shaderSource: string;
  readonly entryPoint: string;
  /** Pipeline-overridable constants (`override` declarations in the WGSL). */
  readonly constants: Readonly<Record<string, number>>;
  readonly buffers: readonly BufferSpec[];
  /** Workgroups per dispatch. */
  readonly workgroups: readonly [number, number, number];
  /** The variant's reducing second dispatch, where it has one (KernelVariant.reduce). */
  readonly reduce?: ReduceStage;
  /** Number of copies of the `rotate` buffers (1 = no rotation). */
  readonly rotateSets: number;
  /** Distinct bytes the case touches across its rotated sets (workingSet.ts). */
  readonly workingSetBytes: number;
  /** A bandwidth case whose working set stays below 4 × the last-level cache (workingSet.ts). */
  readonly cacheResident: boolean;
  /** The last-level cache the working-set policy planned against, bytes. */
  readonly llcBytes: number;
  /** Name of the variant this plan's pipeline fields describe. */
  readonly variant: string;
  /** Every variant of the case, this plan's own first; all share `buffers`. */
  readonly variants: readonly KernelVariant[];
  /** Index into `buffers` of the buffer read back for verification. */
  readonly outputBuffer: number;
  /** Device features the shader needs (e.g. 'shader-f16', 'subgroups'). */
  readonly requiredFeatures: readonly GPUFeatureName[];
  /** Bytes moved to/from memory by one dispatch (declared once; rates are derived in model/units/roofline). */
  readonly bytesPerDispatch: number;
  /** Floating-point operations of one dispatch (an FMA counts 2). */
  readonly flopsPerDispatch: number;
  /** Extra figures the manifest reports, e.g. moe-gemv's uniqueExperts and expectedUniqueExperts. */
  readonly metrics?: Readonly<Record<string, number>>;
  /** Checks the read-back output buffer (rotation set 0's copy) against the CPU reference. */
  verify(output: ArrayBuffer): VerifyResult;
}

export interface VerifyResult {
  readonly ok: boolean;
  /** Largest error seen (relative or absolute as `message` says). */
  readonly maxError: number;
  /** Elements compared (all for small shapes, sampled rows for large ones). */
  readonly checked: number;
  readonly message: string;
}
