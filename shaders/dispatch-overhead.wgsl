// The per-dispatch overhead (issue 22): a dispatch that does next to nothing. One invocation reads a word
// and writes one through a read_write binding, as every kernel here writes its output, so the device orders
// each dispatch after the one before (a barrier) exactly as it orders the real kernels' dispatches. Timed
// in passes of thousands, its time per dispatch is what launching and ordering one dispatch costs; the
// report subtracts it from the other cases' times for their corrected rates (src/measure/overhead.ts).
// Bytes and FLOP: counted as 0 (8 bytes move; the figure is a time, never a rate).

@group(0) @binding(0) var<storage, read> seed: array<u32>;
@group(0) @binding(1) var<storage, read_write> result: array<u32>;

@compute @workgroup_size(1)
fn main() {
  result[0] = seed[0] ^ 0x9e3779b9u;
}
