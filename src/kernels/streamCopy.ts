// stream-copy: the read + write memory roof (shaders/stream-copy.wgsl).
import { requireDtype } from './elements.ts';
import { lazyInputBuffer, lazyInputs } from './lazyInputs.ts';
import type { KernelOptions } from './options.ts';
import { deriveSeed, randomFloats } from './rng.ts';
import { STREAM_ROTATE_SETS, streamInput, streamLayout } from './streamLayout.ts';
import type { KernelPlan } from './types.ts';
import { compare } from './verify.ts';
import { shaderFile } from './wgsl.ts';

/** A copy is exact: check up to this many elements (evenly spaced beyond it). */
const MAX_CHECKED = 1 << 20;

export function planStreamCopy(options: KernelOptions): KernelPlan {
  requireDtype('stream-copy', options.dtype, ['f32']);
  const { n, nVec4, workgroupSize, workgroups } = streamLayout('stream-copy', options);
  const input = lazyInputs(() => streamInput(randomFloats(n, deriveSeed(options.seed, 0)), nVec4));
  const label = `stream-copy f32 n=${n}`;
  return {
    kernel: 'stream-copy',
    dtype: 'f32',
    shape: { n },
    label,
    shaderSource: shaderFile(options.shaderSources, 'stream-copy.wgsl'),
    entryPoint: 'main',
    constants: { WG_SIZE: workgroupSize, N_VEC4: nVec4 },
    buffers: [
      lazyInputBuffer('src', nVec4 * 16, input, { rotate: true }),
      { name: 'dst', role: 'storage', byteLength: nVec4 * 16, rotate: true },
    ],
    workgroups: [workgroups, 1, 1],
    rotateSets: STREAM_ROTATE_SETS,
    outputBuffer: 1,
    requiredFeatures: [],
    bytesPerDispatch: nVec4 * 32,
    flopsPerDispatch: 0,
    releaseInputs: input.release,
    verify(output) {
      const got = new Float32Array(output, 0, n);
      const values = input();
      return compare({
        label,
        count: n,
        maxChecked: MAX_CHECKED,
        actual: (i) => got[i]!,
        expected: (i) => ({ value: values[i]!, scale: 1 }),
        rtol: 0,
        atol: 0,
      });
    },
  };
}
