// The text `ridgeline bench` prints, nvbench-style: a device block; the measurements (one numbered row per
// case: time, noise, rates, roof fraction, verified) and how each was taken (shape, samples, working set,
// marked when cache-resident), two tables that fit 100 columns; the warnings, folded to one line per kind
// unless --verbose (issue 21: 36 warning lines came before the table); the variant measured and those the
// tuning tried; the dispatch overhead and every rate raw and corrected for it; then the roofs, the ridge point and the ratios to the blog's B200. Rates are already in
// the document; the roof fractions and ridge come from model/units/roofline, never computed here.

import { arithmeticDtype } from '../kernels/arithmetic.ts';
import { LLC_MULTIPLE } from '../kernels/workingSet.ts';
import type { Measurement, MeasurementDocument } from '../measure/document.ts';
import { isValidMeasurement, MATRIX_ROOF, MATRIX_ROOF_KERNEL } from '../measure/document.ts';
import {
  correctedRates,
  dispatchOverheadSeconds,
  MAX_CORRECTED_SHARE,
  OVERHEAD_KERNEL,
} from '../measure/overhead.ts';
import { B200_REFERENCE } from '../model/presets/reference.ts';
import { grouped, intensity, percent, readable, seconds, si } from '../model/units/format.ts';
import { fractionOfRoof, type MeasuredRoof, ridgeFlopsPerByte } from '../model/units/roofline.ts';
import { COLUMNS, wrapWords } from './textWrap.ts';

/** A table figure without its unit (GB/s, GFLOP/s, FLOP/B columns): the one formatter's significant digits. */
const rate = (value: number | null): string => (value === null ? '-' : readable(value));

function shapeText(shape: Readonly<Record<string, number>>): string {
  return Object.entries(shape)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/**
 * The compute roof a case is judged against: that of the arithmetic it does (kernels/arithmetic.ts: f32 for
 * q4 and the f16 GEMVs, which compute in f32), else f32's; the subgroup-matrix GEMM's is the matrix roof.
 */
function computeRoof(doc: MeasurementDocument, m: Measurement): MeasuredRoof | undefined {
  const matrix = m.kernel === MATRIX_ROOF_KERNEL ? doc.roofs.compute[MATRIX_ROOF] : undefined;
  return matrix ?? doc.roofs.compute[arithmeticDtype(m.kernel, m.dtype)] ?? doc.roofs.compute['f32'];
}

function roofFraction(doc: MeasurementDocument, m: Measurement): string {
  if (!isValidMeasurement(m)) return '-';
  const fraction = fractionOfRoof(
    m.bytesPerSecond ?? 0,
    m.flopsPerSecond ?? 0,
    computeRoof(doc, m)?.value ?? null,
    doc.roofs.memory?.value ?? null,
  );
  return fraction === null ? '-' : percent(fraction);
}

/** A table: the first `leftColumns` columns left-aligned (names), the rest right-aligned (figures). */
export function table(rows: string[][], leftColumns: number): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)];
}

function deviceBlock(doc: MeasurementDocument): string[] {
  const a = doc.adapter;
  const method =
    doc.measurements[0]?.timingMethod ??
    (doc.features.includes('timestamp-query') ? 'timestamp-query' : 'wall-clock');
  const tick = doc.measurements.find((m) => m.timerTickSeconds !== null)?.timerTickSeconds;
  const resolution = doc.timerResolutionSeconds ?? null;
  const limit = (name: string) => (doc.limits[name] === undefined ? '?' : si(doc.limits[name]!, 'B'));
  return [
    `ridgeline bench · ${doc.profile} profile · budget ${doc.budgetSeconds} s · took ${seconds(doc.elapsedSeconds)}`,
    '',
    '# Device',
    `  adapter   ${a.description || a.device || 'unknown'} (vendor ${a.vendor || '?'}, architecture ${a.architecture || '?'})` +
      (a.isFallbackAdapter ? ' · fallback (CPU) adapter' : ''),
    `  level     ${a.featureLevel} · features ${doc.features.join(', ') || 'none'}`,
    `  limits    storage binding ${limit('maxStorageBufferBindingSize')} · buffer ${limit('maxBufferSize')} · ` +
      `workgroup storage ${limit('maxComputeWorkgroupStorageSize')} · ${doc.limits['maxComputeInvocationsPerWorkgroup'] ?? '?'} invocations`,
    `  runtime   ${doc.runtime}`,
    `  timing    ${method}${resolution ? ` (resolution obtained ${seconds(resolution)})` : ''}${tick ? ` (timer tick ${seconds(tick)})` : ''}`,
    ...(doc.llcBytes === null
      ? []
      : [
          `  cache     bandwidth working sets sized for a ${si(doc.llcBytes, 'B')} last-level cache (${LLC_MULTIPLE} × that)`,
        ]),
  ];
}

