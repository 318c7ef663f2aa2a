// The page of `npm run bench:peers` (scripts/bench-peers.ts bundles it with esbuild and opens it in headless
// Chromium): ridgeline's GEMM and GEMV beside tfjs-backend-webgpu's matMul and ONNX Runtime Web's WebGPU
// MatMul, on one adapter in one page, each with its own GPUDevice. Every library gets the same inputs (the
// values ridgeline's seeded fill makes, kernels/fill.ts), GPU-resident before timing; the outputs are read
// back and compared with each other and with ridgeline's CPU reference. Ridgeline first times each of its
// variants (its tuning) and keeps the fastest. Timing is then the same for all three: OPS operations
// enqueued back to back the way each library is meant to be called (an awaited session.run for ONNX
// Runtime), then one wait for the device; the time per operation is the median of REPEATS such runs, the
// three libraries taking turns within each round so a busy machine's slow spells fall on all alike. A wall-clock figure (timestamp queries cannot see inside the peers), so it includes
// each library's own per-call overhead, which is part of what a user of it pays.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import type * as Ort from 'onnxruntime-web';
import { type PreparedKernel, prepareKernel } from '../../src/gpu/prepare.ts';
import { elementAt, type FillSpec } from '../../src/kernels/fill.ts';
import { planGemm } from '../../src/kernels/gemm.ts';
import { planGemv } from '../../src/kernels/gemv.ts';
import type { KernelPlan } from '../../src/kernels/types.ts';
import { planVariant } from '../../src/kernels/variants.ts';
import type { ShaderSources } from '../../src/kernels/wgsl.ts';
import { matMulModel } from './onnxModel.ts';

export interface PeerCase {
  readonly kind: 'gemm' | 'gemv';
  /** C is M × N = A (M × K) · B (K × N); a GEMV has N = 1 (B is the vector x). */
  readonly M: number;
  readonly N: number;
  readonly K: number;
}

export interface LibraryResult {
  readonly library: string;
  /** Median seconds per operation. */
  readonly secondsPerOp: number;
  /** What ran: ridgeline's fastest variant, the peers' own programs. */
  readonly note: string;
  /** Largest |difference| from ridgeline's output, relative to the largest |output|. */
  readonly maxRelativeDifference: number;
}

export interface CaseResult {
  readonly label: string;
  readonly flop: number;
  readonly verify: string;
  readonly verified: boolean;
  readonly results: readonly LibraryResult[];
}

const OPS = 8;
const REPEATS = 7;

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** One library's operation, ready to run: enqueue one, wait for all enqueued, read the last result. */
interface Runner {
  enqueue(): unknown;
  wait(): Promise<unknown>;
  result(): Promise<Float32Array>;
  dispose(): void;
}

/** Seconds per operation of one run: OPS enqueued back to back, then one wait. */
async function timeOnce(runner: Runner): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < OPS; i++) await runner.enqueue();
  await runner.wait();
  return (performance.now() - start) / 1000 / OPS;
}

/**
 * Median seconds per operation of each runner over REPEATS rounds, the runners interleaved within a round
 * (a busy machine's slow spells then fall on all of them alike), after one warm-up run each.
 */
async function timeInterleaved(runners: readonly Runner[]): Promise<number[]> {
  for (const r of runners) await timeOnce(r);
  const times = runners.map(() => [] as number[]);
  for (let round = 0; round < REPEATS; round++) {
    for (const [i, r] of runners.entries()) times[i]!.push(await timeOnce(r));
  }
  return times.map(median);
}

/** The unpadded M × K and K × N operands as ridgeline's fills hold them. */
function operands(plan: KernelPlan, c: PeerCase): { a: Float32Array; b: Float32Array } {
  const aFill = plan.buffers[0]!.fill as FillSpec;
  const bFill = plan.buffers[1]!.fill as FillSpec;
  const a = new Float32Array(c.M * c.K);
  const b = new Float32Array(c.K * c.N);
  for (let m = 0; m < c.M; m++) for (let k = 0; k < c.K; k++) a[m * c.K + k] = elementAt(aFill, m, k);
  // a GEMV's x is one row of K (its fill); as B it is a K × 1 column
  for (let k = 0; k < c.K; k++)
    for (let n = 0; n < c.N; n++)
      b[k * c.N + n] = c.kind === 'gemv' ? elementAt(bFill, 0, k) : elementAt(bFill, k, n);
  return { a, b };
}

