// The measured cases the explorer reads from a run (roofs and the batched-GEMV curve), as partial
// measurements: the unit tests of measuredRoofs.ts and the explorer's browser test share them.

export function gemvCase(B: number, seconds: number, M = 4096, K = 4096) {
  return {
    kernel: 'gemv-batched',
    dtype: 'f16',
    shape: { M, K, B },
    verified: true,
    error: null,
    secondsPerDispatch: { best: seconds, median: seconds },
  };
}

/** A verified stream or FMA case: the explorer's roofs come from these (not a document's roofs field). */
export function roofCase(kernel: 'stream-read' | 'fma-peak', bytesPerSecond: number, flopsPerSecond: number) {
  return {
    kernel,
    dtype: 'f32',
    label: kernel,
    shape: {},
    verified: true,
    error: null,
    secondsPerDispatch: { best: 1e-3, median: 1e-3 },
    bytesPerSecond,
    flopsPerSecond,
  };
}
