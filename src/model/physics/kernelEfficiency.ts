// Kernel efficiency from shape and precision: how much of a GPU's roofs one kernel call reaches, as a
// function of what it computes, not one constant per scenario.
//
// - A GEMM (M rows = tokens, N outputs, K inputs on this GPU) runs as tiles of Tm × Tn outputs, one
//   per streaming multiprocessor at a time. It reaches the GPU's achievable matmul share (the best a tuned
//   library gets, presets/gpus.ts) times three fills: the rows of its last row-tile that are padding
//   (M = 1 in a 64-row tile fills 1/64), the last wave of tiles that leaves SMs idle (wave quantisation),
//   and the per-tile prologue/epilogue against its K loop, k / (k + K0).
// - A grouped GEMM over routed experts runs one problem per touched expert, its rows the tokens that
//   expert sees: its row and wave fills follow the tokens per expert, and each problem's fixed cost (the
//   engine's, presets/engines.ts) is exposed while an expert sees at most one m16 tile of tokens and hides
//   behind the expert's own tiles as they grow (expertExposure).
// - A memory-bound call (a decode GEMV, attention over the KV cache) streams at the GPU's streaming share
//   after a fixed fill-and-drain time per call, so its bandwidth share grows with its bytes per call:
//   share(bytes) = s · bytes / (bytes + B·s·t0).
//
// The constants are fitted to DeepGEMM's published FP8 GEMM table on H800 (normal and grouped layouts,
// 28 shapes: validation/kernelBenchmarks.ts holds the table and tests/unit/ops/kernelEfficiency.test.ts
// checks the fit, RMS error 9 %) and onnxruntime's published decode GEMV timings on H100 PCIe.
import type { WeightFormat } from '../architecture/weightFormat.ts';

/** The tensor path a matmul runs on. */
export type ComputePrecision = 'fp4' | 'fp8' | 'bf16';
export const COMPUTE_PRECISIONS: readonly ComputePrecision[] = ['fp4', 'fp8', 'bf16'];

/**
 * The tensor path a weight format computes on: 4-bit floats (NVFP4, MXFP4, the blog's FP4) on the FP4
 * path, FP8 on FP8, and everything else on BF16 — integer 4-bit checkpoints (GPTQ/AWQ, llama.cpp Q4)
 * dequantise to BF16 in weight-only kernels (Marlin, MMVQ), and FP32 has no faster path here.
 */
export function computePrecisionOf(format: WeightFormat): ComputePrecision {
  if (format.id.startsWith('int')) return 'bf16';
  if (format.bitsPerValue === 4) return 'fp4';
  if (format.bitsPerValue === 8) return 'fp8';
  return 'bf16';
}

/**
 * Per-tile fixed work in units of K: the prologue (pipeline fill, scale loads) and epilogue (write-back)
 * of a tile cost about as much as 512 steps of its K loop. Fitted to DeepGEMM's M = 4096 rows (K = 512
 * reaches 751 TFLOPS where K = 16,384 reaches 1,426 on the same N range).
 */
export const TILE_DEPTH_OVERHEAD = 512;

/**
 * Fill-and-drain time of one memory-bound kernel call, s: DeepGEMM's FP8 GEMMs at M = 64–128 on H800
 * (15–117 MB per call) and onnxruntime's M = 1 int4 GEMVs on H100 PCIe (1.8–14 MB per call, issue
 * microsoft/onnxruntime#32382) both take 3–5 µs more than their bytes at 0.9 of HBM bandwidth.
 */
export const KERNEL_RAMP_SECONDS = 3e-6;

const COLUMN_TILES = [64, 128, 256] as const;
/**
 * Row tiles a tuned library chooses among: the m16 MMA tile (mma.sync m16n8k16, what decode kernels such
 * as Marlin use), 64 rows (DeepGEMM's BLOCK_M 64) and 128; it takes whichever fills the SMs best.
 */
export const ROW_TILES = [16, 64, 128] as const;

/**
 * The fills of a GEMM of `rows` × `cols` outputs with depth `depth`, in `groups` independent problems
 * (grouped GEMM), on a GPU with `units` SMs (null: unknown, no wave quantisation): the best, over the row
 * and column tiles a tuned library chooses among, of row and column fill (the padded rows and columns of
 * the last tiles) × wave fill (the idle SMs of the last wave); times the depth fill. 1 is a perfect shape.
 */
export function gemmFill(
  rows: number,
  cols: number,
  depth: number,
  units: number | null,
  groups = 1,
): number {
  if (rows <= 0 || cols <= 0 || depth <= 0) return 1;
  return tileFill(rows, cols, units, groups) * depthFill(depth);
}

/** The best row fill × wave fill over the tiles (see gemmFill). */
export function tileFill(rows: number, cols: number, units: number | null, groups = 1): number {
  let best = 0;
  for (const tm of ROW_TILES) {
    const rowTiles = Math.ceil(rows / tm);
    const fill = (rows / (rowTiles * tm)) * waveFill(rowTiles * groups, cols, units);
    if (fill > best) best = fill;
  }
  return best;
}

/**
 * The column fill (the padded columns of the last column-tile) × the last wave's fill of `rowTiles`
 * row-tiles × the column tiles, best over the column tiles.
 */
export function waveFill(rowTiles: number, cols: number, units: number | null): number {
  let best = 0;
  for (const tn of COLUMN_TILES) {
    const colTiles = Math.ceil(cols / tn);
    const tiles = rowTiles * colTiles;
    const wave = units === null || units <= 0 ? 1 : tiles / (Math.ceil(tiles / units) * units);
    const fill = (cols / (colTiles * tn)) * wave;
    if (fill > best) best = fill;
  }
  return best;
}

/** A tile's K loop against its prologue and epilogue: k / (k + K0). */
export function depthFill(depth: number): number {
  return depth / (depth + TILE_DEPTH_OVERHEAD);
}

/**
 * The bandwidth share a memory-bound call of `bytesPerCall` reaches, s · bytes / (bytes + B·s·t0): what
 * streaming at share s after a fill-and-drain of t0 per call amounts to (physics/time.ts prices it so).
 */
export function streamShare(
  bytesPerCall: number,
  bandwidthBps: number,
  share: number,
  rampSeconds: number,
): number {
  return (share * bytesPerCall) / (bytesPerCall + bandwidthBps * share * rampSeconds);
}

/** Tokens per expert up to which an expert problem's fixed cost is fully exposed: one m16 MMA tile. */
export const EXPERT_EXPOSED_TOKENS = 16;

/**
 * The share of an expert problem's fixed cost (tile setup, scale loads, pipeline fill) a step pays when
 * the expert sees `tokensPerExpert` tokens: all of it up to one m16 tile of tokens (decode), less as the
 * expert's own tiles of work grow and hide it (a prefill chunk's hundreds of tokens per expert).
 */
export function expertExposure(tokensPerExpert: number): number {
  return tokensPerExpert <= EXPERT_EXPOSED_TOKENS ? 1 : EXPERT_EXPOSED_TOKENS / tokensPerExpert;
}
