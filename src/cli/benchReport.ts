// The text `ridgeline bench` prints, nvbench-style: a device block, warnings,
// one table row per case (with its working set, marked when cache-resident, and the variant measured), the
// variants the tuning tried, then the roofs, the ridge point and the ratios to the blog's B200. Rates are
// already in the document; the roof fractions and ridge come from model/roofline, never computed here.

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
import { fractionOfRoof, type MeasuredRoof, ridgeFlopsPerByte } from '../model/roofline.ts';

/** 3 significant digits with an SI prefix: 1.23 G, 456 M, 7.89 k. */
function si(value: number, unit: string): string {
  const prefixes: [number, string][] = [
    [1e15, 'P'],
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const [scale, prefix] = prefixes.find(([s]) => Math.abs(value) >= s) ?? [1, ''];
  return `${(value / scale).toPrecision(3)} ${prefix}${unit}`;
}

function duration(seconds: number): string {
  if (seconds >= 1) return `${seconds.toPrecision(3)} s`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toPrecision(3)} ms`;
  if (seconds >= 1e-6) return `${(seconds * 1e6).toPrecision(3)} µs`;
  return `${(seconds * 1e9).toPrecision(3)} ns`;
}

/** Table figures: whole numbers from 100 up, 2 decimals from 1, else 3 significant digits (CPU adapters). */
function rate(value: number | null): string {
  if (value === null) return '-';
  if (value === 0 || Number(value.toFixed(2)) >= 100) return value.toFixed(0);
  return value >= 1 ? value.toFixed(2) : value.toPrecision(3);
}
/** 1 decimal from 1 % up, else 2 significant digits (0.12 %, 0.0010 %): small ratios stay readable. */
const percent = (fraction: number): string => {
  const value = fraction * 100;
  return `${value >= 1 || value === 0 ? value.toFixed(1) : value.toPrecision(2)} %`;
};

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

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ');
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
    `ridgeline bench · ${doc.profile} profile · budget ${doc.budgetSeconds} s · took ${doc.elapsedSeconds.toFixed(1)} s`,
    '',
    '# Device',
    `  adapter   ${a.description || a.device || 'unknown'} (vendor ${a.vendor || '?'}, architecture ${a.architecture || '?'})` +
      (a.isFallbackAdapter ? ' · fallback (CPU) adapter' : ''),
    `  level     ${a.featureLevel} · features ${doc.features.join(', ') || 'none'}`,
    `  limits    storage binding ${limit('maxStorageBufferBindingSize')} · buffer ${limit('maxBufferSize')} · ` +
      `workgroup storage ${limit('maxComputeWorkgroupStorageSize')} · ${doc.limits['maxComputeInvocationsPerWorkgroup'] ?? '?'} invocations`,
    `  runtime   ${doc.runtime}`,
    `  timing    ${method}${resolution ? ` (resolution obtained ${duration(resolution)})` : ''}${tick ? ` (timer tick ${duration(tick)})` : ''}`,
    ...(doc.llcBytes === null
      ? []
      : [
          `  cache     bandwidth working sets sized for a ${si(doc.llcBytes, 'B')} last-level cache (${LLC_MULTIPLE} × that)`,
        ]),
  ];
}

function warnings(doc: MeasurementDocument): string[] {
  const lines: string[] = [];
  if (doc.status !== 'complete') lines.push(`run ended early (${doc.status}): ${doc.statusReason ?? ''}`);
  for (const m of doc.measurements) {
    if (m.error !== null) lines.push(`${m.label}: FAILED: ${m.error}`);
    for (const w of m.warnings) lines.push(`${m.label}: ${w}`);
  }
  for (const s of doc.skipped) lines.push(`skipped: ${s}`);
  return lines.length === 0 ? [] : ['', '# Warnings', ...lines.map((l) => `  ! ${l}`)];
}

function rows(doc: MeasurementDocument): string[] {
  const header = [
    'kernel',
    'shape',
    'samples',
    'median',
    'noise',
    'GB/s',
    'GFLOP/s',
    'AI',
    '% of roof',
    'verified',
    'working set',
    'variant',
  ];
  const body = doc.measurements.map((m) => [
    `${m.kernel} ${m.dtype}`,
    shapeText(m.shape),
    m.samplesSeconds.length === 0 ? '-' : `${m.samplesSeconds.length}×${m.dispatchesPerSample}`,
    m.secondsPerDispatch ? duration(m.secondsPerDispatch.median) : '-',
    m.cv === null ? '-' : percent(m.cv),
    rate(m.bytesPerSecond === null ? null : m.bytesPerSecond / 1e9),
    rate(m.flopsPerSecond === null ? null : m.flopsPerSecond / 1e9),
    rate(m.arithmeticIntensity),
    roofFraction(doc, m),
    m.verified ? 'yes' : 'FAILED',
    workingSet(m),
    m.variant ?? '-',
  ]);
  return [
    '',
    '# Measurements (median time per dispatch; samples = timed passes × dispatches per pass;',
    `#   working set = distinct bytes over the rotated buffer sets, "cache" below ${LLC_MULTIPLE} × the last-level cache)`,
    ...table([header, ...body]),
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
  const seconds = dispatchOverheadSeconds(doc);
  if (seconds === null) return [];
  const lines = [
    '',
    `# Dispatch overhead ${duration(seconds)} a dispatch (the ${OVERHEAD_KERNEL} case): rates raw | corrected`,
  ];
  for (const m of doc.measurements) {
    if (m.kernel === OVERHEAD_KERNEL || !isValidMeasurement(m)) continue;
    const fixed = correctedRates(m, seconds);
    const bandwidth = m.bytesPerDispatch > 0;
    const raw = bandwidth ? (m.bytesPerSecond ?? 0) / 1e9 : (m.flopsPerSecond ?? 0) / 1e9;
    const unit = bandwidth ? 'GB/s' : 'GFLOP/s';
    const corrected = fixed
      ? `${rate((bandwidth ? fixed.bytesPerSecond : fixed.flopsPerSecond) / 1e9)} ${unit} (overhead ${percent(fixed.overheadShare)} of ${duration(m.secondsPerDispatch!.median)})`
      : `withheld: the overhead is over ${percent(MAX_CORRECTED_SHARE)} of ${duration(m.secondsPerDispatch!.median)}`;
    lines.push(`  ${m.label}: ${rate(raw)} ${unit} | ${corrected}`);
  }
  return lines;
}

