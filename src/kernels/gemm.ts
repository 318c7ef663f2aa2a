// gemm: C = A·B with workgroup tiles, register blocks and a register prefetch of the next K step
// (shaders/gemm.wgsl), f32 and f16. Variants are tile shapes, from the compatibility one up.
import {
  BYTES_PER_ELEMENT,
  elementFeatures,
  elementReader,
  maxBindingBytes,
  requireDtype,
  requireFeatures,
  roundUp,
} from './elements.ts';
import { elementAt, type FillSpec, filledInput, fillSpec } from './fill.ts';
import { deviceTraits, dimension, type KernelLimits, type KernelOptions, resolveLimits } from './options.ts';
import { deriveSeed } from './rng.ts';
import type { KernelPlan, VerifyResult } from './types.ts';
import { withVariants } from './variants.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { type ElementType, shaderFile, specialiseElement } from './wgsl.ts';
import { computeWorkingSet } from './workingSet.ts';

export interface GemmTile {
  readonly colThreads: number;
  readonly rowThreads: number;
  /** vec4 columns per invocation: 1 or 2 (4 or 8 columns of its block). */
  readonly colVec4: number;
  /** vec4 rows per invocation: 1 or 2 (4 or 8 rows of its block). */
  readonly rowVec4: number;
  readonly tileK: number;
}

/** Staged vec4 per invocation and K step at most (the shader's prefetch registers). */
const MAX_LOADS = 4;

export const gemmTileRows = (t: GemmTile) => t.rowThreads * 4 * t.rowVec4;
export const gemmTileColumns = (t: GemmTile) => t.colThreads * 4 * t.colVec4;
export const gemmInvocations = (t: GemmTile) => t.colThreads * t.rowThreads;
/** Workgroup memory the shader declares for a tile: A's slice transposed (one vec4 of padding a k) and B's. */
export const gemmWorkgroupBytes = (t: GemmTile, elemBytes: number) =>
  (t.tileK * (gemmTileRows(t) + 4) + t.tileK * gemmTileColumns(t)) * elemBytes;
const gemmTileName = (t: GemmTile) =>
  `tile ${gemmTileRows(t)}x${gemmTileColumns(t)} block ${4 * t.rowVec4}x${4 * t.colVec4} wg${gemmInvocations(t)}`;

/**
 * Registers one invocation of a tile holds, estimated (32-bit each, f32): accumulators, the A and B vec4 of
 * one k, the prefetched next slices, and ~10 for addresses and loop counters. What decides how many
 * workgroups an SM keeps resident (an NVIDIA SM has 64K registers: 256 invocations at ≤ 128 each fit two
 * workgroups); the real count is the driver compiler's, which no WebGPU API reports.
 */
export function gemmRegisterEstimate(t: GemmTile): number {
  const invocations = gemmInvocations(t);
  // prefetch: one 4 × 4 block of A, and B's vec4
  const loads = 4 + Math.ceil((t.tileK * gemmTileColumns(t)) / 4 / invocations);
  return 16 * t.rowVec4 * t.colVec4 + 4 * (t.rowVec4 + t.colVec4) + 4 * loads + 10;
}

/**
 * 32 × 32 with a 4 × 4 block and 64 invocations, the small-device variant (the peers' tile), staging K 32 at
 * a time (8.7 KB of f32; half the barriers of 16, which a CPU adapter pays for dearly); 64 × 64 with 128 invocations fits compatibility limits (8.4 KB); 128 × 128 with the 8 × 8 block
 * (16.6 KB of f32 staging, 256 invocations, ~114 registers, estimated) is the large-GPU variant, after siboehm's
 * kernels 9–10.
 */
const GEMM_TILES: readonly GemmTile[] = [
  { colThreads: 8, rowThreads: 8, colVec4: 1, rowVec4: 1, tileK: 32 },
  { colThreads: 16, rowThreads: 8, colVec4: 1, rowVec4: 2, tileK: 16 },
  { colThreads: 16, rowThreads: 16, colVec4: 2, rowVec4: 2, tileK: 16 },
];

/** The tiles this device can run: within its invocations and workgroup memory, every staged load placed. */
export function gemmTiles(limits: KernelLimits, elemBytes: number): GemmTile[] {
  return GEMM_TILES.filter((t) => {
    const invocations = gemmInvocations(t);
    // A: one 4 × 4 block an invocation at most; B: whole vec4 loads, at most MAX_LOADS each
    const aBlocks = (gemmTileRows(t) / 4) * (t.tileK / 4);
    const bLoads = (t.tileK * gemmTileColumns(t)) / 4 / invocations;
    return (
      invocations <= limits.maxComputeInvocationsPerWorkgroup &&
      gemmWorkgroupBytes(t, elemBytes) <= limits.maxComputeWorkgroupStorageSize &&
      aBlocks <= invocations &&
      Number.isInteger(bLoads) &&
      bLoads <= MAX_LOADS
    );
  });
}

const CHECKED_ELEMENTS = 1024;

/** A GEMM's sides and their padded sizes (the buffers' strides). */
export interface GemmDims {
  readonly M: number;
  readonly N: number;
  readonly K: number;
  readonly Mp: number;
  readonly Np: number;
  readonly Kp: number;
}

