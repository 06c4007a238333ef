import type { InputError } from "../../errors.js";
import { PyCallable, PyDict, PySet, PyTuple, describe } from "./python-values.js";
import { STORAGE_DTYPES } from "./torch-dtype.js";
import { TorchClass, TorchStorage, TorchTensor } from "./torch-objects.js";

export type Fail = (at: number, what: string, expected: string, code?: string) => InputError;

const TENSOR_CLASSES = ["Tensor", "FloatTensor", "DoubleTensor", "HalfTensor", "BFloat16Tensor", "LongTensor", "IntTensor", "ShortTensor", "CharTensor", "ByteTensor", "BoolTensor"];
const DTYPE_NAMES = ["float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool", "complex32", "complex64", "complex128"];

/**
 * The allow-list of a torch pickle: what `torch.load(weights_only=True)` accepts, plus the
 * builtins protocol 2 uses for sets and bytes. Each entry is our own builder of plain data;
 * nothing named in a file is ever looked up or run. Sparse, quantized and meta tensors are
 * named so that the message says what they are.
 */
export function torchGlobals(fail: Fail): Map<string, unknown> {
  const globals = new Map<string, unknown>();
  const add = (qualname: string, call: (args: readonly unknown[], at: number) => unknown): void => {
    globals.set(qualname, new PyCallable(qualname, call));
  };
  const int = (v: unknown, at: number, what: string): number => {
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw fail(at, `${what} is ${describe(v)}`, "a non-negative integer");
    return v;
  };
  const ints = (v: unknown, at: number, what: string): number[] => {
    const items = v instanceof PyTuple ? v.items : Array.isArray(v) ? v : undefined;
    if (items === undefined) throw fail(at, `${what} is ${describe(v)}`, "a tuple of integers");
    return items.map((x) => int(x, at, `an element of the ${what}`));
  };
  const rebuildTensor = (args: readonly unknown[], at: number): TorchTensor => {
    const [storage, offset, size, stride] = args;
    if (!(storage instanceof TorchStorage)) throw fail(at, `rebuilds a tensor from ${describe(storage)}`, "a storage");
    const shape = ints(size, at, "tensor size");
    const strides = ints(stride, at, "tensor stride");
    if (strides.length !== shape.length) throw fail(at, `tensor size has ${shape.length} dimensions but its stride ${strides.length}`, "one stride per dimension", "E_SHAPE");
    return new TorchTensor(storage, int(offset, at, "storage offset"), shape, strides);
  };
  const tensorArg = (v: unknown, at: number, what: string): TorchTensor => {
    if (!(v instanceof TorchTensor)) throw fail(at, `${what} is ${describe(v)}`, "a tensor");
    return v;
  };
  const unsupported = (what: string) => (_: readonly unknown[], at: number): never => {
    throw fail(at, `holds a ${what}`, "dense tensors", "E_DTYPE");
  };

  add("torch._utils._rebuild_tensor_v2", (args, at) => rebuildTensor(args, at));
  add("torch._utils._rebuild_tensor", (args, at) => rebuildTensor(args, at));
  add("torch._utils._rebuild_parameter", (args, at) => tensorArg(args[0], at, "a parameter's data"));
  add("torch._utils._rebuild_parameter_with_state", (args, at) => tensorArg(args[0], at, "a parameter's data"));
  add("torch._tensor._rebuild_from_type_v2", (args, at) => {
    const [fn, , inner] = args;
    if (!(fn instanceof PyCallable)) throw fail(at, `rebuilds a tensor subclass with ${describe(fn)}`, "a torch rebuild function");
    if (!(inner instanceof PyTuple)) throw fail(at, `passes ${describe(inner)} to ${fn.qualname}`, "a tuple");
    return tensorArg(fn.call(inner.items, at), at, "a rebuilt tensor");
  });
  add("torch._utils._rebuild_sparse_tensor", unsupported("sparse tensor"));
  add("torch._utils._rebuild_sparse_csr_tensor", unsupported("sparse tensor"));
  add("torch._utils._rebuild_meta_tensor_no_storage", unsupported("meta tensor (no data)"));
  add("torch._utils._rebuild_qtensor", unsupported("quantized tensor"));
  add("torch.serialization._get_layout", (args) => args[0]);
  add("torch.Size", (args) => args[0]);
  add("collections.OrderedDict", (args, at) => {
    const d = new PyDict();
    const pairs = args[0];
    if (pairs === undefined) return d;
    const items = Array.isArray(pairs) ? pairs : pairs instanceof PyTuple ? pairs.items : undefined;
    if (items === undefined) throw fail(at, `OrderedDict of ${describe(pairs)}`, "a list of pairs");
    for (const pair of items) {
      if (!(pair instanceof PyTuple) || pair.items.length !== 2) throw fail(at, `OrderedDict item is ${describe(pair)}`, "a (key, value) pair");
      d.map.set(pair.items[0], pair.items[1]);
    }
    return d;
  });
  for (const module of ["builtins", "__builtin__"]) {
    for (const name of ["set", "frozenset"]) {
      add(`${module}.${name}`, (args, at) => {
        const s = new PySet();
        const items = args[0] === undefined ? [] : Array.isArray(args[0]) ? args[0] : args[0] instanceof PyTuple ? args[0].items : undefined;
        if (items === undefined) throw fail(at, `${name} of ${describe(args[0])}`, "a list");
        for (const item of items) s.items.push(item);
        return s;
      });
    }
  }
  // protocol 2 pickles bytes as _codecs.encode(text, "latin1")
  add("_codecs.encode", (args, at) => {
    const [text, encoding] = args;
    if (typeof text !== "string" || (encoding !== "latin1" && encoding !== "latin-1")) throw fail(at, `_codecs.encode of ${describe(text)}`, "a string and 'latin1'");
    return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  });
  for (const [name, dtype] of STORAGE_DTYPES) globals.set(`torch.${name}`, new TorchClass(`torch.${name}`, dtype));
  for (const name of TENSOR_CLASSES) globals.set(`torch.${name}`, new TorchClass(`torch.${name}`));
  globals.set("torch.nn.parameter.Parameter", new TorchClass("torch.nn.parameter.Parameter"));
  for (const name of DTYPE_NAMES) globals.set(`torch.${name}`, new TorchClass(`torch.${name}`));
  return globals;
}

