// The arithmetic a kernel does, which is not always its storage type: f16 GEMVs (plain and batched) read f16
// weights and activations but convert them and accumulate in f32 (shaders/gemv.wgsl, gemv-batched.wgsl),
// and q4 dequantises to f32; the f16 GEMM and FMA peak compute in f16. A case is judged against the compute
// roof of the arithmetic it does (and the memory roof): judging an f32-computing GEMV against the f16 FMA
// roof (issue 22) made its compute bound twice too high.
import type { KernelDtype, KernelName } from './types.ts';

/** The element type a kernel's arithmetic runs in, for a given storage dtype. */
export function arithmeticDtype(kernel: KernelName | string, dtype: KernelDtype | string): 'f32' | 'f16' {
  if (dtype !== 'f16') return 'f32';
  return kernel === 'gemv' || kernel === 'gemv-batched' ? 'f32' : 'f16';
}
