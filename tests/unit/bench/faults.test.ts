// The page's fault-injection test hook (bench/faults.ts): which URLs ask for a fault, and when each fires.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { faultFromSearch, injectFault, WORKER_CRASH_MESSAGE } from '../../../src/bench/faults.ts';

describe('faultFromSearch(location.search)', () => {
  it('reads fault=device-loss, worker-crash and wrong-result; nothing without the parameter; an Error for others', () => {
    expect(faultFromSearch('')).toBeNull();
    expect(faultFromSearch('?model=kimi-k2.6')).toBeNull();
    expect(faultFromSearch('?fault=device-loss')).toBe('device-loss');
    expect(faultFromSearch('?batch=4&fault=worker-crash')).toBe('worker-crash');
    expect(faultFromSearch('?fault=wrong-result')).toBe('wrong-result');
    const unknown = faultFromSearch('?fault=meteor');
    expect(unknown).toBeInstanceOf(Error);
    expect((unknown as Error).message).toBe(
      'unknown fault “meteor” (known: device-loss, worker-crash, worker-silent, wrong-result)',
    );
  });
});

describe('injectFault(gpu, fault)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('without a fault: the same GPU, and afterCase does nothing', () => {
    const gpu = {} as GPU;
    const injection = injectFault(gpu, null);
    expect(injection.gpu).toBe(gpu);
    expect(() => injection.afterCase(undefined)).not.toThrow();
  });

  it('device-loss destroys the device the runner opened, once, after the first case', async () => {
    const destroy = vi.fn();
    const device = { destroy, label: 'fake' } as unknown as GPUDevice;
    const adapter = { requestDevice: async () => device, features: new Set() } as unknown as GPUAdapter;
    const injection = injectFault({ requestAdapter: async () => adapter } as unknown as GPU, 'device-loss');
    const opened = await (await injection.gpu.requestAdapter())!.requestDevice();
    expect(opened).toBe(device);
    expect(destroy).not.toHaveBeenCalled();
    injection.afterCase(undefined);
    injection.afterCase(undefined);
    expect(destroy).toHaveBeenCalledTimes(1);
  });

  it('worker-crash throws from a timer once the snapshot was delivered, and only once', async () => {
    vi.useFakeTimers();
    const injection = injectFault({} as GPU, 'worker-crash');
    let deliver = () => {};
    injection.afterCase(new Promise<void>((done) => (deliver = done)));
    injection.afterCase(Promise.resolve());
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(0);
    deliver();
    await Promise.resolve();
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(1);
    expect(() => vi.runOnlyPendingTimers()).toThrow(WORKER_CRASH_MESSAGE);
  });

  it('wrong-result turns the first value of the first verification readback into NaN, and nothing else', async () => {
    const range = () => new Float32Array([1, 2]).buffer;
    const buffers: { label: string; getMappedRange: () => ArrayBuffer }[] = [];
    const device = {
      createBuffer(descriptor: GPUBufferDescriptor) {
        const buffer = { label: descriptor.label ?? '', getMappedRange: range };
        buffers.push(buffer);
        return buffer;
      },
    } as unknown as GPUDevice;
    const adapter = { requestDevice: async () => device } as unknown as GPUAdapter;
    const injection = injectFault({ requestAdapter: async () => adapter } as unknown as GPU, 'wrong-result');
    const opened = await (await injection.gpu.requestAdapter())!.requestDevice();
    const timestamps = opened.createBuffer({ size: 16, usage: 0 });
    const first = opened.createBuffer({ label: 'stream-read f32 readback', size: 8, usage: 0 });
    const second = opened.createBuffer({ label: 'stream-copy f32 readback', size: 8, usage: 0 });
    expect([...new Float32Array(timestamps.getMappedRange())]).toEqual([1, 2]);
    const corrupted = [...new Float32Array(first.getMappedRange())];
    expect(corrupted[0]).toBeNaN();
    expect(corrupted[1]).toBe(2);
    expect([...new Float32Array(first.getMappedRange())]).toEqual([1, 2]);
    expect([...new Float32Array(second.getMappedRange())]).toEqual([1, 2]);
  });
});
