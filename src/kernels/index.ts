// The kernel registry: what ridgeline can run, for which dtypes, what each needs from the device, and which
// shapes the 'quick' (CPU adapters, CI), 'full' and 'talk' (a live demo, talk.ts) profiles use on a device
// with given limits.
import { type DeviceTraits, UNKNOWN_DEVICE } from './deviceProfiles.ts';
import { planDispatchOverhead } from './dispatchOverhead.ts';
import { BYTES_PER_ELEMENT, maxBindingBytes } from './elements.ts';
import { FMA_INVOCATION_MULTIPLE, fmaGridInvocations, planFmaPeak } from './fmaPeak.ts';
import { planGemm } from './gemm.ts';
import { planGemmSubgroupMatrix, SUBGROUP_MATRIX_FEATURES } from './gemmSubgroupMatrix.ts';
import { planGemv } from './gemv.ts';
import { planGemvBatched } from './gemvBatched.ts';
import { planMoeGemv } from './moeGemv.ts';
import { expectedTouchedExperts } from './moeRouting.ts';
import { type KernelLimits, type KernelOptions, resolveLimits } from './options.ts';
import { planStreamCopy } from './streamCopy.ts';
import { planStreamRead } from './streamRead.ts';
import { TALK_CASES, talkShape } from './talk.ts';
import type { KernelDtype, KernelName, KernelPlan } from './types.ts';
import { LLC_MULTIPLE } from './workingSet.ts';

export type Profile = 'quick' | 'full' | 'talk';
export type Shape = Readonly<Record<string, number>>;

export interface KernelEntry {
  readonly name: KernelName;
  /** One line: what it measures. */
  readonly description: string;
  /**
   * 'bandwidth': its rates are bytes from memory, so its working set must outgrow the last-level cache
   * (workingSet.ts); 'compute': its operands are meant to stay in cache; 'overhead': a time per dispatch,
   * never a rate (dispatch-overhead).
   */
  readonly measures: 'bandwidth' | 'compute' | 'overhead';
  readonly dtypes: readonly KernelDtype[];
  /** Features the kernel cannot run without at this dtype ('subgroups' is optional everywhere). */
  requiredFeatures(dtype: KernelDtype): GPUFeatureName[];
  /**
   * Shapes for a profile (and dtype: q4 GEMV uses larger matrices; default f32), fitted to the limits and,
   * where it matters, to the device (its last-level cache, its compute units).
   */
  shapes(
    profile: Profile,
    limits?: Partial<KernelLimits>,
    dtype?: KernelDtype,
    device?: DeviceTraits,
  ): Shape[];
  /**
   * A smaller shape with about `factor` (0 < factor < 1) of this one's work, for a device too slow for the
   * profile's shape (one dispatch over the watchdog ceiling); null when it is already as small as it goes.
   * Shrinks the dimension that least changes what the kernel measures (GEMV rows before K, FMA iterations
   * before workgroups).
   */
  shrink(shape: Shape, factor: number): Shape | null;
  plan(options: KernelOptions): KernelPlan;
}

const MiB = 1 << 20;

/** How one dimension may shrink: never below `min`, and in whole multiples of `multiple`. */
interface ShrinkStep {
  readonly key: string;
  readonly min: number;
  readonly multiple: number;
}

/**
 * Scales the steps' dimensions in order until their product has shrunk by `factor`: the first goes as far as
 * its minimum allows, the next takes what is left. Null when nothing could shrink.
 */
function shrinkAlong(shape: Shape, factor: number, steps: readonly ShrinkStep[]): Shape | null {
  let remaining = factor;
  const next: Record<string, number> = { ...shape };
  for (const { key, min, multiple } of steps) {
    if (remaining >= 1) break;
    const current = next[key] ?? 0;
    const scaled = Math.max(min, Math.floor((current * remaining) / multiple) * multiple);
    if (scaled >= current) continue;
    next[key] = scaled;
    remaining *= current / scaled;
  }
  return steps.some(({ key }) => next[key] !== shape[key]) ? next : null;
}

/** GEMM shrinks all three sides together (each by the cube root), in whole 128-wide tiles. */
function shrinkCube(shape: Shape, factor: number): Shape | null {
  const side = (key: string) => {
    const current = shape[key] ?? 0;
    return Math.min(current, Math.max(128, Math.floor((current * Math.cbrt(factor)) / 128) * 128));
  };
  const next = { ...shape, M: side('M'), N: side('N'), K: side('K') };
  return next['M'] === shape['M'] && next['N'] === shape['N'] && next['K'] === shape['K'] ? null : next;
}

