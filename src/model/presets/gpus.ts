import type { AchievableMatmul, GpuPreset } from './gpuTypes.ts';
import { dataCenterInterconnect, links, singleBox } from './interconnects.ts';
import { blogSource, type PresetSource } from './source.ts';

/**
 * B200's FP4 path: cuBLASLt (cublasTest 13.3) reaches 5,239 TFLOPS on an 8192³ MXFP4 × MXFP4 GEMM, 0.58 of
 * the 9,000 dense (DeepGEMM's own kernel 5,702); vLLM's tuned CUTLASS NVFP4 GEMM reaches 3,039 at
 * M = 16,384 on Llama 3.1 8B's N = 6,144, K = 4,096 (vLLM PR #20646): FP4 tensor cores run further below
 * their peak than FP8's.
 */
const NVFP4_SOURCE =
  'DeepGEMM PR #348 (https://github.com/deepseek-ai/DeepGEMM/pull/348, 2026-06-01): cublasTest 13.3 on B200, 8192×8192×8192 FP4 × FP4, 5,239 of 9,000 dense TFLOPS';

/**
 * Where the achievable-matmul shares come from (one published table). Compute units: B200 148 SMs
 * (Megatron-LM PR #6454, DeepGEMM), H100/H200 SXM 132 and A100 108 (the NVIDIA architecture whitepapers,
 * as ml-engineering's wave-quantisation note lists them), RTX 4090 128 and RTX 5090 170 (the Ada and RTX
 * Blackwell whitepapers), MI300X 304 and MI355X 256 CUs (AMD's data sheets), Apple: the GPU cores named.
 */
const MAMF_SOURCE =
  'Maximum Achievable Matmul FLOPS table, stas00/ml-engineering compute/accelerator/README.md (https://github.com/stas00/ml-engineering/blob/master/compute/accelerator/README.md, 2026-08-10)';

/** B200's published shares: MAMF's BF16 and FP8 entries and cuBLASLt's FP4 GEMM (the HGX and blog presets). */
const B200_MATMUL: readonly AchievableMatmul[] = [
  {
    precision: 'bf16',
    share: 0.776,
    shape: [1792, 16128, 3072],
    source: `${MAMF_SOURCE}: B200 SXM BF16 1,745.0 of 2,250 TFLOPS`,
  },
  {
    precision: 'fp8',
    share: 0.763,
    shape: [15360, 4096, 3072],
    source: `${MAMF_SOURCE}: B200 SXM FP8 3,432.5 of 4,500 TFLOPS`,
  },
  { precision: 'fp4', share: 0.582, shape: [8192, 8192, 8192], source: NVFP4_SOURCE },
];

