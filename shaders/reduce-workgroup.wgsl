// Library (linked after a kernel by src/kernels/wgsl.ts composeWgsl): the sum of one vec4<f32> per invocation
// over the workgroup through a workgroup-memory tree, for devices without the 'subgroups' feature; the total
// is returned to every invocation. Same contract as reduce-subgroup.wgsl (`override WG_SIZE: u32`, a power of
// two here; `inv: Invocation` taken by the entry point; uniform control flow). `parity` is unused: the tree's
// last barrier already orders every read of the scratch before the next call's writes.

struct Invocation {
  @builtin(local_invocation_index) lid: u32,
}

var<workgroup> reduceScratch: array<vec4<f32>, WG_SIZE>;

fn workgroupSum4(value: vec4<f32>, inv: Invocation, parity: u32) -> vec4<f32> {
  reduceScratch[inv.lid] = value;
  workgroupBarrier();
  for (var stride = WG_SIZE / 2u; stride > 0u; stride >>= 1u) {
    if (inv.lid < stride) {
      reduceScratch[inv.lid] += reduceScratch[inv.lid + stride];
    }
    workgroupBarrier();
  }
  let total = reduceScratch[0];
  // The next call may overwrite the scratch only after everyone has read it.
  workgroupBarrier();
  return total;
}