/** Ridgeline's M × N result out of its (padded) output buffer. */
function ridgelineResult(plan: KernelPlan, c: PeerCase, output: ArrayBuffer): Float32Array {
  if (c.kind === 'gemv') return new Float32Array(output, 0, c.M).slice();
  const Np = plan.constants['N_VEC4']! * 4;
  const all = new Float32Array(output);
  const out = new Float32Array(c.M * c.N);
  for (let m = 0; m < c.M; m++) out.set(all.subarray(m * Np, m * Np + c.N), m * c.N);
  return out;
}

/** max |a − b| ÷ max |a|; infinite where `other` is short or holds a NaN. */
function maxRelativeDifference(reference: Float32Array, other: Float32Array): number {
  if (other.length < reference.length) return Number.POSITIVE_INFINITY;
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < reference.length; i++) {
    scale = Math.max(scale, Math.abs(reference[i]!));
    const difference = Math.abs(reference[i]! - other[i]!);
    worst = Number.isNaN(difference) ? Number.POSITIVE_INFINITY : Math.max(worst, difference);
  }
  return scale > 0 ? worst / scale : worst;
}

interface Ridgeline {
  readonly plan: KernelPlan;
  readonly runner: Runner;
  /** Each variant's tuning time, the fastest measured side by side with the peers. */
  readonly variants: string;
  readonly verify: string;
  readonly ok: boolean;
}

/** Ridgeline's case on its own device, every variant timed (its tuning), the fastest kept as a runner. */
async function ridgeline(gpu: GPU, c: PeerCase, shaderSources: ShaderSources): Promise<Ridgeline> {
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  const device = await adapter.requestDevice({
    requiredFeatures: adapter.features.has('subgroups') ? ['subgroups'] : [],
    requiredLimits: {
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: adapter.limits.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: adapter.limits.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupSizeY: adapter.limits.maxComputeWorkgroupSizeY,
    },
  });
  // One buffer set, as the peers read theirs: this compares kernels, not cache policies.
  const options = {
    dtype: 'f32' as const,
    seed: 20_260_101,
    shaderSources,
    features: [...device.features],
    limits: device.limits,
    device: { llcBytes: 1, computeUnits: null, residentInvocationsPerUnit: null },
  };
  const plan =
    c.kind === 'gemm'
      ? planGemm({ ...options, shape: { M: c.M, N: c.N, K: c.K } })
      : planGemv({ ...options, shape: { M: c.M, K: c.K } });
  const prepared = await prepareKernel(device, plan);
  const runnerOf = (kernel: PreparedKernel): Runner => ({
    enqueue: () => {
      const encoder = device.createCommandEncoder();
      kernel.encodeDispatches(encoder, 1);
      device.queue.submit([encoder.finish()]);
    },
    wait: () => device.queue.onSubmittedWorkDone(),
    result: async () => ridgelineResult(plan, c, await kernel.readOutput()),
    dispose: () => {
      prepared.destroy();
      device.destroy();
    },
  });
  let best: { seconds: number; name: string; kernel: PreparedKernel } | null = null;
  const timed: string[] = [];
  for (const v of plan.variants) {
    const kernel = v.name === plan.variant ? prepared : await prepared.withVariant(planVariant(plan, v.name));
    const runner = runnerOf(kernel);
    await timeOnce(runner);
    const seconds = Math.min(await timeOnce(runner), await timeOnce(runner));
    timed.push(`${v.name} ${(seconds * 1e3).toPrecision(3)} ms`);
    if (best === null || seconds < best.seconds) best = { seconds, name: v.name, kernel };
  }
  const verdict = planVariant(plan, best!.name).verify(await best!.kernel.readOutput());
  return {
    plan: planVariant(plan, best!.name),
    runner: runnerOf(best!.kernel),
    variants: `${best!.name} (tuning: ${timed.join(', ')})`,
    verify: verdict.message,
    ok: verdict.ok,
  };
}

