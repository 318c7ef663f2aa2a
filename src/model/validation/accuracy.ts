// How far the model lands from the published measurements, as docs/validation.md's summary lines state
// it: the median |ln(measured ÷ model)| and the share of rows within 1.25×, 1.5× and 2×, over every row
// the step model predicts (TTFT measured under load waits for the serving simulator), over the rows held
// out of the engines' fits, and over the fit rows.
import { PUBLISHED_MEASUREMENTS } from './measurements.ts';
import { needsLoadSimulation, type PublishedMeasurement } from './measurementTypes.ts';
import { predictMeasurement } from './predict.ts';

export interface RowRatio {
  readonly id: string;
  /** measured ÷ model */
  readonly ratio: number;
  readonly fit: boolean;
}

export interface AccuracySummary {
  readonly count: number;
  readonly medianAbsLog: number;
  readonly within125: number;
  readonly within15: number;
  readonly within2: number;
  readonly worst: RowRatio | null;
}

/** Every measurement's ratio at its own scenario and engine profile (null ratios left out). */
export function rowRatios(
  measurements: readonly PublishedMeasurement[] = PUBLISHED_MEASUREMENTS,
): RowRatio[] {
  return measurements.flatMap((m) => {
    const ratio = predictMeasurement(m).ratio;
    return ratio === null || !Number.isFinite(ratio)
      ? []
      : [{ id: m.id, ratio, fit: m.calibration === true }];
  });
}

export function summarise(rows: readonly RowRatio[]): AccuracySummary {
  const logs = rows.map((r) => Math.abs(Math.log(r.ratio))).sort((a, b) => a - b);
  const share = (factor: number) => logs.filter((x) => x <= Math.log(factor) + 1e-12).length / logs.length;
  const mid = logs.length / 2;
  const median =
    logs.length === 0
      ? Number.NaN
      : logs.length % 2 === 1
        ? (logs[Math.floor(mid)] ?? 0)
        : ((logs[mid - 1] ?? 0) + (logs[mid] ?? 0)) / 2;
  let worst: RowRatio | null = null;
  for (const row of rows)
    if (worst === null || Math.abs(Math.log(row.ratio)) > Math.abs(Math.log(worst.ratio))) worst = row;
  return {
    count: rows.length,
    medianAbsLog: median,
    within125: share(1.25),
    within15: share(1.5),
    within2: share(2),
    worst,
  };
}

/** The rows the step model predicts: all but TTFT measured under load. */
export function stepModelMeasurements(): PublishedMeasurement[] {
  return PUBLISHED_MEASUREMENTS.filter((m) => !needsLoadSimulation(m));
}

/** One line: "N rows: median |ln ratio| 0.105 (×1.11); within 1.25× 82 %, 1.5× 98 %, 2× 100 %; worst …". */
export function summaryLine(label: string, summary: AccuracySummary): string {
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const worst = summary.worst
    ? `; worst ${summary.worst.id} (measured ÷ model ${summary.worst.ratio.toFixed(2)})`
    : '';
  return `${label}: ${summary.count} rows; median |ln(measured ÷ model)| ${summary.medianAbsLog.toFixed(3)} (×${Math.exp(summary.medianAbsLog).toFixed(2)}); within 1.25× ${pct(summary.within125)}, 1.5× ${pct(summary.within15)}, 2× ${pct(summary.within2)}${worst}`;
}