/** Each case's number in the tables ("#3"), so the warnings and variants can name it briefly. */
const caseId = (i: number) => `#${i + 1}`;

/** A warning's kind: the words before its first colon ("noisy", "cache-resident", "shrunk from …"). */
function kindOf(warning: string): string {
  const colon = warning.indexOf(':');
  return colon < 0 ? warning : warning.slice(0, colon);
}

function warnings(doc: MeasurementDocument, verbose: boolean): string[] {
  const lines: string[] = [];
  if (doc.status !== 'complete') lines.push(`run ended early (${doc.status}): ${doc.statusReason ?? ''}`);
  // failures are always said in full; the rest, unless --verbose, one line per kind naming the cases
  const byKind = new Map<string, { cases: string[]; first: string }>();
  doc.measurements.forEach((m, i) => {
    if (m.error !== null) lines.push(`${caseId(i)} ${m.label}: FAILED: ${m.error}`);
    for (const w of m.warnings) {
      if (verbose) {
        lines.push(`${caseId(i)} ${m.label}: ${w}`);
        continue;
      }
      const kind = kindOf(w).startsWith('shrunk from') ? 'shrunk' : kindOf(w);
      const entry = byKind.get(kind) ?? { cases: [], first: `${caseId(i)} ${m.label}: ${w}` };
      entry.cases.push(caseId(i));
      byKind.set(kind, entry);
    }
  });
  for (const [kind, { cases, first }] of byKind)
    lines.push(cases.length === 1 ? first : `${kind}: ${cases.length} cases (${cases.join(', ')})`);
  if (verbose) for (const s of doc.skipped) lines.push(`skipped: ${s}`);
  else if (doc.skipped.length > 0) {
    const byNeed = new Map<string, string[]>();
    for (const s of doc.skipped) {
      const at = s.indexOf(' needs ');
      const need = at < 0 ? '' : s.slice(at + 1);
      byNeed.set(need, [...(byNeed.get(need) ?? []), at < 0 ? s : s.slice(0, at)]);
    }
    for (const [need, cases] of byNeed) lines.push(`skipped${need ? ` (${need})` : ''}: ${cases.join(', ')}`);
  }
  if (lines.length === 0) return [];
  const folded = !verbose && doc.measurements.some((m) => m.warnings.length > 0);
  return [
    '',
    `# Warnings${folded ? ' (one line per kind; --verbose: each case in full, and Dawn’s own)' : ''}`,
    ...lines.flatMap((l) => wrap(`  ! ${l}`, 6)),
  ];
}

/** `line` broken between words to REPORT_COLUMNS, its indent kept, continuation lines indented by `indent`. */
function wrap(line: string, indent: number): string[] {
  const lead = /^ */.exec(line)?.[0] ?? '';
  return wrapWords(lead, line.slice(lead.length), indent, REPORT_COLUMNS);
}

/** The report's lines fit this many columns (tables by their columns, prose wrapped). */
export const REPORT_COLUMNS = COLUMNS;

