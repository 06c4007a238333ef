import type { ElementType } from "./decode-elements.js";
import { inputError } from "../input-error.js";
import type { PyValue } from "../text/python-literal.js";

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const SUPPORTED = "one of f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 with byte order < > | =";

const REFUSED: Record<string, string> = {
  c: "complex",
  O: "object (pickled Python objects)",
  S: "byte string",
  a: "byte string",
  U: "unicode string",
  V: "void/structured",
  M: "datetime64",
  m: "timedelta64",
};

/**
 * The element type of a numpy dtype string such as '<f4', '>i8', '|u1', '=f2' or '|b1'.
 * '=' (native) and '|' (not applicable) mean the host's byte order.
 * Complex, structured, string, object and datetime dtypes are refused, naming the dtype.
 */
export function npyDtype(descr: PyValue, source: string): ElementType {
  if (typeof descr !== "string") {
    const what = descr !== null && typeof descr === "object" && descr.kind === "list" ? "structured arrays (a list of fields) are" : "a 'descr' that is not a string is";
    throw inputError(source, "dtype", `${what} not supported`, SUPPORTED, "E_DTYPE");
  }
  const match = /^([<>|=]?)([a-zA-Z])(\d+)$/.exec(descr);
  const order = match?.[1] ?? "";
  const kind = match?.[2] ?? descr.replace(/^[<>|=]/, "")[0] ?? "";
  const size = Number(match?.[3]);
  const allowed: Record<string, number[]> = { f: [2, 4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };
  if (match === null || !(allowed[kind] ?? []).includes(size)) {
    const what = REFUSED[kind] === undefined ? "this dtype is not supported" : `${REFUSED[kind]} arrays are not supported`;
    throw inputError(source, `dtype '${descr}'`, what, SUPPORTED, "E_DTYPE");
  }
  const littleEndian = order === "<" ? true : order === ">" ? false : HOST_LITTLE_ENDIAN;
  return { kind: kind as ElementType["kind"], size, littleEndian };
}
