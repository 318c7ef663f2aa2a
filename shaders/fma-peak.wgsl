// Compute roof: each invocation runs 8 independent vec4 fma chains (32 scalar FMAs per step, enough
// independent work to hide FMA latency on every current GPU) for ITERATIONS steps and stores their sum.
// The loop body is unrolled by hand, 4 steps (256 FLOP) per trip, so the loop's compare and branch cost
// under 1 % of the issue slots whether or not the driver unrolls (ITERATIONS is a multiple of 4).
// x ← fma(x, a, b) with 0 < a < 1 contracts towards b/(1−a), so values stay finite in f16 too; a and b come
// from a buffer, so the compiler can neither fold nor shorten the chains.
// FLOP = invocations · ITERATIONS · 8 chains · 4 lanes · 2. The plan sizes the grid in whole waves of the
// device where its compute units are known (src/kernels/fmaPeak.ts).

alias Elem = f32;

override WG_SIZE: u32 = 128;
override ITERATIONS: u32 = 256;

// coeffs[0] = a, coeffs[1] = b, coeffs[2 + c] = start of chain c.
@group(0) @binding(0) var<storage, read> coeffs: array<vec4<Elem>, 10>;
@group(0) @binding(1) var<storage, read_write> result: array<Elem>;

@compute @workgroup_size(WG_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let a = coeffs[0];
  let b = coeffs[1];
  // Invocations start from 64 different points (the CPU reference simulates each class).
  let offset = vec4<Elem>(Elem(gid.x % 64u) * Elem(0.015625));
  var x0 = coeffs[2] + offset;
  var x1 = coeffs[3] + offset;
  var x2 = coeffs[4] + offset;
  var x3 = coeffs[5] + offset;
  var x4 = coeffs[6] + offset;
  var x5 = coeffs[7] + offset;
  var x6 = coeffs[8] + offset;
  var x7 = coeffs[9] + offset;
  for (var i = 0u; i < ITERATIONS; i += 4u) {
    x0 = fma(x0, a, b); x1 = fma(x1, a, b); x2 = fma(x2, a, b); x3 = fma(x3, a, b);
    x4 = fma(x4, a, b); x5 = fma(x5, a, b); x6 = fma(x6, a, b); x7 = fma(x7, a, b);
    x0 = fma(x0, a, b); x1 = fma(x1, a, b); x2 = fma(x2, a, b); x3 = fma(x3, a, b);
    x4 = fma(x4, a, b); x5 = fma(x5, a, b); x6 = fma(x6, a, b); x7 = fma(x7, a, b);
    x0 = fma(x0, a, b); x1 = fma(x1, a, b); x2 = fma(x2, a, b); x3 = fma(x3, a, b);
    x4 = fma(x4, a, b); x5 = fma(x5, a, b); x6 = fma(x6, a, b); x7 = fma(x7, a, b);
    x0 = fma(x0, a, b); x1 = fma(x1, a, b); x2 = fma(x2, a, b); x3 = fma(x3, a, b);
    x4 = fma(x4, a, b); x5 = fma(x5, a, b); x6 = fma(x6, a, b); x7 = fma(x7, a, b);
  }
  let total = ((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7));
  result[gid.x] = (total.x + total.y) + (total.z + total.w);
}
