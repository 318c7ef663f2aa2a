// The simulator's step prices come from the per-operator model and nothing else (issue 19, item 1): the
// mixed step reduces to the decode step and the prefill pass exactly, and the memoised planes the
// simulator reads give timeStep's own seconds on any scenario and any mix.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServedScenario } from '../../../src/model/physics/servedScenario.ts';
import {
  decodeShape,
  mixedShape,
  prefillShape,
  stepOperators,
  timeStep,
} from '../../../src/model/physics/step.ts';
import {
  KV_PRECISIONS,
  type ScenarioChoice,
  scenarioChoiceProblems,
  WEIGHT_PRECISIONS,
} from '../../../src/model/presets/choice.ts';
import { gpuIds, modelIds } from '../../../src/model/presets/lookup.ts';
import { buildScenarioInputs } from '../../../src/model/scenario/buildScenario.ts';
import { defaultInputs } from '../../../src/model/scenario/inputDefaults.ts';
import { servedScenario } from '../../../src/model/scenario/servedModel.ts';
import { createStepTimer, secondsOnPlane } from '../../../src/model/serving/stepTimer.ts';

function served(choice: ScenarioChoice, draftTokens = 0): ServedScenario | null {
  if (scenarioChoiceProblems(choice).length > 0) return null;
  let inputs: ReturnType<typeof buildScenarioInputs>;
  try {
    inputs = buildScenarioInputs(defaultInputs(), choice);
  } catch {
    return null;
  }
  inputs.projection.speculative = { draftTokens, acceptedTokensPerStep: 1 + draftTokens / 2 };
  const s = servedScenario(inputs);
  return 'problems' in s ? null : s;
}

const blog = served({ modelId: 'kimi-k2.6', gpuId: 'b200' }) as ServedScenario;

describe('mixedShape: one step of a continuous-batching engine', () => {
  it('with only decoding sequences is decodeShape: the same operators and seconds', () => {
    for (const [batch, context] of [
      [1, 1],
      [16, 80_000],
      [37, 123_457],
    ] as const) {
      const mixed = mixedShape({ sequences: batch, contextTokensSum: batch * context, draftTokens: 0 }, null);
      expect(timeStep(blog, mixed).seconds).toBe(timeStep(blog, decodeShape(batch, context)).seconds);
      expect(stepOperators(blog.model, mixed)).toEqual(
        stepOperators(blog.model, decodeShape(batch, context)),
      );
    }
  });

  it('with one prompt chunk is prefillShape: the same operators and seconds', () => {
    for (const [fresh, cached] of [
      [1, 0],
      [8192, 0],
      [1208, 79_000],
    ] as const) {
      const mixed = mixedShape(null, {
        chunks: 1,
        tokens: fresh,
        prefixTokensSum: cached,
        attendedKeysSum: fresh * (cached + (fresh + 1) / 2),
      });
      expect(timeStep(blog, mixed).seconds).toBe(timeStep(blog, prefillShape(fresh, cached)).seconds);
    }
  });

  it('costs more than its decode part alone and less than its decode and prefill parts apart (weights read once)', () => {
    const decode = { sequences: 16, contextTokensSum: 16 * 80_000, draftTokens: 0 };
    const prefill = {
      chunks: 1,
      tokens: 8176,
      prefixTokensSum: 71_000,
      attendedKeysSum: 8176 * (71_000 + 4088.5),
    };
    const both = timeStep(blog, mixedShape(decode, prefill)).seconds;
    const decodeOnly = timeStep(blog, mixedShape(decode, null)).seconds;
    const prefillOnly = timeStep(blog, mixedShape(null, prefill)).seconds;
    expect(both).toBeGreaterThan(decodeOnly);
    expect(both).toBeGreaterThan(prefillOnly);
    expect(both).toBeLessThan(decodeOnly + prefillOnly);
  });
});

const choices: fc.Arbitrary<ScenarioChoice> = fc.record({
  modelId: fc.constantFrom(...modelIds),
  gpuId: fc.constantFrom(...gpuIds),
  tp: fc.constantFrom(1, 2, 4, 8),
  pp: fc.constantFrom(1, 1, 2),
  weights: fc.constantFrom(...WEIGHT_PRECISIONS),
  kv: fc.constantFrom(...KV_PRECISIONS),
});

describe('the step timer’s memoised planes', () => {
  it('price every step as timeStep does, on random scenarios and mixes (relative 1e-9)', () => {
    fc.assert(
      fc.property(
        choices,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 64 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 8192 }),
        fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 6, maxLength: 6 }),
        (choice, draft, batch, chunks, chunkTokens, sizes) => {
          const s = served(choice, draft);
          if (s === null || (batch === 0 && chunks === 0)) return;
          const timer = createStepTimer(s);
          const [c1 = 1, c2 = 1, p1 = 1, p2 = 1, k1 = 1, k2 = 1] = sizes;
          const tokens = chunks * chunkTokens;
          for (const [context, prefix, extraKeys] of [
            [c1, p1, k1],
            [c2, p2, k2],
          ] as const) {
            const contextSum = batch * context;
            const prefixSum = chunks * prefix;
            const keys = tokens * (prefix + (chunkTokens + 1) / 2) + (chunks > 0 ? extraKeys : 0);
            const prefill =
              chunks > 0 ? { chunks, tokens, prefixTokensSum: prefixSum, attendedKeysSum: keys } : null;
            const plane = timer.plane(batch, contextSum, prefill, 2);
            const direct = timer.step(batch, contextSum, prefill);
            if (plane === null) {
              // only sliding-window models below their window take the direct path
              expect(s.model.arch.slidingWindow).not.toBeNull();
              continue;
            }
            const fast = secondsOnPlane(plane, contextSum, prefixSum, keys);
            expect(Math.abs(fast - direct) / direct).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
