// y = W·x with 4-bit weights: 8 per u32 (weight k in nibble k%8, low first), value (nibble − 8) · scale of its
// group of GROUP_CHUNKS·32 weights (32 or 64); scales f32, or f16 two to a u32 (llama.cpp Q4_0's format,
// unpacked with unpack2x16float, so no shader-f16 is needed).
// A workgroup is one team of WG_SIZE = 32 invocations (a subgroup on NVIDIA, Apple and RDNA) taking
// ROWS_PER_WG = 4 or 8 rows. Per step the team loads 32 chunks of x (32 weights each, 4 KB) into workgroup
// memory cooperatively and contiguously (vec4 i by invocation i mod 32: each load instruction reads 512
// consecutive bytes; a thread reading its own chunk read 128-byte strides), then each invocation takes one
// chunk for all its rows: per row one vec4<u32> of weights (consecutive invocations, consecutive chunks:
// 512 contiguous bytes a row). At K = 8192 each invocation takes 8 chunks (it took 2 in a 128-wide
// workgroup), so the reduction is amortised over 4× the work. Dequantisation is cheap and
// exact: a nibble masked in place, n·16^j, OR-ed into the bits of 2^23 is the f32 2^23 + n·16^j (the
// "magic number" trick), so one AND, one OR and one subtraction of 2^23 give n·16^j with no int→float
// conversion (a quarter-rate instruction on NVIDIA) and, for the upper half-word, one shift per word; x is
// pre-scaled by 16^-j once per chunk, exactly (a power of two). The −8 of every nibble is folded into one
// −8·Σx per chunk (MLX's trick), and the scale is applied once per chunk after the dot. The partial sums of
// the rows travel as one or two vec4 through workgroupSum4 (the linked reduction library).
// Bytes = M·K/2 + (4 or 2)·M·K/group + 4·K + 4·M; FLOP = 2·M·K (the dequantising ops are not counted).

override WG_SIZE: u32 = 32;
override ROWS: u32 = 1;
// Padded K / 32 (the plan pads K to a multiple of the group size with weight 0 = nibble 8).
override K_CHUNKS: u32 = 1;
// 32-weight chunks per scale group: 1 (group 32) or 2 (group 64).
override GROUP_CHUNKS: u32 = 1;
// Rows a workgroup: 4 or 8.
override ROWS_PER_WG: u32 = 4;
override F16_SCALES: bool = false;

@group(0) @binding(0) var<storage, read> packed: array<vec4<u32>>;
// f32 bits, or two f16 per word (scale 2i in the low half).
@group(0) @binding(1) var<storage, read> scales: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

// One step's x: WG_SIZE chunks of 8 vec4, each padded to 9 (a chunk read by consecutive invocations lands on
// distinct banks).
const X_STRIDE = 9u;
var<workgroup> xSlice: array<vec4<f32>, WG_SIZE * X_STRIDE>;

const TWO_POW_23 = 8388608.0;
const MAGIC = vec4<u32>(0x4B000000u);
const NIBBLES = vec4<u32>(0xFu, 0xF0u, 0xF00u, 0xF000u);
const UNSCALE = vec4<f32>(1.0, 0.0625, 0.00390625, 0.000244140625);

fn scaleAt(index: u32) -> f32 {
  if (F16_SCALES) {
    let pair = unpack2x16float(scales[index / 2u]);
    return select(pair.x, pair.y, (index & 1u) == 1u);
  }
  return bitcast<f32>(scales[index]);
}

// Σ nibble_j · x_j over the 8 weights of one word, x pre-scaled by 16^-(j mod 4).
fn nibbleDot(word: u32, xLow: vec4<f32>, xHigh: vec4<f32>) -> f32 {
  let low = bitcast<vec4<f32>>((vec4<u32>(word) & NIBBLES) | MAGIC) - vec4<f32>(TWO_POW_23);
  let high = bitcast<vec4<f32>>((vec4<u32>(word >> 16u) & NIBBLES) | MAGIC) - vec4<f32>(TWO_POW_23);
  return dot(low, xLow) + dot(high, xHigh);
}

