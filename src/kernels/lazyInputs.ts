// Seeded inputs made when first needed and dropped after the case. A full-profile plan holds 64–256 MB of
// pseudo-random data (and its CPU-reference copy); a suite that made every plan's data up front held over
// 2 GB and spent seconds before its first dispatch. The data is a pure function of the seed, so a released
// input made again is the same, bit for bit.

import type { BufferSpec } from './types.ts';

export interface LazyInputs<T> {
  /** The inputs, made on the first call and kept until `release`. */
  (): T;
  /** Drops them (the next call makes them again). */
  release(): void;
}

export function lazyInputs<T>(make: () => T): LazyInputs<T> {
  let value: T | undefined;
  const get = (() => {
    value ??= make();
    return value;
  }) as LazyInputs<T>;
  get.release = () => {
    value = undefined;
  };
  return get;
}

/** A read-only input buffer whose contents `data()` makes when the GPU side first reads them. */
export function lazyInputBuffer(
  name: string,
  byteLength: number,
  data: () => ArrayBufferView,
  options: { rotate?: boolean } = {},
): BufferSpec {
  return {
    name,
    role: 'read-only-storage',
    byteLength,
    get data() {
      return data();
    },
    ...(options.rotate ? { rotate: true } : {}),
  };
}
