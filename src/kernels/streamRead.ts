// stream-read: the read side of the memory roof (shaders/stream-read.wgsl).
import { requireDtype } from './elements.ts';
import { filledInput } from './fill.ts';
import type { KernelOptions } from './options.ts';
import { chooseReduction, linkReduction, reductionFeatures } from './reduction.ts';
import { streamFill, streamLayout, streamValue } from './streamLayout.ts';
import type { KernelPlan } from './types.ts';
import { withVariants } from './variants.ts';
import { compare, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile } from './wgsl.ts';
import { bandwidthWorkingSet } from './workingSet.ts';

/** Workgroup partials checked (each sums a block of up to 8192 values on the CPU), evenly spaced. */
const CHECKED_BLOCKS = 64;

export function planStreamRead(options: KernelOptions): KernelPlan {
  requireDtype('stream-read', options.dtype, ['f32']);
  const { n, nVec4, workgroupSizes, workgroups, llcBytes } = streamLayout('stream-read', options);
  const reduction = chooseReduction('stream-read', options);
  const fill = streamFill(options, n, nVec4);
  // Workgroup w sums the contiguous block [w·block, (w+1)·block): the same partials for every workgroup size.
  const block = Math.ceil(nVec4 / workgroups);
  const label = `stream-read f32 n=${n}`;

  /** Block w's sum and Σ|values|, from the same seeded values the device made. */
  const referenceSum = (w: number) => {
    let value = 0;
    let scale = 0;
    for (let i = w * block * 4; i < Math.min((w + 1) * block, nVec4) * 4; i++) {
      const v = streamValue(fill, i);
      value += v;
      scale += Math.abs(v);
    }
    return { value, scale };
  };
  const verify = (output: ArrayBuffer) => {
    const got = new Float32Array(output, 0, workgroups);
    return compare({
      label,
      count: workgroups,
      maxChecked: CHECKED_BLOCKS,
      actual: (w) => got[w]!,
      expected: referenceSum,
      rtol: dotTolerance(block * 4, UNIT_ROUNDOFF.f32),
      atol: 0,
    });
  };
  const partialBytes = workgroups * 4;
  const set = bandwidthWorkingSet({ rotatedBytes: nVec4 * 16, sharedBytes: partialBytes, llcBytes });
  const shaderSource = linkReduction(
    options.shaderSources,
    shaderFile(options.shaderSources, 'stream-read.wgsl'),
    reduction,
  );

  return withVariants(
    {
      kernel: 'stream-read',
      dtype: 'f32',
      shape: { n },
      label,
      buffers: [
        filledInput('src', nVec4 * 16, fill, { rotate: true }),
        { name: 'partials', role: 'storage', byteLength: partialBytes },
      ],
      ...set,
      llcBytes,
      outputBuffer: 1,
      requiredFeatures: reductionFeatures(reduction),
      bytesPerDispatch: nVec4 * 16 + partialBytes,
      flopsPerDispatch: nVec4 * 4,
    },
    workgroupSizes.map((size) => ({
      name: `wg${size}`,
      shaderSource,
      entryPoint: 'main',
      constants: { WG_SIZE: size, N_VEC4: nVec4, BLOCK_VEC4: block },
      workgroups: [workgroups, 1, 1],
      verify,
    })),
  );
}
