import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measuredRoofs } from '../../../src/measure/document.ts';
import { gpuPresets, modelPresets } from '../../../src/model/presets/index.ts';
import { distanceSentence, missingMemoryRoof } from '../../../src/ui/deck/liveMeasure.ts';
import { SLIDES } from '../../../src/ui/deck/slides.ts';
import { deckEvaluation, slideNotes, slideTitle } from '../../../src/ui/deck/slideText.ts';
import { evaluateQuery } from '../../../src/ui/explorer/evaluation.ts';
import { sampleDocument } from '../charts/sampleDocument.ts';

// Issue 23, items 3 and 5: every scenario the explorer accepts has a deck whose titles and notes follow
// the chosen model × GPU (no raw ids, no lone dashes, no other model's figures), with notes for each
// build step.

const kimi = evaluateQuery({ sets: [] }, null);
const llama = evaluateQuery({ model: 'llama-3.1-70b', gpu: 'h100-sxm', sets: [] }, null);

/** Every note of a deck, slide by slide and step by step. */
function allNotes(evaluation: ReturnType<typeof evaluateQuery>): string[] {
  return SLIDES.flatMap((spec) =>
    Array.from({ length: spec.steps + 1 }, (_, step) => slideNotes(spec, step, evaluation).join(' ')),
  );
}

