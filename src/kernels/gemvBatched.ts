// gemv-batched: Y = W·X with X of B columns, f32 and f16. Up to DIRECT_MAX_BATCH columns it is gemv.wgsl's
// K-parallel kernel over a few vectors (each weight read once, straight from memory); above, the tiled path
// of shaders/gemv-batched.wgsl, whose variants are batchedTiles.ts's tiles, each split along K into as many
// slices as it takes to put ≥ 2 workgroups on every compute unit of the device (a second, reducing
// dispatch adds the slices).
import {
  BATCHED_TILE_K,
  type BatchedTile,
  batchedTiles,
  DIRECT_MAX_BATCH,
  splitK,
  tileColumns,
  tileName,
  tileRows,
} from './batchedTiles.ts';
import {
  BYTES_PER_ELEMENT,
  dispatchGrid,
  elementFeatures,
  maxBindingBytes,
  requireDtype,
  requireFeatures,
  roundUp,
} from './elements.ts';
import { elementAt, filledInput, fillSpec } from './fill.ts';
import { directGemvVariants, gemvShader } from './gemv.ts';
import { deviceTraits, dimension, type KernelOptions, resolveLimits } from './options.ts';
import { chooseReduction, reductionFeatures } from './reduction.ts';
import { deriveSeed } from './rng.ts';
import type { KernelPlan, KernelVariant } from './types.ts';
import { withVariants } from './variants.ts';
import { compare, dotReference, dotTolerance, UNIT_ROUNDOFF } from './verify.ts';
import { shaderFile, specialiseElement } from './wgsl.ts';
import { bandwidthWorkingSet } from './workingSet.ts';

/** Output elements checked (each costs K multiply-adds on the CPU). */
const CHECKED_ELEMENTS = 1024;

const lcm = (values: readonly number[]) =>
  values.reduce((a, b) => {
    let [x, y] = [a, b];
    while (y !== 0) [x, y] = [y, x % y];
    return (a / x) * b;
  }, 1);

