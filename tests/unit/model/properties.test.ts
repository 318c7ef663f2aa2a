// Physics the engine must respect for any valid input (fast-check): monotonic where it should be,
// bounded where it must be, and never NaN or Infinity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateScenario, nonFiniteOutputs } from '../../../src/model/evaluate.ts';
import { maxUsersAt } from '../../../src/model/napkin/kvCache.ts';
import { type PerPassParams, perPassBytes, uniqueExperts } from '../../../src/model/napkin/perPassModel.ts';
import { modelIds } from '../../../src/model/presets/index.ts';
import { buildScenario } from '../../../src/model/scenario/buildScenario.ts';
import { boundOf, type InputBound } from '../../../src/model/scenario/inputBounds.ts';
import { defaultInputs } from '../../../src/model/scenario/inputDefaults.ts';
import { INPUT_PATHS, type InputPathSpec, setInputPath } from '../../../src/model/scenario/inputPaths.ts';
import type { ScenarioInputs } from '../../../src/model/scenario/inputs.ts';
import { presetInputs } from '../../../src/model/scenario/scenarioPresets.ts';
import { validateInputs } from '../../../src/model/scenario/validateInputs.ts';

const rounding = fc.constantFrom('none', 'floor', 'round') as fc.Arbitrary<'none' | 'floor' | 'round'>;
const expertsAndK = fc
  .integer({ min: 1, max: 512 })
  .chain((E) => fc.tuple(fc.constant(E), fc.integer({ min: 1, max: E })));

const passParams: fc.Arbitrary<PerPassParams> = fc.record({
  nRoutedExperts: fc.integer({ min: 0, max: 512 }),
  expertsPerToken: fc.integer({ min: 0, max: 16 }),
  moeLayers: fc.integer({ min: 0, max: 128 }),
  expertBytes: fc.double({ min: 1, max: 1e9, noNaN: true }),
  sharedWeightsBytesPerPass: fc.double({ min: 0, max: 1e12, noNaN: true }),
  kvBytesPerToken: fc.double({ min: 1, max: 1e6, noNaN: true }),
  kvContextTokens: fc.integer({ min: 1, max: 1_000_000 }),
  rounding,
});

describe('per-pass model properties', () => {
  it('uniqueExperts(E, k, B) lies in [min(k, E·…), min(E, B·k)] and never decreases with B', () => {
    fc.assert(
      fc.property(expertsAndK, fc.integer({ min: 1, max: 4096 }), rounding, ([E, k], B, mode) => {
        const u = uniqueExperts(E, k, B, mode);
        const next = uniqueExperts(E, k, B + 1, mode);
        expect(u).toBeLessThanOrEqual(Math.min(E, B * k));
        expect(u).toBeGreaterThanOrEqual(mode === 'none' ? k - 1e-9 * k : Math.min(k, E) - 1);
        expect(next).toBeGreaterThanOrEqual(u);
      }),
    );
  });

  it('uniqueExperts at B=1 is exactly k under floor (no off-by-one from rounding)', () => {
    fc.assert(
      fc.property(expertsAndK, ([E, k]) => {
        expect(uniqueExperts(E, k, 1, 'floor')).toBe(k);
      }),
    );
  });

  it('bytes per pass never decrease as the batch grows', () => {
    fc.assert(
      fc.property(passParams, fc.integer({ min: 1, max: 1024 }), (params, B) => {
        const p = { ...params, expertsPerToken: Math.min(params.expertsPerToken, params.nRoutedExperts) };
        expect(perPassBytes(p, B + 1).totalBytes).toBeGreaterThanOrEqual(perPassBytes(p, B).totalBytes);
      }),
    );
  });

  it('max users never increase with the context length', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e13, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (budget, kvPerToken, ctxA, ctxB) => {
          const [short, long] = ctxA <= ctxB ? [ctxA, ctxB] : [ctxB, ctxA];
          const atLong = maxUsersAt(budget, kvPerToken, long);
          expect(atLong).toBeLessThanOrEqual(maxUsersAt(budget, kvPerToken, short));
          expect(Number.isInteger(atLong) && atLong >= 0).toBe(true);
        },
      ),
    );
  });
});

