// dispatch-overhead: the cost of one dispatch with no work in it (shaders/dispatch-overhead.wgsl), measured
// on the device so the report can give each case's rate raw and with that overhead subtracted
// (measure/overhead.ts). Its own figure is a time per dispatch; it moves no bytes and does no FLOP that count.
import { requireDtype } from './elements.ts';
import type { KernelOptions } from './options.ts';
import { createRng, deriveSeed } from './rng.ts';
import type { KernelPlan, VerifyResult } from './types.ts';
import { withVariants } from './variants.ts';
import { shaderFile } from './wgsl.ts';
import { computeWorkingSet } from './workingSet.ts';

/** The constant the shader XORs into its seed word. */
const MIX = 0x9e3779b9;

export function planDispatchOverhead(options: KernelOptions): KernelPlan {
  requireDtype('dispatch-overhead', options.dtype, ['f32']);
  const seedWord = createRng(deriveSeed(options.seed, 0))();
  const label = 'dispatch-overhead (one invocation a dispatch)';
  const verify = (output: ArrayBuffer): VerifyResult => {
    const got = new Uint32Array(output, 0, 1)[0]!;
    const want = (seedWord ^ MIX) >>> 0;
    return {
      ok: got === want,
      maxError: got === want ? 0 : 1,
      checked: 1,
      message:
        got === want
          ? `${label}: its one word matches the CPU reference`
          : `${label}: wrote ${got}, expected ${want}`,
    };
  };
  return withVariants(
    {
      kernel: 'dispatch-overhead',
      dtype: 'f32',
      shape: { invocations: 1 },
      label,
      buffers: [
        { name: 'seed', role: 'read-only-storage', byteLength: 4, data: Uint32Array.of(seedWord) },
        { name: 'result', role: 'storage', byteLength: 4 },
      ],
      ...computeWorkingSet(8),
      llcBytes: options.device?.llcBytes ?? 0,
      outputBuffer: 1,
      requiredFeatures: [],
      bytesPerDispatch: 0,
      flopsPerDispatch: 0,
    },
    [
      {
        name: 'wg1',
        shaderSource: shaderFile(options.shaderSources, 'dispatch-overhead.wgsl'),
        entryPoint: 'main',
        constants: {},
        workgroups: [1, 1, 1],
        verify,
      },
    ],
  );
}
