// PassTimer against a scripted device: the bigint delta, invalid pairs, and the fallback to the wall clock
// when a driver's pass timestamps prove broken. (tests/gpu/timestamps.test.ts runs it on Dawn.)
import { beforeAll, describe, expect, it } from 'vitest';
import { INVALID_TIMESTAMPS_BEFORE_FALLBACK, PassTimer } from '../../../src/gpu/timestamps.ts';

beforeAll(() => {
  // The WebGPU enum globals a browser (or Dawn's `globals`) provides; only the flags PassTimer uses.
  const g = globalThis as Record<string, unknown>;
  g['GPUBufferUsage'] ??= { QUERY_RESOLVE: 0x200, COPY_SRC: 0x4, COPY_DST: 0x8, MAP_READ: 0x1 };
  g['GPUMapMode'] ??= { READ: 0x1 };
});

/** A device whose resolved timestamps are scripted pairs; counts what PassTimer does with it. */
function scriptedDevice(pairs: [bigint, bigint][], hasTimestamps = true) {
  const log = { submits: 0, workDoneWaits: 0, timestampWrites: [] as unknown[] };
  let mapped = new BigUint64Array(2);
  const device = {
    features: new Set(hasTimestamps ? ['timestamp-query'] : []),
    createQuerySet: () => ({ destroy() {} }),
    createBuffer: () => ({
      destroy() {},
      async mapAsync() {
        const [begin, end] = pairs.shift() ?? [0n, 0n];
        mapped = new BigUint64Array([begin, end]);
      },
      getMappedRange: () => mapped.buffer,
      unmap() {},
    }),
    createCommandEncoder: () => ({
      beginComputePass: () => ({ end() {} }),
      resolveQuerySet() {},
      copyBufferToBuffer() {},
      finish: () => ({}),
    }),
    queue: {
      submit: () => {
        log.submits++;
      },
      onSubmittedWorkDone: async () => {
        log.workDoneWaits++;
      },
    },
  };
  return { device: device as unknown as GPUDevice, log };
}

const encode = (log: { timestampWrites: unknown[] }) => (_encoder: GPUCommandEncoder, writes: unknown) => {
  log.timestampWrites.push(writes);
};

describe('PassTimer (scripted device)', () => {
  it('returns end − begin in nanoseconds as a bigint, beyond 2^53 without loss', async () => {
    const big = 2n ** 60n;
    const { device, log } = scriptedDevice([[big, big + 20_000_123n]]);
    const timer = new PassTimer(device);
    expect(await timer.time(encode(log))).toBe(20_000_123n);
    expect(log.timestampWrites[0]).toMatchObject({ beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 });
  });

  it('an end before its beginning is broken (null); an equal pair is below resolution (0n), not broken', async () => {
    const { device, log } = scriptedDevice([
      [500n, 100n],
      [100n, 300n],
      [7n, 7n],
      [900n, 800n],
      [100n, 400n],
      [8n, 8n],
      [9n, 9n],
    ]);
    const timer = new PassTimer(device);
    expect(await timer.time(encode(log))).toBeNull();
    expect(await timer.time(encode(log))).toBe(200n);
    expect(await timer.time(encode(log))).toBe(0n);
    expect(await timer.time(encode(log))).toBeNull();
    expect(await timer.time(encode(log))).toBe(300n);
    // zero intervals in a row never count as a broken counter
    expect(await timer.time(encode(log))).toBe(0n);
    expect(await timer.time(encode(log))).toBe(0n);
    expect(timer.method).toBe('timestamp-query');
  });

  it(`falls back to the wall clock after ${INVALID_TIMESTAMPS_BEFORE_FALLBACK} broken pairs in a row`, async () => {
    const { device, log } = scriptedDevice([
      [9n, 3n],
      [9n, 3n],
    ]);
    const clock = [10, 30.5];
    const timer = new PassTimer(device, () => clock.shift() ?? 0);
    expect(await timer.time(encode(log))).toBeNull();
    expect(await timer.time(encode(log))).toBeNull();
    expect(timer.method).toBe('wall-clock');
    expect(await timer.time(encode(log))).toBe(20_500_000n);
    expect(log.timestampWrites.at(-1)).toBeUndefined();
    expect(log.workDoneWaits).toBe(1);
  });

  it('records the resolution obtained: the common divisor of every raw timestamp, once 16 are read', async () => {
    const tick = 65_536n;
    const pairs: [bigint, bigint][] = Array.from({ length: 8 }, (_, i) => [
      tick * BigInt(1000 + 7 * i),
      tick * BigInt(1000 + 7 * i + (i % 3)),
    ]);
    const { device, log } = scriptedDevice(pairs);
    const timer = new PassTimer(device);
    expect(timer.resolutionSeconds).toBeNull();
    expect(await timer.probeResolution()).toBeCloseTo(65.536e-6, 12);
    expect(log.submits).toBe(8);
    // full-resolution timestamps: the divisor falls to 1 ns
    const fine = scriptedDevice(
      Array.from(
        { length: 8 },
        (_, i) => [BigInt(1_000_003 + i * 977), BigInt(2_000_029 + i * 1_013)] as [bigint, bigint],
      ),
    );
    const fineTimer = new PassTimer(fine.device);
    await fineTimer.probeResolution();
    expect(fineTimer.resolutionSeconds).toBe(1e-9);
  });

  it('without the feature it times submit → onSubmittedWorkDone from the start', async () => {
    const { device, log } = scriptedDevice([], false);
    const clock = [1, 1.000_25];
    const timer = new PassTimer(device, () => clock.shift() ?? 0);
    expect(timer.method).toBe('wall-clock');
    expect(await timer.time(encode(log))).toBe(250n);
    expect(log.timestampWrites).toEqual([undefined]);
  });
});