function rows(doc: MeasurementDocument): string[] {
  const rates = doc.measurements.map((m, i) => [
    caseId(i),
    `${m.kernel} ${m.dtype}`,
    m.secondsPerDispatch ? seconds(m.secondsPerDispatch.median) : '-',
    m.cv === null ? '-' : percent(m.cv),
    rate(m.bytesPerSecond === null ? null : m.bytesPerSecond / 1e9),
    rate(m.flopsPerSecond === null ? null : m.flopsPerSecond / 1e9),
    rate(m.arithmeticIntensity),
    roofFraction(doc, m),
    m.verified ? 'yes' : 'FAILED',
  ]);
  const method = doc.measurements.map((m, i) => [
    caseId(i),
    `${m.kernel} ${m.dtype}`,
    shapeText(m.shape),
    m.samplesSeconds.length === 0 ? '-' : `${m.samplesSeconds.length}×${m.dispatchesPerSample}`,
    workingSet(m),
  ]);
  return [
    '',
    '# Measurements (median time per dispatch; noise = CV of the timed passes)',
    ...table(
      [['#', 'kernel', 'median', 'noise', 'GB/s', 'GFLOP/s', 'AI', '% of roof', 'verified'], ...rates],
      2,
    ),
    '',
    '# How each was taken (samples = timed passes × dispatches per pass; working set = distinct',
    `#   bytes over the rotated buffer sets, "cache" below ${LLC_MULTIPLE} × the last-level cache)`,
    ...table([['#', 'kernel', 'shape', 'samples', 'working set'], ...method], 3),
  ];
}

function workingSet(m: Measurement): string {
  if (m.workingSetBytes === null) return '-';
  return `${si(m.workingSetBytes, 'B')}${m.cacheResident ? ' cache' : ''}`;
}

/**
 * The per-dispatch overhead measured on the device, and every case's rate raw and corrected for it (the
 * overhead of each launch subtracted from its median time): where the two differ, the launch was a visible
 * share of the dispatch.
 */
function overhead(doc: MeasurementDocument): string[] {
  const overheadSeconds = dispatchOverheadSeconds(doc);
  if (overheadSeconds === null) return [];
  const lines = [
    '',
    `# Dispatch overhead ${seconds(overheadSeconds)} a dispatch (the ${OVERHEAD_KERNEL} case): rates raw | corrected`,
  ];
  for (const m of doc.measurements) {
    if (m.kernel === OVERHEAD_KERNEL || !isValidMeasurement(m)) continue;
    const fixed = correctedRates(m, overheadSeconds);
    const bandwidth = m.bytesPerDispatch > 0;
    const raw = bandwidth ? (m.bytesPerSecond ?? 0) / 1e9 : (m.flopsPerSecond ?? 0) / 1e9;
    const unit = bandwidth ? 'GB/s' : 'GFLOP/s';
    const corrected = fixed
      ? `${rate((bandwidth ? fixed.bytesPerSecond : fixed.flopsPerSecond) / 1e9)} ${unit} (overhead ${percent(fixed.overheadShare)} of ${seconds(m.secondsPerDispatch!.median)})`
      : `withheld: the overhead is over ${percent(MAX_CORRECTED_SHARE)} of ${seconds(m.secondsPerDispatch!.median)}`;
    lines.push(`  ${m.label}: ${rate(raw)} ${unit} | ${corrected}`);
  }
  return lines;
}

/** What the tuning did: per case with variants, each one's time per dispatch, or why it was not kept. */
function variants(doc: MeasurementDocument): string[] {
  if (doc.tuned === null) return [];
  const lines = [
    '',
    '# Variants (each verified and timed briefly: best pass × dispatches; the top two re-timed side by',
    '#   side, median; the first declared kept unless the other wins by more than 3 %)',
  ];
  if (!doc.tuned) {
    lines.push(
      "  not tuned: each case's first variant was measured (a CPU adapter's best variant says nothing)",
    );
    return lines;
  }
  if (doc.measurements.every((m) => m.variantTrials.length === 0)) lines.push('  every case had one variant');
  doc.measurements.forEach((m, i) => {
    if (m.variantTrials.length === 0) return;
    const trials = m.variantTrials.map((t) => {
      const figure =
        t.error !== null
          ? `FAILED (${t.error})`
          : t.secondsPerDispatch === null
            ? 'untimed'
            : `${seconds(t.secondsPerDispatch)}${t.dispatchesPerPass ? ` ×${t.dispatchesPerPass}` : ''}` +
              (t.retimedSecondsPerDispatch != null
                ? `, re-timed ${seconds(t.retimedSecondsPerDispatch)}`
                : '');
      return `${t.name} ${figure}${t.name === m.variant ? ' (kept)' : ''}`;
    });
    lines.push(...wrap(`  ${caseId(i)} ${m.label}: ${trials.join(' · ')}`, 6));
  });
  return lines;
}

