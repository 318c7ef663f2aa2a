// The links between GPUs, per GPU and per direction (the rate one GPU can send while receiving as much),
// the fixed latency of one collective call and the latency each sequential step of it adds (NCCL's ring
// all-reduce over n GPUs takes 2(n − 1) steps, an all-to-all n − 1, a send one). Line rates are the
// vendors'; collectives reach a share of them (physics/efficiencies.ts linkBandwidthShare). The latencies
// are nccl-tests measurements by GPU count; serving engines replace NCCL's small all-reduce on NVLink
// with their own one-shot kernel (presets/engines.ts).
import type { PresetSource } from './source.ts';

export interface LinkPreset {
  readonly name: string;
  /** per GPU, one direction, line rate (B/s) */
  readonly bandwidthBps: number;
  /** latency each sequential step of a collective adds (s) */
  readonly hopLatencyS: number;
  /** fixed latency of one collective call (s) */
  readonly callLatencyS: number;
  readonly sources: readonly PresetSource[];
}

export interface InterconnectPreset {
  /** the scale-up domain inside a node (NVLink, Infinity Fabric, PCIe); null for a lone device */
  readonly intraNode: LinkPreset | null;
  /** the network between nodes; null where the preset has no multi-node form */
  readonly interNode: LinkPreset | null;
}

/**
 * NCCL's ring all-reduce of 8–128 B on a DGX-A100 (NVSwitch), 1 channel, by GPU count: 10 µs on 2 GPUs,
 * 13.8 / 16.9 / 20.8 / 25.2 / 29.5 / 33.7 µs on 3–8 (NVIDIA/nccl-tests#123). A line through them: 6 µs per
 * call and 2 µs per ring step (2(n − 1) steps). NCCL with NVLS and CUDA graphs on HGX H100 starts from the
 * same ~6 µs on 2 GPUs (NVIDIA/nccl#1259, 2024-04-22). No per-count figure was found for NVLink 5 or
 * Infinity Fabric, so every scale-up link uses these.
 */
const SCALE_UP_CALL_LATENCY_S = 6e-6;
const SCALE_UP_HOP_LATENCY_S = 2e-6;

/** NCCL on 8 × RTX 4090 over PCIe (no NVLink): 42.14 µs for 8 B (NVIDIA/nccl#1530): (42.14 − 6) / 14 steps. */
const PCIE_HOP_LATENCY_S = 2.6e-6;

const pcieAllReduceLatency: PresetSource = {
  title: 'NVIDIA/nccl#1530: all_reduce_perf on 8 × RTX 4090 over PCIe, 8 B: 42.14 µs',
  url: 'https://github.com/NVIDIA/nccl/issues/1530',
  date: '2024',
  note: 'fit: the NVLink call latency (6 µs) plus 2.6 µs per ring step over 14 steps',
};

const ncclRingLatency: PresetSource = {
  title:
    'NVIDIA/nccl-tests#123: all_reduce_perf on DGX-A100, NCCL_ALGO=Ring, 1 channel, 8–128 B: 10 µs on 2 GPUs … 33.7 µs on 8',
  url: 'https://github.com/NVIDIA/nccl-tests/issues/123',
  date: '2022',
  note: 'fit: 6 µs per call + 2 µs per ring step; NVIDIA/nccl#1259 (2024-04-22): ~6 µs on 2 HGX H100 GPUs with NVLS and CUDA graphs',
};

const nvlink = (generation: number, bidirectionalBps: number, source: PresetSource): LinkPreset => ({
  name: `NVLink ${generation}`,
  bandwidthBps: bidirectionalBps / 2,
  hopLatencyS: SCALE_UP_HOP_LATENCY_S,
  callLatencyS: SCALE_UP_CALL_LATENCY_S,
  sources: [source, ncclRingLatency],
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
    callLatencyS: SCALE_UP_CALL_LATENCY_S,
    sources: [
      {
        title: 'AMD Instinct MI300X GPUs (Emergent Mind topic summary of MI300X papers)',
        url: 'https://www.emergentmind.com/topics/amd-instinct-mi300x-gpus',
        date: '2025-11-13',
        note: 'up to 128 GB/s bidirectional per Infinity Fabric link, 448 GB/s aggregate per GPU in an 8-GPU system (7 links × 64 GB/s each way); a secondary source, AMD’s data sheet was not at hand',
      },
      ncclRingLatency,
    ],
  },
  pcie4x16: {
    name: 'PCIe 4.0 x16',
    bandwidthBps: 32e9,
    hopLatencyS: PCIE_HOP_LATENCY_S,
    callLatencyS: SCALE_UP_CALL_LATENCY_S,
    sources: [
      {
        title: 'PCI Express 4.0 base specification: 16 GT/s per lane',
        date: '2017-10',
        note: '16 lanes × 16 GT/s × 128/130 ≈ 31.5 GB/s each way; no peer NVLink on GeForce RTX 4090',
      },
      pcieAllReduceLatency,
    ],
  },
  pcie5x16: {
    name: 'PCIe 5.0 x16',
    bandwidthBps: 64e9,
    hopLatencyS: PCIE_HOP_LATENCY_S,
    callLatencyS: SCALE_UP_CALL_LATENCY_S,
    sources: [
      {
        title: 'PCI Express 5.0 base specification: 32 GT/s per lane',
        date: '2019-05',
        note: '16 lanes × 32 GT/s × 128/130 ≈ 63 GB/s each way',
      },
      pcieAllReduceLatency,
    ],
  },
  infiniband400: {
    name: 'InfiniBand NDR 400 Gb/s per GPU',
    bandwidthBps: 50e9,
    hopLatencyS: 17e-6,
    callLatencyS: SCALE_UP_CALL_LATENCY_S,
    sources: [
      {
        title: 'NVIDIA DGX B200 / DGX H100 datasheets: 8 × ConnectX-7 400 Gb/s, one per GPU',
        url: 'https://www.nvidia.com/en-us/data-center/dgx-b200/',
        date: '2024-03',
        note: '400 Gb/s = 50 GB/s each way per GPU',
      },
      {
        title:
          'NVIDIA/nccl#1244: all_reduce_perf on 2 nodes × 8 H20, 16 ConnectX-7 NDR, NCCL 2.21.5, NVLSTree: 46.3–47.6 µs for 4 B–1 KB',
        url: 'https://github.com/NVIDIA/nccl/issues/1244',
        date: '2024-04-09',
        note: 'derived: 46.5 µs less two intra-node NVLS phases of ~6 µs (nccl#1259) over two inter-node tree steps ≈ 17 µs per inter-node step',
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