function tfjs(c: PeerCase, a: Float32Array, b: Float32Array): Runner {
  const A = tf.tensor2d(a, [c.M, c.K]);
  const B = tf.tensor2d(b, [c.K, c.N]);
  let last: tf.Tensor | null = null;
  return {
    enqueue: () => {
      last?.dispose();
      last = tf.matMul(A, B);
    },
    wait: async () => last?.data(),
    result: async () => Float32Array.from((await last!.data()) as Float32Array),
    dispose: () => {
      last?.dispose();
      A.dispose();
      B.dispose();
    },
  };
}

async function onnxRuntime(ort: typeof Ort, c: PeerCase, a: Float32Array, b: Float32Array): Promise<Runner> {
  const session = await ort.InferenceSession.create(matMulModel(c.M, c.K, c.N), {
    executionProviders: ['webgpu'],
    preferredOutputLocation: 'gpu-buffer',
  });
  const device = (await ort.env.webgpu.device) as GPUDevice;
  const upload = (data: Float32Array, dims: number[]) => {
    const buffer = device.createBuffer({
      size: Math.ceil(data.byteLength / 16) * 16,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      mappedAtCreation: true,
    });
    new Float32Array(buffer.getMappedRange(), 0, data.length).set(data);
    buffer.unmap();
    return ort.Tensor.fromGpuBuffer(buffer, { dataType: 'float32', dims });
  };
  const feeds = { a: upload(a, [c.M, c.K]), b: upload(b, [c.K, c.N]) };
  let last: Ort.Tensor | null = null;
  return {
    enqueue: async () => {
      last?.dispose();
      last = (await session.run(feeds))['c']!;
    },
    wait: () => device.queue.onSubmittedWorkDone(),
    result: async () => Float32Array.from((await last!.getData()) as Float32Array),
    dispose: () => {
      last?.dispose();
      void session.release();
    },
  };
}

/** Runs every case with all three libraries; called by scripts/bench-peers.ts through page.evaluate. */
async function runPeers(config: {
  readonly cases: readonly PeerCase[];
  readonly shaderSources: ShaderSources;
}): Promise<CaseResult[]> {
  const gpu = navigator.gpu;
  if (!gpu) throw new Error('navigator.gpu is missing: WebGPU is not enabled in this browser');
  await tf.setBackend('webgpu');
  await tf.ready();
  const ortUrl = '/ort/ort.webgpu.min.mjs';
  const ort = (await import(/* @vite-ignore */ ortUrl)) as typeof Ort;
  ort.env.wasm.wasmPaths = '/ort/';
  ort.env.wasm.numThreads = 1;
  const results: CaseResult[] = [];
  for (const c of config.cases) {
    const mine = await ridgeline(gpu, c, config.shaderSources);
    const { a, b } = operands(mine.plan, c);
    const runners = [mine.runner, tfjs(c, a, b), await onnxRuntime(ort, c, a, b)];
    const seconds = await timeInterleaved(runners);
    const outputs = await Promise.all(runners.map((r) => r.result()));
    for (const r of runners) r.dispose();
    const names = ['ridgeline', 'tfjs-backend-webgpu', 'onnxruntime-web'];
    const notes = [mine.variants, 'tf.matMul', 'MatMul, WebGPU execution provider'];
    results.push({
      label: c.kind === 'gemm' ? `GEMM ${c.M}x${c.N}x${c.K}` : `GEMV ${c.M}x${c.K}`,
      flop: 2 * c.M * c.N * c.K,
      verify: mine.verify,
      verified: mine.ok,
      results: names.map((library, i) => ({
        library,
        secondsPerOp: seconds[i]!,
        note: notes[i]!,
        maxRelativeDifference: maxRelativeDifference(outputs[0]!, outputs[i]!),
      })),
    });
  }
  return results;
}

(window as unknown as { runPeers: typeof runPeers }).runPeers = runPeers;