describe('slide titles and notes follow the scenario', () => {
  it('each build step has notes of its own', () => {
    const roofline = SLIDES.find((s) => s.id === 'roofline')!;
    const steps = Array.from({ length: roofline.steps + 1 }, (_, k) =>
      slideNotes(roofline, k, kimi).join(' '),
    );
    expect(new Set(steps).size).toBe(steps.length);
    const fleet = SLIDES.find((s) => s.id === 'fleet')!;
    expect(slideNotes(fleet, 0, kimi)).not.toEqual(slideNotes(fleet, 1, kimi));
    for (const spec of SLIDES)
      for (let k = 0; k <= spec.steps; k++)
        expect(slideNotes(spec, k, kimi).length, spec.id).toBeGreaterThan(0);
  });

  it('the blog’s scenario: the model’s 37 streams and its verdict, the napkin’s 340 and $18,559 beside', () => {
    const text = allNotes(kimi).join(' ');
    expect(text).toContain('ridgeline’s model 37 streams');
    expect(text).toContain('the blog’s napkin 340 streams');
    const tier = kimi.result?.projection.fleetByTier.find(
      (r) => r.sizingTier === kimi.inputs?.scenario.fleetSizingTier,
    );
    const loss = Math.round(-(tier?.savingsPerMonthUsd ?? 0)).toLocaleString('en-US');
    expect(text).toContain(`costs $${loss} a month more than all-API`);
    expect(text).toContain('the blog’s napkin: $18,559 a month saved');
  });

  it('Llama 3.1 70B on 8×H100: its own numbers, none of Kimi’s, and the H100 named as the H100', () => {
    const text = allNotes(llama).join(' ');
    expect(text).toContain('Llama 3.1 70B on 8× NVIDIA H100');
    expect(text).toContain('NVIDIA H100 SXM5 80GB’s bandwidth roof');
    for (const kimiFigure of [
      '3,125',
      '956 GB',
      '340 streams',
      '$18,559',
      '1,250 FLOP/B',
      '16 GB',
      'Kimi K2.6 on',
    ])
      expect(text, kimiFigure).not.toContain(kimiFigure);
    expect(text).not.toMatch(/B200’s roofs/);
  });

  it('bound labels come from the operator breakdown (the first prefill chunk’s dominant bound)', () => {
    const prefill = SLIDES.find((s) => s.id === 'prefill')!;
    expect(slideTitle(prefill, kimi)).toBe(
      `Prefill & TTFT: ${kimi.result?.projection.prefill?.firstChunk.boundBy}-bound, and shared`,
    );
    expect(slideTitle(prefill, llama)).toBe(
      `Prefill & TTFT: ${llama.result?.projection.prefill?.firstChunk.boundBy}-bound, and shared`,
    );
  });

  it('every model × GPU: notes without raw ids, NaN or a lone dash', () => {
    const choices = modelPresets.flatMap((m) => gpuPresets.map((g) => ({ model: m.id, gpu: g.id })));
    fc.assert(
      fc.property(fc.constantFrom(...choices), (choice) => {
        const evaluation = evaluateQuery({ ...choice, sets: [] }, null);
        for (const spec of SLIDES) {
          expect(slideTitle(spec, evaluation).length).toBeGreaterThan(5);
          for (let k = 0; k <= spec.steps; k++) {
            for (const note of slideNotes(spec, k, evaluation)) {
              expect(note.trim(), `${choice.model} ${choice.gpu} ${spec.id}`).not.toMatch(/^—?$/);
              expect(note).not.toMatch(
                /NaN|undefined|Infinity|\b(fleet|decode|prefill|kv|mem|ttft|bill)\.[a-z_0-9]+/,
              );
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('the presenter view evaluates what the deck sends', () => {
  it('a deck on “Your GPU” gives the presenter its measured GPU: notes with its figures, not “not computed”', () => {
    const gpu = {
      name: 'a laptop GPU',
      bandwidthBps: 100e9,
      flopsByDtype: { f32: 4e12, f16: 8e12 },
      createdAt: '2026-12-08T01:00:00.000Z',
    };
    const query = '?model=llama-3.1-8b&gpu=your-gpu&your-gpu-memory=24';
    // without the deck's GPU the presenter cannot compute it (the old behaviour: every note said so)
    expect(deckEvaluation(query, undefined).result).toBeNull();
    const evaluation = deckEvaluation(query, gpu);
    expect(evaluation.result).not.toBeNull();
    expect(evaluation.inputs?.hardware.gpuBandwidthBps).toBe(100e9);
    // the memory the query states (WebGPU cannot see it)
    expect(evaluation.inputs?.hardware.gpuMemBytes).toBe(24e9);
    const notes = allNotes(evaluation).join(' ');
    expect(notes).not.toMatch(/not computed/i);
    expect(notes).toMatch(/a laptop GPU/);
    // the query's scenario otherwise, as the explorer reads it
    expect(deckEvaluation('?model=llama-3.1-70b&gpu=h100-sxm', undefined).inputs?.identity.gpuLabel).toMatch(
      /H100/,
    );
  });
});

describe('the deck’s TTFT follows the page’s load simulation, as the explorer’s story does', () => {
  it('the prefill notes tell the simulated median once there is one, the no-queue prefill before', () => {
    const prefill = SLIDES.find((s) => s.id === 'prefill')!;
    const batch = kimi.inputs!.scenario.batch;
    const before = slideNotes(prefill, 0, kimi).join(' ');
    expect(before).toMatch(/with no queue/);
    const after = slideNotes(prefill, 0, kimi, {
      points: [{ concurrency: batch, ttftP50Seconds: 0.21 }],
    }).join(' ');
    expect(after).toMatch(/ridgeline’s model 210 ms/);
    expect(after).toMatch(/serving simulator/);
  });
});

describe('the live slide’s words', () => {
  it('says how far a run is from the reference GPU in one sentence, and why a memory roof is missing', () => {
    const b200 = gpuPresets.find((g) => g.id === 'b200')!;
    const document = sampleDocument();
    const sentence = distanceSentence(document, b200, 'This laptop');
    expect(sentence).toMatch(/^This laptop: /);
    expect(sentence).toMatch(/× below one NVIDIA B200 \(8 TB\/s\)|× below its FP32 peak/);
    expect(sentence?.split('. ').length).toBe(1);
    // a device near the reference says how near, not "1× below": a GPU with 1.4× this run's bandwidth
    const memory = measuredRoofs(document.measurements).memory!.value;
    const near = { ...b200, bandwidthBytesPerSecond: 1.4 * memory };
    expect(distanceSentence(document, near, 'x')).toMatch(/, 1\.4× below one /);
    const cached = {
      ...document,
      measurements: document.measurements.map((m) =>
        m.kernel.startsWith('stream') ? { ...m, cacheResident: true } : m,
      ),
    };
    expect(missingMemoryRoof(cached)).toMatch(
      /No memory roof: the \w+ profile’s streams fit in this device’s cache/,
    );
    expect(distanceSentence(cached, b200, 'x')).toMatch(/no memory roof from this run/);
  });
});
