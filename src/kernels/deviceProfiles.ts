// What planning knows about a GPU beyond what WebGPU reports: the last-level cache a bandwidth case must
// outgrow (workingSet.ts), and the compute units that make a grid of whole waves (fma-peak). Pure data with
// sources, used for the adapter in hand when its name matches and for `ridgeline bench --plan
// --device-profile NAME`, which plans for a published device without one.
//
// Limits are the values Chrome shows on that device: the driver's limits reduced to Dawn's tiers
// (src/dawn/native/Limits.cpp: storage binding 128 MiB … 2 GiB−4, 4 GiB−4; buffer 256 MiB … 4 GiB−4;
// workgroup storage 16 / 32 / 48 / 64 KiB; 128 / 256 / 1024 invocations). Where the vendor's figure is not
// published the entry says "assumption".
import type { KernelLimits } from './options.ts';

/** A subgroup-matrix configuration as Chromium's `adapter.info.subgroupMatrixConfigs` reports one. */
export interface SubgroupMatrixConfig {
  readonly componentType: string;
  readonly resultComponentType: string;
  readonly M: number;
  readonly N: number;
  readonly K: number;
}

/** What the kernel manifests read about the device they plan for. */
export interface DeviceTraits {
  /** Largest last-level cache a working set could meet, bytes. */
  readonly llcBytes: number;
  /** SMs / CUs / GPU cores; null when unknown (no whole-wave grid then). */
  readonly computeUnits: number | null;
  /** Invocations one compute unit keeps resident at most; null when unknown. */
  readonly residentInvocationsPerUnit: number | null;
  /**
   * The memory's published (spec) bandwidth, bytes/s; absent or null when unknown. Sizes a case so one
   * dispatch lasts long enough to time (the talk profile, the plan's run-time estimate).
   */
  readonly memoryBytesPerSecond?: number | null;
  /** A CPU rasteriser (SwiftShader, lavapipe: the adapter says isFallbackAdapter); absent: a GPU. */
  readonly cpuAdapter?: boolean;
}

export interface DeviceProfile extends DeviceTraits {
  readonly memoryBytesPerSecond: number;
  /** The name `--device-profile` takes. */
  readonly name: string;
  readonly title: string;
  /**
   * Matches the adapter's description or device string (Dawn reports the marketing name; Chrome often
   * leaves it empty, and then the unknown device's 256 MB default applies).
   */
  readonly adapterPattern: RegExp;
  readonly limits: KernelLimits & Readonly<Record<string, number>>;
  readonly features: readonly string[];
  readonly subgroupMatrixConfigs: readonly SubgroupMatrixConfig[];
  /** GPUAdapterInfo.subgroupMaxSize: 32 on NVIDIA and Apple, 64 on AMD's CDNA (wave64). */
  readonly subgroupMaxSize: number;
  /** Where each figure comes from, one line each; "assumption" where it is not published. */
  readonly sources: readonly string[];
}

const MiB = 1 << 20;

/**
 * 256 MB, the largest last-level cache of a current GPU (MI300X's Infinity Cache): the policy's cache when
 * the device's is not known. Read as MiB (2^20), the larger of the two readings.
 */
export const DEFAULT_LLC_BYTES = 256 * MiB;

export const UNKNOWN_DEVICE: DeviceTraits = {
  llcBytes: DEFAULT_LLC_BYTES,
  computeUnits: null,
  residentInvocationsPerUnit: null,
};

/**
 * A CPU adapter (SwiftShader, lavapipe): its cache is the CPU's, which WebGPU does not report; the 256 MB
 * default covers the last-level caches of current desktop and server CPUs but the largest stacked-cache
 * parts (assumption). Its shapes are sized for a CPU where a profile says so (the talk profile).
 */
export const CPU_ADAPTER: DeviceTraits = { ...UNKNOWN_DEVICE, cpuAdapter: true };

const TIERED_4GIB = 4 * 1024 * MiB - 4;
/** Vulkan on NVIDIA and AMD, Metal on Apple: every limit we use at Dawn's top tier but workgroup storage. */
const bigLimits = (workgroupStorage: number) => ({
  maxStorageBufferBindingSize: TIERED_4GIB,
  maxBufferSize: TIERED_4GIB,
  maxComputeWorkgroupStorageSize: workgroupStorage,
  maxComputeInvocationsPerWorkgroup: 1024,
  maxComputeWorkgroupsPerDimension: 65_535,
  maxStorageBuffersPerShaderStage: 10,
});

const CORE_FEATURES = ['shader-f16', 'subgroups', 'timestamp-query'] as const;

