// moe-gemv: a decode step through routed experts, reading only the experts the batch touches
// (shaders/moe-gemv.wgsl). f32 weights. Each rotation set routes the same batch to other experts
// (moeRouting.ts relabelledExperts), so the sets together outgrow the last-level cache without copies of
// the weights.
import { dispatchGrid, maxBindingBytes, requireDtype, requireFeatures, roundUp } from './elements.ts';
import { elementAt, filledInput, fillSpec } from './fill.ts';
import { expectedTouchedExperts, relabelledExperts, routeTokens } from './moeRouting.ts';
import { deviceTraits, dimension, type KernelOptions, resolveLimits } from './options.ts';
import { chooseReduction, linkReduction, reductionFeatures } from './reduction.ts';
import { deriveSeed } from './rng.ts';
import type { KernelPlan } from './types.ts';
import { withVariants, workgroupSizeChoices } from './variants.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile } from './wgsl.ts';
import { bandwidthWorkingSet } from './workingSet.ts';

const CHECKED_ELEMENTS = 512;
/** Rows a workgroup takes (ROWS_PER_WG in the shader): one x load feeds all of them. */
export const MOE_ROWS_PER_WORKGROUP = 4;
/** vec4 of its rows one invocation holds in registers at most (MAX_ROW_VEC4 in the shader). */
export const MOE_MAX_ROW_VEC4 = 16;

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
  // Four rows live in registers: 4 · ⌈K / 4 / size⌉ ≤ 16 vec4 per invocation at the variant's size.
  const sizes = workgroupSizeChoices(limits).filter(
    (size) => MOE_ROWS_PER_WORKGROUP * Math.ceil(Kp / 4 / size) <= MOE_MAX_ROW_VEC4,
  );
  if (sizes.length === 0) {
    throw new Error(
      `moe-gemv: K = ${K} exceeds ${(MOE_MAX_ROW_VEC4 / MOE_ROWS_PER_WORKGROUP) * 4} per invocation of a workgroup`,
    );
  }
  const routing = routeTokens(B, E, topK, deriveSeed(options.seed, 2));
  const U = routing.touched.length;
  const weights = fillSpec(options.shaderSources, 'f32', deriveSeed(options.seed, 0), {
    rows: E * M,
    cols: K,
    paddedCols: Kp,
  });
  const x = fillSpec(options.shaderSources, 'f32', deriveSeed(options.seed, 1), {
    rows: B,
    cols: K,
    paddedCols: Kp,
  });
  const label = `moe-gemv f32 E=${E} k=${topK} B=${B} ${M}x${K} (${U} experts touched)`;
  const assignments = B * topK;
  // [touched experts (U) | offsets (U + 1) | assignment ids], as the shader reads it; set s relabels the first U.
  const routingTable = (set: number) => {
    const table = new Uint32Array(2 * U + 1 + assignments);
    table.set(relabelledExperts(routing, E, set), 0);
    table.set(routing.offsets, U);
    table.set(routing.assignmentIds, 2 * U + 1);
    return table;
  };
  const routingBytes = (2 * U + 1 + assignments) * 4;
  const expertBytes = M * Kp * 4;
  const llcBytes = deviceTraits(options).llcBytes;
  // Each set writes its own y (set 0's is the one verified, whatever pass wrote last).
  const set = bandwidthWorkingSet({
    rotatedBytes: U * expertBytes + routingBytes + assignments * M * 4,
    sharedBytes: B * Kp * 4,
    llcBytes,
    maxSets: Math.floor(E / U),
  });
  const verify = (output: ArrayBuffer) => {
    const y = new Float32Array(output, 0, assignments * M);
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
        return dotReference(K, (k) => elementAt(weights, expert * M + row, k) * elementAt(x, token, k));
      },
      rtol: dotTolerance(K, UNIT_ROUNDOFF.f32),
      atol: 0,
    });
  };
  const shaderSource = linkReduction(
    options.shaderSources,
    shaderFile(options.shaderSources, 'moe-gemv.wgsl'),
    reduction,
  );

  return withVariants(
    {
      kernel: 'moe-gemv',
      dtype: 'f32',
      shape: { experts: E, topK, B, M, K },
      label,
      buffers: [
        filledInput('weights', E * M * Kp * 4, weights),
        filledInput('x', B * Kp * 4, x),
        {
          name: 'routing',
          role: 'read-only-storage',
          byteLength: routingBytes,
          data: routingTable(0),
          rotate: true,
          setData: routingTable,
        },
        { name: 'y', role: 'storage', byteLength: assignments * M * 4, rotate: true },
      ],
      ...set,
      llcBytes,
      outputBuffer: 3,
      requiredFeatures,
      // Only touched experts' weights move; x is read once per touched expert row but stays in cache.
      bytesPerDispatch: U * expertBytes + B * Kp * 4 + assignments * M * 4 + routingBytes,
      flopsPerDispatch: 2 * assignments * M * K,
      metrics: {
        uniqueExperts: U,
        expectedUniqueExperts: expectedTouchedExperts(E, topK, B),
        experts: E,
      },
    },
    sizes.map((size) => ({
      name: `wg${size} rows${MOE_ROWS_PER_WORKGROUP}`,
      shaderSource,
      entryPoint: 'main',
      constants: { WG_SIZE: size, ROWS: M, K_VEC4: Kp / 4, TOUCHED: U, TOP_K: topK },
      workgroups: dispatchGrid(
        Math.ceil(M / MOE_ROWS_PER_WORKGROUP) * U,
        limits.maxComputeWorkgroupsPerDimension,
      ),
      verify,
    })),
  );
}
