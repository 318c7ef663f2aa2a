// The physical invariants of ridgeline's per-operator projection (issue 11, "what must be true" 4), over
// random valid scenarios: any model preset × GPU preset × layout × batch × context × weights × KV width ×
// efficiencies × speculative decoding. Nothing runs above its bandwidth or compute roof, time grows with
// work, throughput grows with batch until the KV cache is full, TTFT grows with the prompt, and a
// scenario that does not fit prints no figures but the GPUs it needs, in a layout that does fit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCurve, decodePoint } from '../../../src/model/physics/decodeCurve.ts';
import { gpusPerReplica } from '../../../src/model/physics/layout.ts';
import { prefillPass, timeToFirstToken } from '../../../src/model/physics/prefill.ts';
import { decodeShape, prefillShape, timeStep } from '../../../src/model/physics/step.ts';
import { time } from '../../../src/model/physics/time.ts';
import type { Operator } from '../../../src/model/physics/types.ts';
import {
  KV_PRECISIONS,
  type ScenarioChoice,
  scenarioChoiceProblems,
  WEIGHT_PRECISIONS,
} from '../../../src/model/presets/choice.ts';
import { gpuIds, modelIds } from '../../../src/model/presets/lookup.ts';
import { project } from '../../../src/model/project.ts';
import { buildScenarioInputs } from '../../../src/model/scenario/buildScenario.ts';
import { defaultInputs } from '../../../src/model/scenario/inputDefaults.ts';
import type { ScenarioInputs } from '../../../src/model/scenario/inputs.ts';
import { projectionProblems, servedScenario } from '../../../src/model/scenario/servedModel.ts';

const BASE = defaultInputs();
const RUNS = { numRuns: 60 };
/** float slack: sums of many operators in a different order differ in the last bits */
const SLACK = 1e-8;

const choice: fc.Arbitrary<ScenarioChoice> = fc.record({
  modelId: fc.constantFrom(...modelIds),
  gpuId: fc.constantFrom(...gpuIds),
  tp: fc.constantFrom(1, 2, 4, 8),
  pp: fc.constantFrom(1, 1, 2, 4),
  ep: fc.constantFrom(1, 1, 2, 4, 8),
  weights: fc.constantFrom(...WEIGHT_PRECISIONS),
  kv: fc.constantFrom(...KV_PRECISIONS),
  context: fc.integer({ min: 1, max: 131_072 }),
  batch: fc.integer({ min: 1, max: 512 }),
});

interface Tuning {
  gemv: number;
  gemm: number;
  link: number;
  draftTokens: number;
  acceptance: number;
}

const tuning: fc.Arbitrary<Tuning> = fc.record({
  gemv: fc.double({ min: 0.2, max: 1, noNaN: true }),
  gemm: fc.double({ min: 0.2, max: 1, noNaN: true }),
  link: fc.double({ min: 0.2, max: 1, noNaN: true }),
  draftTokens: fc.integer({ min: 0, max: 4 }),
  acceptance: fc.double({ min: 0, max: 1, noNaN: true }),
});

/** A valid scenario (the choice and the model's layout rules accept it), or null to skip the draw. */
function scenario(c: ScenarioChoice, t: Tuning): ScenarioInputs | null {
  if (scenarioChoiceProblems(c).length > 0) return null;
  let inputs: ScenarioInputs;
  try {
    inputs = buildScenarioInputs(BASE, c);
  } catch {
    return null;
  }
  const efficiency = inputs.projection.efficiency;
  efficiency.gemvBandwidthShare = t.gemv;
  efficiency.attentionBandwidthShare = t.gemv;
  efficiency.gemmPeakShare = t.gemm;
  efficiency.linkBandwidthShare = t.link;
  inputs.projection.speculative = {
    draftTokens: t.draftTokens,
    acceptedTokensPerStep: 1 + t.acceptance * t.draftTokens,
  };
  return projectionProblems(inputs).length === 0 ? inputs : null;
}

const valid = fc
  .tuple(choice, tuning)
  .map(([c, t]) => scenario(c, t))
  .filter((inputs): inputs is ScenarioInputs => inputs !== null);