function roofs(doc: MeasurementDocument): string[] {
  const memory = doc.roofs.memory;
  const lines = ['', '# Roofs (best verified rates on this device)'];
  const cached = doc.measurements.some((m) => m.cacheResident === true && m.kernel.startsWith('stream-'));
  lines.push(
    memory
      ? `  memory roof   ${si(memory.value, 'B/s')}  (${memory.label})`
      : cached
        ? `  memory roof   not measured: the streams were cache-resident (their working set < ${LLC_MULTIPLE} × the last-level cache; the full profile sizes them for DRAM)`
        : '  memory roof   not measured',
  );
  const computeEntries = Object.entries(doc.roofs.compute);
  if (computeEntries.length === 0) lines.push('  compute roof  not measured');
  for (const [dtype, roof] of computeEntries) {
    lines.push(`  compute roof  ${dtype}: ${si(roof.value, 'FLOP/s')}  (${roof.label})`);
    if (memory)
      lines.push(`  ridge point   ${dtype}: ${intensity(ridgeFlopsPerByte(roof.value, memory.value))}`);
  }
  const b = B200_REFERENCE;
  lines.push(
    '',
    `# Against the blog's B200 (${si(b.bandwidthBytesPerSecond, 'B/s')}, ${si(b.fp4DenseFlopsPerSecond, 'FLOP/s')} dense FP4)`,
  );
  const ratio = (mine: number, theirs: number) =>
    `1/${grouped(Math.round(theirs / mine))} (${percent(mine / theirs)})`;
  if (memory)
    lines.push(`  bandwidth            ${ratio(memory.value, b.bandwidthBytesPerSecond)} of B200 HBM3e`);
  const f32 = doc.roofs.compute['f32'];
  if (f32) {
    lines.push(
      `  f32 vs B200 FP32     ${ratio(f32.value, b.fp32FlopsPerSecond)} of ${si(b.fp32FlopsPerSecond, 'FLOP/s')} (same precision)`,
    );
    lines.push(
      `  f32 vs B200 FP4      ${ratio(f32.value, b.fp4DenseFlopsPerSecond)} of ${si(b.fp4DenseFlopsPerSecond, 'FLOP/s')} ` +
        "(the blog's roof: FP4 tensor cores vs this device's f32 FMA)",
    );
  }
  const f16 = doc.roofs.compute['f16'];
  if (f16)
    lines.push(`  f16 vs B200 FP4      ${ratio(f16.value, b.fp4DenseFlopsPerSecond)} (different precisions)`);
  const ridgeB200 = ridgeFlopsPerByte(b.fp4DenseFlopsPerSecond, b.bandwidthBytesPerSecond);
  lines.push(
    `  ridge point          B200 FP4 ${intensity(ridgeB200)}` +
      (f32 && memory ? `; this device f32 ${intensity(ridgeFlopsPerByte(f32.value, memory.value))}` : ''),
  );
  return lines;
}

export interface ReportOptions {
  /** every warning of every case in full, rather than one line per kind */
  readonly verbose?: boolean;
}

export function formatBenchReport(doc: MeasurementDocument, options: ReportOptions = {}): string {
  const lines = [
    ...deviceBlock(doc),
    ...rows(doc),
    ...overhead(doc),
    ...warnings(doc, options.verbose === true),
    ...variants(doc),
    ...roofs(doc),
  ];
  return `${lines.flatMap((line) => (line.length > REPORT_COLUMNS ? wrap(line, 4) : [line])).join('\n')}\n`;
}
