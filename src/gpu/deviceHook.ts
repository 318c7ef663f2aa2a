// A GPU object that hands every device it opens to a hook first: fault injection for tests (destroy the
// device mid-run, make allocations fail) in Node (tests/gpu/runner.test.ts) and in the page's worker
// (bench/faults.ts). The adapter is wrapped in a Proxy whose methods stay bound to the real object, since
// WebGPU methods check `this` is the native object they belong to.

/** Gets the device the runner opened; may return a stand-in (e.g. a Proxy) for the runner to use instead. */
export type DeviceHook = (device: GPUDevice) => GPUDevice | undefined;

/** `target` with the members `override` returns something for replaced; the rest read through, bound. */
export function overrideMembers<T extends object>(target: T, override: (key: string | symbol) => unknown): T {
  return new Proxy(target, {
    get(t, key) {
      const replaced = override(key);
      if (replaced !== undefined) return replaced;
      const value = Reflect.get(t, key, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

export function withDeviceHook(gpu: GPU, onDevice: DeviceHook): GPU {
  const hookAdapter = (adapter: GPUAdapter): GPUAdapter =>
    overrideMembers(adapter, (key) =>
      key === 'requestDevice'
        ? async (descriptor?: GPUDeviceDescriptor) => {
            const device = await adapter.requestDevice(descriptor);
            return onDevice(device) ?? device;
          }
        : undefined,
    );
  return overrideMembers(gpu, (key) =>
    key === 'requestAdapter'
      ? async (options?: GPURequestAdapterOptions) => {
          const adapter = await gpu.requestAdapter(options);
          return adapter ? hookAdapter(adapter) : null;
        }
      : undefined,
  );
}
