import { describe, expect, it } from 'vitest';
import {
  cliArgs,
  describeDefaults,
  type ExplorerQuery,
  parseQuery,
  queryString,
  withSet,
} from '../../../src/ui/explorer/urlState.ts';

const choices = {
  presets: ['default', 'blog_compat'],
  models: ['kimi-k2.6', 'deepseek-v3'],
  gpus: ['b200', 'h200'],
  weights: ['fp4', 'fp8', 'bf16', 'int4'],
  kv: ['fp8', 'bf16'],
  engines: ['vllm', 'vllm-blog', 'sglang'],
};

const full: ExplorerQuery = {
  preset: 'default',
  model: 'kimi-k2.6',
  gpu: 'b200',
  gpus: 8,
  tp: 4,
  batch: 16,
  context: 80_000,
  weights: 'fp4',
  kv: 'fp8',
  engine: 'vllm-blog',
  gpuHour: 6,
  apiPrice: 0.317,
  sets: [['empirical.mbuMeasured', '0.13']],
};

describe('parseQuery(search, choices)', () => {
  it('reads the CLI flag names and keeps only what the link gives', () => {
    const parsed = parseQuery('?batch=32&context=32000&gpu-hour=4.5&set.tp8.concurrency=8', choices);
    expect(parsed.query).toEqual({
      batch: 32,
      context: 32_000,
      gpuHour: 4.5,
      sets: [['tp8.concurrency', '8']],
    });
    expect(parsed.notices).toEqual([]);
    expect(parsed.missing).toEqual([
      'preset',
      'model',
      'gpu',
      'gpus',
      'tp',
      'weights',
      'kv',
      'engine',
      'api-price',
    ]);
  });

  it('a plain visit is the default scenario with nothing to report', () => {
    expect(parseQuery('', choices)).toEqual({ query: { sets: [] }, notices: [], missing: [] });
  });

  it('names each invalid or unknown parameter and drops it', () => {
    const parsed = parseQuery('?batch=0&tp=2.5&model=gpt-9&api-price=-1&colour=red', choices);
    expect(parsed.query).toEqual({ sets: [] });
    expect(parsed.notices).toHaveLength(5);
    const text = parsed.notices.join('\n');
    for (const named of ['batch=0', 'tp=2.5', 'api-price=-1', 'colour']) expect(text).toContain(named);
    expect(text).toMatch(/model=gpt-9.*kimi-k2\.6, deepseek-v3/);
  });
});

describe('queryString(query) and cliArgs(query)', () => {
  it('round-trips every parameter through the URL', () => {
    const search = queryString(full);
    expect(search).toBe(
      '?preset=default&model=kimi-k2.6&gpu=b200&gpus=8&tp=4&batch=16&context=80000&weights=fp4&kv=fp8&engine=vllm-blog&gpu-hour=6&api-price=0.317&set.empirical.mbuMeasured=0.13',
    );
    const back = parseQuery(search, choices);
    expect(back.query).toEqual(full);
    expect(back.missing).toEqual([]);
  });

  it('gives the same scenario as ridgeline project flags', () => {
    expect(cliArgs(full)).toEqual([
      '--preset',
      'default',
      '--model',
      'kimi-k2.6',
      '--gpu',
      'b200',
      '--gpus',
      '8',
      '--tp',
      '4',
      '--batch',
      '16',
      '--context',
      '80000',
      '--weights',
      'fp4',
      '--kv',
      'fp8',
      '--engine',
      'vllm-blog',
      '--gpu-hour',
      '6',
      '--api-price',
      '0.317',
      '--set',
      'empirical.mbuMeasured=0.13',
    ]);
  });

  it("keeps your GPU's memory in the link when it is not the default 16 GB, never as a CLI flag", () => {
    expect(queryString(full, 16)).toBe(queryString(full));
    const search = queryString(full, 80);
    expect(search).toMatch(/&your-gpu-memory=80$/);
    const back = parseQuery(search, choices);
    expect(back.localMemoryGb).toBe(80);
    expect(back.query).toEqual(full);
    expect(back.notices).toEqual([]);
    expect(cliArgs(full).join(' ')).not.toContain('memory');
  });

  it('an invalid your-gpu-memory falls back to 16 GB with a notice; the test hook `fault` is not unknown', () => {
    const parsed = parseQuery('?your-gpu-memory=-4&fault=device-loss', choices);
    expect(parsed.localMemoryGb).toBeUndefined();
    expect(parsed.notices).toEqual([
      '“your-gpu-memory=-4” is not valid (expected a number from 0.1 to 10,000 GB): 16 GB is used.',
    ]);
    // page settings alone are not a scenario: nothing is reported missing
    expect(parsed.missing).toEqual([]);
  });

  it('withSet replaces or removes one override; describeDefaults names the filled-in values', () => {
    const changed = withSet(full, 'empirical.mbuMeasured', '0.2');
    expect(changed.sets).toEqual([['empirical.mbuMeasured', '0.2']]);
    expect(withSet(changed, 'empirical.mbuMeasured', null).sets).toEqual([]);
    expect(describeDefaults(['gpus', 'gpu-hour'], full)).toBe('gpus=8, gpu-hour=6');
  });
});
