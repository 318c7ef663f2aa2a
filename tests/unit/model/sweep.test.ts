import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../../src/model/evaluate.ts';
import { perPassBytes } from '../../../src/model/napkin/perPassModel.ts';
import { buildScenarioInputs } from '../../../src/model/scenario/buildScenario.ts';
import { defaultInputs } from '../../../src/model/scenario/inputDefaults.ts';
import { setInputPath } from '../../../src/model/scenario/inputPaths.ts';
import { presetInputs } from '../../../src/model/scenario/scenarioPresets.ts';
import { regionAt } from '../../../src/model/sweep/batchSweep.ts';
import { classifyRegions } from '../../../src/model/sweep/regions.ts';
import { pickSlaBatch } from '../../../src/model/sweep/sla.ts';

const result = evaluateScenario(presetInputs('default'));
const { sweep, projection } = result;

describe('batch sweep B = 1…512 (blog §5): the model with the napkin and the measurements beside it', () => {
  it('keeps the napkin (F32) and the fit (F33) beside the model, equal to the chain at the worked example', () => {
    expect(sweep.maxBatch).toBe(512);
    expect(sweep.perPassBytes[15]).toBeCloseTo(198.08597220293073e9, -1);
    expect(sweep.napkinPassS?.[15]).toBeCloseTo(result.figures['pass.time_napkin']?.value ?? 0, 15);
    expect(sweep.fitPassS?.[15]).toBeCloseTo(0.0316, 15);
  });

  it('predicts from the model and draws the load test beside it, never spliced in (no notches)', () => {
    expect(sweep.predictedPassS[15]).toBe(projection.curve?.stepSeconds[15]);
    expect(sweep.predictedPassS[15]).not.toBe(0.0368);
    expect(sweep.measuredPoints.map((p) => [p.batch, p.passS])).toEqual([
      [16, 0.0368],
      [32, 1 / 14],
    ]);
    // the model lands within 10% of both measured TP8 points it was calibrated on
    for (const point of sweep.measuredPoints) {
      expect(Math.abs((sweep.predictedPassS[point.batch - 1] ?? 0) / point.passS - 1)).toBeLessThan(0.1);
    }
    for (let b = 2; b <= sweep.maxUsers; b++) {
      expect(sweep.aggregateTps[b - 1]).toBeGreaterThanOrEqual(sweep.aggregateTps[b - 2] ?? 0);
    }
  });

  it('the measured points belong to the layout they were measured on: TP4 shows its c=8 point instead', () => {
    const tp4 = evaluateScenario(
      buildScenarioInputs(defaultInputs(), { modelId: 'kimi-k2.6', gpuId: 'b200', tp: 4 }),
    );
    expect(tp4.sweep.measuredPoints).toEqual([{ batch: 8, passS: 1 / 46, source: 'tp4.perStreamTps' }]);
    const llama = evaluateScenario(
      buildScenarioInputs(defaultInputs(), { modelId: 'llama-3.1-70b', gpuId: 'h100-sxm' }),
    );
    expect(llama.sweep.measuredPoints).toEqual([]);
    expect(llama.sweep.napkinPassS).toBeNull();
    expect(llama.sweep.fitPassS).toBeNull();
  });

  it('puts the cliff at the model’s KV capacity: MLA’s latent is copied on every TP8 rank, 37 streams at 80K', () => {
    expect(sweep.maxUsers).toBe(projection.memory?.maxStreams);
    expect(sweep.maxUsers).toBe(37);
    expect(sweep.regions.at(-1)).toEqual({ region: 'cliff', fromBatch: 38, toBatch: 512 });
    expect(sweep.regions.map((r) => r.region)).toEqual(['linear', 'bend', 'plateau', 'cliff']);
    // the model's aggregate still climbs ~17% from B=16 to the cliff: B=16 is in its bend, not on a
    // plateau (the blog measured flat; the model does not reproduce that, and the chart says so)
    expect(regionAt(sweep, 16)).toBe('bend');
    // a band named "plateau" lies over a flat curve: from its first batch to the cliff the aggregate
    // rises by at most 10% (issue 23)
    const plateau = sweep.regions.find((r) => r.region === 'plateau')!;
    const first = sweep.aggregateTps[plateau.fromBatch - 1] ?? 0;
    for (let b = plateau.fromBatch; b <= plateau.toBatch; b++)
      expect(sweep.aggregateTps[b - 1]).toBeLessThanOrEqual(first * 1.1);
    // the napkin keeps its own cliff (F25 on its 956 GB budget: 340 users)
    expect(sweep.napkinRegions.at(-1)).toEqual({ region: 'cliff', fromBatch: 341, toBatch: 512 });
  });

  it('regions never move backwards, and the cliff starts right after the KV capacity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 64 }),
        fc.integer({ min: 0, max: 80 }),
        (agg, maxUsers) => {
          const regions = classifyRegions(Float64Array.from(agg), maxUsers);
          for (let i = 1; i < regions.length; i++)
            expect(regions[i]).toBeGreaterThanOrEqual(regions[i - 1] ?? 0);
          for (let i = maxUsers; i < regions.length; i++) expect(regions[i]).toBe(3);
          // a plateau batch is flat: nothing ahead of it (before the cliff) is more than 10% higher
          const fits = Math.min(maxUsers, agg.length);
          let ahead = 0;
          const notFlat: number[] = [];
          for (let i = fits - 1; i >= 0; i--) {
            ahead = Math.max(ahead, agg[i] ?? 0);
            if (regions[i] === 2 && ahead > (agg[i] ?? 0) * 1.1 + 1e-9) notFlat.push(i + 1);
          }
          expect(notFlat).toEqual([]);
        },
      ),
    );
  });

  it('picks the largest batch within the KV capacity meeting the per-stream SLA on the model', () => {
    const { sla } = sweep;
    expect(sla.targetPerStreamTps).toBe(20);
    const batch = sla.batch ?? 0;
    expect(batch).toBeGreaterThan(16);
    expect(sweep.perStreamTps[batch - 1]).toBeGreaterThanOrEqual(20);
    expect(sweep.perStreamTps[batch]).toBeLessThan(20);
    expect(sla.aggregateTps).toBe(sweep.aggregateTps[batch - 1]);
    const strict = evaluateScenario(setInputPath(defaultInputs(), 'scenario.slaPerStreamTps', 1000)).sweep
      .sla;
    expect(strict.batch).toBeNull();
  });

  it('never picks a batch past the KV cliff', () => {
    const perStream = Float64Array.from({ length: 10 }, () => 100);
    expect(pickSlaBatch(perStream, perStream, 4, 50).batch).toBe(4);
  });

  it('the sweep bytes equal the chain formula at every batch (incremental powers stay exact)', () => {
    const params = {
      nRoutedExperts: 384,
      expertsPerToken: 8,
      moeLayers: 61,
      expertBytes: 22020096,
      sharedWeightsBytesPerPass: 5.6e9,
      kvBytesPerToken: 35136,
      kvContextTokens: 80000,
      rounding: 'none' as const,
    };
    for (const batch of [1, 2, 16, 100, 512]) {
      const expected = perPassBytes(params, batch).totalBytes;
      expect(Math.abs((sweep.perPassBytes[batch - 1] ?? 0) - expected)).toBeLessThanOrEqual(1e-12 * expected);
    }
  });

  it('a model that does not fit has zero users, no throughput, every batch on the cliff and says what it needs', () => {
    const tight = evaluateScenario(setInputPath(defaultInputs(), 'hardware.gpuMemBytes', 60e9));
    expect(tight.fits).toBe(false);
    expect(tight.sweep.maxUsers).toBe(0);
    expect(tight.sweep.regions).toEqual([{ region: 'cliff', fromBatch: 1, toBatch: 512 }]);
    expect(tight.sweep.sla.batch).toBeNull();
    expect(Math.max(...tight.sweep.perStreamTps)).toBe(0);
    expect(tight.warnings[0]).toMatch(/^does not fit: needs \d+ GPUs/);
  });
});

