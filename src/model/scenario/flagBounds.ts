// The numeric scenario flags a person types: `ridgeline project --batch 32` and the explorer's link
// `?batch=32` use the same names, the same strict decimal reading (decimal.ts) and the same ranges. A flag
// that sets an input takes that input's physical range (inputBounds.ts); a page-only setting has its own.
import { parseDecimal, parseDecimalInteger } from '../text/decimal.ts';
import { clipForMessage } from '../text/plainText.ts';
import { withinBound } from '../units/ranges.ts';
import { boundOf, type InputBound, rangeText } from './inputBounds.ts';

export interface NumericFlag {
  /** The CLI flag without its dashes, which is also the URL parameter. */
  readonly name: string;
  readonly integer: boolean;
  /** The input it sets, whose range it takes; null for a setting outside the chain. */
  readonly path: string | null;
  readonly bound: InputBound;
  readonly unit: string;
}

function inputFlag(name: string, path: string, integer: boolean, unit = ''): NumericFlag {
  const bound = boundOf(path);
  if (!bound) throw new Error(`flag --${name}: input ${path} has no range in inputBounds.ts`);
  return { name, integer, path, bound, unit };
}

const memory = boundOf('hardware.gpuMemBytes')!;

export const NUMERIC_FLAGS: Readonly<Record<string, NumericFlag>> = {
  gpus: inputFlag('gpus', 'hardware.gpusPerNode', true),
  tp: inputFlag('tp', 'scenario.tensorParallel', true),
  pp: inputFlag('pp', 'scenario.pipelineParallel', true),
  ep: inputFlag('ep', 'scenario.expertParallel', true),
  dp: inputFlag('dp', 'scenario.dataParallel', true),
  batch: inputFlag('batch', 'scenario.batch', true),
  context: inputFlag('context', 'scenario.kvContextTokens', true, 'tokens'),
  'gpu-hour': inputFlag('gpu-hour', 'pricing.gpuHourUsd', false, 'USD'),
  'api-price': inputFlag('api-price', 'pricing.apiPricePerMTokUsd', false, 'USD per M tokens'),
  // the load simulator's workload (ridgeline project --load)
  concurrency: inputFlag('concurrency', 'workload.concurrency', true, 'streams'),
  qps: inputFlag('qps', 'workload.qps', false, 'req/s'),
  requests: inputFlag('requests', 'workload.requests', true),
  'cached-tokens': inputFlag('cached-tokens', 'workload.cachedTokens.median', true, 'tokens'),
  'fresh-tokens': inputFlag('fresh-tokens', 'workload.freshTokens.median', true, 'tokens'),
  'output-tokens': inputFlag('output-tokens', 'workload.outputTokens.median', true, 'tokens'),
  // The explorer's "your GPU" memory, in GB (WebGPU cannot see it): the range of one GPU's memory.
  'your-gpu-memory': {
    name: 'your-gpu-memory',
    integer: false,
    path: null,
    bound: { min: memory.min / 1e9, max: memory.max / 1e9 },
    unit: 'GB',
  },
};

/** "an integer from 1 to 4,096" / "a number from 0.001 to 1,000 USD". */
export function describeFlag(flag: NumericFlag): string {
  return `${flag.integer ? 'an integer' : 'a number'} ${rangeText(flag.bound, flag.unit)}`;
}

/** The flag's value from text, or an Error saying what it accepts (the caller names the flag). */
export function parseFlagValue(flag: NumericFlag, raw: string): number | Error {
  const value = flag.integer ? parseDecimalInteger(raw) : parseDecimal(raw);
  if (value !== null && withinBound(value, flag.bound)) return value;
  return new Error(`'${clipForMessage(raw)}': expected ${describeFlag(flag)}`);
}