const ROWS_THEN_K: readonly ShrinkStep[] = [
  { key: 'M', min: 64, multiple: 16 },
  { key: 'K', min: 256, multiple: 64 },
];

/**
 * Full-profile stream: 256 MiB a set (within the binding limits), rotated through enough sets for 4 × the
 * device's last-level cache (workingSet.ts); the quick profile's 64 KB is cache-resident everywhere.
 */
function streamShapes(profile: Profile, limits: KernelLimits, device: DeviceTraits): Shape[] {
  if (profile === 'quick') return [{ n: 16_384 }];
  if (profile === 'talk') return [talkShape('stream-read', device, limits)];
  const bytes = Math.min(256 * MiB, Math.floor(maxBindingBytes(limits) / 16) * 16);
  return [{ n: bytes / 4 }];
}

const f16Needs = (dtype: KernelDtype): GPUFeatureName[] => (dtype === 'f16' ? ['shader-f16'] : []);

/** Bytes per weight as stored (q4: half a byte plus a 4-byte scale per 32, the larger of its formats). */
const weightBytes = (dtype: KernelDtype) => (dtype === 'q4' ? 0.5 + 4 / 32 : BYTES_PER_ELEMENT[dtype]);

/** Halves shape[key] until bytes(shape) fits one storage binding. */
function fitTo(shape: Shape, key: string, bytes: (s: Shape) => number, limits: KernelLimits): Shape {
  let fitted = shape;
  while (bytes(fitted) > maxBindingBytes(limits) && (fitted[key] ?? 0) > 1) {
    fitted = { ...fitted, [key]: Math.floor((fitted[key] ?? 0) / 2) };
  }
  return fitted;
}

/**
 * Full-profile sizes: weights of 64–256 MB a set (rotated to 4 × the last-level cache, workingSet.ts), with
 * K ≥ 4096 (the GEMV/stream target is stated at K ≥ 4096). q4 in both scale formats: f32, and f16 as
 * llama.cpp's Q4_0 stores them (arithmetic intensity 3.2 and 3.6 FLOP/byte at group 32).
 */
function gemvShapes(
  profile: Profile,
  dtype: KernelDtype,
  limits: KernelLimits,
  device: DeviceTraits,
): Shape[] {
  const q4 = (shape: Shape) => [4, 2].map((scaleBytes) => ({ ...shape, groupSize: 32, scaleBytes }));
  if (profile === 'talk') return [talkShape('gemv', device, limits)];
  if (profile === 'quick') return dtype === 'q4' ? q4({ M: 67, K: 130 }) : [{ M: 67, K: 130 }];
  const shapes = dtype === 'q4' ? q4({ M: 16_384, K: 8192 }) : [{ M: 8192, K: 8192 }];
  return shapes.map((shape) =>
    fitTo(shape, 'M', (s) => (s['M'] ?? 0) * (s['K'] ?? 0) * weightBytes(dtype), limits),
  );
}

/** The decode-batching sweep: B = 1, 2, 4 … 256 over one 4096 × 4096 weight matrix. */
function batchedShapes(profile: Profile, dtype: KernelDtype, limits: KernelLimits): Shape[] {
  const batches = profile === 'quick' ? [1, 8, 64] : [1, 2, 4, 8, 16, 32, 64, 128, 256];
  const base = profile === 'quick' ? { M: 64, K: 128 } : { M: 4096, K: 4096 };
  return batches.map((B) =>
    fitTo({ ...base, B }, 'M', (s) => (s['M'] ?? 0) * (s['K'] ?? 0) * weightBytes(dtype), limits),
  );
}

/**
 * GEMM sides: 2048³ (17 GFLOP, operands 16 MB each in f32) halved until an operand fits a binding; the quick
 * shape exercises padding (not a multiple of any tile).
 */
function gemmShapes(profile: Profile, limits: KernelLimits, device: DeviceTraits): Shape[] {
  if (profile === 'quick') return [{ M: 33, N: 47, K: 61 }];
  if (profile === 'talk') return [talkShape('gemm', device, limits)];
  let side = 2048;
  while (side > 128 && side * side * 4 > maxBindingBytes(limits)) side /= 2;
  return [{ M: side, N: side, K: side }];
}

/** The full profile's MoE sweep: B tokens, top-8 routing (Kimi K2 routes 8 of 384), 256 × 2048 f32 rows. */
const MOE_BATCHES = [1, 8, 32, 128];
const MOE_TOP_K = 8;
const MOE_ROWS = 256;
/** Rows an expert keeps at least where a small binding must hold all experts. */
const MOE_MIN_ROWS = 16;
const MOE_K = 2048;
/** Expected experts touched vary by a few around the mean; plan for 10 % more cache than the device has. */
const MOE_CACHE_MARGIN = 1.1;
/** Experts at most: 2 GiB of f32 rows, half a 4 GiB binding. */
const MOE_MAX_EXPERTS = 1024;