// Row `row`'s share of chunk c: its scale × (Σ nibble·x − 8·Σx), x pre-scaled in `xs`.
fn rowPartial(row: u32, c: u32, xs: ptr<function, array<vec4<f32>, 8>>, eightSumX: f32) -> f32 {
  let words = packed[row * K_CHUNKS + c];
  let dotN = (nibbleDot(words.x, (*xs)[0], (*xs)[1]) + nibbleDot(words.y, (*xs)[2], (*xs)[3])) +
    (nibbleDot(words.z, (*xs)[4], (*xs)[5]) + nibbleDot(words.w, (*xs)[6], (*xs)[7]));
  return scaleAt(row * (K_CHUNKS / GROUP_CHUNKS) + c / GROUP_CHUNKS) * (dotN - eightSumX);
}

@compute @workgroup_size(WG_SIZE)
fn main(inv: Invocation, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let row0 = (wid.x + wid.y * nwg.x) * ROWS_PER_WG;
  if (row0 >= ROWS) {
    return;
  }
  let last = ROWS - 1u;
  // Component r of lo: row row0 + r; of hi: row row0 + 4 + r (rows past the last repeat it, discarded).
  var lo = vec4<f32>(0.0);
  var hi = vec4<f32>(0.0);
  for (var c0 = 0u; c0 < K_CHUNKS; c0 += WG_SIZE) {
    // Cooperative, contiguous: vec4 v of this step's slice by invocation v mod WG_SIZE.
    for (var j = 0u; j < 8u; j++) {
      let v = j * WG_SIZE + inv.lid;
      let k4 = c0 * 8u + v;
      xSlice[(v / 8u) * X_STRIDE + v % 8u] = select(vec4<f32>(0.0), x[min(k4, K_CHUNKS * 8u - 1u)], k4 < K_CHUNKS * 8u);
    }
    workgroupBarrier();
    let c = c0 + inv.lid;
    if (c < K_CHUNKS) {
      var xs: array<vec4<f32>, 8>;
      var xSum = vec4<f32>(0.0);
      for (var j = 0u; j < 8u; j++) {
        let v = xSlice[inv.lid * X_STRIDE + j];
        xSum += v;
        xs[j] = v * UNSCALE;
      }
      let eightSumX = 8.0 * ((xSum.x + xSum.y) + (xSum.z + xSum.w));
      lo += vec4<f32>(
        rowPartial(row0, c, &xs, eightSumX),
        rowPartial(min(row0 + 1u, last), c, &xs, eightSumX),
        rowPartial(min(row0 + 2u, last), c, &xs, eightSumX),
        rowPartial(min(row0 + 3u, last), c, &xs, eightSumX),
      );
      if (ROWS_PER_WG > 4u) {
        hi += vec4<f32>(
          rowPartial(min(row0 + 4u, last), c, &xs, eightSumX),
          rowPartial(min(row0 + 5u, last), c, &xs, eightSumX),
          rowPartial(min(row0 + 6u, last), c, &xs, eightSumX),
          rowPartial(min(row0 + 7u, last), c, &xs, eightSumX),
        );
      }
    }
    // The next step overwrites the slice only after everyone has read it.
    workgroupBarrier();
  }
  let low = workgroupSum4(lo, inv, 0u);
  var high = vec4<f32>(0.0);
  if (ROWS_PER_WG > 4u) {
    high = workgroupSum4(hi, inv, 1u);
  }
  if (inv.lid == 0u) {
    for (var r = 0u; r < ROWS_PER_WG; r++) {
      if (row0 + r < ROWS) {
        if (r < 4u) {
          y[row0 + r] = low[r];
        } else {
          y[row0 + r] = high[r - 4u];
        }
      }
    }
  }
}
