// Library (linked after a kernel by src/kernels/wgsl.ts composeWgsl): the sum of one f32 per invocation over
// the workgroup with subgroupAdd, then one slot per subgroup in workgroup memory; same contract as
// reduce-workgroup.wgsl (needs `override WG_SIZE: u32`, called by every invocation in uniform control flow,
// total returned to invocation 0).
// Assumes subgroups are runs of consecutive local_invocation_index values, as Vulkan, D3D12 and Metal
// drivers lay out 1-D workgroups; a device that did not would fail the kernel's verification.

enable subgroups;

var<workgroup> reduceScratch: array<f32, WG_SIZE>;

fn workgroupSum(value: f32, lid: u32) -> f32 {
  let subgroupTotal = subgroupAdd(value);
  // In uniform control flow every invocation is active, so this is the subgroup size.
  let subgroupLength = subgroupAdd(1u);
  if (lid % subgroupLength == 0u) {
    reduceScratch[lid / subgroupLength] = subgroupTotal;
  }
  workgroupBarrier();
  var total = 0.0;
  if (lid == 0u) {
    for (var i = 0u; i < WG_SIZE / subgroupLength; i++) {
      total += reduceScratch[i];
    }
  }
  workgroupBarrier();
  return total;
}
