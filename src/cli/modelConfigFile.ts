// `--model-config FILE`: a Hugging Face config.json from disk, read as a stranger's file: a regular file
// no larger than the cap (checked before reading it), parsed and rebuilt from known fields by the model
// core (model/architecture/hfConfig.ts). Every failure is one UsageError naming the flag, the file and,
// for a bad config, the field.
import { readFileSync, statSync } from 'node:fs';
import { HF_CONFIG_MAX_BYTES, HfConfigError } from '../model/architecture/hfConfig.ts';
import { type ConfigModel, modelFromConfigText } from '../model/presets/configModel.ts';
import { clipForMessage } from '../model/text/plainText.ts';
import { UsageError } from './usage.ts';

function systemReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a directory, not a file';
  return typeof code === 'string' ? code : 'cannot read it';
}

export function readModelConfigFile(path: string): ConfigModel {
  const flag = `--model-config '${clipForMessage(path)}'`;
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${flag}: not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${flag}: ${systemReason(error)}`);
  }
  if (size > HF_CONFIG_MAX_BYTES) {
    throw new UsageError(
      `${flag}: ${size.toLocaleString('en-US')} bytes: at most ${HF_CONFIG_MAX_BYTES.toLocaleString('en-US')} (a config.json is a few kB)`,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag}: ${systemReason(error)}`);
  }
  try {
    return modelFromConfigText(text);
  } catch (error) {
    if (error instanceof HfConfigError) throw new UsageError(`${flag}: ${error.detail}`);
    throw error;
  }
}
