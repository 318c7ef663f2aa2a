// stream-read: the read side of the memory roof (shaders/stream-read.wgsl).
import { requireDtype } from './elements.ts';
import { lazyInputBuffer, lazyInputs } from './lazyInputs.ts';
import type { KernelOptions } from './options.ts';
import { chooseReduction, linkReduction, reductionFeatures } from './reduction.ts';
import { deriveSeed, randomFloats } from './rng.ts';
import { streamInput, streamLayout } from './streamLayout.ts';
import type { KernelPlan } from './types.ts';
import { withVariants } from './variants.ts';
import { compare, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile } from './wgsl.ts';
import { bandwidthWorkingSet } from './workingSet.ts';

export function planStreamRead(options: KernelOptions): KernelPlan {
  requireDtype('stream-read', options.dtype, ['f32']);
  const { n, nVec4, workgroupSizes, workgroups, llcBytes } = streamLayout('stream-read', options);
  const reduction = chooseReduction('stream-read', options);
  const input = lazyInputs(() => streamInput(randomFloats(n, deriveSeed(options.seed, 0)), nVec4));
  // Workgroup w sums the contiguous block [w·block, (w+1)·block): the same partials for every workgroup size.
  const block = Math.ceil(nVec4 / workgroups);
  const label = `stream-read f32 n=${n}`;

  let reference: { sums: Float64Array; scales: Float64Array } | undefined;
  const referenceSums = () => {
    if (reference) return reference;
    const sums = new Float64Array(workgroups);
    const scales = new Float64Array(workgroups);
    const values = input();
    for (let w = 0; w < workgroups; w++) {
      let sum = 0;
      let scale = 0;
      for (let i = w * block * 4; i < Math.min((w + 1) * block, nVec4) * 4; i++) {
        sum += values[i]!;
        scale += Math.abs(values[i]!);
      }
      sums[w] = sum;
      scales[w] = scale;
    }
    reference = { sums, scales };
    return reference;
  };
  const verify = (output: ArrayBuffer) => {
    const got = new Float32Array(output, 0, workgroups);
    const ref = referenceSums();
    return compare({
      label,
      count: workgroups,
      maxChecked: workgroups,
      actual: (w) => got[w]!,
      expected: (w) => ({ value: ref.sums[w]!, scale: ref.scales[w]! }),
      rtol: dotTolerance(block * 4, UNIT_ROUNDOFF.f32),
      atol: 0,
    });
  };
  const partialBytes = workgroups * 4;
  const set = bandwidthWorkingSet({
    rotatedBytes: nVec4 * 16,
    sharedBytes: partialBytes,
    llcBytes,
  });
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
        lazyInputBuffer('src', nVec4 * 16, input, { rotate: true }),
        { name: 'partials', role: 'storage', byteLength: partialBytes },
      ],
      ...set,
      llcBytes,
      outputBuffer: 1,
      requiredFeatures: reductionFeatures(reduction),
      bytesPerDispatch: nVec4 * 16 + partialBytes,
      flopsPerDispatch: nVec4 * 4,
      releaseInputs: input.release,
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
