// Measurements from the measure page (or an imported document) as the explorer needs them: the measured
// roofs and the batched-GEMV curve. The page announces new documents with a 'ridgeline:measurements'
// event (detail.documents) and keeps the latest list on window.__ridgelineMeasurements.
import { type Measurement, type MeasurementDocument, measuredRoofs } from '../../measure/document.ts';
import type { GpuPreset } from '../../model/presets/gpuTypes.ts';
import { links, singleBox } from '../../model/presets/interconnects.ts';

export interface LocalGpu {
  readonly name: string;
  readonly bandwidthBps: number;
  /** best measured FLOP/s per dtype (f32, f16, q4) */
  readonly flopsByDtype: Readonly<Record<string, number>>;
  /** batched GEMV: batch → rows×batch per second (tokens/s shape), ascending by batch */
  readonly gemvCurve: readonly { readonly batch: number; readonly tokensPerSecond: number }[];
  readonly createdAt: string;
}

declare global {
  interface Window {
    __ridgelineMeasurements?:
      | { readonly documents: readonly MeasurementDocument[] }
      | readonly MeasurementDocument[];
  }
}

const batchKeys = ['batch', 'B', 'N', 'n'];

function batchOf(m: Measurement): number | null {
  for (const key of batchKeys) {
    const value = m.shape[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 1) return value;
  }
  return null;
}

function gemvCurve(measurements: readonly Measurement[]): LocalGpu['gemvCurve'] {
  const usable = measurements.filter(
    (m) => m.kernel === 'gemv-batched' && m.verified && m.error === null && m.secondsPerDispatch !== null,
  );
  // one curve: the dtype and M×K with the most batch points (the suite sweeps B at a fixed M×K)
  const groups = new Map<string, Measurement[]>();
  for (const m of usable) {
    const fixed = Object.entries(m.shape)
      .filter(([key]) => !batchKeys.includes(key))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    const key = `${m.dtype}|${fixed}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const best = [...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const points = new Map<number, number>();
  for (const m of best) {
    const batch = batchOf(m);
    const seconds = m.secondsPerDispatch?.median ?? 0;
    if (batch === null || !(seconds > 0)) continue;
    points.set(batch, Math.max(points.get(batch) ?? 0, batch / seconds));
  }
  return [...points.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([batch, tokensPerSecond]) => ({ batch, tokensPerSecond }));
}

export function localGpuFrom(documents: readonly MeasurementDocument[]): LocalGpu | null {
  for (let i = documents.length - 1; i >= 0; i--) {
    const doc = documents[i];
    if (!doc) continue;
    // the roofs its verified measurements support, recomputed: a document's own `roofs` field is not trusted
    const roofs = measuredRoofs(doc.measurements ?? []);
    const memory = roofs.memory?.value;
    if (typeof memory !== 'number' || !(memory > 0)) continue;
    const flopsByDtype: Record<string, number> = {};
    for (const [dtype, roof] of Object.entries(roofs.compute)) {
      if (roof && roof.value > 0) flopsByDtype[dtype] = roof.value;
    }
    return {
      name: doc.adapter?.description || doc.adapter?.device || doc.adapter?.architecture || 'your GPU',
      bandwidthBps: memory,
      flopsByDtype,
      gemvCurve: gemvCurve(doc.measurements ?? []),
      createdAt: doc.createdAt,
    };
  }
  return null;
}

export function documentsFromDetail(detail: unknown): readonly MeasurementDocument[] {
  if (Array.isArray(detail)) return detail as MeasurementDocument[];
  if (detail && typeof detail === 'object' && Array.isArray((detail as { documents?: unknown }).documents)) {
    return (detail as { documents: MeasurementDocument[] }).documents;
  }
  return [];
}

/** Scale a measured curve so its peak matches the model's aggregate at the same batch range. */
export function normaliseCurve(
  measured: LocalGpu['gemvCurve'],
  modelAggregateAt: (batch: number) => number | null,
): { batch: number; aggregateTps: number }[] {
  if (measured.length === 0) return [];
  const peak = measured.reduce((a, b) => (b.tokensPerSecond > a.tokensPerSecond ? b : a));
  const target = modelAggregateAt(peak.batch);
  if (target === null || !(target > 0) || !(peak.tokensPerSecond > 0)) return [];
  const scale = target / peak.tokensPerSecond;
  return measured.map((p) => ({ batch: p.batch, aggregateTps: p.tokensPerSecond * scale }));
}

/** The hardware id of "your GPU": the measured roofs as a GPU the scenario can be run on. */
export const YOUR_GPU_ID = 'your-gpu';
export const YOUR_GPU_LABEL = 'Your GPU (measured here)';

/**
 * Your GPU as a hardware preset: the measured stream bandwidth, the measured FMA rates as its peaks (f16 as
 * the BF16 path, f32 as FP32: what WebGPU shaders reach, not tensor cores, so FP8/FP4 fall back to them
 * and say so) and the memory you typed (WebGPU cannot see it). One card in a desktop: PCIe 4 between
 * cards, no network. Null when the run has no FLOP/s measurement to be a roof.
 */
export function yourGpuPreset(gpu: LocalGpu, memoryBytes: number): GpuPreset | null {
  const peakFlops: { bf16?: number; fp32?: number } = {};
  const f16 = gpu.flopsByDtype['f16'];
  const f32 = gpu.flopsByDtype['f32'];
  if (f16 !== undefined && f16 > 0) peakFlops.bf16 = f16;
  if (f32 !== undefined && f32 > 0) peakFlops.fp32 = f32;
  if (peakFlops.bf16 === undefined && peakFlops.fp32 === undefined) return null;
  if (!(gpu.bandwidthBps > 0) || !(memoryBytes > 0)) return null;
  return {
    id: YOUR_GPU_ID,
    // the adapter's name is untrusted text: capped here, and only ever written with textContent
    displayName: `${gpu.name.slice(0, 80)} (measured)`,
    memoryBytes,
    bandwidthBytesPerSecond: gpu.bandwidthBps,
    peakFlops,
    defaultGpusPerNode: 1,
    interconnect: singleBox(links.pcie4x16),
    sources: [
      {
        title: `measured in this browser: ${gpu.name.slice(0, 80)}`,
        date: gpu.createdAt.slice(0, 10),
        note: 'stream bandwidth and FMA rates from the measure page; memory as typed under “Your GPU”',
      },
    ],
  };
}
