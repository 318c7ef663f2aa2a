// The quick suite for real: Dawn on this machine's adapter (SwiftShader in CI), through the same runSuite the
// page's worker calls. Asserts the figures are well formed and verified, never how fast they are.
import { describe, expect, it } from 'vitest';
import { injectFault } from '../../src/bench/faults.ts';
import { runSuite } from '../../src/bench/runner.ts';
import { knownKernelNames } from '../../src/bench/suite.ts';
import { CHALLENGER_MARGIN } from '../../src/bench/tune.ts';
import { overrideMembers, withDeviceHook } from '../../src/gpu/deviceHook.ts';
import { nodeGpu, useSwiftShaderIfNoDriverChosen } from '../../src/gpu/provider.node.ts';
import { KERNELS } from '../../src/kernels/index.ts';
import { LLC_MULTIPLE } from '../../src/kernels/workingSet.ts';
import { exportDocument, importDocument } from '../../src/measure/document.ts';
import { shaderSources } from './device.ts';

useSwiftShaderIfNoDriverChosen();

/** Dawn's GPU with hooks on the device the runner opens (device loss and allocation failure on demand). */
function hookedGpu(hooks: { onDevice?: (device: GPUDevice) => void; failAllocations?: () => boolean }): GPU {
  return withDeviceHook(nodeGpu(), (device) => {
    hooks.onDevice?.(device);
    const fail = hooks.failAllocations;
    if (!fail) return device;
    return overrideMembers(device, (key) =>
      key === 'createBuffer'
        ? (d: GPUBufferDescriptor) => {
            // What WebGPU throws for a mappedAtCreation buffer it cannot allocate (RangeError).
            if (fail() && d.mappedAtCreation) throw new RangeError(`Failed to allocate ${d.size} bytes`);
            return device.createBuffer(d);
          }
        : undefined,
    );
  });
}

