// One class owns GPU pass timing (architecture convention 5; after webgpu-samples' TimestampQueryManager):
// pass-level timestampWrites when 'timestamp-query' exists, else the wall clock from submit to
// onSubmittedWorkDone. Timestamps stay u64 nanoseconds (bigint); measure/time.ts converts once.
import type { TimingMethod } from '../measure/document.ts';
import { nanosecondsFromMilliseconds } from '../measure/time.ts';

export type PassEncoder = (
  encoder: GPUCommandEncoder,
  timestampWrites: GPUComputePassTimestampWrites | undefined,
) => void;

const QUERY_BYTES = 16;

/**
 * Consecutive invalid timestamp pairs after which the timer falls back to the wall clock for good. Some
 * drivers return zeros or out-of-order pass timestamps; two in a row is a broken counter, not a glitch,
 * and stays below calibrateBatch's three-in-a-row limit so calibration can finish on the wall clock.
 */
export const INVALID_TIMESTAMPS_BEFORE_FALLBACK = 2;

export class PassTimer {
  private currentMethod: TimingMethod;
  private invalidInARow = 0;
  private readonly querySet: GPUQuerySet | null = null;
  private readonly resolveBuffer: GPUBuffer | null = null;
  private readonly readBuffer: GPUBuffer | null = null;

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
   * Encodes one pass with `encode`, submits it and returns its duration in nanoseconds, or null when the
   * timestamps are invalid (end before begin, or equal: a GPU may reset or reorder its counter).
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
      if (begin === undefined || end === undefined || end <= begin) {
        this.invalidInARow++;
        if (this.invalidInARow >= INVALID_TIMESTAMPS_BEFORE_FALLBACK) this.currentMethod = 'wall-clock';
        return null;
      }
      this.invalidInARow = 0;
      return end - begin;
    }
    encode(encoder, undefined);
    const commands = encoder.finish();
    const start = this.nowMilliseconds();
    this.device.queue.submit([commands]);
    await this.device.queue.onSubmittedWorkDone();
    const delta = nanosecondsFromMilliseconds(this.nowMilliseconds() - start);
    return delta > 0n ? delta : null;
  }

  destroy(): void {
    this.querySet?.destroy();
    this.resolveBuffer?.destroy();
    this.readBuffer?.destroy();
  }
}
