// How gemv-batched spreads a workgroup over K, rows and batch columns (shaders/gemv-batched.wgsl).
// Register budget: 32 f32 accumulators and 8 vec4 of X per invocation (MAX_ACC, MAX_COLS in the shader).

export interface BatchedLayout {
  readonly workgroupSize: number;
  readonly kLanes: number;
  readonly rowLanes: number;
  readonly colLanes: number;
  readonly rowsPerInvocation: number;
  readonly colsPerInvocation: number;
  readonly tileRows: number;
  /** Columns X and Y hold (B rounded up to colLanes · colsPerInvocation; extra columns are zero). */
  readonly paddedBatch: number;
  /** K is padded to a multiple of this (16 K per k-lane per tile). */
  readonly kMultiple: number;
  readonly tileVec4: number;
  /** Workgroup-memory f32 slots for the k-lane partial sums. */
  readonly partials: number;
  readonly workgroupBytes: number;
}

const MAX_ACC = 32;
const MAX_COLS = 8;
const ROW_LANES = 4;
const TILE_STRIDE = 5;
/**
 * ≤ 8 rows per invocation keeps ≥ 128 workgroups at M = 4096 (tile ≤ 32 rows), enough to occupy a
 * 132-SM H100; more rows would trade parallelism for fewer re-reads of X.
 */
const MAX_ROWS_PER_INVOCATION = 8;

export const MAX_BATCH = 32 * MAX_COLS;

export function batchedLayout(
  batch: number,
  workgroupSize: number,
  maxWorkgroupBytes: number,
  elemBytes: number,
): BatchedLayout {
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_BATCH) {
    throw new Error(`gemv-batched: B must be an integer from 1 to ${MAX_BATCH} (got ${batch})`);
  }
  let colLanes = 1;
  while (colLanes * 2 <= Math.min(batch, 32, workgroupSize / ROW_LANES)) colLanes *= 2;
  const colsPerInvocation = Math.ceil(batch / colLanes);
  if (colsPerInvocation > MAX_COLS) {
    throw new Error(`gemv-batched: B=${batch} needs more than ${MAX_COLS} columns per invocation`);
  }
  const kLanes = workgroupSize / (ROW_LANES * colLanes);
  let rowsPerInvocation = Math.max(
    1,
    Math.min(MAX_ROWS_PER_INVOCATION, Math.floor(MAX_ACC / colsPerInvocation), Math.floor(32 / kLanes)),
  );
  const partialsFor = (rows: number) => (kLanes > 1 ? workgroupSize * rows * colsPerInvocation : 1);
  const bytesFor = (rows: number) =>
    ROW_LANES * rows * kLanes * TILE_STRIDE * 4 * elemBytes + 4 * partialsFor(rows);
  while (rowsPerInvocation > 1 && bytesFor(rowsPerInvocation) > maxWorkgroupBytes) rowsPerInvocation -= 1;
  if (bytesFor(rowsPerInvocation) > maxWorkgroupBytes) {
    throw new Error(`gemv-batched: needs ${bytesFor(rowsPerInvocation)} bytes of workgroup memory`);
  }
  const tileRows = ROW_LANES * rowsPerInvocation;
  return {
    workgroupSize,
    kLanes,
    rowLanes: ROW_LANES,
    colLanes,
    rowsPerInvocation,
    colsPerInvocation,
    tileRows,
    paddedBatch: colLanes * colsPerInvocation,
    kMultiple: 16 * kLanes,
    tileVec4: tileRows * kLanes * TILE_STRIDE,
    partials: partialsFor(rowsPerInvocation),
    workgroupBytes: bytesFor(rowsPerInvocation),
  };
}
