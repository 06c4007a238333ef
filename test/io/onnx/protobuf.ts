/** A tiny protobuf writer for tests: build ONNX models field by field. */
export type Field = [number, number | string | Uint8Array | Field[] | { float: number }];

function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, BigInt(n));
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

/** Encodes fields: numbers as varints, text and bytes and nested fields as length-delimited, { float } as fixed32. */
export function encode(fields: readonly Field[]): Uint8Array {
  const out: number[] = [];
  for (const [field, value] of fields) {
    if (typeof value === "number") out.push(...varint(field * 8), ...varint(value));
    else if (typeof value === "object" && "float" in value) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setFloat32(0, value.float, true);
      out.push(...varint(field * 8 + 5), ...b);
    } else {
      const body = typeof value === "string" ? new TextEncoder().encode(value) : value instanceof Uint8Array ? value : encode(value);
      out.push(...varint(field * 8 + 2), ...varint(body.length), ...body);
    }
  }
  return Uint8Array.from(out);
}


/** ValueInfoProto of a tensor (float32 unless elemType says) with these dims (numbers, or symbols). */
export function tensorInfo(name: string, dims: (number | string)[], elemType = 1): Field[] {
  const shape: Field[] = dims.map((d) => [1, [typeof d === "number" ? [1, d] : [2, d]]] as Field);
  return [[1, name], [2, [[1, [[1, elemType], [2, shape]]]]]];
}

/** NodeProto. */
export function node(op: string, inputs: string[], outputs: string[], attributes: Field[][] = []): Field[] {
  return [...inputs.map((i) => [1, i] as Field), ...outputs.map((o) => [2, o] as Field), [3, `${op}_${outputs[0]}`], [4, op], ...attributes.map((a) => [5, a] as Field)];
}
