// Seeded inputs made on the device (issue 22): every word of a buffer is a pure function of (seed, its
// index), a counter-based hash (Chris Wellons' "lowbias32", a murmur3-style finaliser), so a 512 MB profile
// fills in milliseconds on a GPU instead of seconds of JavaScript, and the CPU reference (src/kernels/fill.ts)
// recomputes exactly the values it checks. Values are exact in their type, so no conversion rounding can
// differ between the GPU and the CPU: f32 elements are k·2^-23 − 1 (k < 2^24), f16 elements k·2^-10 − 1
// (k < 2^11, packed two a word with pack2x16float, exact since representable), scales (1 + k)·2^-9 (k < 16).
// A matrix buffer is paddedCols wide: element (row, col) holds the value of counter row·cols + col when
// row < rows and col < cols, zero in the padding. q4 words are a hash each (of the word's index), their
// nibbles past cols set to 8 (weight 0).

// A uniform, not overrides: one pipeline fills every buffer of a run (an override would compile one per
// buffer, seconds each on a CPU adapter).
struct Fill {
  // 0: f32, 1: f16 (two a word), 2: q4 words, 3: f32 scales, 4: f16 scales (two a word).
  mode: u32,
  seed: u32,
  rows: u32,
  cols: u32,
  paddedCols: u32,
  // Words to write (the buffer's length in u32).
  count: u32,
}

// 64: within every adapter's limits (compatibility mode allows 128 invocations, 128 along x).
const WG_SIZE = 64u;

@group(0) @binding(0) var<storage, read_write> words: array<u32>;
@group(0) @binding(1) var<uniform> fill: Fill;

fn lowbias32(value: u32) -> u32 {
  var x = value;
  x ^= x >> 16u;
  x *= 0x7feb352du;
  x ^= x >> 15u;
  x *= 0x846ca68bu;
  x ^= x >> 16u;
  return x;
}

fn draw(counter: u32) -> u32 {
  return lowbias32(counter ^ lowbias32(fill.seed));
}

// Element e of the padded layout: its value, or 0 in the padding.
fn element(e: u32) -> f32 {
  let row = e / fill.paddedCols;
  let col = e % fill.paddedCols;
  if (row >= fill.rows || col >= fill.cols) {
    return 0.0;
  }
  let h = draw(row * fill.cols + col);
  if (fill.mode == 1u) {
    return f32(h >> 21u) * 0.0009765625 - 1.0;
  }
  if (fill.mode >= 3u) {
    return f32(1u + (h & 15u)) * 0.001953125;
  }
  return f32(h >> 8u) * 1.1920928955078125e-7 - 1.0;
}

@compute @workgroup_size(WG_SIZE)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x + wid.y * nwg.x) * WG_SIZE + lid;
  if (i >= fill.count) {
    return;
  }
  if (fill.mode == 2u) {
    var word = draw(i);
    let first = (i * 8u) % fill.paddedCols;
    for (var j = 0u; j < 8u; j++) {
      if (first + j >= fill.cols) {
        word = (word & ~(0xfu << (4u * j))) | (8u << (4u * j));
      }
    }
    words[i] = word;
  } else if (fill.mode == 1u || fill.mode == 4u) {
    words[i] = pack2x16float(vec2<f32>(element(2u * i), element(2u * i + 1u)));
  } else {
    words[i] = bitcast<u32>(element(i));
  }
}
