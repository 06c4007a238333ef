import { InputError } from "../../errors.js";
import { inputError } from "../input-error.js";
import { PyCallable, PyDict, PySet, PyTuple, RefusedGlobal, describe, printable } from "./python-values.js";

export interface UnpickleOptions {
  /** The file name, for messages. */
  source: string;
  /** Prefix of every place in messages ("archive/data.pkl: "), or "" when `base` counts from the file's start. */
  place: string;
  /** Where the pickle starts in `bytes`; positions in messages count from the file's start or from `place`. */
  start: number;
  /** The allow-list: a global's qualified name ("collections.OrderedDict") to what it builds. */
  globals: ReadonlyMap<string, PyCallable | unknown>;
  /** BINPERSID / PERSID: the value a persistent id stands for (torch's storages). */
  persistentLoad: (pid: unknown, at: number) => unknown;
}

/** Integers wider than this many bytes are refused (torch's largest, the legacy magic number, has 10). */
const MAX_LONG_BYTES = 64;

/**
 * Reads one pickle (protocols 0 to 5) starting at `o.start` without running anything: every
 * data opcode builds its value (ints, floats, str, bytes, tuples, lists, dicts as Maps, sets,
 * None, booleans); a global is looked up in `o.globals` and anything not there becomes a
 * RefusedGlobal, an InputError as soon as the pickle calls, instantiates or returns it. Returns
 * the value and the position just after STOP. Malformed bytes are InputErrors (E_PICKLE).
 */