const DAWN_TIERS = 'limits: Dawn limit tiers (dawn src/dawn/native/Limits.cpp) applied to the driver limits';
const VULKAN_NVIDIA =
  'Vulkan driver limits: maxStorageBufferRange 4294967295, maxComputeSharedMemorySize 49152, ' +
  'maxComputeWorkGroupInvocations 1024 (vulkan.gpuinfo.org reports of NVIDIA drivers)';
const NVIDIA_FEATURES =
  'features: shader-f16, subgroups and timestamp-query as Dawn exposes them on NVIDIA Vulkan drivers; ' +
  'no subgroup-matrix (Chromium enables it on Apple and Intel only)';

const H100: DeviceProfile = {
  name: 'h100-sxm',
  title: 'NVIDIA H100 SXM5 80 GB',
  // Not the PCIe card (114 SMs): its grid would not be whole waves of this profile's 132.
  adapterPattern: /\bH100\b(?!.*PCIe)/i,
  llcBytes: 50 * MiB,
  computeUnits: 132,
  residentInvocationsPerUnit: 2048,
  memoryBytesPerSecond: 3.35e12,
  limits: bigLimits(49_152),
  features: CORE_FEATURES,
  subgroupMatrixConfigs: [],
  subgroupMaxSize: 32,
  sources: [
    'L2 50 MB, 132 SMs: NVIDIA H100 Tensor Core GPU Architecture whitepaper (SXM5)',
    'HBM3 3.35 TB/s: NVIDIA H100 Tensor Core GPU datasheet (SXM)',
    '2048 resident threads per SM: CUDA C++ Programming Guide, compute capability 9.0',
    DAWN_TIERS,
    VULKAN_NVIDIA,
    NVIDIA_FEATURES,
  ],
};

