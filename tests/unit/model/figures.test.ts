// Every figure carries what the page needs to show the math behind it (issue 2, engine item 1).
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../../src/model/evaluate.ts';
import { presetInputs } from '../../../src/model/scenario/scenarioPresets.ts';
import { golden } from '../../fixtures/golden.ts';

const { figures } = evaluateScenario(presetInputs('default'));

describe('figure metadata', () => {
  it('every figure has a label, a unit string, a formula id (F1–F67 or input), a section and a basis', () => {
    for (const figure of Object.values(figures)) {
      expect(figure.label.length, figure.id).toBeGreaterThan(3);
      expect(typeof figure.unit).toBe('string');
      expect(figure.formula, figure.id).toMatch(/^(input|F([1-9]|[1-5]\d|6[0-7])[ab]?(\/F\d+)?)$/);
      expect(['theoretical', 'empirical', 'input']).toContain(figure.basis);
    }
  });

  it("each golden id's figure names the blog section the golden file gives", () => {
    for (const entry of [...golden.entries, ...golden.not_reproducible]) {
      expect(figures[entry.id.replace(/\.compat$/, '')]?.section, entry.id).toBe(entry.source_section);
    }
  });

  it('input_default entries are passed-through inputs; derived figures list the inputs they used', () => {
    for (const entry of golden.entries) {
      const figure = figures[entry.id.replace(/\.compat$/, '')];
      if (entry.status === 'input_default') expect(figure?.basis, entry.id).toBe('input');
      else if (figure?.basis !== 'input')
        expect(Object.keys(figure?.inputs ?? {}).length, entry.id).toBeGreaterThan(0);
    }
  });
});
