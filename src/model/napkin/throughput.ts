// §5.7 and §5.10 steps 4–5: per-stream and aggregate decode throughput (F34–F36) and the batch points
// the load test reports (B=8 from the fit, B=32 measured, I-17).
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { fitPerPassS } from './perPassModel.ts';
import { type FigureMap, put } from './sink.ts';

export function throughputChain(
  inputs: ScenarioInputs,
  out: FigureMap,
): { aggregateNaiveTps: number; aggregateMeasuredTps: number } {
  const { fixedOverheadS, perSlotS, perStreamMeasuredTps } = inputs.empirical;
  const {
    concurrency: C,
    perPassTimeMeasuredS: measured,
    outputTpsPerGpuMeasured,
    gpusPerReplica,
  } = inputs.tp8;
  const step = (n: number) => `5.10 step ${n}`;
  const input = (id: string, label: string, unit: string, section: string, value: number) =>
    put(out, id, { label, unit, formula: 'input', section, basis: 'input' }, value);
  const tps = { unit: 'tok/s', section: step(4), basis: 'empirical' } as const;
  const perStreamMeasured = put(
    out,
    'tps.per_stream_measured',
    { ...tps, label: 'Per-stream decode (measured pass)', formula: 'F34' },
    1 / measured,
    {
      perPassTimeMeasuredS: measured,
    },
  );
  input('tps.output_per_gpu', 'Measured output per GPU', 'tok/s', step(5), outputTpsPerGpuMeasured);
  const aggregateMeasuredTps = put(
    out,
    'tps.aggregate_measured',
    { ...tps, section: step(5), label: 'Aggregate output (measured)', formula: 'F36' },
    outputTpsPerGpuMeasured * gpusPerReplica,
    {
      outputTpsPerGpuMeasured,
      gpusPerReplica,
    },
  );
  const aggregateNaiveTps = put(
    out,
    'tps.aggregate_naive',
    {
      ...tps,
      section: step(5),
      label: 'Aggregate output (naive B × per-stream)',
      formula: 'F35',
      blogValue: 432,
    },
    C * perStreamMeasured,
    {
      B: C,
      perStreamTps: perStreamMeasured,
    },
  );
  const fitAt = (b: number) => 1 / fitPerPassS(fixedOverheadS, perSlotS, b);
  put(
    out,
    'batch.per_stream_fit_b8',
    { ...tps, section: '5.7', label: 'Per-stream at B=8 (fit)', formula: 'F34' },
    fitAt(8),
    { fixedOverheadS, perSlotS, B: 8 },
  );
  put(
    out,
    'batch.per_stream_b32',
    {
      ...tps,
      section: '5.7',
      label: 'Per-stream at B=32 (fit)',
      formula: 'F34',
      blogValue: 14,
      note: 'the blog measured ~14; the fit cannot show the plateau',
    },
    fitAt(32),
    {
      fixedOverheadS,
      perSlotS,
      B: 32,
    },
  );
  input(
    'batch.per_stream_b32_measured',
    'Measured per-stream at B=32',
    'tok/s',
    '5.7',
    perStreamMeasuredTps.b32,
  );
  put(
    out,
    'batch.aggregate_b32_flat',
    {
      label: 'Aggregate at B=32 over B=16 ("flat")',
      unit: '×',
      formula: 'F35',
      section: '5.7',
      basis: 'empirical',
    },
    (32 * perStreamMeasuredTps.b32) / aggregateNaiveTps,
    {
      perStreamB32: perStreamMeasuredTps.b32,
      perPassTimeMeasuredS: measured,
    },
  );
  return { aggregateNaiveTps, aggregateMeasuredTps };
}
