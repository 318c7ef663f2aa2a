import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perPassBytes } from '../../../src/model/chain/perPassModel.ts';
import { evaluateScenario } from '../../../src/model/evaluate.ts';
import { defaultInputs, presetInputs, setInputPath } from '../../../src/model/inputs.ts';
import { regionAt } from '../../../src/model/sweep/batchSweep.ts';
import { classifyRegions } from '../../../src/model/sweep/regions.ts';
import { pickSlaBatch } from '../../../src/model/sweep/sla.ts';

const result = evaluateScenario(presetInputs('default'));
const { sweep } = result;

describe('batch sweep B = 1…512 (blog §5)', () => {
  it('agrees with the chain at the worked example (B=16: F30 bytes, F32 napkin, measured 36.8 ms)', () => {
    expect(sweep.maxBatch).toBe(512);
    expect(sweep.perPassBytes[15]).toBeCloseTo(198.08597220293073e9, -1);
    expect(sweep.napkinPassS[15]).toBeCloseTo(result.figures['pass.time_napkin']?.value ?? 0, 15);
    expect(sweep.fitPassS[15]).toBeCloseTo(0.0316, 15);
    expect(sweep.predictedPassS[15]).toBe(0.0368);
    expect(sweep.perStreamTps[15]).toBeCloseTo(27.1739, 4);
    expect(sweep.aggregateTps[31]).toBeCloseTo(448, 9);
  });

  it('uses the fit where nothing was measured and measured points where given (I-9)', () => {
    expect(sweep.predictedPassS[0]).toBeCloseTo(0.00685, 15);
    expect(sweep.measuredPoints.map((p) => p.batch)).toEqual([8, 16, 32]);
    expect(sweep.predictedPassS[31]).toBeCloseTo(1 / 14, 15);
  });

  it('classifies the four regions: linear 1–2, bend 3–13, plateau 14–340, cliff past F25 = 340 users', () => {
    expect(sweep.maxUsers).toBe(340);
    expect(sweep.regions).toEqual([
      { region: 'linear', fromBatch: 1, toBatch: 2 },
      { region: 'bend', fromBatch: 3, toBatch: 13 },
      { region: 'plateau', fromBatch: 14, toBatch: 340 },
      { region: 'cliff', fromBatch: 341, toBatch: 512 },
    ]);
    expect(regionAt(sweep, 16)).toBe('plateau');
    // On the napkin (F32) the Kimi pass is dominated by weights until the KV budget runs out.
    expect(sweep.napkinRegions).toEqual([
      { region: 'linear', fromBatch: 1, toBatch: 10 },
      { region: 'bend', fromBatch: 11, toBatch: 340 },
      { region: 'cliff', fromBatch: 341, toBatch: 512 },
    ]);
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
        },
      ),
    );
  });

  it('picks the largest batch meeting the per-stream SLA (20 tok/s → B=27 on the fit)', () => {
    expect(sweep.sla).toEqual({
      targetPerStreamTps: 20,
      batch: 27,
      perStreamTps: 1 / 0.04975,
      aggregateTps: 27 / 0.04975,
    });
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

  it('a model that does not fit has zero users and every batch on the cliff', () => {
    const tight = evaluateScenario(setInputPath(defaultInputs(), 'hardware.gpuMemBytes', 60e9));
    expect(tight.fits).toBe(false);
    expect(tight.figures['kv.max_users_80k']?.value).toBe(0);
    expect(tight.sweep.regions).toEqual([{ region: 'cliff', fromBatch: 1, toBatch: 512 }]);
    expect(tight.sweep.sla.batch).toBeNull();
    expect(tight.warnings[0]).toMatch(/does not fit/);
  });
});

describe('generalised economics', () => {
  const { economics } = result;
  it('TP variants: replicas per node = floor(gpus / tp), $/M where the blog gives a throughput', () => {
    const byTp = new Map(economics.tpVariants.map((v) => [v.tensorParallel, v]));
    expect([...byTp.keys()]).toEqual([1, 2, 4, 8]);
    expect(byTp.get(4)?.replicasPerNode).toBe(2);
    expect(byTp.get(4)?.costPerMProcUsd).toBeCloseTo(0.2506265664160401, 12);
    expect(byTp.get(8)?.costPerMProcUsd).toBeCloseTo(0.42489219326260036, 12);
    expect(byTp.get(2)?.fits).toBe(false);
    expect(byTp.get(2)?.procTps).toBeNull();
  });

  it('fleet sized to the trough reproduces F55–F64 (4 replicas, 2 boxes, $18,559 saved); larger tiers save more', () => {
    const [trough, p50] = economics.fleetByTier;
    expect(trough?.sizingTier).toBe('trough');
    expect(trough?.replicas).toBe(4);
    expect(trough?.boxes).toBe(2);
    expect(trough?.savingsPerMonthUsd).toBeCloseTo(result.figures['bill.savings']?.value ?? 0, 9);
    expect(trough?.allApiCostPerMonthUsd).toBeCloseTo(184942.872, 6);
    expect(p50?.replicas).toBe(8);
    expect(p50?.spillTokensPerMonth).toBeCloseTo(583.416e9 - 8 * 69.9048e9, 0);
  });

  it('all-API bill of $185K falls in the $100K–500K band (§7.2 Cline check); break-even vs engineer cost', () => {
    expect(economics.allApiBandIndex).toBe(2);
    expect(economics.breakEven.annualSavingsUsd).toBeCloseTo(12 * 18559.2864, 6);
    expect(economics.breakEven.coverageAtLo).toBeCloseTo((12 * 18559.2864) / 300e3, 9);
  });
});
