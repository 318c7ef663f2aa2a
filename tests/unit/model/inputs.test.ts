import { describe, expect, it } from 'vitest';
import { defaultInputs } from '../../../src/model/scenario/inputDefaults.ts';
import { getInputPath, INPUT_PATHS, setInputPath } from '../../../src/model/scenario/inputPaths.ts';
import { applyPreset, presetInputs } from '../../../src/model/scenario/scenarioPresets.ts';
import { validateInputs } from '../../../src/model/scenario/validateInputs.ts';

describe('ScenarioInputs', () => {
  it('defaultInputs() carries the blog values (spec §2)', () => {
    const inputs = defaultInputs();
    expect(inputs.model.totalParams).toBe(1e12);
    expect(inputs.empirical.mbuMeasured).toBe(0.11);
    expect(inputs.tp8.perPassTimeMeasuredS).toBe(0.0368);
    expect(inputs.request.outputTokensAvg).toBe(1056);
    expect(validateInputs(inputs)).toEqual([]);
  });

  it('every listed path resolves to a value in the defaults', () => {
    const inputs = defaultInputs();
    for (const { path } of INPUT_PATHS) expect(getInputPath(inputs, path), path).not.toBeUndefined();
  });

  it("applyPreset(inputs, 'blog_compat') sets the three overrides of §1.4 and leaves the input alone", () => {
    const base = defaultInputs();
    const compat = applyPreset(base, 'blog_compat');
    expect(compat.overrides.expertBytes).toBe(22.5e6);
    expect(compat.overrides.kvBytesPerToken).toBe(35_000);
    expect(compat.scenario.uniqueExpertsRounding).toBe('floor');
    expect(base.overrides.expertBytes).toBeNull();
    expect(presetInputs('default')).toEqual(defaultInputs());
  });

  it("setInputPath(inputs, 'empirical.mbuMeasured', '0.13') returns a changed copy", () => {
    const base = defaultInputs();
    const next = setInputPath(base, 'empirical.mbuMeasured', '0.13');
    expect(next.empirical.mbuMeasured).toBe(0.13);
    expect(base.empirical.mbuMeasured).toBe(0.11);
  });

  it('setInputPath accepts enums and auto for nullable overrides', () => {
    const next = setInputPath(defaultInputs(), 'scenario.e2eSource', 'measured');
    expect(next.scenario.e2eSource).toBe('measured');
    const cleared = setInputPath(presetInputs('blog_compat'), 'overrides.kvBytesPerToken', 'auto');
    expect(cleared.overrides.kvBytesPerToken).toBeNull();
  });

  it.each([
    ['empirical.nope', '1', /unknown input 'empirical.nope'/],
    ['empirical.mbuMeasured', 'abc', /expected a number from 1e-6 to 1$/],
    ['empirical.mbuMeasured', '1.5', /expected a number from 1e-6 to 1$/],
    ['hardware.gpuMemBytes', '-1', /expected a number from 1e8 to 1e13 B$/],
    ['hardware.gpusPerNode', '2.5', /expected an integer from 1 to 1,024$/],
    // strict decimal: no hex, no whitespace, no Infinity; within the physical range
    ['hardware.gpusPerNode', '0x10', /invalid value '0x10' for hardware\.gpusPerNode/],
    ['hardware.gpuBandwidthBps', ' 8e12', /expected a number from 1,000 to 1e15 B\/s$/],
    ['hardware.gpuBandwidthBps', '1e-320', /expected a number from 1,000 to 1e15 B\/s$/],
    ['pricing.gpuHourUsd', 'Infinity', /expected a number from 0\.001 to 1,000 USD\/GPU\/h$/],
    ['overrides.kvBytesPerToken', '1e308', /expected a number from 1 to 1e9 B, or 'auto'/],
    ['scenario.e2eSource', 'guess', /one of derived, measured/],
  ])('setInputPath(%s = %s) is refused with a one-line reason', (path, value, message) => {
    expect(() => setInputPath(defaultInputs(), path, value)).toThrow(message);
  });

  it('validateInputs flags k > E and a TP wider than the node', () => {
    let inputs = setInputPath(defaultInputs(), 'model.expertsPerToken', 500);
    inputs = setInputPath(inputs, 'scenario.tensorParallel', 16);
    const problems = validateInputs(inputs);
    expect(problems.some((line) => line.includes('model.expertsPerToken'))).toBe(true);
    expect(problems.some((line) => line.includes('scenario.tensorParallel (16)'))).toBe(true);
  });
});