export function unpickle(bytes: Uint8Array, o: UnpickleOptions): { value: unknown; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let pos = o.start;
  let at = pos; // the current opcode's position
  let stack: unknown[] = [];
  const metastack: unknown[][] = [];
  const memo = new Map<number, unknown>();
  const refused: RefusedGlobal[] = [];

  const fail = (what: string, expected: string, code = "E_PICKLE"): InputError =>
    inputError(o.source, `${o.place}byte ${at - (o.place === "" ? 0 : o.start)}`, what, expected, code);
  const need = (n: number): number => {
    if (!Number.isSafeInteger(n) || n < 0 || pos + n > bytes.length) {
      throw fail(`needs ${n} more bytes but the file has ${bytes.length - pos}`, "a complete pickle", "E_TRUNCATED");
    }
    const p = pos;
    pos += n;
    return p;
  };
  const u8 = (): number => bytes[need(1)]!;
  const u16 = (): number => view.getUint16(need(2), true);
  const u32 = (): number => view.getUint32(need(4), true);
  const u64 = (): number => {
    const p = need(8);
    const v = view.getUint32(p + 4, true) * 4294967296 + view.getUint32(p, true);
    return v > bytes.length ? Infinity : v; // larger than the file: need() refuses it
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw fail("a text field has no end of line", "a newline-terminated field", "E_TRUNCATED");
    const text = new TextDecoder("latin1").decode(bytes.subarray(pos, end));
    pos = end + 1;
    return text;
  };
  const text = (n: number): string => {
    const p = need(n);
    try {
      return utf8.decode(bytes.subarray(p, p + n));
    } catch {
      throw fail("a string is not valid UTF-8", "UTF-8 text");
    }
  };
  const pop = (): unknown => {
    if (stack.length === 0) throw fail("pops an empty stack", "a well-formed pickle");
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) throw fail("uses an empty stack", "a well-formed pickle");
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const previous = metastack.pop();
    if (previous === undefined) throw fail("has no MARK to pop to", "a well-formed pickle");
    stack = previous;
    return items;
  };
  const memoGet = (key: number): unknown => {
    if (!memo.has(key)) throw fail(`refers to memo ${key}, which was never stored`, "a well-formed pickle");
    return memo.get(key);
  };
  const signedInt = (n: number): number | bigint => {
    if (n > MAX_LONG_BYTES) throw fail(`an integer of ${n} bytes`, `at most ${MAX_LONG_BYTES} bytes`);
    const p = need(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[p + i]!);
    if (n > 0 && bytes[p + n - 1]! >= 0x80) v -= 1n << BigInt(8 * n);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
  const decimal = (s: string, what: string): number | bigint => {
    const t = s.replace(/L$/, "");
    if (!/^[+-]?\d+$/.test(t)) throw fail(`${what} '${s}' is not an integer`, "a decimal integer");
    const v = BigInt(t);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
  const global = (module: string, name: string): unknown => {
    const qualname = `${module}.${name}`;
    if (o.globals.has(qualname)) return o.globals.get(qualname);
    const r = new RefusedGlobal(printable(qualname), at);
    refused.push(r);
    return r;
  };
  const call = (fn: unknown, args: unknown, how: "call" | "instantiate"): unknown => {
    if (fn instanceof RefusedGlobal) throw refusal(fn, how);
    if (!(fn instanceof PyCallable)) throw fail(`${how === "call" ? "calls" : "instantiates"} ${describe(fn)}`, "a function or class");
    if (!(args instanceof PyTuple)) throw fail(`passes ${describe(args)} as the arguments of ${fn.qualname}`, "a tuple");
    return fn.call(args.items, at);
  };
  const refusal = (g: RefusedGlobal, how: "call" | "instantiate" | "return"): InputError => {
    at = g.at;
    if (how === "instantiate") {
      return fail(`is a pickled Python object of class ${g.qualname}, such as a whole model saved by torch.save(model); actviz reads tensors and never runs a pickle's code`,
        "a state dict: torch.save(model.state_dict()), or the model exported to ONNX", "E_UNSAFE");
    }
    return fail(`${how === "call" ? "calls" : "refers to"} ${g.qualname}, which is not one of the functions torch writes for tensors; refused, nothing was run`,
      "only tensors, containers and numbers, as torch.save(state_dict) writes them", "E_UNSAFE");
  };
  const setItems = (dict: unknown, items: readonly unknown[]): void => {
    if (!(dict instanceof PyDict)) throw fail(`sets items on ${describe(dict)}`, "a dict");
    if (items.length % 2 !== 0) throw fail(`has ${items.length} items for key-value pairs`, "an even count");
    for (let i = 0; i < items.length; i += 2) dict.map.set(key(items[i]), items[i + 1]);
  };
  const key = (k: unknown): unknown => (k instanceof Uint8Array ? new TextDecoder("latin1").decode(k) : k);

  for (;;) {
    at = pos;
    const op = u8();
    switch (op) {
      case 0x80: { // PROTO
        const version = u8();
        if (version > 5) throw fail(`pickle protocol ${version}`, "protocol 0 to 5");
        break;
      }
      case 0x95: u64(); break; // FRAME: a length we do not need
      case 0x2e: { // STOP
        const value = pop();
        if (refused.length > 0) throw refusal(refused[0]!, "return");
        return { value, end: pos };
      }
      case 0x28: metastack.push(stack); stack = []; break; // MARK
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      // memo
      case 0x70: memo.set(Number(decimal(line(), "memo key")), top()); break; // PUT
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x67: stack.push(memoGet(Number(decimal(line(), "memo key")))); break; // GET
      case 0x68: stack.push(memoGet(u8())); break; // BINGET
      case 0x6a: stack.push(memoGet(u32())); break; // LONG_BINGET
      // constants and numbers
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x49: { // INT
        const s = line();
        stack.push(s === "01" ? true : s === "00" ? false : decimal(s, "INT"));
        break;
      }
      case 0x4c: stack.push(decimal(line(), "LONG")); break; // LONG
      case 0x4a: stack.push(view.getInt32(need(4), true)); break; // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: stack.push(signedInt(u8())); break; // LONG1
      case 0x8b: stack.push(signedInt(u32())); break; // LONG4
      case 0x46: { // FLOAT
        const s = line().trim();
        const v = /^(?:[+-]?(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?|inf|nan))$/i.test(s) ? Number(s.replace(/^([+-]?)inf$/i, "$1Infinity").replace(/^[+-]?nan$/i, "NaN")) : NaN;
        if (Number.isNaN(v) && !/nan$/i.test(s)) throw fail(`FLOAT '${s}' is not a number`, "a decimal number");
        stack.push(v);
        break;
      }
      case 0x47: stack.push(view.getFloat64(need(8), false)); break; // BINFLOAT (big-endian)
      // strings and bytes
      case 0x58: stack.push(text(u32())); break; // BINUNICODE
      case 0x8c: stack.push(text(u8())); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(text(u64())); break; // BINUNICODE8
      case 0x56: stack.push(line().replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, a: string, b: string) => String.fromCodePoint(Math.min(parseInt(a ?? b, 16), 0x10ffff)))); break; // UNICODE
      case 0x53: { // STRING: a quoted Python 2 str
        const s = line();
        if (s.length < 2 || s[0] !== s[s.length - 1] || (s[0] !== "'" && s[0] !== '"')) throw fail("STRING is not quoted", "a quoted string");
        stack.push(s.slice(1, -1));
        break;
      }
      case 0x54: stack.push(new TextDecoder("latin1").decode(bytes.subarray(need(u32()), pos))); break; // BINSTRING
      case 0x55: stack.push(new TextDecoder("latin1").decode(bytes.subarray(need(u8()), pos))); break; // SHORT_BINSTRING
      case 0x42: stack.push(bytes.subarray(need(u32()), pos)); break; // BINBYTES
      case 0x43: stack.push(bytes.subarray(need(u8()), pos)); break; // SHORT_BINBYTES
      case 0x8e: case 0x96: stack.push(bytes.subarray(need(u64()), pos)); break; // BINBYTES8, BYTEARRAY8
      // containers
      case 0x29: stack.push(new PyTuple([])); break; // EMPTY_TUPLE
      case 0x74: { const t = new PyTuple(popMark()); stack.push(t); break; } // TUPLE
      case 0x85: stack.push(new PyTuple([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push(new PyTuple([a, b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push(new PyTuple([a, b, c])); break; } // TUPLE3
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x6c: { const l = popMark(); stack.push(l); break; } // LIST
      case 0x61: { // APPEND
        const item = pop();
        const list = top();
        if (!Array.isArray(list)) throw fail(`appends to ${describe(list)}`, "a list");
        list.push(item);
        break;
      }
      case 0x65: { // APPENDS
        const items = popMark();
        const list = top();
        if (!Array.isArray(list)) throw fail(`appends to ${describe(list)}`, "a list");
        for (const item of items) list.push(item);
        break;
      }
      case 0x7d: stack.push(new PyDict()); break; // EMPTY_DICT
      case 0x64: { const d = new PyDict(); setItems(d, popMark()); stack.push(d); break; } // DICT
      case 0x73: { const v = pop(); const k = pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x8f: stack.push(new PySet()); break; // EMPTY_SET
      case 0x90: { // ADDITEMS
        const items = popMark();
        const set = top();
        if (!(set instanceof PySet)) throw fail(`adds items to ${describe(set)}`, "a set");
        for (const item of items) set.items.push(item);
        break;
      }
      case 0x91: { const s = new PySet(); const items = popMark(); for (const item of items) s.items.push(item); stack.push(s); break; } // FROZENSET
      // globals, calls, objects
      case 0x63: { const module = line(); stack.push(global(module, line())); break; } // GLOBAL
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== "string" || typeof name !== "string") throw fail("STACK_GLOBAL of a non-string name", "a module and a name");
        stack.push(global(module, name));
        break;
      }
      case 0x52: { const args = pop(); stack.push(call(pop(), args, "call")); break; } // REDUCE
      case 0x81: { const args = pop(); stack.push(call(pop(), args, "instantiate")); break; } // NEWOBJ
      case 0x92: { pop(); const args = pop(); stack.push(call(pop(), args, "instantiate")); break; } // NEWOBJ_EX
      case 0x6f: { const items = popMark(); const cls = items.shift(); stack.push(call(cls, new PyTuple(items), "instantiate")); break; } // OBJ
      case 0x69: { const module = line(); const cls = global(module, line()); const args = new PyTuple(popMark()); stack.push(call(cls, args, "instantiate")); break; } // INST
      case 0x62: { // BUILD: only the attributes torch sets on containers and tensors (OrderedDict._metadata); they are not needed
        pop();
        const target = top();
        if (target instanceof RefusedGlobal) throw refusal(target, "instantiate");
        if (target === null || typeof target !== "object" || target instanceof PyTuple || target instanceof PySet || Array.isArray(target) || target instanceof Uint8Array) {
          throw fail(`sets the state of ${describe(target)}`, "a dict or a tensor");
        }
        break;
      }
      case 0x51: stack.push(o.persistentLoad(pop(), at)); break; // BINPERSID
      case 0x50: stack.push(o.persistentLoad(line(), at)); break; // PERSID
      case 0x82: case 0x83: case 0x84: // EXT1, EXT2, EXT4
        throw fail("uses the copyreg extension registry", "globals by name", "E_UNSAFE");
      case 0x97: case 0x98: // NEXT_BUFFER, READONLY_BUFFER
        throw fail("refers to out-of-band buffers", "data inside the pickle");
      default:
        throw fail(`unknown opcode 0x${op.toString(16).padStart(2, "0")}`, "a pickle opcode of protocols 0 to 5");
    }
  }
}
