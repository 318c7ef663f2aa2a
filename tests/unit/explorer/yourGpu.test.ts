// "Your GPU" as the hardware (issue 11, item 7): the measured roofs become a GPU the scenario runs on,
// through the same per-operator model as any preset.
import { describe, expect, it } from 'vitest';
import { evaluateQuery, queryChoices, queryLabels } from '../../../src/ui/explorer/evaluation.ts';
import { type LocalGpu, YOUR_GPU_ID, yourGpuPreset } from '../../../src/ui/explorer/measuredRoofs.ts';
import { parseQuery } from '../../../src/ui/explorer/urlState.ts';

const measured: LocalGpu = {
  name: 'Test <b>GPU</b>',
  bandwidthBps: 900e9,
  flopsByDtype: { f32: 40e12, f16: 80e12 },
  gemvCurve: [],
  createdAt: '2026-11-26T23:00:00.000Z',
};

describe('yourGpuPreset(local, memoryBytes)', () => {
  it('takes the measured bandwidth, f16 as the BF16 path and f32 as FP32, one card on PCIe', () => {
    const gpu = yourGpuPreset(measured, 24e9);
    expect(gpu?.id).toBe(YOUR_GPU_ID);
    expect(gpu?.bandwidthBytesPerSecond).toBe(900e9);
    expect(gpu?.peakFlops).toEqual({ bf16: 80e12, fp32: 40e12 });
    expect(gpu?.memoryBytes).toBe(24e9);
    expect(gpu?.defaultGpusPerNode).toBe(1);
    expect(gpu?.interconnect.interNode).toBeNull();
  });

  it('is null without a FLOP/s roof or a memory size', () => {
    expect(yourGpuPreset({ ...measured, flopsByDtype: {} }, 24e9)).toBeNull();
    expect(yourGpuPreset(measured, 0)).toBeNull();
  });
});

describe('evaluateQuery with gpu=your-gpu', () => {
  const query = parseQuery(
    'model=llama-3.1-8b&gpu=your-gpu&weights=int4&batch=1&context=4096',
    queryChoices(),
  );

  it('is a choice a link may carry, labelled without the device’s own (untrusted) name', () => {
    expect(queryChoices().gpus).toContain(YOUR_GPU_ID);
    expect(query.query.gpu).toBe(YOUR_GPU_ID);
    expect(queryLabels().gpus.get(YOUR_GPU_ID)).toBe('Your GPU (measured here)');
  });

  it('says what is missing before a run is there, instead of computing', () => {
    const page = evaluateQuery(query.query, null);
    expect(page.result).toBeNull();
    expect(page.error).toMatch(/your GPU: run the measurement/);
  });

  it('runs ridgeline’s model on the measured roofs: B=1 decode under the bandwidth over the weights', () => {
    const page = evaluateQuery(query.query, yourGpuPreset(measured, 24e9));
    expect(page.error).toBeNull();
    expect(page.hardware?.id).toBe(YOUR_GPU_ID);
    expect(page.inputs?.hardware.gpuBandwidthBps).toBe(900e9);
    expect(page.inputs?.hardware.gpusPerNode).toBe(1);
    const p = page.result?.projection;
    expect(p?.fits).toBe(true);
    const b1 = p?.curve?.perStreamTps[0] ?? 0;
    const weights = p?.memory?.weightBytesPerGpu ?? 1;
    expect(b1).toBeGreaterThan(0);
    expect(b1).toBeLessThan(900e9 / weights);
    // INT4 weight-only kernels compute in BF16: the measured f16 rate is the roof
    expect(page.inputs?.hardware.gpuPeakFlops).toBe(80e12);
  });
});