const clamp = (value: number, bound: InputBound | undefined) =>
  bound ? Math.min(bound.max, Math.max(bound.min, value)) : value;

/** A valid value for one input, spread over orders of magnitude around its default, inside its range. */
function valueFor(spec: InputPathSpec, base: number | string | null): fc.Arbitrary<number | string | null> {
  const kind = spec.kind;
  if (typeof kind === 'object') return fc.constantFrom(...kind.oneOf);
  const bound = boundOf(spec.path);
  const around = typeof base === 'number' && base > 0 ? base : 1;
  const scaled = fc
    .double({ min: -1, max: 1, noNaN: true })
    .map((e) => clamp(around * 10 ** e, bound))
    .map((v) => (kind.endsWith('Integer') ? Math.ceil(v) : v));
  switch (kind) {
    case 'fraction':
      return fc.double({ min: 0.01, max: 1, noNaN: true }).map((v) => clamp(v, bound));
    case 'positiveInteger':
      return scaled.map((v) => Math.max(1, Math.round(v)));
    case 'nonNegativeInteger':
      return scaled.map((v) => Math.round(v));
    case 'nullablePositive':
      // architecture-derived numbers and overrides: absent (the spec formula) or any positive value
      return fc.option(
        typeof base === 'number'
          ? scaled
          : fc.double({ min: 1, max: 1e13, noNaN: true }).map((v) => clamp(v, bound)),
        { nil: null },
      );
    default:
      return scaled;
  }
}

// The layout, the node size, the weight format and speculative decoding are varied together and validly
// by tests/unit/model/projectionProperties.test.ts; varied one by one here they would make almost every
// sample an invalid layout (or leave the blog's scenario, whose napkin figures these properties read).
const HELD = new Set([
  'hardware.gpusPerNode',
  'scenario.tensorParallel',
  'scenario.pipelineParallel',
  'scenario.expertParallel',
  'scenario.dataParallel',
  'projection.weights',
  'projection.speculative.draftTokens',
  'projection.speculative.acceptedTokensPerStep',
]);
const varied = INPUT_PATHS.filter((spec) => !HELD.has(spec.path));
const base = defaultInputs();
const validInputs: fc.Arbitrary<ScenarioInputs> = fc
  .tuple(...varied.map((spec) => valueFor(spec, pathValue(base, spec.path))))
  .map((values) => varied.reduce((acc, spec, i) => setInputPath(acc, spec.path, values[i] ?? null), base))
  .filter((inputs) => validateInputs(inputs).length === 0);

function pathValue(inputs: ScenarioInputs, path: string): number | string | null {
  let node: unknown = inputs;
  for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
  return node as number | string | null;
}

