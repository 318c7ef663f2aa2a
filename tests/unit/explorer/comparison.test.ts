// The napkin, the model and the measurements side by side (issue 11, item 3): the napkin's column shows
// only what the napkin computes for the scenario, the model's what the model gives, and the measurements
// only those taken on the scenario, each against both at its own batch and context.
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../../src/model/evaluate.ts';
import { buildScenarioInputs } from '../../../src/model/scenario/buildScenario.ts';
import { defaultInputs } from '../../../src/model/scenario/inputDefaults.ts';
import { PUBLISHED_MEASUREMENTS } from '../../../src/model/validation/measurements.ts';
import { predictMeasurement } from '../../../src/model/validation/predict.ts';
import { measurementsFor } from '../../../src/model/validation/scenarioMeasurements.ts';
import { comparisonRows, measurementRows } from '../../../src/ui/explorer/comparison.ts';

const blog = buildScenarioInputs(defaultInputs(), { modelId: 'kimi-k2.6', gpuId: 'b200' });
const noTtft = () => null;

describe('comparisonRows(result, inputs)', () => {
  it('on the blog’s scenario: the napkin’s F32 step and the model’s step at the same B, side by side', () => {
    const result = evaluateScenario(blog);
    const rows = Object.fromEntries(comparisonRows(result, blog).map((r) => [r.id, r]));
    expect(rows['step']?.napkin).toBe(result.figures['pass.time_napkin']?.value);
    expect(rows['step']?.model).toBe(result.projection.chosen?.step.seconds);
    expect(rows['per-stream']?.model).toBe(result.projection.chosen?.perStreamTps);
    expect(rows['ttft']?.napkin).toBe(result.figures['ttft.napkin']?.value);
    expect(rows['ttft']?.model).toBe(result.projection.ttftSeconds);
    expect(rows['cost']?.napkin).toBe(result.figures['cost.tp8_per_m']?.value);
    expect(rows['max-streams']?.model).toBe(result.projection.memory?.maxStreams);
  });

  it('elsewhere: no napkin figure that rests on the blog’s measurements, and no model figure that does not fit', () => {
    const llama = buildScenarioInputs(defaultInputs(), { modelId: 'llama-3.1-70b', gpuId: 'h100-sxm' });
    const rows = Object.fromEntries(comparisonRows(evaluateScenario(llama), llama).map((r) => [r.id, r]));
    for (const id of ['step', 'per-stream', 'aggregate', 'ttft', 'cost', 'cost-tp4'])
      expect(rows[id]?.napkin, id).toBeNull();
    expect(rows['step']?.napkinNote).toMatch(/not shown/);
    expect(rows['step']?.model).toBeGreaterThan(0);
    expect(rows['decode-b1']?.napkin).toBeGreaterThan(0);
    const big = buildScenarioInputs(defaultInputs(), {
      modelId: 'llama-3.1-405b',
      gpuId: 'h100-sxm',
      weights: 'bf16',
    });
    const misfit = comparisonRows(evaluateScenario(big), big);
    expect(misfit.every((r) => r.model === null)).toBe(true);
  });
});

describe('measurementRows(result, inputs)', () => {
  it('lists the blog’s own measurements on its scenario, the model at default efficiencies as in docs/validation.md', () => {
    const rows = measurementRows(evaluateScenario(blog), blog, noTtft);
    expect(rows.map((r) => r.id)).toEqual(
      PUBLISHED_MEASUREMENTS.filter((m) => m.id.startsWith('blog-kimi-tp8')).map((m) => m.id),
    );
    for (const row of rows) {
      const m = PUBLISHED_MEASUREMENTS.find((p) => p.id === row.id);
      if (m === undefined) throw new Error(row.id);
      expect(row.model, row.id).toBeCloseTo(predictMeasurement(m).predicted ?? Number.NaN, 9);
    }
    // the napkin at the load test's B=16 is F32 there
    const pass = rows.find((r) => r.id === 'blog-kimi-tp8-c16-pass');
    expect(pass?.napkin).toBe(evaluateScenario(blog).sweep.napkinPassS?.[15]);
  });

  it('shows each measurement only on the scenario it was taken on', () => {
    const tp4 = buildScenarioInputs(defaultInputs(), {
      modelId: 'kimi-k2.6',
      gpuId: 'b200',
      tp: 4,
      batch: 8,
    });
    expect(measurementsFor(tp4).map((m) => m.id)).toEqual(['blog-kimi-tp4-c8-stream']);
    const int4 = buildScenarioInputs(defaultInputs(), {
      modelId: 'kimi-k2.6-config',
      gpuId: 'b200-hgx',
      weights: 'int4-experts',
    });
    const ids = measurementsFor(int4).map((m) => m.id);
    expect(ids.some((id) => id.startsWith('lambda-'))).toBe(true);
    expect(ids.some((id) => id.startsWith('inferencex-kimi-b200'))).toBe(true);
    expect(ids.some((id) => id.includes('h200') || id.startsWith('blog-'))).toBe(false);
    const llama = buildScenarioInputs(defaultInputs(), { modelId: 'llama-3.1-70b', gpuId: 'h100-sxm' });
    expect(measurementsFor(llama)).toEqual([]);
    // the edited efficiencies of the scenario move the model's column
    const slow = structuredClone(blog);
    slow.projection.efficiency.gemvBandwidthShare /= 2;
    const before = measurementRows(evaluateScenario(blog), blog, noTtft)[0]?.model ?? 0;
    const after = measurementRows(evaluateScenario(slow), slow, noTtft)[0]?.model ?? 0;
    expect(after).toBeGreaterThan(before);
  });
});
