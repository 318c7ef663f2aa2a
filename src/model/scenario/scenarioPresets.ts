// The spec's two presets (docs/spec/napkin-chain.md §1.4). `default` derives every derivable number exactly;
// `blog_compat` adds the three overrides that reproduce the blog's literal intermediates.
import { defaultInputs } from './inputDefaults.ts';
import type { ScenarioInputs } from './inputs.ts';

export const PRESET_NAMES = ['default', 'blog_compat'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** Apply a preset's overrides on top of `inputs` (a copy; `default` changes nothing). */
export function applyPreset(inputs: ScenarioInputs, preset: PresetName): ScenarioInputs {
  const copy = structuredClone(inputs);
  if (preset === 'blog_compat') {
    // I-3: "22.5 MB" per expert; I-2: "35 KB" per token; I-4b: "≈109" unique experts is a floor.
    copy.overrides.expertBytes = 22.5e6;
    copy.overrides.kvBytesPerToken = 35_000;
    copy.scenario.uniqueExpertsRounding = 'floor';
  }
  return copy;
}

export function presetInputs(preset: PresetName): ScenarioInputs {
  return applyPreset(defaultInputs(), preset);
}

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}
