// The default `ridgeline project` output over every model preset on a spread of GPUs (in-process, as the
// CLI prints it): at most 40 lines of at most 100 columns whatever the scenario; the blog's napkin beside
// the model, and the break-even line, only where the blog's own scenario applies; a scenario that does not
// fit says so on its Fits line and shows no figures; nothing NaN.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  printProjectSummary,
  SUMMARY_SECTIONS,
  type SummarySection,
} from '../../src/cli/printers/projectSummary.ts';
import { parseProjectArgs } from '../../src/cli/projectArgs.ts';
import { projectScenario } from '../../src/cli/projectScenario.ts';
import { modelIds } from '../../src/model/presets/index.ts';

const summary = (args: readonly string[], sections?: readonly SummarySection[]) =>
  printProjectSummary(projectScenario(parseProjectArgs(args)), sections);

const GPUS = ['b200', 'h100-sxm', 'mi300x', 'rtx-4090', 'm4-max'];

describe('the project summary', () => {
  it.each(modelIds)('%s on five GPUs: ≤ 40 lines, ≤ 100 columns, labelled, no NaN', (model) => {
    for (const gpu of GPUS) {
      let text: string;
      try {
        text = summary(['--model', model, '--gpu', gpu]);
      } catch (error) {
        // a scenario refused as a whole (a layout the model cannot take) is a one-line usage error instead
        expect((error as Error).message).not.toContain('\n');
        continue;
      }
      const lines = text.trimEnd().split('\n');
      expect(lines.length, `${model} on ${gpu}`).toBeLessThanOrEqual(40);
      expect(Math.max(...lines.map((line) => line.length)), `${model} on ${gpu}`).toBeLessThanOrEqual(100);
      expect(text).not.toMatch(/NaN|Infinity/);
      expect(text).toMatch(/^Fits {7}(yes|no): /m);
      // the blog measured Kimi K2.6 (its preset, or built from its config) in FP4 on one 8×B200 node
      const blogs = model.startsWith('kimi-k2.6') && gpu === 'b200';
      expect(/ridgeline's model {2}the blog's napkin$/m.test(text), `${model} on ${gpu}`).toBe(blogs);
      expect(text.includes('Break-even'), `${model} on ${gpu}`).toBe(blogs);
      if (/^Fits {7}yes/m.test(text)) expect(text).toMatch(/ridgeline's model/);
      else expect(text).not.toMatch(/decode step at/);
    }
  });

  it('stays within 40 lines when sections add up: notes are cut last, saying how many and where', () => {
    const extra: SummarySection = {
      id: 'load',
      lines: () => Array.from({ length: 8 }, (_, i) => `Load       line ${i + 1}`),
    };
    const text = summary(['--model', 'llama-3.1-8b', '--gpu', 'rtx-4090'], [...SUMMARY_SECTIONS, extra]);
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(text).toContain('Load       line 8');
    expect(text).toMatch(/^Note {7}and \d+ more notes?: --full prints them$/m);
  });

  it('names the third source where there is one: what was measured on this scenario (issue 23)', () => {
    const text = summary([]);
    // the blog's load test, on its own scenario at B=16 and 80K: TTFT, decode and the streams it held
    expect(text).toMatch(/^Measured {3}the blog's load test: /m);
    expect(text).toMatch(/time to\s+first token at B=16 = 1\.57 s/);
    expect(text).toMatch(/= 32 streams/);
    // another scenario has no published measurement at its batch and context: no Measured line
    expect(summary(['--model', 'llama-3.1-70b', '--gpu', 'h100-sxm'])).not.toMatch(/^Measured/m);
  });

  it('--ops adds the operator tables after the summary', () => {
    const text = summary(['--ops', '--batch', '1']);
    expect(text).toContain('Operators of one decode step at B=1');
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
  });
});

describe('the README', () => {
  it("shows `ridgeline project`'s output for the defaults as it is today", () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const sample = /For the defaults it prints:\n\n```text\n([\s\S]*?)```/.exec(readme)?.[1];
    // on a mismatch: paste `node bin/ridgeline.mjs project` into README.md's CLI section
    expect(sample).toBe(summary([]));
  });
});
