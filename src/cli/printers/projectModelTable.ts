// The table output's part for ridgeline's per-operator model: the layout and memory plan, decode at
// B = 1, 2, 4, …, prefill and TTFT, what a replica earns, the SLA pick, and with --ops the operators of
// one decode step at the chosen B and of the first prefill chunk.
import type { ScenarioResult } from '../../model/evaluate.ts';
import { boundAt } from '../../model/physics/decodeCurve.ts';
import type { StepBreakdown } from '../../model/physics/step.ts';
import { stepOverheads } from '../../model/physics/stepParts.ts';
import { layoutText } from '../../model/project.ts';
import type { ProjectOutcome } from '../projectScenario.ts';
import { formatValue } from './projectFormat.ts';
import { PROJECTION_BATCHES } from './projectionJson.ts';

export type Rows = string[][];

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
export function alignedRows(rows: Rows): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, col) => {
      widths[col] = Math.max(widths[col] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

const pct = (value: number) => formatValue(value, '');

function memoryLines(result: ScenarioResult): string[] {
  const m = result.projection.memory;
  if (m === null) return [];
  return [
    `  per GPU: ${formatValue(m.capacityBytesPerGpu, 'B')} capacity, ${formatValue(m.usableBytesPerGpu, 'B')} usable; weights ${formatValue(m.weightBytesPerGpu, 'B')}, activations ${formatValue(m.activationBytesPerGpu, 'B')}, KV budget ${formatValue(Math.max(0, m.kvBudgetBytesPerGpu), 'B')}`,
    `  KV per stream per GPU ${formatValue(m.kvBytesPerStreamPerGpu, 'B')} at ${result.sweep.contextTokens} tokens: ${m.maxStreams} streams fit (the KV cliff)`,
  ];
}

function decodeRows(result: ScenarioResult): Rows {
  const { curve, memory } = result.projection;
  const rows: Rows = [['  B', 'step', 'per-stream', 'aggregate', 'MBU', 'MFU', 'bound']];
  if (curve === null || memory === null) return rows;
  for (const batch of PROJECTION_BATCHES) {
    if (batch > curve.maxBatch) continue;
    const i = batch - 1;
    if (batch > memory.maxStreams) {
      rows.push([`  ${batch}`, '—', '—', '—', '—', '—', 'KV full']);
      continue;
    }
    rows.push([
      `  ${batch}`,
      formatValue(curve.stepSeconds[i] ?? 0, 's'),
      formatValue(curve.perStreamTps[i] ?? 0, 'tok/s'),
      formatValue(curve.aggregateTps[i] ?? 0, 'tok/s'),
      pct(curve.mbu[i] ?? 0),
      pct(curve.mfu[i] ?? 0),
      boundAt(curve, batch),
    ]);
  }
  return rows;
}

function summaryLines({ inputs, result }: ProjectOutcome): string[] {
  const p = result.projection;
  const lines: string[] = [
    `  engine profile: ${inputs.projection.engine} (--engine; docs/validation.md lists each profile's costs)`,
  ];
  if (p.chosen !== null) {
    const c = p.chosen;
    lines.push(
      `  at B=${c.batch}: ${formatValue(c.step.seconds, 's')} per step (operators ${formatValue(c.step.opSeconds, 's')}, kernel launches ${formatValue(c.step.launchSeconds, 's')}, expert problems ${formatValue(c.step.smallExpertSeconds, 's')}, MoE routing ${formatValue(c.step.routingSeconds, 's')}, host not hidden ${formatValue(c.step.schedulerSeconds, 's')}${c.step.draftSeconds > 0 ? `, drafting ${formatValue(c.step.draftSeconds, 's')}` : ''}); ${formatValue(c.perStreamTps, 'tok/s')} per stream, ${formatValue(c.aggregateTps, 'tok/s')} aggregate, MBU ${pct(c.mbu)}`,
    );
  }
  if (p.prefill !== null && p.fits) {
    lines.push(
      `  prefill of ${p.prefill.promptTokens} fresh tokens after ${p.prefill.cachedTokens} cached (${p.prefill.chunks} chunk${p.prefill.chunks === 1 ? '' : 's'}): ${formatValue(p.prefill.seconds, 's')}, ${formatValue(p.prefill.tps, 'tok/s')}, MFU ${pct(p.prefill.mfu)}`,
    );
  }
  if (p.ttftSeconds !== null)
    lines.push(`  TTFT at B=${inputs.scenario.batch}: ${formatValue(p.ttftSeconds, 's')}`);
  if (p.economics !== null) {
    const e = p.economics;
    lines.push(
      `  one replica at B=${e.batch}: ${formatValue(e.procTps, 'tok/s')} processed (${formatValue(e.requestRate, 'req/s')}, e2e ${formatValue(e.e2eSeconds, 's')}); ${formatValue(e.costPerHourUsd, 'USD/h')} → ${formatValue(e.costPerMTokensUsd, 'USD/Mtok')}`,
    );
  }
  const sla = p.sla;
  if (p.fits) {
    lines.push(
      sla.batch === null
        ? `  SLA pick: no batch within the KV capacity reaches ${sla.targetPerStreamTps} tok/s per stream`
        : `  SLA pick: B=${sla.batch} is the largest batch with >= ${sla.targetPerStreamTps} tok/s per stream (${formatValue(sla.perStreamTps ?? 0, 'tok/s')}, aggregate ${formatValue(sla.aggregateTps ?? 0, 'tok/s')})`,
    );
  }
  return lines;
}

export function modelLines(outcome: ProjectOutcome): string[] {
  const { inputs, result } = outcome;
  const p = result.projection;
  const lines = [
    `ridgeline's model: per-operator roofline on ${inputs.hardware.gpusPerNode}× ${inputs.identity.gpuLabel}, ${layoutText(p.layout, inputs.hardware.gpusPerNode)}, ${p.layout.dp} replica${p.layout.dp === 1 ? '' : 's'}`,
  ];
  if (p.problems.length > 0) return [...lines, ...p.problems.map((problem) => `  not modelled: ${problem}`)];
  lines.push(...memoryLines(result));
  if (!p.fits) return [...lines, `  ${p.warnings[0] ?? 'does not fit'}`];
  lines.push(...alignedRows(decodeRows(result)), ...summaryLines(outcome));
  return lines;
}

function opRows(step: StepBreakdown): Rows {
  const rows: Rows = [['  operator', 'bytes', 'FLOP', 'time', 'share', 'bound']];
  for (const op of step.ops) {
    rows.push([
      `  ${op.name}`,
      formatValue(op.bytes, 'B'),
      formatValue(op.flops, 'FLOP'),
      formatValue(op.seconds, 's'),
      pct(op.seconds / step.seconds),
      op.boundBy,
    ]);
  }
  for (const part of stepOverheads(step)) {
    if (part.seconds > 0)
      rows.push([
        `  (${part.name})`,
        '',
        '',
        formatValue(part.seconds, 's'),
        pct(part.seconds / step.seconds),
        'overhead',
      ]);
  }
  rows.push([
    '  step',
    formatValue(step.hbmBytes, 'B'),
    formatValue(step.flops, 'FLOP'),
    formatValue(step.seconds, 's'),
    '100 %',
    step.boundBy,
  ]);
  return rows;
}

/** --ops: the operator tables (one GPU of the layout, summed over the step's layers and microbatches). */
export function operatorLines({ inputs, result }: ProjectOutcome): string[] {
  const p = result.projection;
  if (p.chosen === null) return ['Operators: none (the model does not fit, or B is past the KV capacity)'];
  const lines = [
    `Operators of one decode step at B=${p.chosen.batch}, ${inputs.scenario.kvContextTokens} tokens of context (one GPU; bytes through HBM or over the link)`,
    ...alignedRows(opRows(p.chosen.step)),
  ];
  if (p.prefill !== null) {
    lines.push(
      '',
      `Operators of the first prefill chunk (${Math.min(p.prefill.promptTokens, inputs.projection.memory.maxBatchedTokens)} fresh tokens after ${p.prefill.cachedTokens} cached)`,
      ...alignedRows(opRows(p.prefill.firstChunk)),
    );
  }
  return lines;
}
