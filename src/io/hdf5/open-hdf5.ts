import { createRequire } from "node:module";
import type { Dataset, Group } from "jsfive";
import { decodeElements } from "../npy/decode-elements.js";
import { inputError } from "../input-error.js";
import type { Tensor } from "../tensor.js";

/**
 * The one file that talks to jsfive (a pure-JavaScript HDF5 reader): everything it throws,
 * Errors and plain strings alike, becomes an InputError naming the object being read.
 */

// Loaded on the first HDF5 file only (its CommonJS build, synchronously): importing it costs
// 50-130 ms, which no other input should pay.
let jsfive: typeof import("jsfive") | undefined;
const loadJsfive = (): typeof import("jsfive") => (jsfive ??= createRequire(import.meta.url)("jsfive") as typeof import("jsfive"));

/** An HDF5 group: its member names, a member by name, its attributes. */
export interface Hdf5Group {
  kind: "group";
  /** "/" for the root, "/layer1" below it. */
  path: string;
  names(): string[];
  /** The member `name` (a relative path such as "a/b" works too), or undefined if absent. */
  get(name: string): Hdf5Group | Hdf5Dataset | undefined;
  /** The attributes: numbers, strings (trailing NULs of fixed-length strings removed), or arrays of them. */
  attrs(): Record<string, unknown>;
}

/** An HDF5 dataset: its shape and dtype (numpy's spelling, "<f4"), read as a Tensor on demand. */
export interface Hdf5Dataset {
  kind: "dataset";
  path: string;
  shape: readonly number[];
  dtype: string;
  /** Where a contiguous dataset's values start in the file; undefined for chunked data. */
  dataOffset: number | undefined;
  attrs(): Record<string, unknown>;
  read(): Tensor;
}

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const NUMERIC = /^[<>=|]?([fiu])([1248])$/;
/** Deflate cannot expand data by more than about 1032:1: a dataset claiming more is corrupt. */
const MAX_EXPANSION = 1100;

/** True if `bytes` start with the HDF5 signature \x89HDF\r\n\x1a\n. */
export function isHdf5(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && HDF5_MAGIC.every((b, i) => bytes[i] === b);
}

/** Opens an HDF5 file held in `bytes` (superblock at byte 0, as h5py and Keras write it). */
export function openHdf5(bytes: Uint8Array, source: string): Hdf5Group {
  if (!isHdf5(bytes)) throw inputError(source, "byte 0", "not an HDF5 file", "the signature \\x89HDF\\r\\n\\x1a\\n", "E_MAGIC");
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (new Uint8Array(bytes).buffer as ArrayBuffer); // a copy (a Buffer's slice() would be a view)
  const { File } = loadJsfive();
  const file = guard(source, "superblock", () => new File(buffer, source), bytes.length);
  return group(file, "/", source, bytes);
}

/** Runs `read`; anything it throws becomes an InputError at `place` (`size`: the file's, for a read past its end). */
function guard<T>(source: string, place: string, read: () => T, size?: number): T {
  try {
    return read();
  } catch (cause) {
    const text = cause instanceof Error ? cause.message : String(cause);
    const what = cause instanceof RangeError && /outside the bounds/.test(text)
      ? `cannot be read: it points past the end of the ${size === undefined ? "" : `${size}-byte `}file (truncated or corrupt)`
      : `cannot be read (${text.length > 120 ? `${text.slice(0, 120)}...` : text})`;
    throw inputError(source, place, what,
      "an intact HDF5 file as h5py writes it (contiguous or chunked storage, gzip/shuffle filters)", "E_HDF5", cause);
  }
}

/** How messages name an object: dataset 'layer1/relu', group 'layer1', the root group. */
function placeOf(kind: "dataset" | "group" | "object", path: string): string {
  return path === "/" ? "the root group" : `${kind} '${path.slice(1)}'`;
}

function group(g: Group, path: string, source: string, bytes: Uint8Array): Hdf5Group {
  const place = placeOf("group", path);
  const size = bytes.length;
  return {
    kind: "group",
    path,
    names: () => guard(source, place, () => [...g.keys], size),
    get: (name) => {
      const child = `${path === "/" ? "" : path}/${name.replace(/^\/+/, "")}`;
      const found = guard(source, placeOf("object", child), () => {
        try {
          return g.get(name);
        } catch (error) {
          // jsfive throws the string "<name> not found in group" for a missing member
          if (typeof error === "string" && error.endsWith(" not found in group")) return null;
          throw error;
        }
      }, size);
      if (found instanceof loadJsfive().Dataset) return dataset(found, child, source, bytes);
      if (found instanceof loadJsfive().Group) return group(found, child, source, bytes);
      return undefined;
    },
    attrs: () => cleanAttrs(guard(source, `${place} attributes`, () => g.attrs, size)),
  };
}