/**
 * The fewest experts (a multiple of 64, 64 to 1024) with which every batch of the sweep reaches 4 × the
 * last-level cache in rotation sets that touch disjoint experts (moeGemv.ts): s sets of U experts need
 * s·U ≤ E. Larger caches need more experts: a 256 MB cache needs 1.1 GB touched in one batch of 128 tokens,
 * which E = 1024 (2 GB of f32 rows; 647 touched) gives and E = 512 (443 touched) does not.
 */
export function moeExpertsFor(llcBytes: number): number {
  const expertBytes = MOE_ROWS * MOE_K * 4;
  const target = LLC_MULTIPLE * llcBytes * MOE_CACHE_MARGIN;
  for (let experts = 64; experts < MOE_MAX_EXPERTS; experts += 64) {
    const fits = MOE_BATCHES.every((B) => {
      const touched = expectedTouchedExperts(experts, MOE_TOP_K, B);
      const sets = Math.ceil(target / (touched * expertBytes));
      return sets <= 64 && sets * Math.ceil(touched) <= experts;
    });
    if (fits) return experts;
  }
  return MOE_MAX_EXPERTS;
}

/**
 * moeExpertsFor's experts, but no more than a binding holds at MOE_MIN_ROWS rows each (fitTo then takes rows
 * away): a small device measures fewer experts, cache-resident where they cannot outgrow its cache.
 */
function moeExperts(llcBytes: number, limits: KernelLimits): number {
  const fit = Math.floor(maxBindingBytes(limits) / (MOE_MIN_ROWS * MOE_K * 4));
  return Math.max(MOE_TOP_K, Math.min(moeExpertsFor(llcBytes), fit));
}

