// stream-read: the read side of the memory roof (shaders/stream-read.wgsl).
import { requireDtype } from './elements.ts';
import { lazyInputBuffer, lazyInputs } from './lazyInputs.ts';
import type { KernelOptions } from './options.ts';
import { deriveSeed, randomFloats } from './rng.ts';
import { STREAM_ROTATE_SETS, streamInput, streamLayout } from './streamLayout.ts';
import type { KernelPlan } from './types.ts';
import { compare, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile } from './wgsl.ts';

export function planStreamRead(options: KernelOptions): KernelPlan {
  requireDtype('stream-read', options.dtype, ['f32']);
  const { n, nVec4, workgroupSize, workgroups } = streamLayout('stream-read', options);
  const input = lazyInputs(() => streamInput(randomFloats(n, deriveSeed(options.seed, 0)), nVec4));
  const stride = workgroups * workgroupSize;
  const label = `stream-read f32 n=${n}`;

  // Workgroup w sums the vec4s i with floor((i mod stride) / workgroupSize) = w.
  let reference: { sums: Float64Array; scales: Float64Array; terms: number } | undefined;
  const referenceSums = () => {
    if (reference) return reference;
    const sums = new Float64Array(workgroups);
    const scales = new Float64Array(workgroups);
    const values = input();
    for (let i = 0; i < nVec4; i++) {
      const w = Math.floor((i % stride) / workgroupSize);
      for (let c = 0; c < 4; c++) {
        const v = values[4 * i + c]!;
        sums[w]! += v;
        scales[w]! += Math.abs(v);
      }
    }
    reference = { sums, scales, terms: Math.ceil(nVec4 / stride) * 4 * workgroupSize };
    return reference;
  };

  return {
    kernel: 'stream-read',
    dtype: 'f32',
    shape: { n },
    label,
    shaderSource: shaderFile(options.shaderSources, 'stream-read.wgsl'),
    entryPoint: 'main',
    constants: { WG_SIZE: workgroupSize, N_VEC4: nVec4 },
    buffers: [
      lazyInputBuffer('src', nVec4 * 16, input, { rotate: true }),
      { name: 'partials', role: 'storage', byteLength: workgroups * 4 },
    ],
    workgroups: [workgroups, 1, 1],
    rotateSets: STREAM_ROTATE_SETS,
    outputBuffer: 1,
    requiredFeatures: [],
    bytesPerDispatch: nVec4 * 16 + workgroups * 4,
    flopsPerDispatch: nVec4 * 4,
    releaseInputs: input.release,
    verify(output) {
      const got = new Float32Array(output, 0, workgroups);
      const ref = referenceSums();
      return compare({
        label,
        count: workgroups,
        maxChecked: workgroups,
        actual: (w) => got[w]!,
        expected: (w) => ({ value: ref.sums[w]!, scale: ref.scales[w]! }),
        rtol: dotTolerance(ref.terms, UNIT_ROUNDOFF.f32),
        atol: 0,
      });
    },
  };
}
