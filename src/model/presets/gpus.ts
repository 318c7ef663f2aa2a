import type { GpuPreset } from './gpuTypes.ts';
import { dataCenterInterconnect, links, singleBox } from './interconnects.ts';
import { blogSource, type PresetSource } from './source.ts';

/** nvidia-smi's MiB (2^20 B) as SI bytes. */
const mebibytes = (mib: number): number => mib * 1024 * 1024;
const gibibytes = (gib: number): number => gib * 1024 ** 3;

const specI8: PresetSource = {
  title: 'docs/spec/napkin-chain.md I-8 correction (2026-11-29): nvidia-smi totals',
  date: '2026-11-29',
  note: 'H100 81,559 MiB = 85.5 GB; H200 143,771 MiB = 150.8 GB; HGX B200 183,359 MiB = 192.3 GB: the vendors’ "80/141/180 GB" are GiB-rounded labels',
};

const lockwoodB200: PresetSource = {
  title: 'Glenn K. Lockwood, "B200" (tables from the NVIDIA Blackwell architecture technical brief)',
  url: 'https://glennklockwood.com/garden/processors/B200',
  date: '2025-03',
  note: 'dense Matrix column: GB200 variant (1,200 W) FP4 10,000 / FP8 5,000 / BF16 2,500 / FP32 90 TFLOPS; HGX variant (1,000 W) FP4 9,000 / FP8 4,500 / BF16 2,250 / FP32 80',
};

