import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../../src/model/evaluate.ts';
import { gpuIds, modelIds } from '../../../src/model/presets/index.ts';
import {
  BLOG_BANDWIDTH_EFFICIENCY,
  buildScenario,
  buildScenarioInputs,
} from '../../../src/model/scenario/buildScenario.ts';
import { defaultInputs } from '../../../src/model/scenario/inputDefaults.ts';
import { presetInputs } from '../../../src/model/scenario/scenarioPresets.ts';
import { validateInputs } from '../../../src/model/scenario/validateInputs.ts';

const blog = { modelId: 'kimi-k2.6', gpuId: 'b200' };

describe('buildScenarioInputs(base, choice)', () => {
  it('Kimi blog-faithful on the blog B200 at FP4 weights / FP8 KV is exactly defaultInputs()', () => {
    expect(buildScenarioInputs(defaultInputs(), blog)).toEqual(defaultInputs());
    const explicit = {
      ...blog,
      weights: 'fp4',
      kv: 'fp8',
      gpusPerNode: 8,
      tp: 8,
      pp: 1,
      ep: 1,
      dp: 1,
      context: 80_000,
      batch: 16,
    } as const;
    expect(buildScenarioInputs(defaultInputs(), explicit)).toEqual(defaultInputs());
    expect(buildScenario(defaultInputs(), blog).notes).toEqual([]);
  });

  it('keeps the blog_compat overrides for the blog-faithful model', () => {
    const compat = presetInputs('blog_compat');
    expect(buildScenarioInputs(compat, blog)).toEqual(compat);
  });

  it('blog model on the HGX B200 changes only the hardware (192.3 GB, 7.7 TB/s, 9 PF) and the effective bandwidth', () => {
    const inputs = buildScenarioInputs(defaultInputs(), { ...blog, gpuId: 'b200-hgx' });
    expect(inputs.hardware).toEqual({
      gpuMemBytes: 183_359 * 2 ** 20,
      gpusPerNode: 8,
      gpuBandwidthBps: 7.7e12,
      gpuPeakFlops: 9e15,
    });
    expect(inputs.empirical.nodeBandwidthEffectiveBps).toBeCloseTo(7.7e12 * 8 * (50 / 64), 0);
    expect(inputs.model).toEqual(defaultInputs().model);
  });

  it('blog model at FP8 weights: 1 B/param and the asserted 5.6 GB shared bytes doubled', () => {
    const built = buildScenario(defaultInputs(), { ...blog, weights: 'fp8' });
    expect(built.inputs.precision.weightBytesPerParam).toBe(1);
    expect(built.inputs.empirical.sharedWeightsBytesPerPass).toBe(11.2e9);
    expect(built.inputs.hardware.gpuPeakFlops).toBe(5e15);
    expect(built.notes).toHaveLength(1);
  });

  it('Kimi config-exact derives its totals, 60 MoE layers, expert and KV bytes and shared bytes', () => {
    const inputs = buildScenarioInputs(defaultInputs(), { modelId: 'kimi-k2.6-config', gpuId: 'b200' });
    expect(inputs.model.totalParams).toBe(1_026_408_232_448);
    expect(inputs.model.moeLayers).toBe(60);
    expect(inputs.architecture.expertBytes).toBe(22_020_096);
    expect(inputs.architecture.kvBytesPerToken).toBe(35_136);
    expect(inputs.architecture.weightBytes).toBe(1_026_408_232_448 * 0.5);
    // spec I-6's consistency check, now exact: (active − k·L_moe·expert params) × 0.5 = 5.27 GB, not 5.6
    const routedActive = 8 * 60 * 3 * 7168 * 2048;
    expect(inputs.empirical.sharedWeightsBytesPerPass).toBeCloseTo(
      (inputs.model.activeParams - routedActive) * 0.5,
      0,
    );
    expect(inputs.empirical.sharedWeightsBytesPerPass / 1e9).toBeCloseTo(5.274, 3);
  });

  it('Llama-3.1-70B on H100: dense (E = k = 0), BF16 KV 327,680 B/token, FP4 falls back to the FP8 peak with a note', () => {
    const built = buildScenario(defaultInputs(), {
      modelId: 'llama-3.1-70b',
      gpuId: 'h100-sxm',
      kv: 'bf16',
    });
    const inputs = built.inputs;
    expect(inputs.model.nRoutedExperts).toBe(0);
    expect(inputs.model.moeLayers).toBe(0);
    expect(inputs.architecture.expertBytes).toBeNull();
    expect(inputs.architecture.kvBytesPerToken).toBe(327_680);
    expect(inputs.hardware.gpuPeakFlops).toBe(1978.9e12);
    expect(inputs.empirical.nodeBandwidthEffectiveBps).toBe(3.35e12 * 8 * BLOG_BANDWIDTH_EFFICIENCY);
    expect(built.notes.some((note) => note.includes('no dense FP4 peak'))).toBe(true);
  });

  it('a single RTX 4090 caps the TP replicas at 1 GPU and derives its activations (no flat 10 GB reserve)', () => {
    const built = buildScenario(defaultInputs(), {
      modelId: 'llama-3.1-8b',
      gpuId: 'rtx-4090',
      weights: 'bf16',
    });
    const inputs = built.inputs;
    expect(inputs.hardware.gpusPerNode).toBe(1);
    expect(inputs.tp8.gpusPerReplica).toBe(1);
    expect(inputs.scenario.tensorParallel).toBe(1);
    // vLLM's defaults on a < 70 GiB GPU: 2,048 batched tokens, 256 sequences; the peak is well under 1 GB
    expect(inputs.projection.memory).toEqual({ utilization: 0.9, maxBatchedTokens: 2048, maxSequences: 256 });
    expect(inputs.empirical.activationsBytes).toBeGreaterThan(0.1e9);
    expect(inputs.empirical.activationsBytes).toBeLessThan(1e9);
    expect(built.notes.some((note) => note.startsWith('activations derived'))).toBe(true);
    expect(validateInputs(inputs)).toEqual([]);
    // the case: Llama-3.1-8B BF16 on an RTX 4090 fits at 32K context with an FP8 KV cache
    const fits = evaluateScenario(
      buildScenarioInputs(defaultInputs(), {
        modelId: 'llama-3.1-8b',
        gpuId: 'rtx-4090',
        weights: 'bf16',
        context: 32_000,
        batch: 1,
      }),
    );
    expect(fits.fits).toBe(true);
    expect(fits.figures['mem.kv_budget']?.value).toBeGreaterThan(0);
  });

  it('defaults the layout to the largest TP the node and the heads allow, as many replicas as fit the node', () => {
    const dense = buildScenarioInputs(defaultInputs(), { modelId: 'llama-3.1-70b', gpuId: 'h100-sxm' });
    expect([dense.scenario.tensorParallel, dense.scenario.dataParallel]).toEqual([8, 1]);
    const tp2 = buildScenarioInputs(defaultInputs(), { modelId: 'llama-3.1-70b', gpuId: 'h100-sxm', tp: 2 });
    expect([tp2.scenario.tensorParallel, tp2.scenario.dataParallel]).toEqual([2, 4]);
    const six = buildScenarioInputs(defaultInputs(), {
      modelId: 'llama-3.1-70b',
      gpuId: 'h100-sxm',
      gpusPerNode: 6,
    });
    // 6 does not divide 64 heads; 3 does not divide the 8 KV heads either: TP2 with 3 replicas
    expect([six.scenario.tensorParallel, six.scenario.dataParallel]).toEqual([2, 3]);
  });

  it('every model on every GPU gives valid inputs and finite figures, whether or not it fits', () => {
    for (const modelId of modelIds) {
      for (const gpuId of gpuIds) {
        const inputs = buildScenarioInputs(defaultInputs(), { modelId, gpuId, weights: 'int4', kv: 'bf16' });
        expect(validateInputs(inputs), `${modelId} on ${gpuId}`).toEqual([]);
        const result = evaluateScenario(inputs);
        for (const [id, figure] of Object.entries(result.figures)) {
          expect(Number.isNaN(figure.value), `${modelId} on ${gpuId}: ${id}`).toBe(false);
        }
      }
    }
  });

  it('caps the default 80K context at a shorter model window, and notes a chosen context beyond it', () => {
    const capped = buildScenario(defaultInputs(), { modelId: 'mixtral-8x7b', gpuId: 'h200' });
    expect(capped.inputs.scenario.kvContextTokens).toBe(32_768);
    expect(capped.notes.some((note) => note.startsWith('context capped'))).toBe(true);
    const chosen = buildScenario(defaultInputs(), {
      modelId: 'mixtral-8x7b',
      gpuId: 'h200',
      context: 65_536,
    });
    expect(chosen.inputs.scenario.kvContextTokens).toBe(65_536);
    expect(chosen.notes.some((note) => note.includes('exceeds'))).toBe(true);
  });

  it('rejects a bad choice with one line naming the field and what is allowed', () => {
    const base = defaultInputs();
    expect(() => buildScenarioInputs(base, { modelId: 'gpt-5', gpuId: 'b200' })).toThrow(
      /^unknown model 'gpt-5': allowed are kimi-k2\.6, kimi-k2\.6-config, /,
    );
    expect(() => buildScenarioInputs(base, { ...blog, gpuId: 'tpu' })).toThrow(
      /^unknown gpu 'tpu': allowed are b200, /,
    );
    expect(() => buildScenarioInputs(base, { ...blog, tp: 16 })).toThrow(
      'tp (16) must be <= the GPUs per node (8)',
    );
    expect(() => buildScenarioInputs(base, { ...blog, batch: 0 })).toThrow(
      'batch must be a positive integer (got 0)',
    );
    expect(() => buildScenarioInputs(base, { ...blog, context: Number.NaN })).toThrow(
      /^context must be a positive/,
    );
  });
});