function dataset(d: Dataset, path: string, source: string, bytes: Uint8Array): Hdf5Dataset {
  const place = placeOf("dataset", path);
  const size = bytes.length;
  const shape = guard(source, place, () => d.shape, size);
  const rawDtype = guard(source, place, () => d.dtype, size);
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw inputError(source, place, `shape ${String(shape)} is not a list of sizes`, "a shape of non-negative integers", "E_HDF5");
  }
  // jsfive spells numeric types as numpy does ("<f4") and others as a list (["VLEN_STRING", ...])
  const dtype = typeof rawDtype === "string" ? rawDtype : Array.isArray(rawDtype) ? String(rawDtype[0]) : "of an unknown kind";
  return {
    kind: "dataset",
    path,
    shape,
    dtype,
    dataOffset: contiguousOffset(d, bytes),
    attrs: () => cleanAttrs(guard(source, `${place} attributes`, () => d.attrs, size)),
    read: () => readDataset(d, place, shape, dtype, source, bytes),
  };
}

function readDataset(d: Dataset, place: string, shape: readonly number[], dtype: string, source: string, bytes: Uint8Array): Tensor {
  const size = bytes.length;
  const m = NUMERIC.exec(dtype);
  if (!m || (m[1] === "f" && m[2] === "1")) {
    throw inputError(source, place, `dtype ${dtype} is not supported`, "a numeric dataset: f2, f4, f8, i1-i8 or u1-u8", "E_DTYPE");
  }
  const itemSize = Number(m[2]);
  const count = shape.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(count * itemSize) || count * itemSize > size * MAX_EXPANSION + 1e6) {
    throw inputError(source, place, `shape [${shape.join(", ")}] of ${dtype} needs ${count * itemSize} bytes from a ${size}-byte file`, "a shape the file can hold", "E_HDF5");
  }
  // contiguous data is decoded straight from the bytes (~100x faster than jsfive's element-by-element read)
  const offset = contiguousOffset(d, bytes);
  if (offset !== undefined && offset + count * itemSize <= size) {
    const kind = m[1] as "f" | "i" | "u";
    return { shape: [...shape], data: decodeElements(bytes, offset, count, { kind, size: itemSize, littleEndian: !dtype.startsWith(">") }), dtype };
  }
  const values = guard(source, place, () => d.value, size);
  if (!Array.isArray(values) || values.length !== count) {
    throw inputError(source, place, `holds ${Array.isArray(values) ? values.length : 0} values but shape [${shape.join(", ")}] needs ${count}`, `${count} values`, "E_HDF5");
  }
  const fill = guard(source, place, () => d.fillvalue, size);
  const data = m[1] === "f" && itemSize <= 4 ? new Float32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = values[i];
    // chunks never written read as the fill value, as h5py reads them
    data[i] = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : typeof fill === "number" ? fill : 0;
  }
  return { shape: [...shape], data, dtype };
}

/** What open-hdf5 uses of jsfive 0.4.2's private DataObjects (test/io/read-hdf5.test.ts fails if it changes). */
interface DataObjects {
  find_msg_type(type: number): { get(field: string): unknown }[];
  _get_data_message_properties(offset: unknown): unknown[];
}
const DATA_STORAGE_MSG_TYPE = 0x0008;
const FILTER_PIPELINE_MSG_TYPE = 0x000b;

/**
 * The file offset of a contiguous dataset's values, read through jsfive's private API (the
 * data layout message: layout class 1, then the address); undefined for chunked or compact data,
 * an undefined address, or anything unexpected (then jsfive's public `value` reads it).
 */
function contiguousOffset(d: Dataset, bytes: Uint8Array): number | undefined {
  try {
    const o = (d as unknown as { _dataobjects?: DataObjects })._dataobjects;
    if (!o || o.find_msg_type(FILTER_PIPELINE_MSG_TYPE).length > 0) return undefined;
    const message = o.find_msg_type(DATA_STORAGE_MSG_TYPE)[0]?.get("offset_to_message");
    const [, , layoutClass, propertyOffset] = o._get_data_message_properties(message);
    if (layoutClass !== 1 || typeof propertyOffset !== "number" || propertyOffset + 8 > bytes.length) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const high = view.getUint32(propertyOffset + 4, true);
    const offset = high * 2 ** 32 + view.getUint32(propertyOffset, true);
    return high >= 2 ** 21 ? undefined : offset; // beyond 2^53, or the undefined address 0xFFFF...
  } catch {
    return undefined;
  }
}

/** Fixed-length strings come back padded with NULs ("dense\0\0"): strip them, in arrays too. */
function cleanAttrs(attrs: Record<string, unknown>): Record<string, unknown> {
  const clean = (v: unknown): unknown => (typeof v === "string" ? v.replace(/\0+$/, "") : Array.isArray(v) ? v.map(clean) : v);
  return Object.fromEntries(Object.entries(attrs ?? {}).map(([k, v]) => [k, clean(v)]));
}