export const KERNELS: readonly KernelEntry[] = [
  {
    name: 'stream-read',
    description: 'memory roof: vec4 streaming reduction (bytes read)',
    measures: 'bandwidth',
    dtypes: ['f32'],
    requiredFeatures: () => [],
    shapes: (profile, limits, _dtype, device = UNKNOWN_DEVICE) =>
      streamShapes(profile, resolveLimits(limits), device),
    shrink: (shape, factor) => shrinkAlong(shape, factor, [{ key: 'n', min: 65_536, multiple: 4096 }]),
    plan: planStreamRead,
  },
  {
    name: 'stream-copy',
    description: 'memory roof: vec4 copy (bytes read + written)',
    measures: 'bandwidth',
    dtypes: ['f32'],
    requiredFeatures: () => [],
    shapes: (profile, limits, _dtype, device = UNKNOWN_DEVICE) =>
      streamShapes(profile, resolveLimits(limits), device),
    shrink: (shape, factor) => shrinkAlong(shape, factor, [{ key: 'n', min: 65_536, multiple: 4096 }]),
    plan: planStreamCopy,
  },
  {
    name: 'fma-peak',
    description: 'compute roof: 8 independent vec4 fma chains per invocation, unrolled by hand',
    measures: 'compute',
    dtypes: ['f32', 'f16'],
    requiredFeatures: f16Needs,
    // Full: ~2^19 invocations in whole waves × 2048 iterations × 64 FLOP ≈ 70 GFLOP, ~1 ms at H100's
    // 67 TFLOP/s and well under 50 ms (no watchdog) on a 2 TFLOP/s laptop GPU.
    shapes: (profile, limits, _dtype, device = UNKNOWN_DEVICE) =>
      profile === 'quick'
        ? [{ invocations: 512, iterations: 64 }]
        : profile === 'talk'
          ? [talkShape('fma-peak', device, resolveLimits(limits))]
          : [{ invocations: fmaGridInvocations(device, resolveLimits(limits)), iterations: 2048 }],
    shrink: (shape, factor) =>
      shrinkAlong(shape, factor, [
        { key: 'iterations', min: 64, multiple: 8 },
        { key: 'invocations', min: 512, multiple: FMA_INVOCATION_MULTIPLE },
      ]),
    plan: planFmaPeak,
  },
  {
    name: 'gemv',
    description: 'y = W·x, K-parallel with vec4 loads (memory-bound decode step)',
    measures: 'bandwidth',
    dtypes: ['f32', 'f16', 'q4'],
    requiredFeatures: f16Needs,
    shapes: (profile, limits, dtype = 'f32', device = UNKNOWN_DEVICE) =>
      gemvShapes(profile, dtype, resolveLimits(limits), device),
    shrink: (shape, factor) => shrinkAlong(shape, factor, ROWS_THEN_K),
    plan: planGemv,
  },
  {
    name: 'gemv-batched',
    description: 'Y = W·X for B tokens: W read once for all B (decode batching), tiled above 4',
    measures: 'bandwidth',
    dtypes: ['f32', 'f16'],
    requiredFeatures: f16Needs,
    shapes: (profile, limits, dtype = 'f32') => batchedShapes(profile, dtype, resolveLimits(limits)),
    shrink: (shape, factor) => shrinkAlong(shape, factor, ROWS_THEN_K),
    plan: planGemvBatched,
  },
  {
    name: 'gemm',
    description: 'C = A·B with workgroup tiles and register micro-tiles (compute-bound)',
    measures: 'compute',
    dtypes: ['f32', 'f16'],
    requiredFeatures: f16Needs,
    shapes: (profile, limits, _dtype, device = UNKNOWN_DEVICE) =>
      gemmShapes(profile, resolveLimits(limits), device),
    shrink: shrinkCube,
    plan: planGemm,
  },
  {
    name: 'moe-gemv',
    description: 'MoE decode: B tokens route to k of E experts; only touched experts are read',
    measures: 'bandwidth',
    dtypes: ['f32'],
    requiredFeatures: () => [],
    // Full: E experts of 256 × 2048 (2 MB each), top-8, E from the device's cache (moeExpertsFor), fitted to
    // one binding by fewer rows.
    shapes: (profile, limits, _dtype, device = UNKNOWN_DEVICE) =>
      profile === 'quick'
        ? [{ experts: 8, topK: 2, B: 4, M: 32, K: 64 }]
        : MOE_BATCHES.map((B) =>
            fitTo(
              {
                experts: moeExperts(device.llcBytes, resolveLimits(limits)),
                topK: MOE_TOP_K,
                B,
                M: MOE_ROWS,
                K: MOE_K,
              },
              'M',
              (s) => (s['experts'] ?? 0) * (s['M'] ?? 0) * (s['K'] ?? 0) * 4,
              resolveLimits(limits),
            ),
          ),
    // Rows, then K, then experts (fewer experts touched: a CPU adapter runs a workgroup per row and expert).
    shrink: (shape, factor) =>
      shrinkAlong(shape, factor, [
        { key: 'M', min: 16, multiple: 16 },
        { key: 'K', min: 256, multiple: 64 },
        { key: 'experts', min: 16, multiple: 8 },
      ]),
    plan: planMoeGemv,
  },
  {
    name: 'gemm-subgroup-matrix',
    description: 'experimental: f16 GEMM through Chromium subgroup matrices (the matrix f16 roof)',
    measures: 'compute',
    dtypes: ['f16'],
    requiredFeatures: () => [...SUBGROUP_MATRIX_FEATURES],
    shapes: (profile, limits, _dtype, device = UNKNOWN_DEVICE) =>
      gemmShapes(profile, resolveLimits(limits), device),
    shrink: shrinkCube,
    plan: planGemmSubgroupMatrix,
  },
  {
    name: 'dispatch-overhead',
    description: 'per-dispatch overhead: a one-invocation dispatch, for the corrected rates',
    measures: 'overhead',
    dtypes: ['f32'],
    requiredFeatures: () => [],
    // Last: the report subtracts it from every case whatever the order, and a page's first points are the
    // roofs'. Nothing to size or shrink.
    shapes: () => [{ invocations: 1 }],
    shrink: () => null,
    plan: planDispatchOverhead,
  },
];

/** The dtypes of `entry` a profile measures: all of them, but the talk profile's four f32 points. */
export function profileDtypes(profile: Profile, entry: KernelEntry): readonly KernelDtype[] {
  return profile === 'talk' ? (TALK_CASES[entry.name] ?? []) : entry.dtypes;
}

export function kernelEntry(name: KernelName): KernelEntry {
  const entry = KERNELS.find((k) => k.name === name);
  if (!entry) throw new Error(`unknown kernel ${name} (known: ${KERNELS.map((k) => k.name).join(', ')})`);
  return entry;
}

/** Why `dtype` of this kernel cannot run with these features, or undefined when it can. */
export function unsupportedReason(
  entry: KernelEntry,
  dtype: KernelDtype,
  features: Iterable<string>,
): string | undefined {
  if (!entry.dtypes.includes(dtype)) return `${entry.name} has no ${dtype} variant`;
  const have = new Set(features);
  const missing = entry.requiredFeatures(dtype).filter((f) => !have.has(f));
  return missing.length > 0 ? `${entry.name} ${dtype} needs ${missing.join(', ')}` : undefined;
}
