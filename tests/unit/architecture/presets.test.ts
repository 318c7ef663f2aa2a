import { describe, expect, it } from 'vitest';
import {
  findGpuPreset,
  gpuIds,
  gpuPreset,
  gpuPresets,
  isGpuId,
  isModelId,
  modelIds,
  modelPresets,
  peakFor,
  peakPrecisions,
  scenarioChoiceProblems,
  unknownIdMessage,
} from '../../../src/model/presets/index.ts';

describe('presets carry their sources', () => {
  it('every model and GPU preset has a unique id, a display name and at least one dated source', () => {
    const all = [...modelPresets, ...gpuPresets];
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    for (const preset of all) {
      expect(preset.displayName.length, preset.id).toBeGreaterThan(0);
      expect(preset.sources.length, preset.id).toBeGreaterThan(0);
      for (const source of preset.sources) {
        // a source a reader can open has a web address; the blog and a few observations are cited by
        // title and date only (PresetSource.url is optional)
        if (source.url !== undefined) expect(source.url, preset.id).toMatch(/^https:\/\//);
        expect(source.title.length, preset.id).toBeGreaterThan(0);
        expect(source.date, preset.id).toMatch(/^\d{4}(-\d{2}){0,2}$/);
      }
    }
  });

  it('lists the issue’s models and GPUs', () => {
    expect(modelIds).toEqual([
      'kimi-k2.6',
      'kimi-k2.6-config',
      'deepseek-v3',
      'llama-3.1-8b',
      'llama-3.1-70b',
      'llama-3.1-405b',
      'qwen3-235b-a22b',
      'gpt-oss-120b',
      'mixtral-8x7b',
      'qwen3-8b',
      'qwen3-30b-a3b',
      'gpt-oss-20b',
      'qwen2.5-7b',
      'qwen2.5-72b',
      'llama-2-7b',
    ]);
    expect(gpuIds).toEqual([
      'b200',
      'b200-hgx',
      'gb200',
      'h100-sxm',
      'h200',
      'a100-80gb',
      'h100-pcie',
      'h20',
      'l40s',
      'rtx-3090',
      'mi300x',
      'mi355x',
      'rtx-4090',
      'rtx-5090',
      'm2-max',
      'm3-max',
      'm4-max',
    ]);
  });
});

describe('GPU presets: dense peaks only', () => {
  it('B200 blog values and HGX spec values (spec I-8)', () => {
    expect(gpuPreset('b200')).toMatchObject({ memoryBytes: 192e9, bandwidthBytesPerSecond: 8e12 });
    expect(gpuPreset('b200').peakFlops.fp4).toBe(10e15);
    // the HGX "180 GB" is a GiB label: nvidia-smi shows 183,359 MiB (spec I-8 correction)
    expect(gpuPreset('b200-hgx')).toMatchObject({
      memoryBytes: 183_359 * 2 ** 20,
      bandwidthBytesPerSecond: 7.7e12,
    });
    expect(gpuPreset('b200-hgx').peakFlops.fp4).toBe(9e15);
  });

  it('each precision step down is at most as fast as the one above, and every value is a positive number', () => {
    for (const gpu of gpuPresets) {
      const values = peakPrecisions.map((p) => gpu.peakFlops[p]).filter((v): v is number => v !== undefined);
      expect(values.length, gpu.id).toBeGreaterThan(0);
      for (let i = 1; i < values.length; i += 1)
        expect(values[i]!, gpu.id).toBeLessThanOrEqual(values[i - 1]!);
      expect(gpu.memoryBytes).toBeGreaterThan(0);
      expect(gpu.bandwidthBytesPerSecond).toBeGreaterThan(0);
    }
  });

  it('true capacities: the vendors’ GiB labels read as the bytes the devices have (nvidia-smi, rocm-smi)', () => {
    const mib = 2 ** 20;
    expect(gpuPreset('h100-sxm').memoryBytes).toBe(81_559 * mib);
    expect(gpuPreset('h200').memoryBytes).toBe(143_771 * mib);
    expect(gpuPreset('a100-80gb').memoryBytes).toBe(81_920 * mib);
    expect(gpuPreset('mi300x').memoryBytes).toBe(192 * 2 ** 30);
    expect(gpuPreset('rtx-4090').memoryBytes).toBe(24_564 * mib);
    expect(gpuPreset('rtx-5090').memoryBytes).toBe(32_607 * mib);
    for (const gpu of gpuPresets) expect(gpu.sources.length, gpu.id).toBeGreaterThan(0);
  });

  it('every GPU names its links: NVLink 5/4/3, Infinity Fabric, PCIe, a network between data-centre nodes', () => {
    const link = (id: string) => gpuPreset(id).interconnect.intraNode?.name ?? null;
    expect(link('b200')).toBe('NVLink 5');
    expect(link('h100-sxm')).toBe('NVLink 4');
    expect(link('h200')).toBe('NVLink 4');
    expect(link('a100-80gb')).toBe('NVLink 3');
    expect(link('mi300x')).toMatch(/Infinity Fabric/);
    expect(link('rtx-4090')).toMatch(/PCIe 4\.0/);
    expect(link('m4-max')).toBeNull();
    expect(gpuPreset('b200').interconnect.intraNode?.bandwidthBps).toBe(900e9);
    expect(gpuPreset('h100-sxm').interconnect.interNode?.bandwidthBps).toBe(50e9);
    for (const gpu of gpuPresets) {
      for (const l of [gpu.interconnect.intraNode, gpu.interconnect.interNode]) {
        if (l === null) continue;
        expect(l.bandwidthBps, gpu.id).toBeGreaterThan(0);
        expect(l.hopLatencyS, gpu.id).toBeGreaterThan(0);
        expect(l.sources.length, gpu.id).toBeGreaterThan(0);
      }
    }
  });

  it('no FP4 on Hopper/Ampere/CDNA3/Ada, no tensor peaks published for Apple', () => {
    for (const id of ['h100-sxm', 'h200', 'a100-80gb', 'mi300x', 'rtx-4090']) {
      expect(gpuPreset(id).peakFlops.fp4, id).toBeUndefined();
    }
    expect(gpuPreset('a100-80gb').peakFlops.fp8).toBeUndefined();
    expect(Object.keys(gpuPreset('m4-max').peakFlops)).toEqual(['fp32']);
  });

  it('peakFor falls back to the next wider precision and says so', () => {
    expect(peakFor(gpuPreset('b200'), 'fp4')).toEqual({
      flopsPerSecond: 10e15,
      precision: 'fp4',
      note: null,
    });
    const a100 = peakFor(gpuPreset('a100-80gb'), 'fp4');
    expect(a100.precision).toBe('bf16');
    expect(a100.flopsPerSecond).toBe(312e12);
    expect(a100.note).toMatch(/no dense FP4 peak: using its BF16 peak/);
    expect(peakFor(gpuPreset('m2-max'), 'bf16').flopsPerSecond).toBe(13.6e12);
  });
});

describe('validation helpers for the CLI and the page', () => {
  it('isModelId / isGpuId / unknownIdMessage', () => {
    expect(isModelId('deepseek-v3')).toBe(true);
    expect(isModelId('deepseek-v2')).toBe(false);
    expect(isGpuId('h100-sxm')).toBe(true);
    expect(findGpuPreset('h100')).toBeUndefined();
    expect(unknownIdMessage('gpu', 'h100')).toBe(`unknown gpu 'h100': allowed are ${gpuIds.join(', ')}`);
  });

  it('scenarioChoiceProblems lists every problem of a choice', () => {
    expect(scenarioChoiceProblems({ modelId: 'kimi-k2.6', gpuId: 'b200' })).toEqual([]);
    const problems = scenarioChoiceProblems({
      modelId: 'x',
      gpuId: 'rtx-4090',
      // deliberately invalid values, as a CLI might pass them after parsing
      weights: 'fp2' as 'fp4',
      kv: 'int8' as 'fp8',
      tp: 2,
      batch: -1,
    });
    expect(problems).toEqual([
      `unknown model 'x': allowed are ${modelIds.join(', ')}`,
      "unknown weights 'fp2': allowed are fp4, fp8, bf16, int4, int4-experts, fp4-experts",
      "unknown kv 'int8': allowed are fp8, bf16",
      'batch must be a positive integer (got -1)',
      'tp (2) must be <= the GPUs per node (1)',
    ]);
  });
});
