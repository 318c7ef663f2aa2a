// fma-peak: the compute roof (shaders/fma-peak.wgsl), f32 and f16.
import {
  BYTES_PER_ELEMENT,
  elementFeatures,
  elementReader,
  encodeElements,
  requireDtype,
  requireFeatures,
  roundUp,
} from './elements.ts';
import { dimension, type KernelOptions, resolveLimits } from './options.ts';
import { deriveSeed, randomFloats } from './rng.ts';
import type { KernelPlan } from './types.ts';
import { compare, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile, specialiseElement } from './wgsl.ts';

const CHAINS = 8;
const START_CLASSES = 64;
const FLOP_PER_ITERATION = CHAINS * 4 * 2;

/** Simulates one invocation of start class `cls` in f64: the sum of all chains after `iterations` steps. */
function chainSum(coeffs: Float32Array, cls: number, iterations: number): { value: number; scale: number } {
  let value = 0;
  let scale = 0;
  for (let chain = 0; chain < CHAINS; chain++) {
    for (let lane = 0; lane < 4; lane++) {
      const a = coeffs[lane]!;
      const b = coeffs[4 + lane]!;
      let x = coeffs[8 + 4 * chain + lane]! + cls / 64;
      for (let i = 0; i < iterations; i++) x = x * a + b;
      value += x;
      scale += Math.abs(x);
    }
  }
  return { value, scale };
}

export function planFmaPeak(options: KernelOptions): KernelPlan {
  const elem = requireDtype('fma-peak', options.dtype, ['f32', 'f16']);
  const requiredFeatures = elementFeatures(elem);
  requireFeatures(`fma-peak ${elem}`, requiredFeatures, options.features);
  const limits = resolveLimits(options.limits);
  const workgroups = dimension(options.shape, 'workgroups', 'fma-peak');
  const iterations = dimension(options.shape, 'iterations', 'fma-peak');
  if (workgroups > limits.maxComputeWorkgroupsPerDimension) {
    throw new Error(`fma-peak: ${workgroups} workgroups exceed ${limits.maxComputeWorkgroupsPerDimension}`);
  }
  const workgroupSize = Math.min(128, limits.maxComputeInvocationsPerWorkgroup);
  const invocations = workgroups * workgroupSize;

  // a in [0.5, 0.9): the chains contract (errors shrink each step); b in [0.1, 0.5); starts in [-1, 1).
  const raw = new Float32Array(40);
  raw.set(randomFloats(4, deriveSeed(options.seed, 0), 0.5, 0.9), 0);
  raw.set(randomFloats(4, deriveSeed(options.seed, 1), 0.1, 0.5), 4);
  raw.set(randomFloats(32, deriveSeed(options.seed, 2), -1, 1), 8);
  const { data, rounded } = encodeElements(raw, elem);
  const bytes = BYTES_PER_ELEMENT[elem];
  const label = `fma-peak ${elem} ${workgroups}x${workgroupSize} invocations x ${iterations} iterations`;

  const expected = new Map<number, { value: number; scale: number }>();
  const expectedFor = (cls: number) => {
    let e = expected.get(cls);
    if (!e) {
      e = chainSum(rounded, cls, iterations);
      expected.set(cls, e);
    }
    return e;
  };

  return {
    kernel: 'fma-peak',
    dtype: elem,
    shape: { workgroups, iterations },
    label,
    shaderSource: specialiseElement(shaderFile(options.shaderSources, 'fma-peak.wgsl'), elem),
    entryPoint: 'main',
    constants: { WG_SIZE: workgroupSize, ITERATIONS: iterations },
    buffers: [
      { name: 'coeffs', role: 'read-only-storage', byteLength: 40 * bytes, data },
      { name: 'result', role: 'storage', byteLength: roundUp(invocations * bytes, 4) },
    ],
    workgroups: [workgroups, 1, 1],
    rotateSets: 1,
    outputBuffer: 1,
    requiredFeatures,
    bytesPerDispatch: 40 * bytes + invocations * bytes,
    flopsPerDispatch: invocations * iterations * FLOP_PER_ITERATION,
    verify(output) {
      const actual = elementReader(output, elem, invocations);
      return compare({
        label,
        count: invocations,
        maxChecked: 1 << 16,
        actual,
        expected: (i) => expectedFor(i % START_CLASSES),
        // Contraction by a ≤ 0.9 bounds the carried rounding error by u/(1−a) = 10u per lane; 32 lanes are
        // summed in the output type: 64u of the magnitude sum leaves a margin.
        rtol: 64 * UNIT_ROUNDOFF[elem],
        atol: 0,
      });
    },
  };
}
