// 4-bit weights with per-group f32 scales: the storage shape of INT4/FP4 LLM weights (e.g. llama.cpp Q4_0
// stores 32 weights per block with one scale). Weight k of a row lives in u32 word k/8, nibble k%8 (low nibble
// first); its value is (nibble − 8) × scale[group k/groupSize].

export const Q4_PER_WORD = 8;

export interface Q4Matrix {
  readonly rows: number;
  /** Columns, a multiple of the group size (the plan pads K with zero-valued nibbles = 8). */
  readonly cols: number;
  readonly groupSize: number;
  /** rows × cols/8 words. */
  readonly packed: Uint32Array;
  /** rows × cols/groupSize scales. */
  readonly scales: Float32Array;
}

/** Packs nibble values (0..15, one per weight, row-major rows × cols) into u32 words. */
export function packNibbles(nibbles: Uint32Array, rows: number, cols: number): Uint32Array {
  if (cols % Q4_PER_WORD !== 0) throw new Error(`q4: columns (${cols}) must be a multiple of 8`);
  const packed = new Uint32Array((rows * cols) / Q4_PER_WORD);
  for (let i = 0; i < nibbles.length; i++) {
    const nibble = nibbles[i]!;
    if (nibble > 15) throw new Error(`q4: nibble ${nibble} at ${i} is out of range 0..15`);
    const word = i >>> 3;
    packed[word] = (packed[word]! | (nibble << (4 * (i & 7)))) >>> 0;
  }
  return packed;
}

/** The nibble of weight (row, col). */
export function nibbleAt(m: Q4Matrix, row: number, col: number): number {
  const index = row * m.cols + col;
  return (m.packed[index >>> 3]! >>> (4 * (index & 7))) & 0xf;
}

/** The dequantised value of weight (row, col). */
export function q4WeightAt(m: Q4Matrix, row: number, col: number): number {
  return (
    (nibbleAt(m, row, col) - 8) * m.scales[row * (m.cols / m.groupSize) + Math.floor(col / m.groupSize)]!
  );
}
