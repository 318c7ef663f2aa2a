// stream-copy: read + write bandwidth (shaders/stream-copy.wgsl).
import { requireDtype } from './elements.ts';
import { filledInput } from './fill.ts';
import type { KernelOptions } from './options.ts';
import { streamFill, streamLayout, streamValue } from './streamLayout.ts';
import type { KernelPlan } from './types.ts';
import { withVariants } from './variants.ts';
import { compare } from './verify.ts';
import { shaderFile } from './wgsl.ts';
import { bandwidthWorkingSet } from './workingSet.ts';

/** Elements compared against the input (the copy is exact; sampled evenly). */
const MAX_CHECKED = 1 << 16;

export function planStreamCopy(options: KernelOptions): KernelPlan {
  requireDtype('stream-copy', options.dtype, ['f32']);
  const { n, nVec4, workgroupSizes, workgroups, llcBytes, limits } = streamLayout('stream-copy', options);
  const fill = streamFill(options, n, nVec4);
  const label = `stream-copy f32 n=${n}`;
  const shaderSource = shaderFile(options.shaderSources, 'stream-copy.wgsl');
  const verify = (output: ArrayBuffer) => {
    const got = new Float32Array(output, 0, n);
    return compare({
      label,
      count: n,
      maxChecked: MAX_CHECKED,
      actual: (i) => got[i]!,
      expected: (i) => ({ value: streamValue(fill, i), scale: 1 }),
      rtol: 0,
      atol: 0,
    });
  };
  // Source and destination both rotate: a set is 32 bytes per vec4 read and written.
  const set = bandwidthWorkingSet({ rotatedBytes: nVec4 * 32, sharedBytes: 0, llcBytes });

  return withVariants(
    {
      kernel: 'stream-copy',
      dtype: 'f32',
      shape: { n },
      label,
      buffers: [
        filledInput('src', nVec4 * 16, fill, { rotate: true }),
        { name: 'dst', role: 'storage', byteLength: nVec4 * 16, rotate: true },
      ],
      ...set,
      llcBytes,
      outputBuffer: 1,
      requiredFeatures: [],
      bytesPerDispatch: nVec4 * 32,
      flopsPerDispatch: 0,
    },
    workgroupSizes.map((size) => ({
      name: `wg${size}`,
      shaderSource,
      entryPoint: 'main',
      constants: { WG_SIZE: size, N_VEC4: nVec4 },
      // The same invocations in all variants: a grid-stride copy covers N_VEC4 whatever the grid.
      workgroups: [
        Math.max(
          1,
          Math.min(
            Math.ceil((workgroups * workgroupSizes[0]!) / size),
            limits.maxComputeWorkgroupsPerDimension,
          ),
        ),
        1,
        1,
      ],
      verify,
    })),
  );
}
