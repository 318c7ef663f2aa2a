// From measurement documents and presets to what the roofline chart draws (rooflineTypes.ts). Pure.
// Only verified measurements with finite, positive rates become points or roofs: a failed or unverified
// kernel is never plotted as valid (the results table lists it with its error instead).
import { arithmeticDtype } from '../kernels/arithmetic.ts';
import type { Measurement, MeasurementDocument } from '../measure/document.ts';
import { isValidMeasurement, MATRIX_ROOF, MATRIX_ROOF_KERNEL, measuredRoofs } from '../measure/document.ts';
import type { GpuPreset, PeakPrecision } from '../model/presets/gpuTypes.ts';
import { intensity, percent, seconds, si } from '../model/units/format.ts';
import { fractionOfRoof, type MeasuredRoofs } from '../model/units/roofline.ts';
import type {
  ChartPoint,
  ColorKey,
  ComputeRoof,
  PointShape,
  RoofSeries,
  TooltipRow,
} from './rooflineTypes.ts';

/** Kernels that define roofs rather than sit under them (streams move no FLOP; the FMA probe no bytes). */
const roofKernels = new Set(['stream-read', 'stream-copy', 'fma-peak']);

const shapeOf: Readonly<Record<string, PointShape>> = {
  gemv: 'circle',
  'gemv-batched': 'diamond',
  gemm: 'square',
  'moe-gemv': 'triangle',
};

export interface SeriesIdentity {
  readonly id: string;
  readonly label: string;
  readonly color: ColorKey;
}

/** The roofs a document's valid measurements support (recomputed: an imported `roofs` field is not trusted). */
export function documentRoofs(document: MeasurementDocument): MeasuredRoofs {
  return measuredRoofs(document.measurements);
}

export function measuredRoofSeries(document: MeasurementDocument, identity: SeriesIdentity): RoofSeries {
  const roofs = documentRoofs(document);
  const computeRoofs: ComputeRoof[] = Object.entries(roofs.compute)
    .map(([dtype, roof]) => ({
      dtype,
      label: dtype === MATRIX_ROOF ? 'matrix f16 (experimental)' : `${dtype} FMA`,
      flopsPerSecond: roof.value,
    }))
    .sort((a, b) => b.flopsPerSecond - a.flopsPerSecond);
  return {
    id: identity.id,
    label: identity.label,
    color: identity.color,
    bandwidthBytesPerSecond: roofs.memory?.value ?? null,
    computeRoofs,
    dashed: false,
  };
}

/**
 * The compute roof that bounds a kernel of this dtype: its own dtype's FMA peak, else f32's (q4 weights
 * are unpacked and multiplied in f32, see shaders/gemv-q4.wgsl), else the highest measured; the subgroup-
 * matrix GEMM runs on matrix units, bounded by the matrix roof where there is one.
 */
export function computeRoofFor(roofs: MeasuredRoofs, dtype: string, kernel?: string): number | null {
  const matrix = kernel === MATRIX_ROOF_KERNEL ? roofs.compute[MATRIX_ROOF]?.value : undefined;
  // the roof of the arithmetic it does: the f16 GEMVs compute in f32 (kernels/arithmetic.ts)
  const own =
    matrix ?? roofs.compute[arithmeticDtype(kernel ?? '', dtype)]?.value ?? roofs.compute['f32']?.value;
  if (own !== undefined) return own;
  const values = Object.values(roofs.compute).map((r) => r.value);
  return values.length > 0 ? Math.max(...values) : null;
}

/** The batch size of a batched-GEMV case, whatever the manifest calls it. */
export function batchOf(shape: Readonly<Record<string, number>>): number | null {
  const batch = shape['B'] ?? shape['batch'] ?? shape['N'] ?? null;
  return batch !== null && Number.isFinite(batch) ? batch : null;
}

function shapeText(shape: Readonly<Record<string, number>>): string {
  return Object.entries(shape)
    .map(([key, value]) => `${key}=${Number.isFinite(value) ? value : '—'}`)
    .join(' ');
}

/**
 * Tooltip rows for one measurement: bytes, FLOP, time, rates, intensity, % of the roof above, verified, and
 * (version 2 documents) its working set, marked when cache-resident, and the variant measured.
 */
