// The links between GPUs, per GPU and per direction (the rate one GPU can send while receiving as much),
// and the latency each sequential hop of a collective adds. Line rates are the vendors'; collectives reach
// a share of them (physics/efficiencies.ts linkBandwidthShare).
import type { PresetSource } from './source.ts';

export interface LinkPreset {
  readonly name: string;
  /** per GPU, one direction, line rate (B/s) */
  readonly bandwidthBps: number;
  /** latency each sequential hop of a ring collective adds (s) */
  readonly hopLatencyS: number;
  readonly sources: readonly PresetSource[];
}

export interface InterconnectPreset {
  /** the scale-up domain inside a node (NVLink, Infinity Fabric, PCIe); null for a lone device */
  readonly intraNode: LinkPreset | null;
  /** the network between nodes; null where the preset has no multi-node form */
  readonly interNode: LinkPreset | null;
}

/**
 * llm-analysis (github.com/cli99/llm-analysis, gpu_configs/h100-sxm-80gb.json) charges an intra-node
 * all-reduce at least 8 µs, its "min message latency". Spread over the 2(n − 1) = 14 sequential hops of
 * an 8-GPU ring that is 0.57 µs a hop. NCCL measures more (NVIDIA/nccl#1259, 2024-04-22: ~6 µs for a
 * 2-GPU NVLS all-reduce on HGX H100) and engines' one-shot all-reduce kernels less; no per-hop NVLink 5
 * or Infinity Fabric figure was found, so all scale-up links use this one.
 */
const SCALE_UP_HOP_LATENCY_S = 8e-6 / 14;

const llmAnalysisLatency: PresetSource = {
  title:
    'llm-analysis gpu_configs/h100-sxm-80gb.json: intra_node_min_message_latency 8e-6 s (per 8-GPU all-reduce)',
  url: 'https://github.com/cli99/llm-analysis/blob/main/llm_analysis/gpu_configs/h100-sxm-80gb.json',
  date: '2024-05',
};

const nvlink = (generation: number, bidirectionalBps: number, source: PresetSource): LinkPreset => ({
  name: `NVLink ${generation}`,
  bandwidthBps: bidirectionalBps / 2,
  hopLatencyS: SCALE_UP_HOP_LATENCY_S,
  sources: [source, llmAnalysisLatency],
});

export const links = {
  nvlink5: nvlink(5, 1.8e12, {
    title: 'NVIDIA HGX platform specifications (HGX B200): NVLink 5, 1.8 TB/s per GPU',
    url: 'https://www.nvidia.com/en-us/data-center/hgx/',
    date: '2025-03',
    note: 'bidirectional; 900 GB/s each way',
  }),
  nvlink4: nvlink(4, 900e9, {
    title: 'NVIDIA H100 Tensor Core GPU datasheet: NVLink 900 GB/s (SXM)',
    url: 'https://www.nvidia.com/en-us/data-center/h100/',
    date: '2023',
    note: 'bidirectional; 450 GB/s each way (NCCL: "450 GB/s is the line rate", NVIDIA/nccl-tests#212)',
  }),
  nvlink3: nvlink(3, 600e9, {
    title: 'NVIDIA A100 Tensor Core GPU datasheet: NVLink 600 GB/s (SXM)',
    url: 'https://www.nvidia.com/en-us/data-center/a100/',
    date: '2021-06',
    note: 'bidirectional; 300 GB/s each way',
  }),
  infinityFabricMi300: {
    name: 'Infinity Fabric (7 links)',
    bandwidthBps: 448e9,
    hopLatencyS: SCALE_UP_HOP_LATENCY_S,
    sources: [
      {
        title: 'AMD Instinct MI300X GPUs (Emergent Mind topic summary of MI300X papers)',
        url: 'https://www.emergentmind.com/topics/amd-instinct-mi300x-gpus',
        date: '2025-11-13',
        note: 'up to 128 GB/s bidirectional per Infinity Fabric link, 448 GB/s aggregate per GPU in an 8-GPU system (7 links × 64 GB/s each way); a secondary source, AMD’s data sheet was not at hand',
      },
      llmAnalysisLatency,
    ],
  },
  pcie4x16: {
    name: 'PCIe 4.0 x16',
    bandwidthBps: 32e9,
    hopLatencyS: SCALE_UP_HOP_LATENCY_S,
    sources: [
      {
        title: 'PCI Express 4.0 base specification: 16 GT/s per lane',
        date: '2017-10',
        note: '16 lanes × 16 GT/s × 128/130 ≈ 31.5 GB/s each way; no peer NVLink on GeForce RTX 4090; hop latency not measured (NVLink figure used)',
      },
    ],
  },
  pcie5x16: {
    name: 'PCIe 5.0 x16',
    bandwidthBps: 64e9,
    hopLatencyS: SCALE_UP_HOP_LATENCY_S,
    sources: [
      {
        title: 'PCI Express 5.0 base specification: 32 GT/s per lane',
        date: '2019-05',
        note: '16 lanes × 32 GT/s × 128/130 ≈ 63 GB/s each way; hop latency not measured (NVLink figure used)',
      },
    ],
  },
  infiniband400: {
    name: 'InfiniBand NDR 400 Gb/s per GPU',
    bandwidthBps: 50e9,
    hopLatencyS: 5e-6,
    sources: [
      {
        title: 'NVIDIA DGX B200 / DGX H100 datasheets: 8 × ConnectX-7 400 Gb/s, one per GPU',
        url: 'https://www.nvidia.com/en-us/data-center/dgx-b200/',
        date: '2024-03',
        note: '400 Gb/s = 50 GB/s each way per GPU; the 5 µs per hop is an assumption (switch + NIC + NCCL proxy), no published per-hop figure was found',
      },
    ],
  },
} as const satisfies Record<string, LinkPreset>;

export const dataCenterInterconnect = (intraNode: LinkPreset): InterconnectPreset => ({
  intraNode,
  interNode: links.infiniband400,
});

/** A desktop card or a Mac: one device, or cards talking over PCIe inside one box. */
export const singleBox = (intraNode: LinkPreset | null): InterconnectPreset => ({
  intraNode,
  interNode: null,
});
