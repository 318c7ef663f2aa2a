// A one-node ONNX model, C = MatMul(A, B) in f32, encoded by hand (the ONNX protobuf schema, onnx/onnx.proto:
// ModelProto, GraphProto, NodeProto, ValueInfoProto, TypeProto.Tensor, TensorShapeProto), so the peers
// benchmark needs no model file and no protobuf library. Only the fields ONNX Runtime reads are written.

/** A protobuf varint (non-negative integers below 2^53). */
function varint(value: number): number[] {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return bytes;
}

const utf8 = (text: string) => [...new TextEncoder().encode(text)];
/** Field `n` as a varint (wire type 0). */
const intField = (n: number, value: number) => [...varint(n << 3), ...varint(value)];
/** Field `n` length-delimited (wire type 2): a string, bytes or an embedded message. */
const bytesField = (n: number, bytes: readonly number[]) => [
  ...varint((n << 3) | 2),
  ...varint(bytes.length),
  ...bytes,
];
const stringField = (n: number, text: string) => bytesField(n, utf8(text));

/** TensorProto.DataType.FLOAT. */
const FLOAT = 1;

/** ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type FLOAT, shape: dims } } }. */
function valueInfo(name: string, dims: readonly number[]): number[] {
  const shape = dims.flatMap((d) => bytesField(1, intField(1, d)));
  const tensorType = [...intField(1, FLOAT), ...bytesField(2, shape)];
  return [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

/** An ONNX model (IR version 8, opset 13) with inputs a [M, K], b [K, N] and output c [M, N] = a · b. */
export function matMulModel(M: number, K: number, N: number): Uint8Array {
  const node = [
    ...stringField(1, 'a'),
    ...stringField(1, 'b'),
    ...stringField(2, 'c'),
    ...stringField(3, 'matmul'),
    ...stringField(4, 'MatMul'),
  ];
  const graph = [
    ...bytesField(1, node),
    ...stringField(2, 'ridgeline-peers'),
    ...bytesField(11, valueInfo('a', [M, K])),
    ...bytesField(11, valueInfo('b', [K, N])),
    ...bytesField(12, valueInfo('c', [M, N])),
  ];
  const opset = [...stringField(1, ''), ...intField(2, 13)];
  return Uint8Array.from([
    ...intField(1, 8),
    ...stringField(2, 'ridgeline'),
    ...bytesField(7, graph),
    ...bytesField(8, opset),
  ]);
}