export function measurementTooltip(m: Measurement, roofs: MeasuredRoofs): TooltipRow[] {
  const peak = computeRoofFor(roofs, m.dtype, m.kernel);
  const bandwidth = roofs.memory?.value ?? null;
  const rate = (value: number | null): value is number =>
    value !== null && Number.isFinite(value) && value >= 0;
  const fraction =
    peak !== null && bandwidth !== null && rate(m.bytesPerSecond) && rate(m.flopsPerSecond)
      ? fractionOfRoof(m.bytesPerSecond, m.flopsPerSecond, peak, bandwidth)
      : null;
  return [
    { name: 'shape', value: shapeText(m.shape) },
    { name: 'bytes / dispatch', value: si(m.bytesPerDispatch, 'B') },
    { name: 'FLOP / dispatch', value: si(m.flopsPerDispatch, 'FLOP') },
    { name: 'time (median)', value: seconds(m.secondsPerDispatch?.median) },
    { name: 'bandwidth', value: si(m.bytesPerSecond, 'B/s') },
    { name: 'compute', value: si(m.flopsPerSecond, 'FLOP/s') },
    { name: 'intensity', value: intensity(m.arithmeticIntensity) },
    { name: '% of roof above', value: percent(fraction) },
    { name: 'verified', value: m.verified ? `yes (${m.verifyMessage})` : `no (${m.verifyMessage})` },
    ...(m.workingSetBytes === null
      ? []
      : [
          {
            name: 'working set',
            value: `${si(m.workingSetBytes, 'B')}${m.cacheResident ? ' (cache-resident: a cache rate, not DRAM)' : ''}`,
          },
        ]),
    ...(m.variant === null ? [] : [{ name: 'variant', value: m.variant }]),
  ];
}

const positive = (v: number | null): v is number => v !== null && Number.isFinite(v) && v > 0;

/** Chart points for the document's valid, non-roof measurements; the batched-GEMV sweep is one path per dtype. */
export function measuredPoints(
  document: MeasurementDocument,
  identity: SeriesIdentity,
  withCaptions: boolean,
): ChartPoint[] {
  const roofs = documentRoofs(document);
  const points: ChartPoint[] = [];
  document.measurements.forEach((m, index) => {
    if (roofKernels.has(m.kernel) || !isValidMeasurement(m)) return;
    if (!positive(m.arithmeticIntensity) || !positive(m.flopsPerSecond)) return;
    const batch = m.kernel === 'gemv-batched' ? batchOf(m.shape) : null;
    const caption = !withCaptions ? null : batch !== null ? `B=${batch}` : `${m.kernel} ${m.dtype}`;
    points.push({
      id: `${identity.id}:${index}`,
      seriesId: identity.id,
      color: identity.color,
      label: `${identity.label}: ${m.label}`,
      intensityFlopsPerByte: m.arithmeticIntensity,
      flopsPerSecond: m.flopsPerSecond,
      shape: shapeOf[m.kernel] ?? 'circle',
      pathKey: m.kernel === 'gemv-batched' ? `${identity.id}:gemv-batched:${m.dtype}` : null,
      caption,
      tooltip: measurementTooltip(m, roofs),
    });
  });
  return points;
}

const precisionLabels: Readonly<Record<PeakPrecision, string>> = {
  fp4: 'FP4 dense',
  fp8: 'FP8 dense',
  bf16: 'BF16 dense',
  fp32: 'FP32',
};

/** A preset GPU's reference roofs at the chosen precisions (a precision the GPU lacks is left out). */
export function presetRoofSeries(
  preset: GpuPreset,
  precisions: readonly PeakPrecision[],
  identity: SeriesIdentity,
): RoofSeries {
  const computeRoofs: ComputeRoof[] = [];
  for (const precision of precisions) {
    const flopsPerSecond = preset.peakFlops[precision];
    if (flopsPerSecond !== undefined) {
      computeRoofs.push({ dtype: precision, label: precisionLabels[precision], flopsPerSecond });
    }
  }
  return {
    id: identity.id,
    label: identity.label,
    color: identity.color,
    bandwidthBytesPerSecond: preset.bandwidthBytesPerSecond,
    computeRoofs,
    dashed: true,
  };
}

/** "NVIDIA B200 (blog: 192 GB, 8 TB/s, 10 PFLOPS FP4)" → "NVIDIA B200": a preset's name for chart labels. */
export function shortGpuName(displayName: string): string {
  return displayName.replace(/\s*\(.*\)\s*$/, '');
}
