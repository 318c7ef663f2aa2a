// gemv: y = W·x (shaders/gemv.wgsl for f32/f16, shaders/gemv-q4.wgsl for 4-bit weights).
import {
  BYTES_PER_ELEMENT,
  dispatchGrid,
  elementFeatures,
  encodeElements,
  maxBindingBytes,
  padMatrix,
  requireDtype,
  requireFeatures,
  roundUp,
} from './elements.ts';
import { planGemvQ4 } from './gemvQ4.ts';
import { lazyInputBuffer, lazyInputs } from './lazyInputs.ts';
import { dimension, type KernelOptions, resolveLimits } from './options.ts';
import { chooseReduction, linkReduction, reductionFeatures, reductionWorkgroupSize } from './reduction.ts';
import { deriveSeed, randomFloats } from './rng.ts';
import type { KernelPlan } from './types.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile, specialiseElement } from './wgsl.ts';

/** Rows checked against the CPU reference (each costs K multiply-adds on the CPU). */
export const GEMV_CHECKED_ROWS = 256;

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
  const inputs = lazyInputs(() => ({
    w: encodeElements(padMatrix(randomFloats(M * K, deriveSeed(options.seed, 0)), M, K, M, Kp), dtype),
    x: encodeElements(padMatrix(randomFloats(K, deriveSeed(options.seed, 1)), 1, K, 1, Kp), dtype),
  }));
  const workgroupSize = reductionWorkgroupSize(limits);
  const label = `gemv ${dtype} ${M}x${K} (${reduction} reduction)`;

  return {
    kernel: 'gemv',
    dtype,
    shape: { M, K },
    label,
    shaderSource: linkReduction(
      options.shaderSources,
      specialiseElement(shaderFile(options.shaderSources, 'gemv.wgsl'), dtype),
      reduction,
    ),
    entryPoint: 'main',
    constants: { WG_SIZE: workgroupSize, ROWS: M, K_VEC4: Kp / 4 },
    buffers: [
      lazyInputBuffer('weights', M * Kp * bytes, () => inputs().w.data),
      lazyInputBuffer('x', roundUp(Kp * bytes, 4), () => inputs().x.data),
      { name: 'y', role: 'storage', byteLength: M * 4 },
    ],
    workgroups: dispatchGrid(M, limits.maxComputeWorkgroupsPerDimension),
    rotateSets: 1,
    outputBuffer: 2,
    requiredFeatures,
    bytesPerDispatch: (M * Kp + Kp) * bytes + M * 4,
    flopsPerDispatch: 2 * M * K,
    releaseInputs: inputs.release,
    verify(output) {
      const y = new Float32Array(output, 0, M);
      const { w, x } = inputs();
      return compare({
        label,
        count: M,
        maxChecked: GEMV_CHECKED_ROWS,
        actual: (row) => y[row]!,
        expected: (row) => {
          return dotReference(K, (k) => w.rounded[row * Kp + k]! * x.rounded[k]!);
        },
        rtol: dotTolerance(K, UNIT_ROUNDOFF.f32),
        atol: 0,
      });
    },
  };
}