/**
 * The seeded, padded operands A (Mp × Kp) and B (Kp × Np) in `elem`, made on the device (fill.ts), and the
 * check of a row-major C (Mp × Np, elements of `check.output`) against their product on sampled elements:
 * what every GEMM manifest shares (gemm.ts, gemmSubgroupMatrix.ts).
 */
export function gemmOperands(
  options: KernelOptions,
  dims: GemmDims,
  elem: ElementType,
  check: { readonly label: string; readonly output: ElementType; readonly rtol: number },
): { a: FillSpec; b: FillSpec; verify: (output: ArrayBuffer) => VerifyResult } {
  const { M, N, K, Mp, Np, Kp } = dims;
  const a = fillSpec(options.shaderSources, elem, deriveSeed(options.seed, 0), {
    rows: M,
    cols: K,
    paddedCols: Kp,
    paddedRows: Mp,
  });
  const b = fillSpec(options.shaderSources, elem, deriveSeed(options.seed, 1), {
    rows: K,
    cols: N,
    paddedCols: Np,
    paddedRows: Kp,
  });
  const verify = (output: ArrayBuffer): VerifyResult => {
    const c = elementReader(output, check.output, Mp * Np);
    // Element e of the unpadded M × N region: row floor(e / N), column e mod N.
    return compare({
      label: check.label,
      count: M * N,
      maxChecked: CHECKED_ELEMENTS,
      actual: (e) => c(Math.floor(e / N) * Np + (e % N)),
      expected: (e) => {
        const row = Math.floor(e / N);
        const col = e % N;
        return dotReference(K, (k) => elementAt(a, row, k) * elementAt(b, k, col));
      },
      rtol: check.rtol,
      atol: 0,
    });
  };
  return { a, b, verify };
}

export function planGemm(options: KernelOptions): KernelPlan {
  const dtype = requireDtype('gemm', options.dtype, ['f32', 'f16']);
  const requiredFeatures = elementFeatures(dtype);
  requireFeatures(`gemm ${dtype}`, requiredFeatures, options.features);
  const limits = resolveLimits(options.limits);
  const M = dimension(options.shape, 'M', 'gemm');
  const N = dimension(options.shape, 'N', 'gemm');
  const K = dimension(options.shape, 'K', 'gemm');
  const bytes = BYTES_PER_ELEMENT[dtype];
  const tiles = gemmTiles(limits, bytes);
  if (tiles.length === 0) throw new Error('gemm: no tile fits this device’s workgroup limits');
  // Every variant runs on the same buffers: M and N padded to the largest tile, K to the staged step.
  const Mp = roundUp(M, Math.max(...tiles.map(gemmTileRows)));
  const Np = roundUp(N, Math.max(...tiles.map(gemmTileColumns)));
  const Kp = roundUp(K, Math.max(...tiles.map((t) => t.tileK)));
  if (Math.max(Mp * Kp, Kp * Np, Mp * Np) * bytes > maxBindingBytes(limits)) {
    throw new Error(`gemm: a ${M}x${N}x${K} operand exceeds this device's storage binding limit`);
  }
  if (Math.max(Mp, Np) / 32 > limits.maxComputeWorkgroupsPerDimension) {
    throw new Error(
      `gemm: ${M}x${N} needs more than ${limits.maxComputeWorkgroupsPerDimension} tiles a side`,
    );
  }
  const label = `gemm ${dtype} ${M}x${N}x${K}`;
  const { a, b, verify } = gemmOperands(options, { M, N, K, Mp, Np, Kp }, dtype, {
    label,
    output: dtype,
    rtol: dotTolerance(K, UNIT_ROUNDOFF[dtype]),
  });
  const shaderSource = specialiseElement(shaderFile(options.shaderSources, 'gemm.wgsl'), dtype);
  const operandBytes = (Mp * Kp + Kp * Np + Mp * Np) * bytes;

  return withVariants(
    {
      kernel: 'gemm',
      dtype,
      shape: { M, N, K },
      label,
      buffers: [
        filledInput('a', Mp * Kp * bytes, a),
        filledInput('b', Kp * Np * bytes, b),
        { name: 'c', role: 'storage', byteLength: Mp * Np * bytes },
      ],
      ...computeWorkingSet(operandBytes),
      llcBytes: deviceTraits(options).llcBytes,
      outputBuffer: 2,
      requiredFeatures,
      bytesPerDispatch: operandBytes,
      flopsPerDispatch: 2 * M * N * K,
    },
    tiles.map((tile) => ({
      name: gemmTileName(tile),
      shaderSource,
      entryPoint: 'main',
      constants: {
        COL_THREADS: tile.colThreads,
        ROW_THREADS: tile.rowThreads,
        COL_VEC4: tile.colVec4,
        ROW_VEC4: tile.rowVec4,
        TILE_K: tile.tileK,
        K_VEC4: Kp / 4,
        N_VEC4: Np / 4,
      },
      workgroups: [Np / gemmTileColumns(tile), Mp / gemmTileRows(tile), 1],
      verify,
    })),
  );
}
