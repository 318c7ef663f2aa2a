// The front door of src/model for code outside it (the CLI, the page, scripts): a scenario in, a result
// out. Inside src/model every file imports the file it needs, never this index, so no import cycle can
// run through it (tests/unit/model/layout.test.ts). The roofline rate math (units/roofline.ts) is left out on
// purpose: the benchmark worker imports it alone, without the presets and the chain behind this index.
// The flow and where each kind of change goes: README.md beside this file.

export { type Economics, evaluateScenario, nonFiniteOutputs, type ScenarioResult } from './evaluate.ts';
export type { Figure } from './explain/figure.ts';
export { type Projection, project } from './project.ts';
export { type BuiltScenario, buildScenario, buildScenarioInputs } from './scenario/buildScenario.ts';
export { defaultInputs } from './scenario/inputDefaults.ts';
export { getInputPath, INPUT_PATHS, type InputPathSpec, setInputPath } from './scenario/inputPaths.ts';
export type { ScenarioInputs } from './scenario/inputs.ts';
export { applyPreset, PRESET_NAMES, type PresetName, presetInputs } from './scenario/scenarioPresets.ts';
export { validateInputs } from './scenario/validateInputs.ts';