describe('economics from the model', () => {
  const { economics } = result;
  it('TP variants of one node, each at its SLA batch: TP1/TP2 cannot hold 500 GB of weights', () => {
    const byTp = new Map(economics.tpVariants.map((v) => [v.tensorParallel, v]));
    expect([...byTp.keys()]).toEqual([1, 2, 4, 8]);
    expect(byTp.get(4)?.replicasPerNode).toBe(2);
    expect(byTp.get(1)?.fits).toBe(false);
    expect(byTp.get(2)?.fits).toBe(false);
    expect(byTp.get(2)?.procTps).toBeNull();
    expect(byTp.get(2)?.costPerMProcUsd).toBeNull();
    for (const tp of [4, 8]) {
      const v = byTp.get(tp);
      expect(v?.fits).toBe(true);
      expect(v?.slaBatch).toBeGreaterThan(0);
      expect(v?.perStreamTps).toBeGreaterThanOrEqual(20);
      expect(v?.costPerMProcUsd).toBeGreaterThan(0);
    }
  });

  it('the fleet is the chosen layout’s replica sized to each tier; the blog’s own fleet stays in the napkin', () => {
    const [trough] = economics.fleetByTier;
    const replicaProcTps = projection.economics?.procTps ?? 0;
    expect(trough?.sizingTier).toBe('trough');
    expect(trough?.replicas).toBe(Math.floor(110_000 / replicaProcTps));
    expect(trough?.allApiCostPerMonthUsd).toBeCloseTo(184942.872, 6);
    expect(result.figures['fleet.replicas']?.value).toBe(4);
  });

  it('all-API bill of $185K falls in the $100K–500K band (§7.2 Cline check); break-even vs engineer cost', () => {
    expect(economics.allApiBandIndex).toBe(2);
    expect(economics.breakEven.annualSavingsUsd).toBeCloseTo(12 * 18559.2864, 6);
    expect(economics.breakEven.coverageAtLo).toBeCloseTo((12 * 18559.2864) / 300e3, 9);
  });
});