export function planGemvBatched(options: KernelOptions): KernelPlan {
  const dtype = requireDtype('gemv-batched', options.dtype, ['f32', 'f16']);
  const limits = resolveLimits(options.limits);
  const M = dimension(options.shape, 'M', 'gemv-batched');
  const K = dimension(options.shape, 'K', 'gemv-batched');
  const B = dimension(options.shape, 'B', 'gemv-batched');
  const direct = B <= DIRECT_MAX_BATCH;
  const reduction = direct ? chooseReduction('gemv-batched', options) : null;
  const requiredFeatures = [...elementFeatures(dtype), ...(reduction ? reductionFeatures(reduction) : [])];
  requireFeatures(`gemv-batched ${dtype}`, requiredFeatures, options.features);
  const bytes = BYTES_PER_ELEMENT[dtype];
  const tiles: BatchedTile[] = direct ? [] : batchedTiles(B, limits, bytes);
  // Every variant runs on the same buffers: pad to the largest tile (M, B) and to whole staged K steps in
  // every K slice of every variant.
  const Mp = direct ? M : roundUp(M, lcm(tiles.map(tileRows)));
  const Bp = direct ? B : roundUp(B, lcm(tiles.map(tileColumns)));
  const device = deviceTraits(options);
  const splits = tiles.map((t) => splitK((Bp / tileColumns(t)) * (Mp / tileRows(t)), K, device));
  const Kp = roundUp(K, direct ? 4 : BATCHED_TILE_K * Math.max(1, ...splits));
  if (Math.max(Mp, Bp) * Kp * bytes > maxBindingBytes(limits)) {
    throw new Error(`gemv-batched: W or X exceeds this device's storage binding limit`);
  }
  const w = fillSpec(options.shaderSources, dtype, deriveSeed(options.seed, 0), {
    rows: M,
    cols: K,
    paddedCols: Kp,
    paddedRows: Mp,
  });
  const x = fillSpec(options.shaderSources, dtype, deriveSeed(options.seed, 1), {
    rows: B,
    cols: K,
    paddedCols: Kp,
    paddedRows: Bp,
  });
  const label = `gemv-batched ${dtype} ${M}x${K} B=${B}`;
  const verify = (output: ArrayBuffer) => {
    const y = new Float32Array(output, 0, Bp * Mp);
    // Element e of the unpadded output: column b = e mod B, row = floor(e / B).
    return compare({
      label,
      count: M * B,
      maxChecked: CHECKED_ELEMENTS,
      actual: (e) => y[(e % B) * Mp + Math.floor(e / B)]!,
      expected: (e) => {
        const row = Math.floor(e / B);
        const col = e % B;
        return dotReference(K, (k) => elementAt(w, row, k) * elementAt(x, col, k));
      },
      rtol: dotTolerance(K, UNIT_ROUNDOFF.f32),
      atol: 0,
    });
  };
  const variants: KernelVariant[] = reduction
    ? directGemvVariants({
        shaderSource: gemvShader(options, dtype, reduction),
        limits,
        rows: M,
        kVec4: Kp / 4,
        cols: B,
        yStride: Mp,
        verify,
      })
    : tiles.map((tile, i) => {
        const split = splits[i]!;
        return {
          name: tileName(tile, split),
          shaderSource: specialiseElement(shaderFile(options.shaderSources, 'gemv-batched.wgsl'), dtype),
          entryPoint: 'main',
          constants: {
            COL_THREADS: tile.colThreads,
            ROW_THREADS: tile.rowThreads,
            RM: tile.rm,
            RB: tile.rb,
            K_VEC4: Kp / 4,
            M_PAD: Mp,
            SPLIT_K: split,
            OUT_COUNT: Bp * Mp,
          },
          workgroups: [Bp / tileColumns(tile), Mp / tileRows(tile), split] as const,
          ...(split > 1
            ? {
                reduce: {
                  entryPoint: 'reduce',
                  constants: { REDUCE_SPLIT_K: split, REDUCE_COUNT: Bp * Mp },
                  workgroups: dispatchGrid(
                    Math.ceil((Bp * Mp) / 64),
                    limits.maxComputeWorkgroupsPerDimension,
                  ),
                },
              }
            : {}),
          verify,
        };
      });
  const tooMany = variants.find(
    (v) =>
      v.workgroups[0] > limits.maxComputeWorkgroupsPerDimension ||
      v.workgroups[1] > limits.maxComputeWorkgroupsPerDimension,
  );
  if (tooMany) throw new Error(`gemv-batched: ${label} needs more workgroups than this device allows`);
  const weightBytes = Mp * Kp * bytes;
  const xBytes = Bp * Kp * bytes;
  const yBytes = Bp * Mp * 4;
  const llcBytes = device.llcBytes;
  // The split-K slices' partial sums (a 4-byte placeholder where no variant splits: the binding must exist).
  const partialBytes = Math.max(4, ...splits.map((s) => (s > 1 ? s * Bp * Mp * 4 : 0)));

  return withVariants(
    {
      kernel: 'gemv-batched',
      dtype,
      shape: { M, K, B },
      label,
      buffers: [
        filledInput('weights', weightBytes, w, { rotate: true }),
        filledInput('xs', xBytes, x),
        { name: 'ys', role: 'storage', byteLength: yBytes },
        ...(direct ? [] : [{ name: 'partials', role: 'storage' as const, byteLength: partialBytes }]),
      ],
      ...bandwidthWorkingSet({ rotatedBytes: weightBytes, sharedBytes: xBytes + yBytes, llcBytes }),
      llcBytes,
      outputBuffer: 2,
      requiredFeatures,
      bytesPerDispatch: weightBytes + xBytes + yBytes,
      flopsPerDispatch: 2 * M * K * B,
    },
    variants,
  );
}
