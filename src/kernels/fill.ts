// Seeded inputs made on the device (issue 22; shaders/fill-random.wgsl) and the CPU reference's copy of the
// same values. Making 512 MB of inputs in JavaScript took seconds (~30 MB/s for f16 on the review's machine)
// and dominated set-up; the GPU writes them at its memory bandwidth. Each value is a pure function of the
// seed and its index (a counter-based hash), so the reference computes exactly the elements it checks, none
// held in JavaScript, and every value is exact in its type (no rounding can differ between the two).
import type { BufferSpec } from './types.ts';
import type { ShaderSources } from './wgsl.ts';
import { shaderFile } from './wgsl.ts';

export const FILL_SHADER = 'fill-random.wgsl';

/** What the words hold: f32 or f16 elements, q4 weight words, or f32 / f16 scales. */
export type FillMode = 'f32' | 'f16' | 'q4' | 'scale-f32' | 'scale-f16';

const MODE_CODE: Readonly<Record<FillMode, number>> = {
  f32: 0,
  f16: 1,
  q4: 2,
  'scale-f32': 3,
  'scale-f16': 4,
};

/** How the device fills one buffer: a ROWS × COLS matrix laid out PADDED_COLS wide, zero padding. */
export interface FillSpec {
  readonly mode: FillMode;
  readonly seed: number;
  readonly rows: number;
  readonly cols: number;
  readonly paddedCols: number;
  /** u32 words the buffer holds (written all, padding included). */
  readonly words: number;
  /** shaders/fill-random.wgsl's text. */
  readonly shaderSource: string;
}

/** Chris Wellons' lowbias32 (hash-prospector): a 32-bit bijection with low bias; the shader's twin. */
export function lowbias32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** The hash of counter `n` under `seed`, as the shader's draw(). */
export function draw(seed: number, n: number): number {
  return lowbias32((n ^ lowbias32(seed)) >>> 0);
}

/** Element `n` (row · cols + col of the unpadded matrix) of an f32 fill: k·2^-23 − 1 in [−1, 1). */
export function f32Value(seed: number, n: number): number {
  return (draw(seed, n) >>> 8) * 2 ** -23 - 1;
}

/** Element `n` of an f16 fill: k·2^-10 − 1 in [−1, 1), exact in binary16. */
export function f16Value(seed: number, n: number): number {
  return (draw(seed, n) >>> 21) * 2 ** -10 - 1;
}

/** Scale `n` (row · groups + group): (1 + k)·2^-9 for k < 16, i.e. 0.002–0.031, the size of INT4 scales. */
export function scaleValue(seed: number, n: number): number {
  return (1 + (draw(seed, n) & 15)) * 2 ** -9;
}

/** The value of element `n` of a float fill of `mode`. */
export function fillValue(mode: 'f32' | 'f16', seed: number, n: number): number {
  return mode === 'f16' ? f16Value(seed, n) : f32Value(seed, n);
}

/** Element (row, col) of a filled matrix as the device made it: 0 in the padding. Not for q4 fills. */
export function elementAt(fill: FillSpec, row: number, col: number): number {
  if (row >= fill.rows || col >= fill.cols) return 0;
  const n = row * fill.cols + col;
  if (fill.mode === 'f16') return f16Value(fill.seed, n);
  if (fill.mode === 'scale-f32' || fill.mode === 'scale-f16') return scaleValue(fill.seed, n);
  return f32Value(fill.seed, n);
}

/** q4 word `index` of a matrix `paddedCols` nibbles wide of which `cols` are weights (the rest nibble 8). */
export function q4Word(seed: number, index: number, cols: number, paddedCols: number): number {
  let word = draw(seed, index);
  const first = (index * 8) % paddedCols;
  for (let j = 0; j < 8; j++) {
    if (first + j >= cols) word = ((word & ~(0xf << (4 * j))) | (8 << (4 * j))) >>> 0;
  }
  return word >>> 0;
}

/** A fill of a rows × cols matrix stored paddedCols wide (and paddedRows tall) in `mode`. */
export function fillSpec(
  sources: ShaderSources,
  mode: FillMode,
  seed: number,
  shape: { rows: number; cols: number; paddedCols: number; paddedRows?: number },
): FillSpec {
  const elements = (shape.paddedRows ?? shape.rows) * shape.paddedCols;
  const perWord = mode === 'q4' ? 8 : mode === 'f16' || mode === 'scale-f16' ? 2 : 1;
  return {
    mode,
    seed: seed >>> 0,
    rows: shape.rows,
    cols: shape.cols,
    paddedCols: shape.paddedCols,
    words: Math.ceil(elements / perWord),
    shaderSource: shaderFile(sources, FILL_SHADER),
  };
}

/** The shader's `Fill` uniform for `spec`: mode, seed, rows, cols, paddedCols, count (u32 each). */
export function fillUniform(spec: FillSpec): Uint32Array {
  return Uint32Array.of(
    MODE_CODE[spec.mode],
    spec.seed,
    spec.rows,
    spec.cols,
    spec.paddedCols,
    spec.words,
    0,
    0,
  );
}

/** Invocations in a workgroup of the fill shader (its WG_SIZE). */
export const FILL_WORKGROUP_SIZE = 64;

/** A read-only input the device fills (`rotate`: one copy per rotation set, copied from the first). */
export function filledInput(
  name: string,
  byteLength: number,
  fill: FillSpec,
  options: { rotate?: boolean } = {},
): BufferSpec {
  if (fill.words * 4 > byteLength + 3)
    throw new Error(`${name}: a fill of ${fill.words} words exceeds its ${byteLength} bytes`);
  return { name, role: 'read-only-storage', byteLength, fill, ...(options.rotate ? { rotate: true } : {}) };
}