/**
 * Reads a storage's persistent id: ('storage', torch.FloatStorage, key, location, numel) in a
 * zip, plus view metadata (view key, offset, size) or None in the legacy format. A legacy
 * ('module', cls, ...) id is a whole model's class.
 */
export function storageFromPid(pid: unknown, at: number, fail: Fail): TorchStorage {
  const items = pid instanceof PyTuple ? pid.items : [];
  const [kind, type, key, , numel, view] = items;
  if (kind === "module") {
    throw fail(at, `is a pickled whole model (its class ${describe(type)} is saved with it); actviz reads tensors and never runs a pickle's code`,
      "a state dict: torch.save(model.state_dict()), or the model exported to ONNX", "E_UNSAFE");
  }
  if (kind !== "storage" || !(type instanceof TorchClass) || type.dtype === undefined || typeof key !== "string") {
    throw fail(at, `persistent id is ${describe(pid)}`, "('storage', torch.<Type>Storage, key, location, size)");
  }
  if (typeof numel !== "number" || !Number.isSafeInteger(numel) || numel < 0) throw fail(at, `storage '${key}' has size ${describe(numel)}`, "a non-negative integer");
  if (view === undefined || view === null) return new TorchStorage(key, type.dtype, numel);
  const [viewKey, offset, size] = view instanceof PyTuple ? view.items : [];
  if (typeof viewKey !== "string" || typeof offset !== "number" || typeof size !== "number" || !Number.isSafeInteger(offset) || !Number.isSafeInteger(size) || offset < 0 || size < 0 || offset + size > numel) {
    throw fail(at, `storage '${key}' has view ${describe(view)}`, `(key, offset, size) inside its ${numel} elements`);
  }
  return new TorchStorage(key, type.dtype, size, offset);
}
