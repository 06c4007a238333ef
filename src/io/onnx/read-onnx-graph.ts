import { inputError } from "../input-error.js";
import { WireError, wireFields, wireFloat, wireInt, wireMessage, wireString, type WireField } from "./protobuf-wire.js";

/** A tensor's declared type: its element type and static dims (a number, a symbol such as "N", or null). */
export interface OnnxValueInfo {
  name: string;
  /** ONNX's TensorProto.DataType (1 float, 11 double, 7 int64, ...); 0 when not declared. */
  elemType: number;
  /** null when the shape is not declared. */
  shape: (number | string | null)[] | null;
}

/** An attribute of a node: the number, text or numbers it holds. */
export interface OnnxAttribute {
  name: string;
  float?: number;
  int?: number;
  string?: string;
}

export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
}

/** What actviz needs of a model: the main graph's nodes and declared values. Subgraphs (If, Loop) are not read. */
export interface OnnxGraph {
  irVersion: number;
  /** The default domain's opset (0 when not declared). */
  opset: number;
  nodes: OnnxNode[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  valueInfo: OnnxValueInfo[];
  initializers: Set<string>;
}

const EXPECTED = "an ONNX model (a ModelProto, as torch.onnx.export writes)";

/**
 * Reads an ONNX ModelProto's main graph from its bytes, by the protobuf wire format: ModelProto
 * ir_version (1), opset_import (8), graph (7); GraphProto node (1), initializer (5), input (11),
 * output (12), value_info (13), sparse_initializer (15); repeated occurrences of a message field
 * are merged as protobuf merges them. Weights are skipped, never decoded. Malformed bytes are an
 * InputError naming the byte offset.
 */
export function readOnnxGraph(bytes: Uint8Array, source: string): OnnxGraph {
  if (bytes.length === 0) throw inputError(source, "", "file is empty (0 bytes)", EXPECTED, "E_EMPTY");
  const g: OnnxGraph = { irVersion: 0, opset: 0, nodes: [], inputs: [], outputs: [], valueInfo: [], initializers: new Set() };
  let graphs = 0;
  try {
    for (const f of wireFields(bytes)) {
      if (f.field === 1) g.irVersion = wireInt(f);
      else if (f.field === 7) {
        readGraph(wireMessage(f), f.offset, g);
        graphs++;
      } else if (f.field === 8) {
        let domain = "";
        let version = 0;
        for (const o of wireFields(wireMessage(f), f.offset)) {
          if (o.field === 1) domain = wireString(o);
          else if (o.field === 2) version = wireInt(o);
        }
        if (domain === "" || domain === "ai.onnx") g.opset = version;
      }
    }
  } catch (err) {
    if (err instanceof WireError) throw inputError(source, `byte ${err.offset}`, `not a valid ONNX model: ${err.message}`, EXPECTED, "E_FORMAT", err);
    throw err;
  }
  if (graphs === 0 || g.irVersion <= 0) {
    throw inputError(source, "", graphs === 0 ? "not an ONNX model: no graph" : "not an ONNX model: no ir_version", EXPECTED, "E_FORMAT");
  }
  return g;
}

function readGraph(bytes: Uint8Array, base: number, g: OnnxGraph): void {
  for (const f of wireFields(bytes, base)) {
    switch (f.field) {
      case 1:
        g.nodes.push(readNode(wireMessage(f), f.offset));
        break;
      case 5:
        g.initializers.add(tensorName(wireMessage(f), f.offset));
        break;
      case 11:
        g.inputs.push(readValueInfo(wireMessage(f), f.offset));
        break;
      case 12:
        g.outputs.push(readValueInfo(wireMessage(f), f.offset));
        break;
      case 13:
        g.valueInfo.push(readValueInfo(wireMessage(f), f.offset));
        break;
      case 15: // SparseTensorProto: values (1) is a TensorProto holding the name
        for (const s of wireFields(wireMessage(f), f.offset)) if (s.field === 1) g.initializers.add(tensorName(wireMessage(s), s.offset));
        break;
    }
  }
}

/** TensorProto's name (field 8); its data is skipped. */
function tensorName(bytes: Uint8Array, base: number): string {
  let name = "";
  for (const f of wireFields(bytes, base)) if (f.field === 8) name = wireString(f);
  return name;
}

function readNode(bytes: Uint8Array, base: number): OnnxNode {
  const node: OnnxNode = { name: "", opType: "", domain: "", inputs: [], outputs: [], attributes: [] };
  for (const f of wireFields(bytes, base)) {
    if (f.field === 1) node.inputs.push(wireString(f));
    else if (f.field === 2) node.outputs.push(wireString(f));
    else if (f.field === 3) node.name = wireString(f);
    else if (f.field === 4) node.opType = wireString(f);
    else if (f.field === 7) node.domain = wireString(f);
    else if (f.field === 5) node.attributes.push(readAttribute(wireMessage(f), f.offset));
  }
  return node;
}

/** AttributeProto: name (1), f (2), i (3), s (4); tensors, graphs and lists are not read. */
function readAttribute(bytes: Uint8Array, base: number): OnnxAttribute {
  const a: OnnxAttribute = { name: "" };
  for (const f of wireFields(bytes, base)) {
    if (f.field === 1) a.name = wireString(f);
    else if (f.field === 2) a.float = wireFloat(f);
    else if (f.field === 3) a.int = wireInt(f);
    else if (f.field === 4) a.string = wireString(f);
  }
  return a;
}

/** ValueInfoProto: name (1), type (2) -> TypeProto.tensor_type (1) -> elem_type (1), shape (2) -> dim (1). */
function readValueInfo(bytes: Uint8Array, base: number): OnnxValueInfo {
  const v: OnnxValueInfo = { name: "", elemType: 0, shape: null };
  for (const f of wireFields(bytes, base)) {
    if (f.field === 1) v.name = wireString(f);
    else if (f.field === 2) {
      for (const t of wireFields(wireMessage(f), f.offset)) {
        if (t.field !== 1) continue; // sequence, map, optional types: no tensor shape
        for (const tt of wireFields(wireMessage(t), t.offset)) {
          if (tt.field === 1) v.elemType = wireInt(tt);
          else if (tt.field === 2) v.shape = readShape(tt);
        }
      }
    }
  }
  return v;
}

function readShape(f: WireField): (number | string | null)[] {
  const dims: (number | string | null)[] = [];
  for (const d of wireFields(wireMessage(f), f.offset)) {
    if (d.field !== 1) continue;
    let dim: number | string | null = null;
    for (const x of wireFields(wireMessage(d), d.offset)) {
      if (x.field === 1) dim = wireInt(x);
      else if (x.field === 2) dim = wireString(x);
    }
    dims.push(dim);
  }
  return dims;
}