/** H100 SXM's BF16 entry, which the table says holds for H200 too (same compute). */
const H100_BF16_MATMUL: AchievableMatmul = {
  precision: 'bf16',
  share: 0.803,
  shape: [2048, 2048, 13312],
  source: `${MAMF_SOURCE}: H100 SXM BF16 794.5 of 989 TFLOPS ("H200 is the same")`,
};

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
    computeUnits: 148,
    achievableMatmul: B200_MATMUL,
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
    computeUnits: 148,
    achievableMatmul: B200_MATMUL,
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
    computeUnits: 148,
    achievableMatmul: [
      {
        precision: 'bf16',
        share: 0.729,
        shape: [4096, 9728, 2048],
        source: MAMF_SOURCE + ': GB200 SXM BF16 1,822.0 of 2,500 TFLOPS',
      },
      {
        precision: 'fp8',
        share: 0.723,
        shape: [19456, 5120, 1536],
        source: MAMF_SOURCE + ': GB200 SXM FP8 3,615.6 of 5,000 TFLOPS',
      },
    ],
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
    computeUnits: 132,
    achievableMatmul: [
      H100_BF16_MATMUL,
      {
        precision: 'fp8',
        share: 0.709,
        shape: [1024, 9216, 14336],
        source: MAMF_SOURCE + ': H100 SXM FP8 1,402.6 of 1,979 TFLOPS',
      },
    ],
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
    computeUnits: 132,
    achievableMatmul: [
      H100_BF16_MATMUL,
      {
        precision: 'fp8',
        share: 0.734,
        shape: [1280, 4096, 12032],
        source: MAMF_SOURCE + ': H200 SXM FP8 1,453.4 of 1,979 TFLOPS',
      },
    ],
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
    computeUnits: 108,
    achievableMatmul: [
      {
        precision: 'bf16',
        share: 0.869,
        shape: [1024, 10240, 5120],
        source: MAMF_SOURCE + ': A100 SXM BF16 271.2 of 312 TFLOPS',
      },
    ],
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
    id: 'h100-pcie',
    displayName: 'NVIDIA H100 PCIe 80GB',
    memoryBytes: mebibytes(81_559),
    bandwidthBytesPerSecond: 2.0e12,
    peakFlops: { fp8: 1513e12, bf16: 756e12, fp32: 51.2e12 },
    defaultGpusPerNode: 8,
    interconnect: singleBox(links.pcie5x16),
    computeUnits: 114,
    sources: [
      {
        title: 'NVIDIA H100 Tensor Core GPU datasheet (H100 PCIe column)',
        url: 'https://www.nvidia.com/en-us/data-center/h100/',
        date: '2023',
        note: '80 GB HBM2e (the same 81,559 MiB nvidia-smi total as the SXM part is assumed), 2 TB/s; FP8 3,026 / BF16 1,513 TFLOPS with sparsity, halved to dense; FP32 51 TFLOPS; 114 SMs (GH100 in the PCIe part); NVLink only as a 2-GPU bridge, so GPUs of a box talk over PCIe 5.0',
      },
    ],
  },
  {
    id: 'h20',
    displayName: 'NVIDIA H20 96GB',
    memoryBytes: gibibytes(96),
    bandwidthBytesPerSecond: 4.0e12,
    peakFlops: { fp8: 296e12, bf16: 148e12, fp32: 44e12 },
    defaultGpusPerNode: 8,
    interconnect: dataCenterInterconnect(links.nvlink4),
    computeUnits: 78,
    sources: [
      {
        title:
          'NVIDIA H20 specifications as published by third parties (willitrunai.com GPU page; Geekbench 6 listing reported by wccftech)',
        url: 'https://willitrunai.com/es/gpus/h20-96gb',
        date: '2024',
        note: 'NVIDIA publishes no public H20 datasheet: 96 GB HBM3 (taken as 96 GiB, not verified against nvidia-smi), 4.0 TB/s, dense FP16/BF16 148 TFLOPS, FP8/INT8 296, FP32 44; NVLink 4 at 900 GB/s; 78 SMs per the Geekbench listing',
      },
    ],
  },
  {
    id: 'l40s',
    displayName: 'NVIDIA L40S 48GB',
    memoryBytes: 48e9,
    bandwidthBytesPerSecond: 864e9,
    peakFlops: { fp8: 733e12, bf16: 362e12, fp32: 91.6e12 },
    defaultGpusPerNode: 1,
    interconnect: singleBox(links.pcie4x16),
    computeUnits: 142,
    sources: [
      {
        title: 'NVIDIA L40S GPU datasheet',
        url: 'https://www.nvidia.com/en-us/data-center/l40s/',
        date: '2023-08',
        note: '48 GB GDDR6 (the label is kept: no nvidia-smi total found), 864 GB/s; FP8 1,466 / BF16 733 TFLOPS with sparsity, halved to dense; FP32 91.6; 18,176 CUDA cores = 142 SMs; PCIe 4.0, no NVLink',
      },
    ],
  },
  {
    id: 'rtx-3090',
    displayName: 'NVIDIA GeForce RTX 3090',
    memoryBytes: mebibytes(24_576),
    bandwidthBytesPerSecond: 936e9,
    peakFlops: { bf16: 71e12, fp32: 35.6e12 },
    defaultGpusPerNode: 1,
    interconnect: singleBox(links.pcie4x16),
    computeUnits: 82,
    sources: [
      {
        title: 'NVIDIA Ampere GA102 GPU Architecture whitepaper (Appendix A, RTX 3090)',
        url: 'https://www.nvidia.com/content/PDF/nvidia-ampere-ga-102-gpu-architecture-whitepaper-v2.pdf',
        date: '2020-09',
        note: '24 GB GDDR6X (24 GiB: 24,576 MiB), 936 GB/s; 82 SMs; dense FP16/BF16 tensor with FP32 accumulate 71 TFLOPS (142 sparse); FP32 35.6; no FP8 path',
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
    computeUnits: 304,
    achievableMatmul: [
      {
        precision: 'bf16',
        share: 0.514,
        shape: [10240, 15360, 8192],
        source: MAMF_SOURCE + ': MI300X BF16 668.4 of 1,300 TFLOPS (ROCm 6.3, TunableOp on)',
      },
    ],
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
    computeUnits: 256,
    achievableMatmul: [
      {
        precision: 'bf16',
        share: 0.68,
        shape: [12288, 8192, 8192],
        source: MAMF_SOURCE + ': MI355X BF16 1,565.0 of 2,300 TFLOPS (ROCm 7.0.2)',
      },
    ],
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
    computeUnits: 128,
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
    computeUnits: 170,
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
    computeUnits: 38,
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
    computeUnits: 40,
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
    computeUnits: 40,
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
