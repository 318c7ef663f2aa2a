// The shape-aware kernel efficiencies reproduce the published kernel benchmarks they come from: DeepGEMM's
// FP8 GEMM table on H800 (28 shapes, normal and grouped) and onnxruntime's M = 1 GEMV timings on H100
// PCIe (each within 1.4× and 15 % RMS, and 1.6× and 30 %: the GEMV rows' fill-and-drain runs 3–5 µs
// where the model takes 3), with the constants of physics/kernelEfficiency.ts and
// the H100's published achievable matmul share (presets/gpus.ts).
import { describe, expect, it } from 'vitest';
import { weightFormats } from '../../../src/model/architecture/weightFormat.ts';
import { DEFAULT_KERNEL_EFFICIENCIES } from '../../../src/model/physics/efficiencies.ts';
import {
  computePrecisionOf,
  depthFill,
  expertExposure,
  gemmFill,
  streamShare,
} from '../../../src/model/physics/kernelEfficiency.ts';
import { gemmPeakShareFor } from '../../../src/model/presets/efficiencyPlan.ts';
import { gpuPreset } from '../../../src/model/presets/lookup.ts';
import {
  DEEPGEMM_FP8_H800,
  ONNXRUNTIME_INT4_GEMV_H100_PCIE,
} from '../../../src/model/validation/kernelBenchmarks.ts';

const { gemvBandwidthShare: stream, kernelRampSeconds: ramp } = DEFAULT_KERNEL_EFFICIENCIES;

function rms(logs: readonly number[]): number {
  return Math.sqrt(logs.reduce((sum, x) => sum + x * x, 0) / logs.length);
}

describe('kernel efficiency from shape and precision', () => {
  it('reproduces DeepGEMM’s FP8 table on H800: max(bytes at 0.9 + a ramp, FLOP at the share × fills)', () => {
    const { gpu, rows, bytesPerWeight } = DEEPGEMM_FP8_H800;
    const share = gemmPeakShareFor(gpuPreset('h100-sxm'), 'fp8');
    const logs = rows.map((r) => {
      const flops = 2 * r.m * r.n * r.k * r.groups;
      const bytes = r.groups * (r.n * r.k * bytesPerWeight + r.m * r.k + 2 * r.m * r.n);
      const compute = flops / (gpu.peakFlops * share * gemmFill(r.m, r.n, r.k, gpu.computeUnits, r.groups));
      const memory = bytes / (gpu.bandwidthBps * stream) + ramp;
      const modelled = flops / Math.max(compute, memory) / 1e12;
      const log = Math.log(modelled / r.tflops);
      expect(Math.abs(log), `${r.groups}×${r.m}×${r.n}×${r.k}`).toBeLessThan(Math.log(1.4));
      return log;
    });
    expect(rms(logs)).toBeLessThan(0.15);
  });

  it('reproduces onnxruntime’s M = 1 GEMV times on H100 PCIe: short calls stream at less (the ramp)', () => {
    const { gpu, rows, bytesPerWeight } = ONNXRUNTIME_INT4_GEMV_H100_PCIE;
    const logs = rows.map((r) => {
      const bytes = r.n * r.k * bytesPerWeight;
      const log = Math.log((bytes / (gpu.bandwidthBps * stream) + ramp) / r.seconds);
      expect(Math.abs(log), `${r.n}×${r.k}`).toBeLessThan(Math.log(1.6));
      return log;
    });
    expect(rms(logs)).toBeLessThan(0.3);
    // the share a call reaches grows with its bytes: 2 MB streams at under half the share 100 MB reaches
    const small = streamShare(2e6, gpu.bandwidthBps, stream, ramp);
    const large = streamShare(100e6, gpu.bandwidthBps, stream, ramp);
    expect(small).toBeLessThan(0.5 * large);
    expect(large).toBeGreaterThan(0.85);
  });

  it('fills fall for decode-sized rows, a last wave of few tiles and a short K loop; a big GEMM is near 1', () => {
    expect(gemmFill(1, 4096, 4096, 132)).toBeLessThan(1 / 16 + 1e-9);
    expect(gemmFill(8192, 8192, 8192, 132)).toBeGreaterThan(0.9);
    expect(depthFill(512)).toBeCloseTo(0.5, 12);
    // 3 × 64-wide column tiles on 2 SMs leave the second wave half empty whichever tiles are chosen
    expect(gemmFill(16, 192, 1e9, 2)).toBeCloseTo(0.75, 3);
    expect(gemmFill(16, 256, 1e9, 2)).toBeCloseTo(1, 3);
  });

  it('an expert problem’s fixed cost is paid in full up to one m16 tile of tokens, then hides in proportion', () => {
    expect(expertExposure(1)).toBe(1);
    expect(expertExposure(16)).toBe(1);
    expect(expertExposure(160)).toBeCloseTo(0.1, 12);
  });

  it('each weight format computes on its own tensor path; weight-only INT4 dequantises to BF16', () => {
    expect(computePrecisionOf(weightFormats.nvfp4)).toBe('fp4');
    expect(computePrecisionOf(weightFormats.mxfp4)).toBe('fp4');
    expect(computePrecisionOf(weightFormats.fp8Block128)).toBe('fp8');
    expect(computePrecisionOf(weightFormats.int4)).toBe('bf16');
    expect(computePrecisionOf(weightFormats.bf16)).toBe('bf16');
  });
});
