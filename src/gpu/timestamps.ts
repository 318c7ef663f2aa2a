// One class owns GPU pass timing (architecture convention 5; after webgpu-samples' TimestampQueryManager):
// pass-level timestampWrites when 'timestamp-query' exists, else the wall clock from submit to
// onSubmittedWorkDone. Timestamps stay u64 nanoseconds (bigint); measure/time.ts converts once.
//
// Resolution (issue 22): Dawn quantises timestamps by default (its timestamp_quantization toggle, against
// timing attacks): on SwiftShader and lavapipe every value was a multiple of 65,536 ns, so a pass of a few
// µs read 0. The Node provider turns the toggle off (provider.node.ts); a browser keeps its own (Chrome:
// 100 µs). Whatever the runtime gave, the timer measures the resolution it obtained: the greatest common
// divisor of every raw timestamp it has read (a probe of empty passes at start, then every pass), so the
// sampler can make each timed pass ≥ 100 × it. An interval of 0 is below that resolution, not a broken
// counter; only an end before its beginning is.
import type { TimingMethod } from '../measure/document.ts';
import { nanosecondsFromMilliseconds } from '../measure/time.ts';

export type PassEncoder = (
  encoder: GPUCommandEncoder,
  timestampWrites: GPUComputePassTimestampWrites | undefined,
) => void;

const QUERY_BYTES = 16;

/**
 * Consecutive broken timestamp pairs (end before begin) after which the timer falls back to the wall clock
 * for good. Some drivers reorder or reset their counter; two in a row is a broken counter, not a glitch,
 * and stays below calibrateBatch's three-in-a-row limit so calibration can finish on the wall clock.
 */
export const INVALID_TIMESTAMPS_BEFORE_FALLBACK = 2;

/** Raw timestamps read before the common divisor counts as the resolution (16: ~1e-5 chance of 2× too coarse). */
const RESOLUTION_SAMPLES = 16;
/** Empty passes the resolution probe submits (two timestamps each). */
export const RESOLUTION_PROBE_PASSES = 8;

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export class PassTimer {
  private currentMethod: TimingMethod;
  private invalidInARow = 0;
  private readonly querySet: GPUQuerySet | null = null;
  private readonly resolveBuffer: GPUBuffer | null = null;
  private readonly readBuffer: GPUBuffer | null = null;
  /** Greatest common divisor of the raw timestamps read so far (0n: none yet), and how many. */
  private divisor = 0n;
  private timestampsRead = 0;
  private wallClockStepNs: bigint | null = null;

  constructor(
    private readonly device: GPUDevice,
    private readonly nowMilliseconds: () => number = () => performance.now(),
  ) {
    this.currentMethod = device.features.has('timestamp-query') ? 'timestamp-query' : 'wall-clock';
    if (this.currentMethod === 'timestamp-query') {
      this.querySet = device.createQuerySet({ type: 'timestamp', count: 2 });
      this.resolveBuffer = device.createBuffer({
        size: QUERY_BYTES,
        usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
      });
      this.readBuffer = device.createBuffer({
        size: QUERY_BYTES,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      });
    }
  }

  /** How passes are timed now: 'timestamp-query' until the counter proves broken, then 'wall-clock'. */
  get method(): TimingMethod {
    return this.currentMethod;
  }

  /**
   * The resolution the timer obtained, seconds: on timestamps, the common divisor of every raw value read
   * (null until RESOLUTION_SAMPLES were read); on the wall clock, its smallest step. Null when not known.
   */
  get resolutionSeconds(): number | null {
    if (this.currentMethod === 'timestamp-query') {
      return this.timestampsRead >= RESOLUTION_SAMPLES && this.divisor > 0n
        ? Number(this.divisor) / 1e9
        : null;
    }
    this.wallClockStepNs ??= this.measureWallClockStep();
    return this.wallClockStepNs > 0n ? Number(this.wallClockStepNs) / 1e9 : null;
  }

  /** Times RESOLUTION_PROBE_PASSES empty passes, so the resolution is known before the first case. */
  async probeResolution(): Promise<number | null> {
    for (let pass = 0; pass < RESOLUTION_PROBE_PASSES && this.currentMethod === 'timestamp-query'; pass++) {
      await this.time((encoder, timestampWrites) => {
        encoder.beginComputePass(timestampWrites ? { timestampWrites } : {}).end();
      });
    }
    return this.resolutionSeconds;
  }

  /**
   * Encodes one pass with `encode`, submits it and returns its duration in nanoseconds: 0n when it was below
   * the timer's resolution (both timestamps in one tick), null when the timestamps are broken (end before
   * begin: a GPU may reset or reorder its counter).
   */
  async time(encode: PassEncoder): Promise<bigint | null> {
    const encoder = this.device.createCommandEncoder();
    if (this.currentMethod === 'timestamp-query' && this.querySet && this.resolveBuffer && this.readBuffer) {
      encode(encoder, { querySet: this.querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 });
      encoder.resolveQuerySet(this.querySet, 0, 2, this.resolveBuffer, 0);
      encoder.copyBufferToBuffer(this.resolveBuffer, 0, this.readBuffer, 0, QUERY_BYTES);
      this.device.queue.submit([encoder.finish()]);
      await this.readBuffer.mapAsync(GPUMapMode.READ);
      const [begin, end] = new BigUint64Array(this.readBuffer.getMappedRange().slice(0));
      this.readBuffer.unmap();
      if (begin === undefined || end === undefined || end < begin) {
        this.invalidInARow++;
        if (this.invalidInARow >= INVALID_TIMESTAMPS_BEFORE_FALLBACK) this.currentMethod = 'wall-clock';
        return null;
      }
      this.invalidInARow = 0;
      this.divisor = gcd(gcd(this.divisor, begin), end);
      this.timestampsRead += 2;
      return end - begin;
    }
    encode(encoder, undefined);
    const commands = encoder.finish();
    const start = this.nowMilliseconds();
    this.device.queue.submit([commands]);
    await this.device.queue.onSubmittedWorkDone();
    const delta = nanosecondsFromMilliseconds(this.nowMilliseconds() - start);
    return delta >= 0n ? delta : null;
  }

  /** The wall clock's smallest step: the least change seen over a few reads that changed it. */
  private measureWallClockStep(): bigint {
    let step = -1;
    for (let tries = 0; tries < 5; tries++) {
      const first = this.nowMilliseconds();
      let next = first;
      // performance.now() steps every 5–100 µs in browsers and well under a µs in Node: a few thousand reads
      for (let reads = 0; reads < 100_000 && next === first; reads++) next = this.nowMilliseconds();
      if (next > first && (step < 0 || next - first < step)) step = next - first;
    }
    return step > 0 ? nanosecondsFromMilliseconds(step) : 0n;
  }

  destroy(): void {
    this.querySet?.destroy();
    this.resolveBuffer?.destroy();
    this.readBuffer?.destroy();
  }
}
