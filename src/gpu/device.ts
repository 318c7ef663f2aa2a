// Opens a GPUDevice for measuring: the high-performance adapter, the features the kernels can use, and the
// largest limits the adapter allows (the defaults are far below what GPUs offer, e.g. 128 MiB bindings).
import type { SubgroupMatrixConfig } from '../kernels/deviceProfiles.ts';
import { SUBGROUP_MATRIX_FEATURE } from '../kernels/gemmSubgroupMatrix.ts';
import type { AdapterRecord } from '../measure/document.ts';

/** No adapter, or one that refuses a device: the CLI prints the message and exits 1. */
export class NoAdapterError extends Error {
  override readonly name = 'NoAdapterError';
}

/**
 * Features the kernels use when present (issue 3: timestamps, f16 kernels, subgroup reductions; issue 12:
 * subgroup matrices).
 */
export const WANTED_FEATURES: readonly GPUFeatureName[] = [
  'timestamp-query',
  'shader-f16',
  'subgroups',
  SUBGROUP_MATRIX_FEATURE,
];

/** Limits raised to the adapter's maximum: they bound working-set sizes and workgroup shapes. */
export const RAISED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

export interface OpenedDevice {
  readonly device: GPUDevice;
  /** The adapter object itself; hold it while the device lives (see openGpuSession.ts). */
  readonly gpuAdapter: GPUAdapter;
  readonly adapter: AdapterRecord;
  readonly features: readonly string[];
  readonly limits: Readonly<Record<string, number>>;
  /** adapter.info.subgroupMatrixConfigs where the device has the feature, else empty. */
  readonly subgroupMatrixConfigs: readonly SubgroupMatrixConfig[];
  /** adapter.info.subgroupMaxSize where the runtime reports it. */
  readonly subgroupMaxSize: number | null;
}

function subgroupMaxSize(adapter: GPUAdapter): number | null {
  const size = (adapter.info as GPUAdapterInfo & { subgroupMaxSize?: number })?.subgroupMaxSize;
  return typeof size === 'number' && size > 0 ? size : null;
}

/** The adapter's subgroup-matrix configurations as plain data (Dawn and Chrome report them in its info). */
function subgroupMatrixConfigs(adapter: GPUAdapter): SubgroupMatrixConfig[] {
  const info = adapter.info as GPUAdapterInfo & { subgroupMatrixConfigs?: Iterable<SubgroupMatrixConfig> };
  return [...(info?.subgroupMatrixConfigs ?? [])].map((c) => ({
    componentType: String(c.componentType),
    resultComponentType: String(c.resultComponentType),
    M: Number(c.M),
    N: Number(c.N),
    K: Number(c.K),
  }));
}

function adapterRecord(adapter: GPUAdapter, featureLevel: AdapterRecord['featureLevel']): AdapterRecord {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  // isFallbackAdapter moved from GPUAdapter to GPUAdapterInfo in 2024; read whichever this runtime has.
  const legacy = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: Boolean(info?.isFallbackAdapter ?? legacy ?? false),
    featureLevel,
  };
}

async function requestAdapter(
  gpu: GPU,
): Promise<{ adapter: GPUAdapter; level: AdapterRecord['featureLevel'] }> {
  const core = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch((error: unknown) => {
    throw new NoAdapterError(`no WebGPU adapter: ${error instanceof Error ? error.message : String(error)}`);
  });
  // The default request asks for featureLevel 'core' (WebGPU spec, GPURequestAdapterOptions); only when none
  // exists do we accept a compatibility-mode adapter (e.g. OpenGL ES), whose lower limits the kernels respect.
  if (core) return { adapter: core, level: 'core' };
  const compat = await gpu.requestAdapter({
    powerPreference: 'high-performance',
    featureLevel: 'compatibility',
  });
  if (compat) return { adapter: compat, level: 'compatibility' };
  throw new NoAdapterError(
    'no WebGPU adapter: this machine offers no GPU to WebGPU (try --swiftshader or --lavapipe for a CPU adapter, or --backend)',
  );
}

export async function openDevice(gpu: GPU): Promise<OpenedDevice> {
  const { adapter, level } = await requestAdapter(gpu);
  const requiredFeatures = WANTED_FEATURES.filter((f) => adapter.features.has(f));
  const requiredLimits: Record<string, number> = {};
  const adapterLimits = adapter.limits as unknown as Record<string, number | undefined>;
  for (const name of RAISED_LIMITS) {
    const value = adapterLimits[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredFeatures, requiredLimits });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new NoAdapterError(`the WebGPU adapter refused a device: ${message}`);
  }
  const deviceLimits = device.limits as unknown as Record<string, number | undefined>;
  const limits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) {
    const value = deviceLimits[name];
    if (typeof value === 'number') limits[name] = value;
  }
  return {
    device,
    gpuAdapter: adapter,
    adapter: adapterRecord(adapter, level),
    features: [...device.features].sort(),
    limits,
    subgroupMatrixConfigs: device.features.has(SUBGROUP_MATRIX_FEATURE) ? subgroupMatrixConfigs(adapter) : [],
    subgroupMaxSize: subgroupMaxSize(adapter),
  };
}
