// A small, fully specified measurement document for the page's unit tests (values chosen by hand so the
// expected chart figures are easy to check: 10 GB/s streaming, 40 GFLOP/s f32 FMA).
import type { Measurement, MeasurementDocument } from '../../../src/measure/document.ts';
import { roofsFromMeasurements } from '../../../src/model/units/roofline.ts';

function measurement(
  kernel: Measurement['kernel'],
  dtype: Measurement['dtype'],
  shape: Record<string, number>,
  bytes: number,
  flop: number,
  secondsPerDispatch: number,
  verified = true,
): Measurement {
  return {
    kernel,
    dtype,
    shape,
    label: `${kernel} ${dtype} ${Object.values(shape).join('x')}`,
    bytesPerDispatch: bytes,
    flopsPerDispatch: flop,
    dispatchesPerSample: 4,
    samplesSeconds: [secondsPerDispatch * 4, secondsPerDispatch * 4.1, secondsPerDispatch * 4.2],
    secondsPerDispatch: verified ? { best: secondsPerDispatch, median: secondsPerDispatch * 1.025 } : null,
    cv: verified ? 0.02 : null,
    bytesPerSecond: verified ? bytes / (secondsPerDispatch * 1.025) : null,
    flopsPerSecond: verified ? flop / (secondsPerDispatch * 1.025) : null,
    arithmeticIntensity: bytes > 0 ? flop / bytes : null,
    verified,
    verifyMessage: verified ? 'max rel error 1e-6' : 'max rel error 0.5 > 1e-3',
    timingMethod: 'timestamp-query',
    quantised: false,
    timerTickSeconds: null,
    stopReason: verified ? 'converged' : null,
    warnings: [],
    error: verified ? null : 'verification failed: max rel error 0.5 > 1e-3',
    workingSetBytes: 4 * bytes,
    cacheResident: false,
    variant: verified ? 'wg128' : null,
    variantTrials: [],
  };
}

/** Median times are 1.025 × the "seconds" argument, so rates are bytes / (1.025 s). */
export function sampleDocument(): MeasurementDocument {
  const measurements: Measurement[] = [
    measurement('stream-read', 'f32', { n: 1 << 24 }, 10.25e6, 0, 1e-3),
    measurement('fma-peak', 'f32', { workgroups: 64, iterations: 256 }, 0, 41e6, 1e-3),
    measurement('gemv', 'f32', { M: 1024, K: 1024 }, 4 * 1024 * 1025, 2 * 1024 * 1024, 0.5e-3),
    measurement('gemv', 'q4', { M: 1024, K: 1024 }, 1024 * 1024 * 0.5625, 2 * 1024 * 1024, 0.2e-3),
    measurement('gemv', 'f16', { M: 1024, K: 1024 }, 2 * 1024 * 1024, 2 * 1024 * 1024, 0.3e-3, false),
    measurement('gemv-batched', 'f32', { M: 1024, K: 1024, B: 1 }, 4 * 1024 * 1024, 2 * 1024 * 1024, 0.5e-3),
    measurement(
      'gemv-batched',
      'f32',
      { M: 1024, K: 1024, B: 16 },
      4 * 1024 * 1040,
      32 * 1024 * 1024,
      1.5e-3,
    ),
    measurement('gemv-batched', 'f32', { M: 1024, K: 1024, B: 4 }, 4 * 1024 * 1028, 8 * 1024 * 1024, 0.6e-3),
    measurement('gemm', 'f32', { M: 256, N: 256, K: 256 }, 3 * 4 * 256 * 256, 2 * 256 ** 3, 1.2e-3),
  ];
  return {
    format: 'ridgeline-measurements',
    version: 2,
    schemaVersion: 2,
    createdAt: '2026-11-26T23:00:00.000Z',
    runtime: 'test',
    profile: 'quick',
    budgetSeconds: 10,
    elapsedSeconds: 4.2,
    status: 'complete',
    statusReason: null,
    adapter: {
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: 'SwiftShader',
      isFallbackAdapter: true,
      featureLevel: 'core',
    },
    features: ['timestamp-query'],
    limits: { maxStorageBufferBindingSize: 134217728 },
    llcBytes: 268435456,
    tuned: false,
    skipped: ['gemm f16 needs shader-f16'],
    measurements,
    roofs: roofsFromMeasurements(
      measurements.map((m) => ({
        ...m,
        valid: m.verified,
        bytesPerSecond: m.bytesPerSecond,
        flopsPerSecond: m.flopsPerSecond,
      })),
    ),
  };
}

/**
 * The sample run as an older build saved it: version 1, without the fields version 2 added (working set,
 * cache residency, variants, the cache planned for, tuned) and without schemaVersion (issue 21's).
 */
export function sampleVersion1Document(description?: string): Record<string, unknown> {
  type Json = Record<string, unknown>;
  const doc = JSON.parse(JSON.stringify(sampleDocument())) as Json;
  doc['version'] = 1;
  if (description !== undefined) doc['adapter'] = { ...(doc['adapter'] as Json), description };
  for (const key of ['schemaVersion', 'llcBytes', 'tuned']) delete doc[key];
  for (const m of doc['measurements'] as Json[]) {
    for (const key of ['workingSetBytes', 'cacheResident', 'variant', 'variantTrials']) delete m[key];
  }
  return doc;
}
