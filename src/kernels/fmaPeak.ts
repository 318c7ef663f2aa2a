// fma-peak: the compute roof (shaders/fma-peak.wgsl), f32 and f16.

import type { DeviceTraits } from './deviceProfiles.ts';
import {
  BYTES_PER_ELEMENT,
  elementFeatures,
  elementReader,
  encodeElements,
  requireDtype,
  requireFeatures,
  roundUp,
} from './elements.ts';
import { deviceTraits, dimension, type KernelLimits, type KernelOptions, resolveLimits } from './options.ts';
import { deriveSeed, randomFloats } from './rng.ts';
import type { KernelPlan } from './types.ts';
import { withVariants, workgroupSizeChoices } from './variants.ts';
import { compare, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile, specialiseElement } from './wgsl.ts';
import { computeWorkingSet } from './workingSet.ts';

const CHAINS = 8;
/** Steps per loop trip in the shader (unrolled by hand): iterations must be a multiple of it. */
export const FMA_UNROLL = 4;
/** Invocations are a multiple of this, so every variant's workgroup size (128 or 256) divides them. */
export const FMA_INVOCATION_MULTIPLE = 256;
/** Full-profile grid on a device whose compute units are unknown: 2^19 invocations (1.94 H100 waves). */
const UNKNOWN_DEVICE_INVOCATIONS = 4096 * 128;
/** At least this many invocations in a whole-wave grid, so one dispatch is long enough to time. */
const MIN_FULL_INVOCATIONS = 1 << 19;
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

/**
 * Invocations of the full profile's grid: whole waves (compute units × resident invocations per unit) of the
 * device where both are known, the fewest waves reaching 2^19 invocations; otherwise 2^19. A partial last
 * wave leaves units idle for its duration (2^19 is 1.94 waves on an H100: 3 % of its issue slots), and
 * within the per-dimension workgroup limit at 128 invocations a workgroup.
 */
export function fmaGridInvocations(device: DeviceTraits, limits: KernelLimits): number {
  const { computeUnits, residentInvocationsPerUnit } = device;
  const cap = limits.maxComputeWorkgroupsPerDimension * 128;
  if (computeUnits === null || residentInvocationsPerUnit === null)
    return Math.min(UNKNOWN_DEVICE_INVOCATIONS, cap);
  const wave = computeUnits * residentInvocationsPerUnit;
  let waves = Math.max(1, Math.ceil(MIN_FULL_INVOCATIONS / wave));
  while (waves > 1 && waves * wave > cap) waves--;
  return Math.min(waves * wave, cap);
}

export function planFmaPeak(options: KernelOptions): KernelPlan {
  const elem = requireDtype('fma-peak', options.dtype, ['f32', 'f16']);
  const requiredFeatures = elementFeatures(elem);
  requireFeatures(`fma-peak ${elem}`, requiredFeatures, options.features);
  const limits = resolveLimits(options.limits);
  const invocations = dimension(options.shape, 'invocations', 'fma-peak');
  const iterations = dimension(options.shape, 'iterations', 'fma-peak');
  if (iterations % FMA_UNROLL !== 0) {
    throw new Error(`fma-peak: iterations must be a multiple of ${FMA_UNROLL} (got ${iterations})`);
  }
  const sizes = workgroupSizeChoices(limits).filter(
    (size) => invocations % size === 0 && invocations / size <= limits.maxComputeWorkgroupsPerDimension,
  );
  if (sizes.length === 0) {
    throw new Error(
      `fma-peak: ${invocations} invocations are not whole workgroups of 128 or 256 within ${limits.maxComputeWorkgroupsPerDimension} a dimension`,
    );
  }

  // a in [0.5, 0.9): the chains contract (errors shrink each step); b in [0.1, 0.5); starts in [-1, 1).
  const raw = new Float32Array(40);
  raw.set(randomFloats(4, deriveSeed(options.seed, 0), 0.5, 0.9), 0);
  raw.set(randomFloats(4, deriveSeed(options.seed, 1), 0.1, 0.5), 4);
  raw.set(randomFloats(32, deriveSeed(options.seed, 2), -1, 1), 8);
  const { data, rounded } = encodeElements(raw, elem);
  const bytes = BYTES_PER_ELEMENT[elem];
  const label = `fma-peak ${elem} ${invocations} invocations x ${iterations} iterations`;

  const expected = new Map<number, { value: number; scale: number }>();
  const expectedFor = (cls: number) => {
    let e = expected.get(cls);
    if (!e) {
      e = chainSum(rounded, cls, iterations);
      expected.set(cls, e);
    }
    return e;
  };

  const verify = (output: ArrayBuffer) =>
    compare({
      label,
      count: invocations,
      maxChecked: 1 << 16,
      actual: elementReader(output, elem, invocations),
      expected: (i) => expectedFor(i % START_CLASSES),
      // Contraction by a ≤ 0.9 bounds the carried rounding error by u/(1−a) = 10u per lane; 32 lanes are
      // summed in the output type: 64u of the magnitude sum leaves a margin.
      rtol: 64 * UNIT_ROUNDOFF[elem],
      atol: 0,
    });
  const shaderSource = specialiseElement(shaderFile(options.shaderSources, 'fma-peak.wgsl'), elem);
  const ioBytes = 40 * bytes + invocations * bytes;

  return withVariants(
    {
      kernel: 'fma-peak',
      dtype: elem,
      shape: { invocations, iterations },
      label,
      buffers: [
        { name: 'coeffs', role: 'read-only-storage', byteLength: 40 * bytes, data },
        { name: 'result', role: 'storage', byteLength: roundUp(invocations * bytes, 4) },
      ],
      ...computeWorkingSet(ioBytes),
      llcBytes: deviceTraits(options).llcBytes,
      outputBuffer: 1,
      requiredFeatures,
      bytesPerDispatch: ioBytes,
      flopsPerDispatch: invocations * iterations * FLOP_PER_ITERATION,
    },
    sizes.map((size) => ({
      name: `wg${size}`,
      shaderSource,
      entryPoint: 'main',
      constants: { WG_SIZE: size, ITERATIONS: iterations },
      workgroups: [invocations / size, 1, 1],
      verify,
    })),
  );
}
