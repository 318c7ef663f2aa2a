// The live slide's words, pure: what the case running now measures, in the audience's terms, and the one
// sentence a finished run ends on, how far this device sits from the scenario's GPU. No DOM.
import { MATRIX_ROOF, type MeasurementDocument, measuredRoofs } from '../../measure/document.ts';
import type { GpuPreset } from '../../model/presets/gpuTypes.ts';
import { readable, si } from '../../model/units/format.ts';

/** What each kernel tells the audience (the first word of a case's label is its kernel). */
const KERNEL_WORDS: Readonly<Record<string, string>> = {
  'stream-read': 'the memory roof: streaming reads',
  'stream-copy': 'the memory roof: streaming copies',
  'fma-peak': 'the compute roof: fused multiply-adds',
  gemv: 'a GEMV, decode’s matrix × vector',
  'gemv-batched': 'a batched GEMV, B streams sharing one read',
  gemm: 'a GEMM, prefill’s matrix × matrix',
  'gemm-subgroup-matrix': 'a GEMM on the matrix units',
  'moe-gemv': 'a mixture-of-experts GEMV',
};

/** "the memory roof: streaming reads (stream-read f32 n=16384)" for a case label; the label alone otherwise. */
export function caseWords(label: string): string {
  const kernel = label.split(' ')[0] ?? '';
  const words = KERNEL_WORDS[kernel];
  return words ? `${words} (${label})` : label;
}

const below = (ours: number, theirs: number): string =>
  theirs > ours ? `${readable(theirs / ours)}× below` : `${readable(ours / theirs)}× above`;

/**
 * One sentence: this device's memory and FMA roofs against one `reference` GPU's bandwidth and FP32 peak
 * (the same kind of arithmetic as the FMA probe's f32), or why a roof is missing. Null before any roof.
 */
export function distanceSentence(
  document: MeasurementDocument,
  reference: GpuPreset,
  name: string,
): string | null {
  const roofs = measuredRoofs(document.measurements);
  const memory = roofs.memory?.value ?? null;
  const f32 = roofs.compute['f32']?.value ?? null;
  const gpu = reference.displayName.replace(/\s*\(.*\)\s*$/, '');
  const peak = reference.peakFlops.fp32 ?? null;
  const parts: string[] = [];
  if (memory !== null && memory > 0)
    parts.push(
      `memory ${si(memory, 'B/s')}, ${below(memory, reference.bandwidthBytesPerSecond)} one ${gpu} (${si(reference.bandwidthBytesPerSecond, 'B/s')})`,
    );
  if (f32 !== null && f32 > 0 && peak !== null)
    parts.push(
      `FMA f32 ${si(f32, 'FLOP/s')}, ${below(f32, peak)} ${parts.length > 0 ? 'its' : `one ${gpu}’s`} FP32 peak (${si(peak, 'FLOP/s')})`,
    );
  else if (f32 !== null && f32 > 0) parts.push(`FMA f32 ${si(f32, 'FLOP/s')}`);
  if (parts.length === 0) return null;
  const noMemory = memory === null ? '; no memory roof from this run (its streams stayed in cache)' : '';
  return `${name}: ${parts.join('; ')}${noMemory}.`;
}

/** Why the chart has no memory roof, when it has none: a cache-resident run measures no DRAM rate. */
export function missingMemoryRoof(document: MeasurementDocument): string | null {
  const roofs = measuredRoofs(document.measurements);
  if (roofs.memory) return null;
  const cached = document.measurements.some(
    (m) => (m.kernel === 'stream-read' || m.kernel === 'stream-copy') && m.cacheResident === true,
  );
  return cached
    ? `No memory roof: the ${document.profile} profile’s streams fit in this device’s cache, which is a cache rate, not DRAM; only the compute roof is drawn.`
    : 'No memory roof yet: no streaming case has finished.';
}

/** The compute roofs' names for the legend ("f32 FMA", "matrix f16"). */
export function roofNames(document: MeasurementDocument): string[] {
  return Object.keys(measuredRoofs(document.measurements).compute).map((dtype) =>
    dtype === MATRIX_ROOF ? 'matrix f16' : `${dtype} FMA`,
  );
}
