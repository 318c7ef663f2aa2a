// gemv: y = W·x (shaders/gemv.wgsl for f32/f16, shaders/gemv-q4.wgsl for 4-bit weights).
import {
  BYTES_PER_ELEMENT,
  dispatchGrid,
  elementFeatures,
  maxBindingBytes,
  requireDtype,
  requireFeatures,
  roundUp,
} from './elements.ts';
import { elementAt, filledInput, fillSpec } from './fill.ts';
import { planGemvQ4 } from './gemvQ4.ts';
import { deviceTraits, dimension, type KernelLimits, type KernelOptions, resolveLimits } from './options.ts';
import { chooseReduction, linkReduction, type Reduction, reductionFeatures } from './reduction.ts';
import { deriveSeed } from './rng.ts';
import type { KernelPlan, KernelVariant, VerifyResult } from './types.ts';
import { withVariants, workgroupSizeChoices } from './variants.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { type ElementType, shaderFile, specialiseElement } from './wgsl.ts';
import { bandwidthWorkingSet } from './workingSet.ts';

/** Rows checked against the CPU reference (each costs K multiply-adds on the CPU). */
export const GEMV_CHECKED_ROWS = 256;

/**
 * Rows a workgroup may take for `cols` vectors: 1, and the most whose partial sums still share one vec4
 * (rows · cols ≤ 4) where that is more than one.
 */
export function rowsPerWorkgroupChoices(cols: number): number[] {
  const most = Math.floor(4 / cols);
  return most > 1 ? [1, most] : [1];
}

export interface DirectGemv {
  /** gemv.wgsl linked with a reduction and specialised to the element type. */
  readonly shaderSource: string;
  readonly limits: KernelLimits;
  readonly rows: number;
  readonly kVec4: number;
  readonly cols: number;
  readonly yStride: number;
  readonly verify: (output: ArrayBuffer) => VerifyResult;
}

/** shaders/gemv.wgsl in `elem`, linked with the reduction. */
export function gemvShader(options: KernelOptions, elem: ElementType, reduction: Reduction): string {
  return linkReduction(
    options.shaderSources,
    specialiseElement(shaderFile(options.shaderSources, 'gemv.wgsl'), elem),
    reduction,
  );
}

/** The variants of shaders/gemv.wgsl: workgroup size × rows per workgroup, all writing the same y. */
export function directGemvVariants(g: DirectGemv): KernelVariant[] {
  return workgroupSizeChoices(g.limits).flatMap((size) =>
    rowsPerWorkgroupChoices(g.cols).map((rowsPerWorkgroup) => ({
      name: `wg${size} rows${rowsPerWorkgroup}`,
      shaderSource: g.shaderSource,
      entryPoint: 'main',
      constants: {
        WG_SIZE: size,
        ROWS: g.rows,
        K_VEC4: g.kVec4,
        COLS: g.cols,
        ROWS_PER_WG: rowsPerWorkgroup,
        Y_STRIDE: g.yStride,
      },
      workgroups: dispatchGrid(
        Math.ceil(g.rows / rowsPerWorkgroup),
        g.limits.maxComputeWorkgroupsPerDimension,
      ),
      verify: g.verify,
    })),
  );
}

export function planGemv(options: KernelOptions): KernelPlan {
  const dtype = requireDtype('gemv', options.dtype, ['f32', 'f16', 'q4']);
  if (dtype === 'q4') return planGemvQ4(options);
  const limits = resolveLimits(options.limits);
  const reduction = chooseReduction('gemv', options);
  const requiredFeatures = [...elementFeatures(dtype), ...reductionFeatures(reduction)];
  requireFeatures(`gemv ${dtype}`, requiredFeatures, options.features);
  const M = dimension(options.shape, 'M', 'gemv');
  const K = dimension(options.shape, 'K', 'gemv');
  const Kp = roundUp(K, 4);
  const bytes = BYTES_PER_ELEMENT[dtype];
  if (M * Kp * bytes > maxBindingBytes(limits)) {
    throw new Error(`gemv: W (${M * Kp * bytes} bytes) exceeds this device's storage binding limit`);
  }
  // Made on the device (fill.ts); the reference recomputes the elements it checks.
  const w = fillSpec(options.shaderSources, dtype, deriveSeed(options.seed, 0), {
    rows: M,
    cols: K,
    paddedCols: Kp,
  });
  const x = fillSpec(options.shaderSources, dtype, deriveSeed(options.seed, 1), {
    rows: 1,
    cols: K,
    paddedCols: Kp,
  });
  const label = `gemv ${dtype} ${M}x${K} (${reduction} reduction)`;
  const verify = (output: ArrayBuffer) => {
    const y = new Float32Array(output, 0, M);
    const xs = Float64Array.from({ length: K }, (_, k) => elementAt(x, 0, k));
    return compare({
      label,
      count: M,
      maxChecked: GEMV_CHECKED_ROWS,
      actual: (row) => y[row]!,
      expected: (row) => dotReference(K, (k) => elementAt(w, row, k) * xs[k]!),
      rtol: dotTolerance(K, UNIT_ROUNDOFF.f32),
      atol: 0,
    });
  };
  const weightBytes = M * Kp * bytes;
  const xBytes = roundUp(Kp * bytes, 4);
  const llcBytes = deviceTraits(options).llcBytes;

  return withVariants(
    {
      kernel: 'gemv',
      dtype,
      shape: { M, K },
      label,
      buffers: [
        filledInput('weights', weightBytes, w, { rotate: true }),
        filledInput('x', xBytes, x),
        { name: 'y', role: 'storage', byteLength: M * 4 },
      ],
      ...bandwidthWorkingSet({
        rotatedBytes: weightBytes,
        sharedBytes: xBytes + M * 4,
        llcBytes,
      }),
      llcBytes,
      outputBuffer: 2,
      requiredFeatures,
      bytesPerDispatch: (M * Kp + Kp) * bytes + M * 4,
      flopsPerDispatch: 2 * M * K,
    },
    directGemvVariants({
      shaderSource: gemvShader(options, dtype, reduction),
      limits,
      rows: M,
      kVec4: Kp / 4,
      cols: 1,
      yStride: M,
      verify,
    }),
  );
}
