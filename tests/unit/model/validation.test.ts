// docs/validation.md's generated tables are what the engine computes today, and the document holds what
// issue 11 asks of it: at least 8 published measurements with sources, and cross-checks that agree with
// llm-analysis and LLM-Viewer within 2 % where the assumptions match.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_MEASUREMENTS } from '../../../src/model/validation/measurements.ts';
import { predictMeasurement } from '../../../src/model/validation/predict.ts';
import { crossCheckRows, unpaddedTables, withTables } from '../../../src/model/validation/tables.ts';

const document = readFileSync(resolve(import.meta.dirname, '../../../docs/validation.md'), 'utf8');

describe('docs/validation.md', () => {
  it('its generated tables equal the engine’s (run `npm run validation:tables` after changing the model)', () => {
    expect(unpaddedTables(withTables(document))).toBe(unpaddedTables(document));
  });

  it('tabulates at least 8 published measurements, each with a source and a date, and a prediction for each', () => {
    const external = PUBLISHED_MEASUREMENTS.filter((m) => !m.calibration);
    expect(PUBLISHED_MEASUREMENTS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(external.map((m) => m.source.publisher)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(PUBLISHED_MEASUREMENTS.map((m) => m.id)).size).toBe(PUBLISHED_MEASUREMENTS.length);
    for (const m of PUBLISHED_MEASUREMENTS) {
      expect(m.source.date.length, m.id).toBeGreaterThan(0);
      if (m.source.url !== undefined) expect(m.source.url, m.id).toMatch(/^https:\/\//);
      expect(Number.isFinite(m.value) && m.value > 0, m.id).toBe(true);
      const p = predictMeasurement(m);
      expect(p.predicted, m.id).not.toBeNull();
      expect(Number.isFinite(p.ratio ?? Number.NaN), m.id).toBe(true);
      expect(document, m.id).toContain(`| ${m.id}`);
    }
    // the models and GPUs the issue names are all covered
    const covered = PUBLISHED_MEASUREMENTS.map((m) => `${m.choice.modelId} ${m.choice.gpuId}`).join(' ');
    for (const name of ['kimi', 'deepseek-v3', 'llama-3.1-70b', 'llama-3.1-8b', 'h100', 'h200', 'b200']) {
      expect(covered).toContain(name);
    }
  });

  it('agrees with llm-analysis and LLM-Viewer within 2 % where the assumptions match', () => {
    const matching =
      /parameters without the input embedding|KV bytes per token|of which the FFN|of which the LM head/;
    const rows = crossCheckRows().filter((row) => matching.test(row));
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) {
      const cells = row.split('|').map((cell) => cell.trim());
      for (const ratio of [cells[6], cells[7]]) {
        if (ratio === '—' || ratio === undefined) continue;
        expect(Math.abs(Number(ratio) - 1), row).toBeLessThanOrEqual(0.02);
      }
    }
  });
});
