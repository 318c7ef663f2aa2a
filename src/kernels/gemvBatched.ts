// gemv-batched: Y = W·X with X of B columns (shaders/gemv-batched.wgsl), f32 and f16.
import { batchedLayout } from './batchedLayout.ts';
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
import { lazyInputBuffer, lazyInputs } from './lazyInputs.ts';
import { dimension, type KernelOptions, resolveLimits } from './options.ts';
import { reductionWorkgroupSize } from './reduction.ts';
import { deriveSeed, randomFloats } from './rng.ts';
import type { KernelPlan } from './types.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile, specialiseElement } from './wgsl.ts';

/** Output elements checked (each costs K multiply-adds on the CPU). */
const CHECKED_ELEMENTS = 1024;

export function planGemvBatched(options: KernelOptions): KernelPlan {
  const dtype = requireDtype('gemv-batched', options.dtype, ['f32', 'f16']);
  const requiredFeatures = elementFeatures(dtype);
  requireFeatures(`gemv-batched ${dtype}`, requiredFeatures, options.features);
  const limits = resolveLimits(options.limits);
  const M = dimension(options.shape, 'M', 'gemv-batched');
  const K = dimension(options.shape, 'K', 'gemv-batched');
  const B = dimension(options.shape, 'B', 'gemv-batched');
  const bytes = BYTES_PER_ELEMENT[dtype];
  const layout = batchedLayout(
    B,
    reductionWorkgroupSize(limits),
    limits.maxComputeWorkgroupStorageSize,
    bytes,
  );
  const Kp = roundUp(K, layout.kMultiple);
  const Mp = roundUp(M, layout.tileRows);
  const Bp = layout.paddedBatch;
  if (Math.max(Mp, Bp) * Kp * bytes > maxBindingBytes(limits)) {
    throw new Error(`gemv-batched: W or X exceeds this device's storage binding limit`);
  }
  const inputs = lazyInputs(() => ({
    w: encodeElements(padMatrix(randomFloats(M * K, deriveSeed(options.seed, 0)), M, K, Mp, Kp), dtype),
    x: encodeElements(padMatrix(randomFloats(B * K, deriveSeed(options.seed, 1)), B, K, Bp, Kp), dtype),
  }));
  const label = `gemv-batched ${dtype} ${M}x${K} B=${B}`;

  return {
    kernel: 'gemv-batched',
    dtype,
    shape: { M, K, B },
    label,
    shaderSource: specialiseElement(shaderFile(options.shaderSources, 'gemv-batched.wgsl'), dtype),
    entryPoint: 'main',
    constants: {
      WG_SIZE: layout.workgroupSize,
      K_LANES: layout.kLanes,
      ROW_LANES: layout.rowLanes,
      COL_LANES: layout.colLanes,
      ROWS_PER_INVOCATION: layout.rowsPerInvocation,
      COLS_PER_INVOCATION: layout.colsPerInvocation,
      K_VEC4: Kp / 4,
      M_PAD: Mp,
      TILE_ROWS: layout.tileRows,
      TILE_VEC4: layout.tileVec4,
      PARTIALS: layout.partials,
    },
    buffers: [
      lazyInputBuffer('weights', Mp * Kp * bytes, () => inputs().w.data),
      lazyInputBuffer('xs', Bp * Kp * bytes, () => inputs().x.data),
      { name: 'ys', role: 'storage', byteLength: Bp * Mp * 4 },
    ],
    workgroups: dispatchGrid(Mp / layout.tileRows, limits.maxComputeWorkgroupsPerDimension),
    rotateSets: 1,
    outputBuffer: 2,
    requiredFeatures,
    bytesPerDispatch: (Mp * Kp + Bp * Kp) * bytes + Bp * Mp * 4,
    flopsPerDispatch: 2 * M * K * B,
    releaseInputs: inputs.release,
    verify(output) {
      const y = new Float32Array(output, 0, Bp * Mp);
      const { w, x } = inputs();
      // Element e of the unpadded output: column b = e mod B, row = floor(e / B).
      return compare({
        label,
        count: M * B,
        maxChecked: CHECKED_ELEMENTS,
        actual: (e) => y[(e % B) * Mp + Math.floor(e / B)]!,
        expected: (e) => {
          const row = Math.floor(e / B);
          const col = e % B;
          return dotReference(K, (k) => w.rounded[row * Kp + k]! * x.rounded[col * Kp + k]!);
        },
        rtol: dotTolerance(K, UNIT_ROUNDOFF.f32),
        atol: 0,
      });
    },
  };
}
