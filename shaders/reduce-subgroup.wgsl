// Library (linked after a kernel by src/kernels/wgsl.ts composeWgsl): the sum of one vec4<f32> per invocation
// over the workgroup, returned to every invocation. subgroupAdd within each subgroup, one slot per subgroup
// in workgroup memory, one barrier, then every subgroup adds the slots (a strided loop when there are more
// slots than lanes, e.g. SwiftShader's 4-wide subgroups) with a second subgroupAdd. The subgroup size comes
// from the `subgroup_size` built-in, not from a subgroupAdd(1u).
// Contract shared with reduce-workgroup.wgsl: the kernel declares `override WG_SIZE: u32`, takes
// `inv: Invocation` as an entry-point parameter and calls workgroupSum4 in uniform control flow. Successive
// calls alternate `parity` (0, 1, 0, …): a call writes one half of the slots while the previous call's half
// may still be being read, so back-to-back calls need no second barrier (the previous call's barrier orders
// the reads before any write to the same half).
// Assumes subgroups are runs of consecutive local_invocation_index values, as Vulkan, D3D12 and Metal
// drivers lay out 1-D workgroups; a device that did not would fail the kernel's verification.

enable subgroups;

struct Invocation {
  @builtin(local_invocation_index) lid: u32,
  @builtin(subgroup_size) subgroupSize: u32,
  @builtin(subgroup_invocation_id) lane: u32,
}

// Two halves of WG_SIZE / 4 slots (4: the smallest subgroup size WebGPU allows).
var<workgroup> reduceSlots: array<vec4<f32>, WG_SIZE / 2u>;

fn workgroupSum4(value: vec4<f32>, inv: Invocation, parity: u32) -> vec4<f32> {
  let half = (parity & 1u) * (WG_SIZE / 4u);
  let subgroupTotal = subgroupAdd(value);
  if (inv.lane == 0u) {
    reduceSlots[half + inv.lid / inv.subgroupSize] = subgroupTotal;
  }
  workgroupBarrier();
  // At least one slot: a workgroup smaller than a subgroup (32 invocations in a wave64) is one partial subgroup.
  let slots = (WG_SIZE + inv.subgroupSize - 1u) / inv.subgroupSize;
  var mine = vec4<f32>(0.0);
  for (var i = inv.lane; i < slots; i += inv.subgroupSize) {
    mine += reduceSlots[half + i];
  }
  return subgroupAdd(mine);
}
