// gemm: C = A·B with workgroup tiles and register micro-tiles (shaders/gemm.wgsl), f32 and f16.
import {
  BYTES_PER_ELEMENT,
  elementFeatures,
  elementReader,
  encodeElements,
  maxBindingBytes,
  padMatrix,
  requireDtype,
  requireFeatures,
  roundUp,
} from './elements.ts';
import { lazyInputBuffer, lazyInputs } from './lazyInputs.ts';
import { dimension, type KernelOptions, resolveLimits } from './options.ts';
import { deriveSeed, randomFloats } from './rng.ts';
import type { KernelPlan } from './types.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile, specialiseElement } from './wgsl.ts';

const TILE = 64;
const TILE_K = 16;
/** Invocations per workgroup (16 × 8, fixed in the shader; within the compatibility limit of 128). */
export const GEMM_WORKGROUP_SIZE = 128;
/** Workgroup memory the shader declares: two 256-vec4 tiles. */
export const gemmWorkgroupBytes = (elemBytes: number) => 2 * 256 * 4 * elemBytes;
const CHECKED_ELEMENTS = 1024;

export function planGemm(options: KernelOptions): KernelPlan {
  const dtype = requireDtype('gemm', options.dtype, ['f32', 'f16']);
  const requiredFeatures = elementFeatures(dtype);
  requireFeatures(`gemm ${dtype}`, requiredFeatures, options.features);
  const limits = resolveLimits(options.limits);
  const M = dimension(options.shape, 'M', 'gemm');
  const N = dimension(options.shape, 'N', 'gemm');
  const K = dimension(options.shape, 'K', 'gemm');
  const [Mp, Np, Kp] = [roundUp(M, TILE), roundUp(N, TILE), roundUp(K, TILE_K)];
  const bytes = BYTES_PER_ELEMENT[dtype];
  if (Math.max(Mp * Kp, Kp * Np, Mp * Np) * bytes > maxBindingBytes(limits)) {
    throw new Error(`gemm: a ${M}x${N}x${K} operand exceeds this device's storage binding limit`);
  }
  if (Math.max(Mp, Np) / TILE > limits.maxComputeWorkgroupsPerDimension) {
    throw new Error(
      `gemm: ${M}x${N} needs more than ${limits.maxComputeWorkgroupsPerDimension} tiles a side`,
    );
  }
  const inputs = lazyInputs(() => ({
    a: encodeElements(padMatrix(randomFloats(M * K, deriveSeed(options.seed, 0)), M, K, Mp, Kp), dtype),
    b: encodeElements(padMatrix(randomFloats(K * N, deriveSeed(options.seed, 1)), K, N, Kp, Np), dtype),
  }));
  const label = `gemm ${dtype} ${M}x${N}x${K}`;

  return {
    kernel: 'gemm',
    dtype,
    shape: { M, N, K },
    label,
    shaderSource: specialiseElement(shaderFile(options.shaderSources, 'gemm.wgsl'), dtype),
    entryPoint: 'main',
    constants: { K_VEC4: Kp / 4, N_VEC4: Np / 4 },
    buffers: [
      lazyInputBuffer('a', Mp * Kp * bytes, () => inputs().a.data),
      lazyInputBuffer('b', Kp * Np * bytes, () => inputs().b.data),
      { name: 'c', role: 'storage', byteLength: Mp * Np * bytes },
    ],
    workgroups: [Np / TILE, Mp / TILE, 1],
    rotateSets: 1,
    outputBuffer: 2,
    requiredFeatures,
    bytesPerDispatch: (Mp * Kp + Kp * Np + Mp * Np) * bytes,
    flopsPerDispatch: 2 * M * N * K,
    releaseInputs: inputs.release,
    verify(output) {
      const c = elementReader(output, dtype, Mp * Np);
      const { a, b } = inputs();
      // Element e of the unpadded M × N region: row floor(e / N), column e mod N.
      return compare({
        label,
        count: M * N,
        maxChecked: CHECKED_ELEMENTS,
        actual: (e) => c(Math.floor(e / N) * Np + (e % N)),
        expected: (e) => {
          const row = Math.floor(e / N);
          const col = e % N;
          return dotReference(K, (k) => a.rounded[row * Kp + k]! * b.rounded[k * Np + col]!);
        },
        rtol: dotTolerance(K, UNIT_ROUNDOFF[dtype]),
        atol: 0,
      });
    },
  };
}
