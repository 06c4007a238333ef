/**
 * The model's bytes with `names` declared as more graph outputs, so that ONNX Runtime returns
 * those intermediate tensors. Nothing is decoded or re-encoded: one more `graph` field (ModelProto
 * field 7) holding only `output` entries (GraphProto field 12, ValueInfoProto name = field 1) is
 * appended, and protobuf merges it into the model's graph. Names already declared as outputs must
 * be left out by the caller (a duplicate is accepted silently by ONNX Runtime, but is pointless).
 */
export function addGraphOutputs(model: Uint8Array, names: readonly string[]): Uint8Array {
  if (names.length === 0) return model;
  const encoder = new TextEncoder();
  const outputs = names.map((name) => {
    const text = encoder.encode(name);
    const info = concat([Uint8Array.of(0x0a), varint(text.length), text]); // ValueInfoProto.name
    return concat([Uint8Array.of(0x62), varint(info.length), info]); // GraphProto.output
  });
  const graph = concat(outputs);
  return concat([model, Uint8Array.of(0x3a), varint(graph.length), graph]); // ModelProto.graph
}

function varint(n: number): Uint8Array {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Uint8Array.from(out);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
