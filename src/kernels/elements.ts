// Element encoding and padding shared by the manifests: the GPU reads padded, typed buffers; the CPU
// reference reads the same (rounded) values from the unpadded region.
import { f16BitsToF32, toF16 } from './f16.ts';
import type { KernelDtype } from './types.ts';
import type { ElementType } from './wgsl.ts';

export const BYTES_PER_ELEMENT: Readonly<Record<ElementType, number>> = { f32: 4, f16: 2 };

export function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/** The buffer contents for `values` in `elem`, and the values the GPU will actually see. */
export function encodeElements(
  values: Float32Array,
  elem: ElementType,
): { data: ArrayBufferView; rounded: Float32Array } {
  if (elem === 'f32') return { data: values, rounded: values };
  const { bits, rounded } = toF16(values);
  return { data: bits, rounded };
}

/** Copies a rows × cols row-major matrix into a zero-filled paddedRows × paddedCols one. */
export function padMatrix(
  values: Float32Array,
  rows: number,
  cols: number,
  paddedRows: number,
  paddedCols: number,
): Float32Array {
  if (rows === paddedRows && cols === paddedCols) return values;
  const out = new Float32Array(paddedRows * paddedCols);
  for (let r = 0; r < rows; r++) out.set(values.subarray(r * cols, (r + 1) * cols), r * paddedCols);
  return out;
}

/** Spreads `count` workgroups over x and y so neither exceeds the per-dimension limit. */
export function dispatchGrid(count: number, maxPerDimension: number): [number, number, number] {
  if (count <= maxPerDimension) return [count, 1, 1];
  const y = Math.ceil(count / maxPerDimension);
  return [Math.ceil(count / y), y, 1];
}

/** Throws a one-line message unless the kernel supports `dtype`. */
export function requireDtype<T extends KernelDtype>(
  kernel: string,
  dtype: KernelDtype,
  supported: readonly T[],
): T {
  if (!(supported as readonly KernelDtype[]).includes(dtype)) {
    throw new Error(`${kernel}: dtype ${dtype} is not supported (supported: ${supported.join(', ')})`);
  }
  return dtype as T;
}

/** The features an element type needs. */
export function elementFeatures(elem: ElementType): GPUFeatureName[] {
  return elem === 'f16' ? ['shader-f16'] : [];
}

/** Throws a one-line message when the device lacks a feature the plan needs. */
export function requireFeatures(kernel: string, needed: readonly string[], features: Iterable<string>): void {
  const have = new Set(features);
  const missing = needed.filter((f) => !have.has(f));
  if (missing.length > 0)
    throw new Error(`${kernel}: unsupported on this device (needs ${missing.join(', ')})`);
}

/** Largest byte size one binding may have on this device. */
export function maxBindingBytes(limits: {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
}): number {
  return Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
}

/** Element `index` of a read-back buffer holding `count` values of type `elem`. */
export function elementReader(
  output: ArrayBuffer,
  elem: ElementType,
  count: number,
): (index: number) => number {
  if (elem === 'f32') {
    const values = new Float32Array(output, 0, count);
    return (index) => values[index]!;
  }
  const bits = new Uint16Array(output, 0, count);
  return (index) => f16BitsToF32(bits[index]!);
}