function served(inputs: ScenarioInputs) {
  const s = servedScenario(inputs);
  if ('problems' in s) throw new Error(s.problems.join('; '));
  return s;
}

describe('projection invariants over random valid scenarios', () => {
  it('MBU and MFU never exceed 1: no decode or prefill runs above its bandwidth or compute roof', () => {
    fc.assert(
      fc.property(valid, (inputs) => {
        const p = project(inputs, 64);
        if (p.curve === null) return;
        const s = served(inputs);
        for (let i = 0; i < p.curve.maxBatch; i++) {
          expect(p.curve.mbu[i]).toBeLessThanOrEqual(1 + SLACK);
          expect(p.curve.mfu[i]).toBeLessThanOrEqual(1 + SLACK);
          // the same statement as throughput: tokens per second ≤ roof ÷ bytes (FLOP) per token
          const point = decodePoint(s, i + 1);
          const tokensPerStep = (i + 1) * s.acceptedTokensPerStep;
          const byBandwidth = (tokensPerStep * s.roofs.bandwidthBps) / point.step.hbmBytes;
          const byCompute = tokensPerStep / point.step.tensorSeconds;
          expect(p.curve.aggregateTps[i]).toBeLessThanOrEqual(Math.min(byBandwidth, byCompute) * (1 + SLACK));
        }
        expect(p.prefill?.mfu ?? 0).toBeLessThanOrEqual(1 + SLACK);
        expect(p.prefill?.mfu ?? 0).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('one stream at B=1 decodes no faster than the raw HBM bandwidth over the weights a GPU reads', () => {
    fc.assert(
      fc.property(valid, (inputs) => {
        const s = served(inputs);
        const one = decodePoint(s, 1);
        // every GPU reads at least its share of the weights each step (PP stages run one after another)
        const weightsOnly = timeStep(s, decodeShape(1, 1)).hbmBytes;
        const ceiling = (s.acceptedTokensPerStep * s.roofs.bandwidthBps) / weightsOnly;
        expect(one.perStreamTps).toBeLessThanOrEqual(ceiling * (1 + SLACK));
      }),
      RUNS,
    );
  });

  it('an operator’s time is monotone in its bytes and FLOP', () => {
    fc.assert(
      fc.property(
        valid,
        fc.double({ min: 1, max: 100, noNaN: true }),
        fc.double({ min: 1, max: 100, noNaN: true }),
        (inputs, moreBytes, moreFlops) => {
          const s = served(inputs);
          for (const op of timeStep(s, decodeShape(inputs.scenario.batch, 1024)).ops) {
            const bigger: Operator = { ...op, bytes: op.bytes * moreBytes, flops: op.flops * moreFlops };
            const before = time(op, s.roofs, s.efficiencies).seconds;
            expect(time(bigger, s.roofs, s.efficiencies).seconds).toBeGreaterThanOrEqual(before);
          }
        },
      ),
      RUNS,
    );
  });

  it('a decode step never gets shorter with more streams or a longer context', () => {
    fc.assert(
      fc.property(valid, fc.integer({ min: 1, max: 256 }), (inputs, batch) => {
        const s = served(inputs);
        const step = (b: number, context: number) =>
          timeStep(s, decodeShape(b, context, s.draftTokens), s.draftTokens).seconds;
        const base = step(batch, s.contextTokens);
        expect(step(batch + 1, s.contextTokens)).toBeGreaterThanOrEqual(base * (1 - SLACK));
        expect(step(batch, s.contextTokens + 1024)).toBeGreaterThanOrEqual(base * (1 - SLACK));
      }),
      RUNS,
    );
  });

  // Between doublings the curve may saw-tooth: one more row than a tile holds pads a new row-tile, and one
  // more tile than the SMs hold starts a wave (the tile and wave quantisation kernels really show).
  it('aggregate tok/s never falls as the batch doubles, up to the streams whose KV fits', () => {
    fc.assert(
      fc.property(valid, (inputs) => {
        const p = project(inputs);
        if (p.curve === null || p.memory === null) return;
        const last = Math.min(p.memory.maxStreams, p.curve.maxBatch);
        for (let b = 2; b <= last; b *= 2) {
          expect(p.curve.aggregateTps[b - 1]).toBeGreaterThanOrEqual(
            (p.curve.aggregateTps[b / 2 - 1] ?? 0) * (1 - SLACK),
          );
        }
      }),
      RUNS,
    );
  });

  it('the curve is the per-batch model itself: decodeCurve equals decodePoint at every B', () => {
    fc.assert(
      fc.property(valid, fc.integer({ min: 1, max: 128 }), (inputs, batch) => {
        const s = served(inputs);
        const curve = decodeCurve(s, batch);
        const point = decodePoint(s, batch);
        expect(curve.stepSeconds[batch - 1]).toBeCloseTo(point.step.seconds, 12);
        expect((curve.mbu[batch - 1] ?? 0) / point.mbu).toBeCloseTo(1, 9);
      }),
      RUNS,
    );
  });

  it('prefill time and TTFT grow with the prompt, and TTFT with the streams it joins', () => {
    fc.assert(
      fc.property(
        valid,
        fc.integer({ min: 1, max: 32_768 }),
        fc.integer({ min: 1, max: 32_768 }),
        fc.integer({ min: 0, max: 65_536 }),
        fc.integer({ min: 1, max: 255 }),
        (inputs, prompt, extra, cached, batch) => {
          const s = served(inputs);
          const short = prefillPass(s, prompt, cached);
          const long = prefillPass(s, prompt + extra, cached);
          expect(long.seconds).toBeGreaterThanOrEqual(short.seconds * (1 - SLACK));
          expect(timeToFirstToken(s, long, batch)).toBeGreaterThanOrEqual(
            timeToFirstToken(s, short, batch) * (1 - SLACK),
          );
          // one more decoding stream lengthens the steps the prompt's chunks ride on, except for the one
          // term that falls with tokens: each expert problem's fixed cost, hidden by the tokens it sees
          // (kernelEfficiency.expertExposure) while the experts' weight stream stays flat
          const exposedFall =
            batch >= 2
              ? short.chunks *
                Math.max(
                  0,
                  decodePoint(s, batch - 1).step.smallExpertSeconds -
                    decodePoint(s, batch).step.smallExpertSeconds,
                )
              : 0;
          expect(timeToFirstToken(s, short, batch + 1)).toBeGreaterThanOrEqual(
            timeToFirstToken(s, short, batch) * (1 - SLACK) - exposedFall,
          );
          // one chunk's operators, timed, are the prefill of a prompt that fits in one chunk
          if (prompt <= s.memory.maxBatchedTokens) {
            expect(short.seconds).toBeCloseTo(timeStep(s, prefillShape(prompt, cached)).seconds, 12);
          }
        },
      ),
      RUNS,
    );
  });

  it('a scenario that does not fit prints no throughput or cost, only “does not fit: needs N GPUs”, and that layout fits', () => {
    fc.assert(
      fc.property(valid, (inputs) => {
        const p = project(inputs, 64);
        if (p.fits) {
          expect(p.warnings.some((w) => w.startsWith('does not fit'))).toBe(false);
          return;
        }
        expect(p.curve).toBeNull();
        expect(p.chosen).toBeNull();
        expect(p.ttftSeconds).toBeNull();
        expect(p.economics).toBeNull();
        expect(p.fleetByTier).toEqual([]);
        expect(p.sla.batch).toBeNull();
        const [warning] = p.warnings;
        if (p.smallestFit === null) {
          expect(warning).toMatch(/^does not fit: no layout/);
          return;
        }
        const { layout, gpusPerNode } = p.smallestFit;
        expect(warning).toMatch(
          new RegExp(`^does not fit: needs ${gpusPerReplica(layout)} GPUs \\(TP${layout.tp}`),
        );
        const stated = buildScenarioInputs(BASE, {
          modelId: inputs.identity.modelId,
          gpuId: inputs.identity.gpuId,
          gpusPerNode,
          tp: layout.tp,
          pp: layout.pp,
          ep: layout.ep,
          weights: inputs.projection.weights,
          kv: inputs.precision.kvBytesPerValue === 1 ? 'fp8' : 'bf16',
          context: inputs.scenario.kvContextTokens,
          batch: 1,
        });
        stated.projection = inputs.projection;
        expect(project(stated, 1).fits).toBe(true);
      }),
      RUNS,
    );
  });
});
