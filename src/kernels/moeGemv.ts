// moe-gemv: a decode step through routed experts, reading only the experts the batch touches
// (shaders/moe-gemv.wgsl). f32 weights.
import {
  dispatchGrid,
  maxBindingBytes,
  padMatrix,
  requireDtype,
  requireFeatures,
  roundUp,
} from './elements.ts';
import { lazyInputBuffer, lazyInputs } from './lazyInputs.ts';
import { expectedTouchedExperts, routeTokens } from './moeRouting.ts';
import { dimension, type KernelOptions, resolveLimits } from './options.ts';
import { chooseReduction, linkReduction, reductionFeatures, reductionWorkgroupSize } from './reduction.ts';
import { deriveSeed, randomFloats } from './rng.ts';
import type { KernelPlan } from './types.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile } from './wgsl.ts';

const CHECKED_ELEMENTS = 512;

export function planMoeGemv(options: KernelOptions): KernelPlan {
  requireDtype('moe-gemv', options.dtype, ['f32']);
  const limits = resolveLimits(options.limits);
  const reduction = chooseReduction('moe-gemv', options);
  const requiredFeatures = reductionFeatures(reduction);
  requireFeatures('moe-gemv f32', requiredFeatures, options.features);
  const E = dimension(options.shape, 'experts', 'moe-gemv');
  const topK = dimension(options.shape, 'topK', 'moe-gemv');
  const B = dimension(options.shape, 'B', 'moe-gemv');
  const M = dimension(options.shape, 'M', 'moe-gemv');
  const K = dimension(options.shape, 'K', 'moe-gemv');
  const Kp = roundUp(K, 4);
  if (E * M * Kp * 4 > maxBindingBytes(limits)) {
    throw new Error(`moe-gemv: ${E} experts of ${M}x${K} exceed this device's storage binding limit`);
  }
  const routing = routeTokens(B, E, topK, deriveSeed(options.seed, 2));
  const U = routing.touched.length;
  const inputs = lazyInputs(() => ({
    weights: padMatrix(randomFloats(E * M * K, deriveSeed(options.seed, 0)), E * M, K, E * M, Kp),
    x: padMatrix(randomFloats(B * K, deriveSeed(options.seed, 1)), B, K, B, Kp),
  }));
  const label = `moe-gemv f32 E=${E} k=${topK} B=${B} ${M}x${K} (${U} experts touched)`;
  const assignments = B * topK;
  // [touched experts (U) | offsets (U + 1) | assignment ids], as the shader reads it.
  const routingTable = new Uint32Array(2 * U + 1 + assignments);
  routingTable.set(routing.touched, 0);
  routingTable.set(routing.offsets, U);
  routingTable.set(routing.assignmentIds, 2 * U + 1);
  const routingBytes = routingTable.byteLength;

  return {
    kernel: 'moe-gemv',
    dtype: 'f32',
    shape: { experts: E, topK, B, M, K },
    label,
    shaderSource: linkReduction(
      options.shaderSources,
      shaderFile(options.shaderSources, 'moe-gemv.wgsl'),
      reduction,
    ),
    entryPoint: 'main',
    constants: {
      WG_SIZE: reductionWorkgroupSize(limits),
      ROWS: M,
      K_VEC4: Kp / 4,
      TOUCHED: U,
      TOP_K: topK,
    },
    buffers: [
      lazyInputBuffer('weights', E * M * Kp * 4, () => inputs().weights),
      lazyInputBuffer('x', B * Kp * 4, () => inputs().x),
      { name: 'routing', role: 'read-only-storage', byteLength: routingBytes, data: routingTable },
      { name: 'y', role: 'storage', byteLength: assignments * M * 4 },
    ],
    workgroups: dispatchGrid(M * U, limits.maxComputeWorkgroupsPerDimension),
    rotateSets: 1,
    outputBuffer: 3,
    requiredFeatures,
    // Only touched experts' weights move; x is read once per touched expert row but stays in cache.
    bytesPerDispatch: U * M * Kp * 4 + B * Kp * 4 + assignments * M * 4 + routingBytes,
    flopsPerDispatch: 2 * assignments * M * K,
    metrics: {
      uniqueExperts: U,
      expectedUniqueExperts: expectedTouchedExperts(E, topK, B),
      experts: E,
    },
    releaseInputs: inputs.release,
    verify(output) {
      const y = new Float32Array(output, 0, assignments * M);
      const { weights, x } = inputs();
      return compare({
        label,
        count: assignments * M,
        maxChecked: CHECKED_ELEMENTS,
        actual: (i) => y[i]!,
        expected: (i) => {
          const assignment = Math.floor(i / M);
          const row = i % M;
          const expert = routing.experts[assignment]!;
          const token = Math.floor(assignment / topK);
          return dotReference(K, (k) => weights[(expert * M + row) * Kp + k]! * x[token * Kp + k]!);
        },
        rtol: dotTolerance(K, UNIT_ROUNDOFF.f32),
        atol: 0,
      });
    },
  };
}
