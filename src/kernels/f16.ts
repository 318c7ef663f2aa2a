// IEEE 754 binary16 conversion for f16 kernel inputs (WGSL `f16` is binary16). Round to nearest, ties to even,
// as a GPU's f32→f16 conversion does, so the CPU reference sees exactly the values the GPU reads.

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

/** The binary16 bit pattern nearest to `value`. */
export function f32ToF16Bits(value: number): number {
  f32Scratch[0] = value;
  return halfBitsOfF32Bits(u32Scratch[0]!);
}

/** The binary16 bit pattern nearest to the f32 with bit pattern `bits`. */
function halfBitsOfF32Bits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half (or zero): shift the implicit-1 mantissa right and round to nearest even.
    if (halfExponent < -10) return sign;
    const full = mantissa | 0x800000;
    const shift = 14 - halfExponent;
    const half = full >>> shift;
    const remainder = full & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    const roundUp = remainder > midpoint || (remainder === midpoint && (half & 1) === 1);
    return sign | (half + (roundUp ? 1 : 0));
  }
  const half = (halfExponent << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  const roundUp = remainder > 0x1000 || (remainder === 0x1000 && (half & 1) === 1);
  // A carry out of the mantissa correctly bumps the exponent (and overflows to infinity at the top).
  return sign | (half + (roundUp ? 1 : 0));
}

/** The number a binary16 bit pattern represents. */
export function f16BitsToF32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

let halfValues: Float32Array | undefined;

/** All 65536 binary16 values as f32 (256 KB, built once): a table lookup beats decoding per element. */
function halfTable(): Float32Array {
  if (!halfValues) {
    halfValues = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) halfValues[bits] = f16BitsToF32(bits);
  }
  return halfValues;
}

/** Packs floats as binary16 (the buffer a `array<f16>` binding reads) and returns the rounded values too. */
export function toF16(values: Float32Array): { bits: Uint16Array; rounded: Float32Array } {
  const bits = new Uint16Array(values.length);
  const rounded = new Float32Array(values.length);
  const table = halfTable();
  const f32Bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  for (let i = 0; i < values.length; i++) {
    const h = halfBitsOfF32Bits(f32Bits[i]!);
    bits[i] = h;
    rounded[i] = table[h]!;
  }
  return { bits, rounded };
}