export const DEVICE_PROFILES: readonly DeviceProfile[] = [
  H100,
  {
    // The H100 SXM5 die (GH100) with HBM3e: NVIDIA's H200 datasheet changes the memory only.
    ...H100,
    name: 'h200',
    title: 'NVIDIA H200 SXM 141 GB',
    adapterPattern: /\bH200\b/i,
    memoryBytesPerSecond: 4.8e12,
    sources: [
      'L2 50 MB, 132 SMs: as H100 SXM5 (GH100); the NVIDIA H200 datasheet changes memory only',
      'HBM3e 4.8 TB/s: NVIDIA H200 Tensor Core GPU datasheet',
      ...H100.sources.slice(2),
    ],
  },
  {
    name: 'b200',
    title: 'NVIDIA B200 180 GB',
    adapterPattern: /\bB200\b/i,
    llcBytes: 126 * MiB,
    computeUnits: 148,
    residentInvocationsPerUnit: 2048,
    memoryBytesPerSecond: 8e12,
    limits: bigLimits(49_152),
    features: CORE_FEATURES,
    subgroupMatrixConfigs: [],
    subgroupMaxSize: 32,
    sources: [
      'L2 126 MB across the two dies, 148 SMs: Chips and Cheese, "Nvidia\'s B200: Keeping the CUDA Juggernaut Rolling" (measured; NVIDIA publishes no L2 size)',
      'HBM3e 8 TB/s per GPU: NVIDIA DGX B200 datasheet (64 TB/s for 8 GPUs)',
      '2048 resident threads per SM: CUDA C++ Programming Guide, compute capability 10.0',
      DAWN_TIERS,
      `${VULKAN_NVIDIA} (assumption: no B200 report; same driver family as H100)`,
      NVIDIA_FEATURES,
    ],
  },
  {
    name: 'mi300x',
    title: 'AMD Instinct MI300X 192 GB',
    adapterPattern: /\bMI300X?\b/i,
    llcBytes: 256 * MiB,
    computeUnits: 304,
    residentInvocationsPerUnit: 2048,
    memoryBytesPerSecond: 5.3e12,
    limits: bigLimits(65_536),
    features: CORE_FEATURES,
    subgroupMatrixConfigs: [],
    subgroupMaxSize: 64,
    sources: [
      '256 MB Infinity Cache, 304 CUs: AMD CDNA 3 architecture whitepaper',
      'HBM3 5.3 TB/s: AMD Instinct MI300X accelerator datasheet',
      '2048 resident invocations per CU (4 SIMDs × 8 wave64): assumption from the CDNA 3 ISA guide; AMD lists no per-CU thread limit',
      DAWN_TIERS,
      'Vulkan driver limits: maxStorageBufferRange 4294967295, maxComputeSharedMemorySize 65536 (RADV, vulkan.gpuinfo.org; assumption for MI300X, which has no report)',
      'features: shader-f16, subgroups, timestamp-query on RADV through Dawn; no subgroup-matrix',
    ],
  },
  {
    name: 'rtx-4090',
    title: 'NVIDIA GeForce RTX 4090 24 GB',
    adapterPattern: /\bRTX 4090\b/i,
    llcBytes: 72 * MiB,
    computeUnits: 128,
    residentInvocationsPerUnit: 1536,
    memoryBytesPerSecond: 1.008e12,
    limits: bigLimits(49_152),
    features: CORE_FEATURES,
    subgroupMatrixConfigs: [],
    subgroupMaxSize: 32,
    sources: [
      'L2 72 MB, 128 SMs: NVIDIA Ada Lovelace GPU architecture whitepaper (RTX 4090)',
      'GDDR6X 1008 GB/s (21 Gbps × 384 bits): NVIDIA Ada Lovelace GPU architecture whitepaper (RTX 4090)',
      '1536 resident threads per SM: CUDA C++ Programming Guide, compute capability 8.9',
      DAWN_TIERS,
      VULKAN_NVIDIA,
      NVIDIA_FEATURES,
    ],
  },
  {
    name: 'm3-max',
    title: 'Apple M3 Max (40-core GPU)',
    adapterPattern: /\bM3 Max\b/i,
    llcBytes: DEFAULT_LLC_BYTES,
    computeUnits: 40,
    residentInvocationsPerUnit: null,
    memoryBytesPerSecond: 4e11,
    limits: bigLimits(32_768),
    features: [...CORE_FEATURES, 'chromium-experimental-subgroup-matrix'],
    subgroupMatrixConfigs: [
      { componentType: 'f32', resultComponentType: 'f32', M: 8, N: 8, K: 8 },
      { componentType: 'f16', resultComponentType: 'f16', M: 8, N: 8, K: 8 },
      { componentType: 'f16', resultComponentType: 'f32', M: 8, N: 8, K: 8 },
    ],
    subgroupMaxSize: 32,
    sources: [
      '40 GPU cores, 400 GB/s unified memory: Apple M3 family announcement (October 2023)',
      'last-level (system level) cache: not published by Apple, so the policy default of 256 MB applies (assumption)',
      'resident threads per GPU core: not published (unknown: no whole-wave grid)',
      'limits: Metal maxBufferLength and 32 KB threadgroup memory (Metal feature set tables, Apple9) at Dawn tiers',
      'subgroup matrices: simdgroup 8×8 f32/f16 (Metal Shading Language 2.3+, Apple7+), as Dawn maps them (dawn docs/dawn/features/subgroup_matrix.md); Chrome shows them behind its unsafe-WebGPU flag',
    ],
  },
];

export function deviceProfileNames(): string[] {
  return DEVICE_PROFILES.map((p) => p.name);
}

/** The named profile, or a one-line error listing the names. */
export function deviceProfile(name: string): DeviceProfile {
  const found = DEVICE_PROFILES.find((p) => p.name === name);
  if (!found) {
    throw new Error(`unknown device profile '${name}' (known: ${deviceProfileNames().join(', ')})`);
  }
  return found;
}

/** The profile whose name the adapter reports (e.g. "NVIDIA H100 80GB HBM3"), or null. */
export function profileForAdapter(adapter: {
  readonly description: string;
  readonly device: string;
}): DeviceProfile | null {
  const text = `${adapter.description} ${adapter.device}`;
  return DEVICE_PROFILES.find((p) => p.adapterPattern.test(text)) ?? null;
}

/**
 * The traits planning uses for an adapter: its profile's where the name matches, a CPU adapter's where the
 * adapter says it is a fallback (CPU) one, else the unknown device's.
 */
export function traitsForAdapter(adapter: {
  readonly description: string;
  readonly device: string;
  readonly isFallbackAdapter?: boolean;
}): DeviceTraits {
  const profile = profileForAdapter(adapter);
  if (profile) return traitsOf(profile);
  return adapter.isFallbackAdapter === true ? CPU_ADAPTER : UNKNOWN_DEVICE;
}

/** A profile's traits alone (what the manifests read). */
export function traitsOf(profile: DeviceProfile): DeviceTraits {
  return {
    llcBytes: profile.llcBytes,
    computeUnits: profile.computeUnits,
    residentInvocationsPerUnit: profile.residentInvocationsPerUnit,
    memoryBytesPerSecond: profile.memoryBytesPerSecond,
  };
}