describe('runSuite (quick profile, Dawn)', () => {
  it('measures every kernel in the registry, verified, with finite positive figures and roofs', async () => {
    const doc = await runSuite(nodeGpu(), {
      profile: 'quick',
      shaderSources,
      budgetSeconds: 6,
      runtime: 'vitest',
    });
    expect(doc.status, doc.statusReason ?? '').toBe('complete');
    expect(doc.measurements.length).toBeGreaterThanOrEqual(knownKernelNames().length - doc.skipped.length);
    const kernelsMeasured = new Set(doc.measurements.map((m) => m.kernel));
    for (const name of knownKernelNames()) {
      if (!doc.skipped.some((s) => s.startsWith(`${name} `))) expect(kernelsMeasured).toContain(name);
    }
    for (const m of doc.measurements) {
      expect(m.error, m.label).toBeNull();
      expect(m.verified, `${m.label}: ${m.verifyMessage}`).toBe(true);
      expect(m.samplesSeconds.length, m.label).toBeGreaterThanOrEqual(1);
      for (const s of m.samplesSeconds) expect(s).toBeGreaterThan(0);
      expect(m.secondsPerDispatch!.best).toBeGreaterThan(0);
      expect(m.secondsPerDispatch!.median).toBeGreaterThanOrEqual(m.secondsPerDispatch!.best);
      if (m.samplesSeconds.length >= 2) expect(Number.isFinite(m.cv)).toBe(true);
      else expect(m.cv).toBeNull();
      // the overhead case is a time per dispatch, its rates 0 (it moves and computes nothing that counts)
      if (m.kernel !== 'dispatch-overhead') expect(m.bytesPerSecond! + m.flopsPerSecond!).toBeGreaterThan(0);
      expect(Number.isFinite(m.bytesPerSecond) && Number.isFinite(m.flopsPerSecond)).toBe(true);
    }
    // The quick profile's shapes fit any last-level cache: every bandwidth case says so, and none of them
    // sets the memory roof. A CPU adapter measures each case's first variant, untuned.
    const bandwidth = doc.measurements.filter(
      (m) => KERNELS.find((k) => k.name === m.kernel)!.measures === 'bandwidth',
    );
    expect(bandwidth.length).toBeGreaterThan(0);
    for (const m of bandwidth) {
      expect(m.cacheResident, m.label).toBe(true);
      expect(m.workingSetBytes!, m.label).toBeLessThan(LLC_MULTIPLE * doc.llcBytes!);
      expect(
        m.warnings.some((w) => w.startsWith('cache-resident: working set')),
        m.label,
      ).toBe(true);
    }
    expect(doc.roofs.memory).toBeNull();
    expect(doc.tuned).toBe(false);
    for (const m of doc.measurements) {
      expect(m.variantTrials, m.label).toEqual([]);
      expect(m.variant, m.label).toMatch(/^(wg128|wg32 |tile|wg1$)/);
    }
    if (kernelsMeasured.has('fma-peak')) expect(doc.roofs.compute['f32']!.value).toBeGreaterThan(0);
    expect(importDocument(exportDocument(doc))).toEqual(doc);
  }, 120_000);

  it('tuning on: every variant verified and timed, the top two re-timed, the kept one by the 3 % rule', async () => {
    const doc = await runSuite(nodeGpu(), {
      profile: 'quick',
      shaderSources,
      kernels: ['stream-read', 'fma-peak'],
      budgetSeconds: 2,
      tune: true,
    });
    expect(doc.status, doc.statusReason ?? '').toBe('complete');
    expect(doc.tuned).toBe(true);
    for (const m of doc.measurements) {
      expect(
        m.variantTrials.map((t) => t.name),
        m.label,
      ).toEqual(['wg128', 'wg256']);
      for (const trial of m.variantTrials) {
        expect(trial.verified, `${m.label} ${trial.name}: ${trial.error}`).toBe(true);
        expect(trial.secondsPerDispatch!).toBeGreaterThan(0);
        expect(trial.dispatchesPerPass!).toBeGreaterThanOrEqual(1);
        expect(trial.retimedSecondsPerDispatch!).toBeGreaterThan(0);
      }
      // two variants: both re-timed; wg128 (declared first) is kept unless wg256 wins by more than 3 %
      const [incumbent, challenger] = m.variantTrials.map((t) => t.retimedSecondsPerDispatch!);
      expect(m.variant).toBe(challenger! < incumbent! * (1 - CHALLENGER_MARGIN) ? 'wg256' : 'wg128');
    }
  }, 60_000);

  it('the talk profile: four verified points, each handed over as it lands, sized for a CPU adapter', async () => {
    const landed: string[] = [];
    const doc = await runSuite(nodeGpu(), {
      profile: 'talk',
      shaderSources,
      budgetSeconds: 2,
      runtime: 'vitest',
      onMeasurement: (m, { done, total }) => landed.push(`${done}/${total} ${m.kernel} ${m.verified}`),
    });
    expect(doc.status, doc.statusReason ?? '').toBe('complete');
    expect(doc.profile).toBe('talk');
    expect(landed).toEqual(['1/4 stream-read true', '2/4 fma-peak true', '3/4 gemv true', '4/4 gemm true']);
    // A CPU adapter cannot hold 4 × its assumed 256 MB cache in 64 sets of its small shapes: the memory
    // points say they are cache figures, and none sets the memory roof.
    if (doc.adapter.isFallbackAdapter) {
      for (const m of doc.measurements.filter((x) => x.kernel === 'stream-read' || x.kernel === 'gemv'))
        expect(m.cacheResident, m.label).toBe(true);
      expect(doc.roofs.memory).toBeNull();
    }
    expect(importDocument(exportDocument(doc))).toEqual(doc);
  });

  it('an already-aborted signal ends the run at once as cancelled, with the adapter recorded', async () => {
    const controller = new AbortController();
    controller.abort();
    const doc = await runSuite(nodeGpu(), { profile: 'quick', shaderSources, signal: controller.signal });
    expect(doc.status).toBe('cancelled');
    expect(doc.measurements).toEqual([]);
    expect(doc.adapter.description.length + doc.adapter.vendor.length).toBeGreaterThan(0);
  }, 60_000);

  it('a device lost mid-run (destroyed under the runner) ends the run as device-lost, keeping finished cases', async () => {
    let device: GPUDevice | null = null;
    const gpu = hookedGpu({
      onDevice: (d) => {
        device = d;
      },
    });
    const doc = await runSuite(gpu, {
      profile: 'quick',
      shaderSources,
      kernels: ['stream-read', 'stream-copy', 'fma-peak'],
      budgetSeconds: 1,
      onProgress: (p) => {
        if (p.done === 1) device?.destroy();
      },
    });
    expect(doc.status).toBe('device-lost');
    expect(doc.statusReason).toMatch(/^device lost \(destroyed\)/);
    expect(doc.measurements.map((m) => m.kernel)).toEqual(['stream-read']);
    expect(doc.measurements[0]!.verified).toBe(true);
    expect(doc.measurements[0]!.cacheResident).toBe(true);
  }, 60_000);

  it("the page's device-loss test hook (bench/faults.ts) destroys the device after the first finished case", async () => {
    const injection = injectFault(nodeGpu(), 'device-loss');
    const snapshots: number[] = [];
    const doc = await runSuite(injection.gpu, {
      profile: 'quick',
      shaderSources,
      kernels: ['stream-read', 'stream-copy', 'fma-peak'],
      budgetSeconds: 1,
      onPartial: (snapshot) => {
        snapshots.push(snapshot.measurements.length);
        injection.afterCase(undefined);
      },
    });
    expect(doc.status).toBe('device-lost');
    expect(doc.statusReason).toMatch(/^device lost \(destroyed\)/);
    expect(doc.measurements.map((m) => m.kernel)).toEqual(['stream-read']);
    expect(snapshots).toEqual([1]);
  }, 60_000);

  it('an allocation failure mid-run ends the run as out-of-memory, keeping finished cases', async () => {
    let failing = false;
    const doc = await runSuite(hookedGpu({ failAllocations: () => failing }), {
      profile: 'quick',
      shaderSources,
      kernels: ['stream-read', 'stream-copy'],
      budgetSeconds: 1,
      onProgress: (p) => {
        if (p.done === 1) failing = true;
      },
    });
    expect(doc.status).toBe('out-of-memory');
    expect(doc.statusReason).toMatch(/Failed to allocate \d+ bytes/);
    expect(doc.measurements.map((m) => m.kernel)).toEqual(['stream-read']);
  }, 60_000);

  it('--kernels style filtering runs only the named kernels; an unknown name is refused', async () => {
    const doc = await runSuite(nodeGpu(), {
      profile: 'quick',
      shaderSources,
      kernels: ['stream-copy'],
      budgetSeconds: 2,
    });
    expect(new Set(doc.measurements.map((m) => m.kernel))).toEqual(new Set(['stream-copy']));
    await expect(
      runSuite(nodeGpu(), { profile: 'quick', shaderSources, kernels: ['saxpy'] }),
    ).rejects.toThrow(/unknown kernel saxpy \(known: stream-read, .*dispatch-overhead\)/);
  }, 60_000);
});