describe('evaluateScenario over random valid inputs', () => {
  it('gives a finite value for every figure, sweep point, economics and diagnostics row', () => {
    fc.assert(
      fc.property(validInputs, (inputs) => {
        expect(nonFiniteOutputs(evaluateScenario(inputs))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('anywhere inside the documented ranges (extremes included), inputs are refused or every output is finite', () => {
    // log-uniform over each range, with its ends and zero (where allowed) drawn often: what a hostile
    // --set or link can reach once past the range check
    const extreme = (spec: InputPathSpec): fc.Arbitrary<number | string | null> => {
      const bound = boundOf(spec.path);
      if (typeof spec.kind === 'object' || !bound) return valueFor(spec, null);
      const lo = Math.max(bound.min, 1e-12);
      const logUniform = fc
        .double({ min: Math.log10(lo), max: Math.log10(bound.max), noNaN: true })
        .map((e) => Math.min(bound.max, Math.max(bound.min, 10 ** e)));
      const value = fc.oneof(logUniform, fc.constantFrom(bound.min, bound.max));
      return spec.kind.endsWith('Integer') ? value.map((v) => Math.min(bound.max, Math.ceil(v))) : value;
    };
    const numeric = INPUT_PATHS.filter((spec) => typeof spec.kind !== 'object');
    // every model preset as the starting point: dense and MoE, MLA and GQA
    const bases = modelIds.map(
      (modelId) => buildScenario(presetInputs('default'), { modelId, gpuId: 'b200' }).inputs,
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc
          .array(fc.integer({ min: 0, max: numeric.length - 1 }), { minLength: 1, maxLength: 6 })
          .chain((picks) =>
            fc.tuple(...picks.map((i) => fc.tuple(fc.constant(numeric[i]!), extreme(numeric[i]!)))),
          ),
        (start, changes) => {
          const inputs = changes.reduce((acc, [spec, value]) => setInputPath(acc, spec.path, value), start);
          if (validateInputs(inputs).length > 0) return;
          expect(
            nonFiniteOutputs(evaluateScenario(inputs)),
            JSON.stringify(changes.map(([s, v]) => [s.path, v])),
          ).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('max users at the long KV-table context never exceed those at the short one', () => {
    fc.assert(
      fc.property(validInputs, (inputs) => {
        const { kvTableContextLongTokens: long, kvTableContextShortTokens: short } = inputs.scenario;
        const { figures } = evaluateScenario(inputs);
        const [atLong, atShort] = [
          figures['kv.max_users_80k']?.value ?? 0,
          figures['kv.max_users_32k']?.value ?? 0,
        ];
        if (long >= short) expect(atLong).toBeLessThanOrEqual(atShort);
        else expect(atShort).toBeLessThanOrEqual(atLong);
      }),
      { numRuns: 40 },
    );
  });

  it('cost per M processed tokens is positive (TP8 and TP4)', () => {
    fc.assert(
      fc.property(validInputs, (inputs) => {
        const { figures } = evaluateScenario(inputs);
        expect(figures['cost.tp8_per_m']?.value).toBeGreaterThan(0);
        expect(figures['tp4.cost_per_m']?.value).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('units are consistent: bytes add up, rates times time give counts, dollars per token agree', () => {
    fc.assert(
      fc.property(validInputs, (inputs) => {
        const f = (id: string) => evaluated.figures[id]?.value ?? Number.NaN;
        const evaluated = evaluateScenario(inputs);
        const close = (a: number, b: number) =>
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-12));
        close(
          f('pass.total_bytes'),
          f('pass.routed_bytes') + f('pass.shared_bytes') + f('pass.kv_read_bytes'),
        );
        // B / s × s/h = B/h; USD/h ÷ (tok/h / 1e6) = USD/Mtok
        close(f('cost.proc_tokens_per_hour'), f('little.proc_tps') * 3600);
        close(
          f('cost.tp8_per_m') * (f('cost.proc_tokens_per_hour') / 1e6),
          inputs.tp8.gpusPerReplica * inputs.pricing.gpuHourUsd,
        );
        // bytes ÷ (B/s) = s
        close(
          f('pass.memory_time_napkin') *
            inputs.empirical.nodeBandwidthEffectiveBps *
            inputs.empirical.mbuNapkin,
          f('pass.total_bytes'),
        );
        close(f('kv.per_user_80k'), f('kv.bytes_per_token') * inputs.scenario.kvTableContextLongTokens);
        // F64 identity: savings = fleet tokens × (API price − TP4 $/M), while some traffic spills over
        if (f('fleet.spill_tokens') > 0)
          close(f('bill.savings'), evaluated.diagnostics?.savingsIdentity ?? Number.NaN);
        for (const figure of Object.values(evaluated.figures)) expect(typeof figure.unit).toBe('string');
      }),
      { numRuns: 60 },
    );
  });
});
