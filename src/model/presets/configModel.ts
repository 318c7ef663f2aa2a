// A model that is not a preset: read from a Hugging Face config.json (the CLI's --model-config, a file
// dropped on the page), or rebuilt from the fields a share link carries. Either way it is a ModelPreset
// with the reserved id `config`, a plain-text label, its context window and its architecture; no
// published totals (only the architecture is known) and no sources beyond the file itself.
import {
  ARCHITECTURE_FIELD_NAMES,
  ArchitectureFieldError,
  decodeArchitecture,
  encodeArchitecture,
  type FieldLookup,
} from '../architecture/fieldCodec.ts';
import { readHfConfigText } from '../architecture/hfConfig.ts';
import type { ModelArchitecture } from '../architecture/types.ts';
import { parseDecimalInteger } from '../text/decimal.ts';
import { clipForMessage, plainText } from '../text/plainText.ts';
import { RANGES } from '../units/ranges.ts';
import type { ModelPreset } from './modelTypes.ts';

/** The id of a model read from a config.json; no preset has it. */
export const CONFIG_MODEL_ID = 'config';

/** A label read back from a link is one plain line of at most this many characters. */
export const CONFIG_LABEL_MAX = 100;

export interface ConfigModel {
  readonly model: ModelPreset;
  /** what the reader assumed or left out, one sentence each */
  readonly notes: readonly string[];
}

export function configModelPreset(
  label: string,
  architecture: ModelArchitecture,
  contextWindowTokens: number,
): ModelPreset {
  return {
    id: CONFIG_MODEL_ID,
    displayName: plainText(label, CONFIG_LABEL_MAX),
    architecture,
    contextWindowTokens,
    blogFaithful: false,
    sources: [],
  };
}

/** The model a config.json's text describes; throws HfConfigError naming the field. */
export function modelFromConfigText(text: string): ConfigModel {
  const read = readHfConfigText(text);
  return {
    model: configModelPreset(`${read.name} (config.json)`, read.architecture, read.contextWindowTokens),
    notes: read.notes,
  };
}

/** The model as [field, text] pairs: its label, its context window, then its architecture's fields. */
export function encodeConfigModel(model: ModelPreset): [string, string][] {
  return [
    ['name', model.displayName],
    ['context', String(model.contextWindowTokens)],
    ...encodeArchitecture(model.architecture),
  ];
}

/** The model the fields describe; throws ArchitectureFieldError naming the first bad field. */
export function decodeConfigModel(get: FieldLookup): ModelPreset {
  const name = get('name');
  if (name === undefined || name.trim() === '')
    throw new ArchitectureFieldError('name', 'name is missing (the model’s label)');
  const rawContext = get('context');
  const context = rawContext === undefined ? null : parseDecimalInteger(rawContext);
  const { min, max } = RANGES.contextWindow;
  if (context === null || context < min || context > max) {
    throw new ArchitectureFieldError(
      'context',
      `context = '${clipForMessage(rawContext ?? '')}': expected the context window, an integer from ${min} to ${max.toLocaleString('en-US')} tokens`,
    );
  }
  return configModelPreset(name.trim(), decodeArchitecture(get), context);
}

/** Every field name a config model's link may carry. */
export const CONFIG_MODEL_FIELD_NAMES: readonly string[] = ['name', 'context', ...ARCHITECTURE_FIELD_NAMES];
