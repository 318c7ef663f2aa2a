// Library (linked after a kernel by src/kernels/wgsl.ts composeWgsl): the sum of one f32 per invocation over
// the workgroup through a workgroup-memory tree, for devices without the 'subgroups' feature.
// Needs the kernel's `override WG_SIZE: u32` (a power of two). Every invocation must call it in uniform
// control flow (it has barriers); the total is returned to invocation 0 (others get partial sums).

var<workgroup> reduceScratch: array<f32, WG_SIZE>;

fn workgroupSum(value: f32, lid: u32) -> f32 {
  reduceScratch[lid] = value;
  workgroupBarrier();
  for (var stride = WG_SIZE / 2u; stride > 0u; stride >>= 1u) {
    if (lid < stride) {
      reduceScratch[lid] += reduceScratch[lid + stride];
    }
    workgroupBarrier();
  }
  let total = reduceScratch[0];
  // The next call may overwrite the scratch only after everyone has read it.
  workgroupBarrier();
  return total;
}