/** The GPU presets, dense peaks only. Sparse vendor figures are halved and say so in their note. */
const gpuPresetList = [
  {
    id: 'b200',
    displayName: 'NVIDIA B200 (blog: 192 GB, 8 TB/s, 10 PFLOPS FP4)',
    memoryBytes: 192e9,
    bandwidthBytesPerSecond: 8e12,
    peakFlops: { fp4: 10e15, fp8: 5e15, bf16: 2.5e15, fp32: 90e12 },
    defaultGpusPerNode: 8,
    interconnect: dataCenterInterconnect(links.nvlink5),
    sources: [
      {
        ...blogSource,
        note: '192 GB HBM3e, 8 TB/s, 10 PFLOPS dense FP4 (spec inputs; I-8: these are GB200-class figures; 192e9 B is also within 0.2% of the 183,359 MiB nvidia-smi shows)',
      },
      {
        ...lockwoodB200,
        note: 'FP8/BF16/FP32 filled in from the same GB200-class (1,200 W) table the blog FP4 figure matches',
      },
    ],
  },
  {
    id: 'b200-hgx',
    displayName: 'NVIDIA B200 (HGX spec: 180 GB label = 192.3 GB, 7.7 TB/s, 9 PFLOPS FP4)',
    memoryBytes: mebibytes(183_359),
    bandwidthBytesPerSecond: 7.7e12,
    peakFlops: { fp4: 9e15, fp8: 4.5e15, bf16: 2.25e15, fp32: 80e12 },
    defaultGpusPerNode: 8,
    interconnect: dataCenterInterconnect(links.nvlink5),
    sources: [
      specI8,
      {
        title: 'NVIDIA HGX platform specifications (HGX B200 column, per GPU)',
        url: 'https://www.nvidia.com/en-us/data-center/hgx/',
        date: '2025-03',
        note: '180 GB (GiB-rounded: nvidia-smi shows 183,359 MiB), 7.7 TB/s per GPU; FP4 18 PFLOPS is 2:4 sparse, so 9 dense (spec I-8)',
      },
      lockwoodB200,
    ],
  },
  {
    id: 'gb200',
    displayName: 'NVIDIA GB200 (per B200 GPU, NVL72)',
    memoryBytes: 186e9,
    bandwidthBytesPerSecond: 8e12,
    peakFlops: { fp4: 10e15, fp8: 5e15, bf16: 2.5e15, fp32: 90e12 },
    defaultGpusPerNode: 8,
    interconnect: dataCenterInterconnect(links.nvlink5),
    sources: [
      {
        title: 'NVIDIA GB200 NVL72 specifications',
        url: 'https://www.nvidia.com/en-us/data-center/gb200-nvl72/',
        date: '2024-03-18',
        note: 'default node of 8 for comparability with HGX (the NVL72 NVLink domain is 72: pass gpusPerNode 72); rack: 13.4 TB HBM3e and 576 TB/s over 72 GPUs = 186 GB and 8 TB/s each; FP4 1,440 PF sparse = 10 PF dense per GPU. Not verified: whether 186 GB is a GiB label (no nvidia-smi total found), so it is kept as stated',
      },
      lockwoodB200,
    ],
  },
  {
    id: 'h100-sxm',
    displayName: 'NVIDIA H100 SXM5 80GB',
    memoryBytes: mebibytes(81_559),
    bandwidthBytesPerSecond: 3.35e12,
    peakFlops: { fp8: 1978.9e12, bf16: 989.4e12, fp32: 66.9e12 },
    defaultGpusPerNode: 8,
    interconnect: dataCenterInterconnect(links.nvlink4),
    sources: [
      specI8,
      {
        title: 'NVIDIA H100 Tensor Core GPU Architecture whitepaper (Table 1, H100 SXM5)',
        url: 'https://resources.nvidia.com/en-us-tensor-core/gtc22-whitepaper-hopper',
        date: '2022-03',
        note: 'dense FP8 1,978.9 / BF16 989.4 / FP32 66.9 TFLOPS; 3.35 TB/s from the H100 datasheet; no FP4 path',
      },
    ],
  },
  {
    id: 'h200',
    displayName: 'NVIDIA H200 SXM 141GB',
    memoryBytes: mebibytes(143_771),
    bandwidthBytesPerSecond: 4.8e12,
    peakFlops: { fp8: 1978.9e12, bf16: 989.4e12, fp32: 66.9e12 },
    defaultGpusPerNode: 8,
    interconnect: dataCenterInterconnect(links.nvlink4),
    sources: [
      specI8,
      {
        title: 'NVIDIA H200 Tensor Core GPU datasheet',
        url: 'https://www.nvidia.com/en-us/data-center/h200/',
        date: '2023-11-13',
        note: '141 GB HBM3e, 4.8 TB/s; compute is H100 SXM (FP8 3,958 / BF16 1,979 TFLOPS sparse, halved); no FP4 path',
      },
    ],
  },
  {
    id: 'a100-80gb',
    displayName: 'NVIDIA A100 SXM 80GB',
    memoryBytes: mebibytes(81_920),
    bandwidthBytesPerSecond: 2.039e12,
    peakFlops: { bf16: 312e12, fp32: 19.5e12 },
    defaultGpusPerNode: 8,
    interconnect: dataCenterInterconnect(links.nvlink3),
    sources: [
      {
        title: 'NVIDIA A100 Tensor Core GPU datasheet',
        url: 'https://www.nvidia.com/en-us/data-center/a100/',
        date: '2021-06',
        note: '80 GB HBM2e (a GiB label: nvidia-smi shows 81,920 MiB = 85.9 GB for an A100-SXM4-80GB), 2,039 GB/s (SXM); BF16 312 TFLOPS dense (624 sparse); FP32 19.5; no FP8/FP4 path',
      },
    ],
  },
  {
    id: 'mi300x',
    displayName: 'AMD Instinct MI300X',
    memoryBytes: gibibytes(192),
    bandwidthBytesPerSecond: 5.3e12,
    peakFlops: { fp8: 2614.9e12, bf16: 1307.4e12, fp32: 163.4e12 },
    defaultGpusPerNode: 8,
    interconnect: dataCenterInterconnect(links.infinityFabricMi300),
    sources: [
      {
        title: 'AMD Instinct MI300X accelerator data sheet',
        url: 'https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html',
        date: '2023-12-06',
        note: '192 GB HBM3 (a GiB label: rocm-smi reports VRAM Total Memory 206,158,430,208 B = 192 GiB), 5.3 TB/s; dense FP8 2,614.9 / BF16 1,307.4 / FP32 163.4 TFLOPS; no FP4 path',
      },
    ],
  },
  {
    id: 'mi355x',
    displayName: 'AMD Instinct MI355X',
    memoryBytes: 288e9,
    bandwidthBytesPerSecond: 8e12,
    peakFlops: { fp4: 10.1e15, fp8: 5.0e15, bf16: 2.5e15, fp32: 157.3e12 },
    defaultGpusPerNode: 8,
    interconnect: dataCenterInterconnect(links.infinityFabricMi300),
    sources: [
      {
        title: 'AMD Instinct MI355X product page / CDNA 4 architecture whitepaper',
        url: 'https://www.amd.com/en/products/accelerators/instinct/mi350/mi355x.html',
        date: '2025-06-12',
        note: '288 GB HBM3E, 8 TB/s; dense MXFP4 10.1 PF (20.1 with sparsity), FP8 5.0 PF, BF16 2.5 PF, FP32 vector 157.3 TF. Not verified: whether 288 GB is a GiB label as on MI300X (no rocm-smi total found), so it is kept as stated; Infinity Fabric taken as MI300X’s',
      },
    ],
  },
  {
    id: 'rtx-4090',
    displayName: 'NVIDIA GeForce RTX 4090',
    memoryBytes: mebibytes(24_564),
    bandwidthBytesPerSecond: 1.008e12,
    peakFlops: { fp8: 330.3e12, bf16: 165.2e12, fp32: 82.6e12 },
    defaultGpusPerNode: 1,
    interconnect: singleBox(links.pcie4x16),
    sources: [
      {
        title: 'nvidia-smi on a GeForce RTX 4090: 24,564 MiB total',
        date: '2024',
        note: 'the "24 GB" label is 24 GiB; 24,564 MiB = 25.76 GB is what the driver exposes',
      },
      {
        title: 'NVIDIA Ada Lovelace GPU Architecture whitepaper v1.0 (Appendix A, RTX 4090)',
        url: 'https://images.nvidia.com/aem-dam/Solutions/geforce/ada/nvidia-ada-gpu-architecture.pdf',
        date: '2022-09',
        note: 'dense, FP32 accumulate (the accumulate inference kernels use): FP8 330.3, BF16 165.2 TFLOPS; FP16-accumulate FP8 is 660.6; no FP4 path',
      },
    ],
  },
  {
    id: 'rtx-5090',
    displayName: 'NVIDIA GeForce RTX 5090',
    memoryBytes: mebibytes(32_607),
    bandwidthBytesPerSecond: 1.792e12,
    peakFlops: { fp4: 1676e12, fp8: 419e12, bf16: 209.5e12, fp32: 104.8e12 },
    defaultGpusPerNode: 1,
    interconnect: singleBox(links.pcie5x16),
    sources: [
      {
        title: 'nvidia-smi on a GeForce RTX 5090: 32,607 MiB total',
        date: '2025',
        note: 'the "32 GB" label is 32 GiB; 32,607 MiB = 34.19 GB is what the driver exposes',
      },
      {
        title: 'NVIDIA RTX Blackwell GPU Architecture whitepaper (Appendix, RTX 5090)',
        url: 'https://images.nvidia.com/aem-dam/Solutions/geforce/blackwell/nvidia-rtx-blackwell-gpu-architecture.pdf',
        date: '2025-01',
        note: '32 GB GDDR7, 1,792 GB/s; dense, FP32 accumulate: FP4 1,676 (3,352 "AI TOPS" is sparse), FP8 419, BF16 209.5; FP32 104.8 TFLOPS',
      },
    ],
  },
  {
    id: 'm2-max',
    displayName: 'Apple M2 Max (38-core GPU, 96 GB)',
    memoryBytes: gibibytes(96),
    bandwidthBytesPerSecond: 400e9,
    peakFlops: { fp32: 13.6e12 },
    defaultGpusPerNode: 1,
    interconnect: singleBox(null),
    sources: [
      {
        title: 'Apple newsroom: M2 Pro and M2 Max',
        url: 'https://www.apple.com/newsroom/2023/01/apple-unveils-m2-pro-and-m2-max-next-generation-chips-for-next-level-workflows/',
        date: '2023-01-17',
        note: 'up to 96 GB unified memory (memory sizes are binary: 96 GiB = 103.1 GB) at 400 GB/s; FP32 13.6 TFLOPS = 38 cores × 128 ALUs × 2 FLOP × 1.398 GHz; Apple publishes no tensor peaks',
      },
    ],
  },
  {
    id: 'm3-max',
    displayName: 'Apple M3 Max (40-core GPU, 128 GB)',
    memoryBytes: gibibytes(128),
    bandwidthBytesPerSecond: 400e9,
    peakFlops: { fp32: 14.32e12 },
    defaultGpusPerNode: 1,
    interconnect: singleBox(null),
    sources: [
      {
        title: 'Apple newsroom: M3, M3 Pro and M3 Max',
        url: 'https://www.apple.com/newsroom/2023/10/apple-unveils-m3-m3-pro-and-m3-max-the-most-advanced-chips-for-a-personal-computer/',
        date: '2023-10-30',
        note: 'up to 128 GB unified memory (binary: 128 GiB = 137.4 GB) at 400 GB/s (16-core CPU part)',
      },
      {
        title: 'hmc-tech GPU database: 40-core M3 Max',
        url: 'https://hmc-tech.com/gpu/apple-32-core-m4-max-vs-apple-40-core-m3-max',
        date: '2024',
        note: 'third-party estimate, Apple publishes none: 5,120 ALUs × 2 FLOP × 1.398 GHz = 14.32 TFLOPS FP32',
      },
    ],
  },
  {
    id: 'm4-max',
    displayName: 'Apple M4 Max (40-core GPU, 128 GB)',
    memoryBytes: gibibytes(128),
    bandwidthBytesPerSecond: 546e9,
    peakFlops: { fp32: 17.18e12 },
    defaultGpusPerNode: 1,
    interconnect: singleBox(null),
    sources: [
      {
        title: 'Apple newsroom: M4 Pro and M4 Max',
        url: 'https://www.apple.com/newsroom/2024/10/apple-introduces-m4-pro-and-m4-max/',
        date: '2024-10-30',
        note: 'up to 128 GB unified memory (binary: 128 GiB = 137.4 GB) at 546 GB/s',
      },
      {
        title: 'hmc-tech GPU database: 32-core M4 Max (1,678 MHz)',
        url: 'https://hmc-tech.com/gpu/apple-32-core-m4-max-vs-apple-40-core-m3-max',
        date: '2024',
        note: 'third-party estimate, Apple publishes none: 40 cores × 128 ALUs × 2 FLOP × 1.678 GHz = 17.18 TFLOPS FP32',
      },
    ],
  },
] as const satisfies readonly GpuPreset[];

export type GpuId = (typeof gpuPresetList)[number]['id'];
export const gpuPresets: readonly (GpuPreset & { readonly id: GpuId })[] = gpuPresetList;
