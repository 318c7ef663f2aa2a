// The two cross-invocation reductions the K-parallel kernels link (shaders/reduce-*.wgsl). Both need a
// power-of-two workgroup size (variants.ts workgroupSizeChoices gives 128 and 256).
import type { KernelOptions } from './options.ts';
import { composeWgsl, type ShaderSources, shaderFile } from './wgsl.ts';

export type Reduction = 'subgroup' | 'workgroup';

/** subgroupAdd where the device has 'subgroups' (or when asked), the workgroup-memory tree otherwise. */
export function chooseReduction(kernel: string, options: KernelOptions): Reduction {
  const hasSubgroups = new Set(options.features).has('subgroups');
  const reduction = options.reduction ?? (hasSubgroups ? 'subgroup' : 'workgroup');
  if (reduction === 'subgroup' && !hasSubgroups) {
    throw new Error(`${kernel}: the subgroup reduction needs the 'subgroups' feature`);
  }
  return reduction;
}

export function reductionFeatures(reduction: Reduction): GPUFeatureName[] {
  return reduction === 'subgroup' ? ['subgroups'] : [];
}

/** Links `kernelSource` with the chosen reduction library. */
export function linkReduction(sources: ShaderSources, kernelSource: string, reduction: Reduction): string {
  return composeWgsl([kernelSource, shaderFile(sources, `reduce-${reduction}.wgsl`)]);
}
