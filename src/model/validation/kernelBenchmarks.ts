// Published kernel benchmarks the shape-aware kernel efficiencies (physics/kernelEfficiency.ts) are held
// against: DeepGEMM's FP8 GEMM table on H800 (normal GEMMs for dense models and grouped GEMMs for MoE, by
// M, N, K) and onnxruntime's decode GEMV timings on H100 PCIe. Values as published;
// tests/unit/ops/kernelEfficiency.test.ts checks the model against every row.

export interface GemmBenchmark {
  /** M, N, K of one problem */
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** problems in the grouped GEMM (1 for a plain one) */
  readonly groups: number;
  /** TFLOPS as published */
  readonly tflops: number;
}

export interface KernelBenchmarkTable<Row> {
  readonly source: string;
  /** the GPU as the model sees it */
  readonly gpu: {
    readonly bandwidthBps: number;
    readonly peakFlops: number;
    readonly computeUnits: number;
  };
  /** bytes per weight (FP8: 1; int4 with scales: 0.5 + its scale share) */
  readonly bytesPerWeight: number;
  readonly rows: readonly Row[];
}

/** H800 SXM5: H100 SXM compute (132 SMs, 1,979 dense FP8 TFLOPS) and 3.35 TB/s of HBM3. */
const H800 = { bandwidthBps: 3.35e12, peakFlops: 1979e12, computeUnits: 132 } as const;

const g = (m: number, n: number, k: number, tflops: number, groups = 1): GemmBenchmark => ({
  m,
  n,
  k,
  groups,
  tflops,
});

export const DEEPGEMM_FP8_H800: KernelBenchmarkTable<GemmBenchmark> = {
  source:
    'DeepGEMM README “Performance” (https://github.com/deepseek-ai/DeepGEMM, commit 55ab91f, 2025-03-25): FP8 1×128 / 128×128 block-scaled GEMMs on H800 SXM5, NVCC 12.8; normal GEMMs for dense models and grouped GEMMs (contiguous and masked layouts) for MoE',
  gpu: H800,
  bytesPerWeight: 1,
  rows: [
    g(64, 2112, 7168, 206),
    g(64, 24576, 1536, 289),
    g(64, 32768, 512, 219),
    g(64, 7168, 16384, 336),
    g(64, 4096, 7168, 287),
    g(64, 7168, 2048, 295),
    g(128, 2112, 7168, 352),
    g(128, 24576, 1536, 535),
    g(128, 32768, 512, 358),
    g(128, 7168, 16384, 645),
    g(128, 4096, 7168, 533),
    g(128, 7168, 2048, 510),
    g(4096, 2112, 7168, 1009),
    g(4096, 24576, 1536, 1125),
    g(4096, 32768, 512, 751),
    g(4096, 7168, 16384, 1426),
    g(4096, 4096, 7168, 1265),
    g(4096, 7168, 2048, 1168),
    // grouped, contiguous layout (prefill)
    g(8192, 4096, 7168, 1346, 4),
    g(8192, 7168, 2048, 1214, 4),
    g(4096, 4096, 7168, 1346, 8),
    g(4096, 7168, 2048, 1214, 8),
    // grouped, masked layout (decode)
    g(1024, 4096, 7168, 1233, 1),
    g(1024, 7168, 2048, 925, 1),
    g(512, 4096, 7168, 1040, 2),
    g(512, 7168, 2048, 916, 2),
    g(256, 4096, 7168, 932, 4),
    g(256, 7168, 2048, 815, 4),
  ],
};

export interface GemvBenchmark {
  readonly n: number;
  readonly k: number;
  /** kernel time as published, s */
  readonly seconds: number;
}

export const ONNXRUNTIME_INT4_GEMV_H100_PCIE: KernelBenchmarkTable<GemvBenchmark> = {
  source:
    'onnxruntime issue #32382 “CUDA MatMulNBits M=1 GEMV is grid-starved at decode shapes” (https://github.com/microsoft/onnxruntime/issues/32382, 2026-09-02): int4 M = 1 GEMV kernel times on H100 PCIe (114 SMs, 2.0 TB/s)',
  gpu: { bandwidthBps: 2.0e12, peakFlops: 756e12, computeUnits: 114 },
  // 4-bit weights with one fp16 scale per 32 (MatMulNBits' default block 32)
  bytesPerWeight: 0.5 + 2 / 32,
  rows: [
    { n: 1024, k: 3072, seconds: 6.27e-6 },
    { n: 3072, k: 3072, seconds: 7.01e-6 },
    { n: 5120, k: 3072, seconds: 8.26e-6 },
    { n: 8192, k: 3072, seconds: 13.98e-6 },
    { n: 3072, k: 8192, seconds: 12.64e-6 },
  ],
};
