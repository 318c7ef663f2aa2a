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

export class PassTimer {
  readonly method: TimingMethod;
  private readonly querySet: GPUQuerySet | null = null;
  private readonly resolveBuffer: GPUBuffer | null = null;
  private readonly readBuffer: GPUBuffer | null = null;

  constructor(
    private readonly device: GPUDevice,
    private readonly nowMilliseconds: () => number = () => performance.now(),
  ) {
    this.method = device.features.has('timestamp-query') ? 'timestamp-query' : 'wall-clock';
    if (this.method === 'timestamp-query') {
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

  /**
   * Encodes one pass with `encode`, submits it and returns its duration in nanoseconds, or null when the
   * timestamps are invalid (end before begin, or equal: a GPU may reset or reorder its counter).
   */
  async time(encode: PassEncoder): Promise<bigint | null> {
    const encoder = this.device.createCommandEncoder();
    if (this.querySet && this.resolveBuffer && this.readBuffer) {
      encode(encoder, { querySet: this.querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 });
      encoder.resolveQuerySet(this.querySet, 0, 2, this.resolveBuffer, 0);
      encoder.copyBufferToBuffer(this.resolveBuffer, 0, this.readBuffer, 0, QUERY_BYTES);
      this.device.queue.submit([encoder.finish()]);
      await this.readBuffer.mapAsync(GPUMapMode.READ);
      const [begin, end] = new BigUint64Array(this.readBuffer.getMappedRange().slice(0));
      this.readBuffer.unmap();
      if (begin === undefined || end === undefined || end <= begin) return null;
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
