// The hand-encoded ONNX MatMul model of bench:peers (scripts/peers/onnxModel.ts): the protobuf fields ONNX
// Runtime reads, decoded back here by a minimal reader (ONNX Runtime Web itself loads it in bench:peers).
import { describe, expect, it } from 'vitest';
import { matMulModel } from '../../../scripts/peers/onnxModel.ts';

type Field = { readonly field: number; readonly value: number | Uint8Array };

/** Top-level fields of a protobuf message (varints and length-delimited only, as the encoder writes). */
function fields(bytes: Uint8Array): Field[] {
  const out: Field[] = [];
  let i = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[i++]!;
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if (byte < 0x80) return value;
    }
  };
  while (i < bytes.length) {
    const key = varint();
    const wire = key & 7;
    if (wire === 0) out.push({ field: key >> 3, value: varint() });
    else if (wire === 2) {
      const length = varint();
      out.push({ field: key >> 3, value: bytes.subarray(i, i + length) });
      i += length;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return out;
}

const text = (v: number | Uint8Array) => new TextDecoder().decode(v as Uint8Array);
const sub = (fs: Field[], n: number) => fs.filter((f) => f.field === n).map((f) => f.value);

describe('matMulModel', () => {
  it('is ModelProto { ir_version 8, graph { MatMul(a, b) → c, typed f32 inputs and output }, opset 13 }', () => {
    const model = fields(matMulModel(300, 200, 1));
    expect(sub(model, 1)).toEqual([8]);
    const [opset] = sub(model, 8);
    expect(sub(fields(opset as Uint8Array), 2)).toEqual([13]);
    const graph = fields(sub(model, 7)[0] as Uint8Array);
    const node = fields(sub(graph, 1)[0] as Uint8Array);
    expect(sub(node, 1).map(text)).toEqual(['a', 'b']);
    expect(sub(node, 2).map(text)).toEqual(['c']);
    expect(sub(node, 4).map(text)).toEqual(['MatMul']);
    const dims = (info: Uint8Array) => {
      const type = fields(sub(fields(info), 2)[0] as Uint8Array);
      const tensor = fields(sub(type, 1)[0] as Uint8Array);
      expect(sub(tensor, 1)).toEqual([1]); // FLOAT
      return sub(fields(sub(tensor, 2)[0] as Uint8Array), 1).map((d) => sub(fields(d as Uint8Array), 1)[0]);
    };
    expect(sub(graph, 11).map((v) => dims(v as Uint8Array))).toEqual([
      [300, 200],
      [200, 1],
    ]);
    expect(sub(graph, 12).map((v) => dims(v as Uint8Array))).toEqual([[300, 1]]);
  });
});