/** What the tuning did: per case with variants, each one's time per dispatch, or why it was not kept. */
function variants(doc: MeasurementDocument): string[] {
  if (doc.tuned === null) return [];
  const lines = [
    '',
    '# Variants (each verified and timed briefly, best pass × dispatches; the top two re-timed side by side,',
    '#   median; the first declared kept unless the other wins by more than 3 %)',
  ];
  if (!doc.tuned) {
    lines.push(
      "  not tuned: each case's first variant was measured (a CPU adapter's best variant says nothing)",
    );
    return lines;
  }
  const tuned = doc.measurements.filter((m) => m.variantTrials.length > 0);
  if (tuned.length === 0) lines.push('  every case had one variant');
  for (const m of tuned) {
    const trials = m.variantTrials.map((t) => {
      const figure =
        t.error !== null
          ? `FAILED (${t.error})`
          : t.secondsPerDispatch === null
            ? 'untimed'
            : `${duration(t.secondsPerDispatch)}${t.dispatchesPerPass ? ` ×${t.dispatchesPerPass}` : ''}` +
              (t.retimedSecondsPerDispatch != null
                ? `, re-timed ${duration(t.retimedSecondsPerDispatch)}`
                : '');
      return `${t.name} ${figure}${t.name === m.variant ? ' (kept)' : ''}`;
    });
    lines.push(`  ${m.label}: ${trials.join(' · ')}`);
  }
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
      lines.push(
        `  ridge point   ${dtype}: ${ridgeFlopsPerByte(roof.value, memory.value).toPrecision(3)} FLOP/byte`,
      );
  }
  const b = B200_REFERENCE;
  lines.push(
    '',
    `# Against the blog's B200 (${si(b.bandwidthBytesPerSecond, 'B/s')}, ${si(b.fp4DenseFlopsPerSecond, 'FLOP/s')} dense FP4)`,
  );
  const ratio = (mine: number, theirs: number) =>
    `1/${Math.round(theirs / mine).toLocaleString('en-US')} (${percent(mine / theirs)})`;
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
    `  ridge point          B200 FP4 ${ridgeB200.toLocaleString('en-US')} FLOP/byte` +
      (f32 && memory
        ? `; this device f32 ${ridgeFlopsPerByte(f32.value, memory.value).toPrecision(3)} FLOP/byte`
        : ''),
  );
  return lines;
}

export function formatBenchReport(doc: MeasurementDocument): string {
  return (
    [
      ...deviceBlock(doc),
      ...warnings(doc),
      ...rows(doc),
      ...overhead(doc),
      ...variants(doc),
      ...roofs(doc),
    ].join('\n') + '\n'
  );
}
