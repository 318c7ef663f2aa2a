// What the device panel shows, asked on the main thread (requestAdapter only; no device is created here:
// the worker opens its own). Distinguishes "no WebGPU at all" from "WebGPU but no adapter".
import { errorMessage } from '../dom.ts';

export type AdapterProbe =
  | { readonly kind: 'no-webgpu' }
  | { readonly kind: 'no-adapter'; readonly message: string }
  | {
      readonly kind: 'ok';
      readonly vendor: string;
      readonly architecture: string;
      readonly device: string;
      readonly description: string;
      readonly fallback: boolean;
      readonly features: readonly string[];
      readonly limits: Readonly<Record<string, number>>;
    };

/** Limits that bound the kernels' working sets and workgroup shapes (what the suite fits its shapes to). */
export const SHOWN_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

/** Software rasterisers/compute stacks: their "GPU" numbers are CPU numbers. */
const softwareAdapter = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|warp/i;

export function isSoftwareAdapter(fields: readonly string[], isFallbackAdapter: boolean): boolean {
  return isFallbackAdapter || fields.some((field) => softwareAdapter.test(field));
}

export async function probeAdapter(gpu: GPU | undefined = navigator.gpu): Promise<AdapterProbe> {
  if (!gpu) return { kind: 'no-webgpu' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { kind: 'no-adapter', message: errorMessage(error) };
  }
  if (!adapter) return { kind: 'no-adapter', message: 'the browser offered no WebGPU adapter' };
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const limits: Record<string, number> = {};
  const adapterLimits = adapter.limits as unknown as Record<string, number | undefined>;
  for (const name of SHOWN_LIMITS) {
    const value = adapterLimits[name];
    if (typeof value === 'number') limits[name] = value;
  }
  const fields = [info.vendor, info.architecture, info.device, info.description];
  return {
    kind: 'ok',
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    fallback: isSoftwareAdapter(fields, Boolean(info.isFallbackAdapter ?? legacyFallback ?? false)),
    features: [...adapter.features].sort(),
    limits,
  };
}
