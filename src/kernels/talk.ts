// The talk profile: a live conference demo ("measure this laptop", an audience measuring its own devices)
// that draws four points on the roofline one by one: the memory roof from DRAM (stream-read over ≥ 4 × the
// last-level cache across its rotated sets, workingSet.ts, or marked cache-resident where the adapter
// cannot hold that much), the f32 FMA roof, one f32 GEMV (memory-bound) and one f32 GEMM (compute-bound). Shapes are sized
// to the device: its limits, its published traits where its name matches a device profile, a CPU adapter's
// own small sizes, and, at run time, the runner's timed probe of one dispatch, which re-plans anything too
// slow for this device smaller (bench/runPlans.ts). Pure: no GPU here.
import type { DeviceTraits } from './deviceProfiles.ts';
import { maxBindingBytes } from './elements.ts';
import { fmaGridInvocations } from './fmaPeak.ts';
import type { KernelLimits } from './options.ts';
import type { KernelDtype, KernelName } from './types.ts';

/** The kernels and dtypes the talk profile measures, in the order the points land. */
export const TALK_CASES: Readonly<Partial<Record<KernelName, readonly KernelDtype[]>>> = {
  'stream-read': ['f32'],
  'fma-peak': ['f32'],
  gemv: ['f32'],
  gemm: ['f32'],
};

/**
 * Memory bandwidth assumed for a GPU no profile names: a laptop's. Assumption: current laptop GPUs span
 * about 70–400 GB/s (LPDDR5 integrated graphics to Apple's M3 Max); 200 GB/s sits in the middle, and the
 * runner's probe shrinks a case that turns out slower.
 */
export const ASSUMED_GPU_BYTES_PER_SECOND = 200e9;

/**
 * One memory-bound dispatch lasts about this long at the device's bandwidth: far above the ≥ 100 µs a
 * dispatch needs for its launch overhead to stay a few per cent, far below the runner's 25 ms re-plan line.
 */
const TALK_DISPATCH_SECONDS = 0.5e-3;

const MiB = 1 << 20;
/**
 * Bounds of one memory-bound set on a GPU: below 32 MiB a dispatch is tens of µs; 1 GiB keeps a dispatch of
 * a B200 (8 TB/s) at 134 µs, and is a quarter of the binding limit where a device profile applies.
 */
const MIN_GPU_SET_BYTES = 32 * MiB;
const MAX_GPU_SET_BYTES = 1024 * MiB;
/**
 * A CPU adapter runs workgroups as coroutines: SwiftShader on two busy cores read 0.13–0.26 GB/s through
 * stream-read (its quick-profile fixture, and a talk run here), so 2 MiB is ~10 ms a dispatch, under the
 * runner's 25 ms re-plan line. Its 64 sets (128 MiB) cannot outgrow a 256 MB cache: cache-resident, said so.
 */
const CPU_SET_BYTES = 2 * MiB;
/** K of the talk GEMV: the GEMV ÷ stream target is stated at K ≥ 4096 (measure/ratios.ts). */
const TALK_GEMV_K = 4096;

function largestPowerOfTwoAtMost(value: number): number {
  let p = 1;
  while (p * 2 <= value) p *= 2;
  return p;
}

/** Bytes of one memory-bound set on this device: about TALK_DISPATCH_SECONDS of its bandwidth. */
export function talkSetBytes(device: DeviceTraits, limits: KernelLimits): number {
  const binding = Math.floor(maxBindingBytes(limits) / 16) * 16;
  if (device.cpuAdapter === true) return Math.min(CPU_SET_BYTES, binding);
  const bandwidth = device.memoryBytesPerSecond ?? ASSUMED_GPU_BYTES_PER_SECOND;
  const wanted = largestPowerOfTwoAtMost(bandwidth * TALK_DISPATCH_SECONDS);
  return Math.min(Math.max(MIN_GPU_SET_BYTES, Math.min(MAX_GPU_SET_BYTES, wanted)), binding);
}

/** The talk profile's shape of `kernel` on this device (one point each). */
export function talkShape(
  kernel: KernelName,
  device: DeviceTraits,
  limits: KernelLimits,
): Readonly<Record<string, number>> {
  const cpu = device.cpuAdapter === true;
  switch (kernel) {
    case 'stream-read':
      return { n: talkSetBytes(device, limits) / 4 };
    case 'gemv':
      // On a CPU adapter 64 rows (1 MiB): SwiftShader's GEMV, a workgroup reduction per row, read 0.03 GB/s
      // here, so 128 rows took 33 ms a dispatch and were re-planned.
      return {
        M: cpu ? 64 : Math.floor(talkSetBytes(device, limits) / (4 * TALK_GEMV_K)),
        K: TALK_GEMV_K,
      };
    case 'fma-peak':
      // CPU: 16k invocations × 64 iterations = 67 MFLOP, ~9 ms at the 7.8 GFLOP/s SwiftShader reached here.
      // GPU: the full profile's whole-wave grid at a quarter of its iterations (17 GFLOP at 2^19
      // invocations, ~5 ms on a 3.5 TFLOP/s laptop GPU).
      return cpu
        ? { invocations: 16_384, iterations: 64 }
        : { invocations: fmaGridInvocations(device, limits), iterations: 512 };
    case 'gemm': {
      // 2048³ (17 GFLOP) where the device is known to be large, 1024³ (2.1 GFLOP) on an unknown GPU, 128³ on
      // a CPU (SwiftShader took 47 ms for it here, 247 ms for 256³); halved until an operand fits one binding.
      let side = cpu ? 128 : (device.computeUnits ?? 0) >= 64 ? 2048 : 1024;
      while (side > 128 && side * side * 4 > maxBindingBytes(limits)) side /= 2;
      return { M: side, N: side, K: side };
    }
    default:
      throw new Error(`the talk profile does not measure ${kernel}`);
  }
}
